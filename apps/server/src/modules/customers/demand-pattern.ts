import type { DemandPattern } from '@steward/contracts/catalogues';

/**
 * How many of a customer's own records, over the last year, fall into each kind of demand:
 * - service: asking for something to be done (repairs, help, special services, inquiries);
 * - opinion: complaints, suggestions and criticism;
 * - fee: questions, disputes and reminders about charges and arrears.
 * Sources add to these counts: the contact log and service records (tickets call
 * `refreshDemandPattern` when one is registered); bills when that module lands.
 */
export interface DemandCounts {
  service: number;
  opinion: number;
  fee: number;
}

/** Fewer records than this say nothing about a person yet. */
export const MIN_RECORDS = 3;
/** The leading kind must make up at least this share of the records. */
export const MIN_SHARE = 0.5;

/**
 * The demand pattern (需求类型) of SPEC §2: the kind that makes up at least half of at least three
 * records. Ties go to opinion, then fee, then service: a customer who criticises as often as they
 * ask for repairs is better served as a critic (be direct, do not over-promise).
 */
export function demandPattern(counts: DemandCounts): DemandPattern | null {
  const total = counts.service + counts.opinion + counts.fee;
  if (total < MIN_RECORDS) return null;
  const order: DemandPattern[] = ['opinion', 'fee', 'service'];
  const leader = order.reduce((best, kind) => (counts[kind] > counts[best] ? kind : best), order[0]!);
  return counts[leader] / total >= MIN_SHARE ? leader : null;
}
