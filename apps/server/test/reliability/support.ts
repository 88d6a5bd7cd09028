import fs from 'node:fs';
import path from 'node:path';

/**
 * The reliability suite runs short inside `npm test` (and so in CI) and in full with
 * `npm run test:reliability` (STEWARD_RELIABILITY=full). Each suite picks its sizes from here.
 */
export const FULL = process.env.STEWARD_RELIABILITY === 'full';

/** Either the short or the full figure. */
export function size<T>(short: T, full: T): T {
  return FULL ? full : short;
}

const REPORT = path.resolve(import.meta.dirname, '../../../../.tmp/reliability.txt');

/**
 * Prints one line of what a suite tried and found (counts, never timings asserted) and keeps it in
 * `.tmp/reliability.txt`, so a run leaves a readable summary beside the test output.
 */
export function report(suite: string, line: string): void {
  const text = `[reliability${FULL ? '' : ' short'}] ${suite}: ${line}`;
  console.log(text);
  fs.mkdirSync(path.dirname(REPORT), { recursive: true });
  fs.appendFileSync(REPORT, `${new Date().toISOString()} ${text}\n`);
}
