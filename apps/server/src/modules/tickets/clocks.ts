/**
 * What `tickets.next_due_at` (and `next_warn_at`) store when no clock runs (on hold, closed): a
 * far-future instant rather than NULL, so a queue sorted by deadline reads its index in order on both
 * engines. The deadlines themselves come from the time-standards module.
 */
export { NEVER as NO_DEADLINE } from '../timestandards/timestandards.repository.ts';

/** The business day (YYYYMMDD) in a time zone, for ticket numbers. */
export function localDayStamp(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(at)
    .replaceAll('-', '');
}
