import { useEffect, useState } from 'react';

/**
 * Counts how often a dialog has opened. Used as a React key, it gives each opening a fresh form, so
 * a form that preserves its values (its list rows carry values no input shows) never shows what
 * was typed, or loaded, the last time.
 */
export function useOpeningCount(open: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (open) setCount((n) => n + 1);
  }, [open]);
  return count;
}
