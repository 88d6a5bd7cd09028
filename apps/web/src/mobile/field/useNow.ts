import { useEffect, useState } from 'react';

/** The current time, ticking every `interval` ms, so "time left" on cards stays true while the page is open. */
export function useNow(interval = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), interval);
    return () => window.clearInterval(timer);
  }, [interval]);
  return now;
}
