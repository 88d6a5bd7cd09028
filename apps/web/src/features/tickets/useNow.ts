import { useEffect, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';

/** The current time, refreshed every `everyMs`: default reply times and "overdue" marks move on by themselves. */
export function useNow(everyMs: number): Dayjs {
  const [now, setNow] = useState(() => dayjs());
  useEffect(() => {
    const timer = setInterval(() => setNow(dayjs()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
