import type { TicketDeadlines } from '@steward/contracts';
import type { Channel, TicketStatus, TicketType, Urgency } from '@steward/contracts/catalogues';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The record's clocks from the handbooks' defaults, counted in calendar time: forwarding within
 * 5 minutes of receipt, an emergency reached within 15 minutes, feedback to the customer the same
 * day (当日反馈). Configurable policies with business calendars replace these figures in the
 * time-standards module; the columns and how queues use them stay.
 */
export function defaultDeadlines(
  input: { urgency: Urgency; receivedAt: Date },
  endOfBusinessDay: (at: Date) => Date,
): TicketDeadlines {
  const at = input.receivedAt.getTime();
  const plus = (ms: number | null) => (ms === null ? null : new Date(at + ms).toISOString());
  const table: Record<Urgency, { accept: number; arrive: number | null; complete: number }> = {
    emergency: { accept: 5 * MINUTE, arrive: 15 * MINUTE, complete: 4 * HOUR },
    general: { accept: 30 * MINUTE, arrive: 2 * HOUR, complete: 24 * HOUR },
    // Paid special services are done by appointment: no arrival clock until one is agreed.
    special: { accept: 2 * HOUR, arrive: null, complete: 72 * HOUR },
  };
  const clock = table[input.urgency];
  return {
    dispatchBy: plus(input.urgency === 'emergency' ? 2 * MINUTE : 5 * MINUTE),
    acceptBy: plus(clock.accept),
    arriveBy: plus(clock.arrive),
    completeBy: plus(clock.complete),
    feedbackBy: endOfBusinessDay(input.receivedAt).toISOString(),
  };
}

/**
 * When the caller is promised a reply: a repair or request for help by phone or in person within
 * 10 minutes (5 for emergencies), anything else by the same-day feedback deadline.
 */
export function defaultPromise(
  input: { type: TicketType; channel: Channel; urgency: Urgency; receivedAt: Date },
  deadlines: TicketDeadlines,
): string | null {
  const at = input.receivedAt.getTime();
  if (input.urgency === 'emergency') return new Date(at + 5 * MINUTE).toISOString();
  const spoken = input.channel === 'phone' || input.channel === 'visit';
  if (spoken && (input.type === 'repair' || input.type === 'help'))
    return new Date(at + 10 * MINUTE).toISOString();
  return deadlines.feedbackBy;
}

/**
 * What `tickets.next_due_at` stores when no clock runs (on hold, closed): a far-future instant
 * rather than NULL, so a queue sorted by deadline reads its index in order on both engines.
 */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/** The stored form of the running deadline. */
export function dueColumn(deadline: string | null): string {
  return deadline ?? NO_DEADLINE;
}

/** The deadline of the clock that runs in a status; none while on hold or closed. */
export function runningDeadline(status: TicketStatus, d: TicketDeadlines): string | null {
  switch (status) {
    case 'received':
      return d.dispatchBy;
    case 'dispatched':
      return d.acceptBy;
    case 'accepted':
      return d.arriveBy ?? d.completeBy;
    case 'arrived':
    case 'in_progress':
      return d.completeBy;
    default:
      return null;
  }
}

/** Time on hold does not count: resuming moves every deadline still ahead at the hold by its length. */
export function shiftForHold(d: TicketDeadlines, heldAt: string, resumedAt: string): TicketDeadlines {
  const paused = new Date(resumedAt).getTime() - new Date(heldAt).getTime();
  const shift = (value: string | null) =>
    value === null || value <= heldAt ? value : new Date(new Date(value).getTime() + paused).toISOString();
  return {
    dispatchBy: shift(d.dispatchBy),
    acceptBy: shift(d.acceptBy),
    arriveBy: shift(d.arriveBy),
    completeBy: shift(d.completeBy),
    feedbackBy: shift(d.feedbackBy),
  };
}

/** The last instant of the local day `at` falls in, for a time zone like Asia/Shanghai. */
export function endOfLocalDay(at: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const sinceMidnight =
    ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + at.getUTCMilliseconds();
  // Days without a DST change are 24 h long; the zones this serves (China) keep no DST.
  return new Date(at.getTime() - sinceMidnight + 24 * HOUR - 1000);
}

/** The business day (YYYYMMDD) in a time zone, for ticket numbers. */
export function localDayStamp(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(at)
    .replaceAll('-', '');
}
