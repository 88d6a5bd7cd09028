import { useEffect, useState } from 'react';

/** The value, once it has stopped changing for `delay` ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * A search box that searches as people type (after a pause) and at once on Enter: `text` is what
 * the box shows, `q` the trimmed text the list asks for.
 */
export function useSearchText(delay = 250) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), delay);
    return () => clearTimeout(timer);
  }, [text, delay]);
  return { text, setText, q, commit: () => setQ(text.trim()) };
}
