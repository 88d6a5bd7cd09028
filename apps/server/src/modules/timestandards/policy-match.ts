import type { LadderStep, PolicyClocks } from '@steward/contracts';
import type { TicketType, Urgency } from '@steward/contracts/catalogues';

/** A policy's figures, as stored in `time_policies.rules`. */
export interface PolicyRules {
  clocks: PolicyClocks;
  promiseMinutes: number | null;
  warnPercent: number | null;
  ladder: LadderStep[];
  repeatMinutes: number | null;
}

export interface PolicyCandidate {
  id: string;
  type: TicketType | null;
  categoryId: string | null;
  urgency: Urgency | null;
  projectId: string | null;
}

export interface RecordTraits {
  type: TicketType;
  /** The record's category first, then its parents up to the top. */
  categoryChain: readonly string[];
  urgency: Urgency;
  projectId: string;
}

/**
 * Which policy governs a record: among the active policies whose every named trait matches
 * (a category matches itself and its subcategories), the most specific, compared trait by trait in
 * this order —
 *   1. urgency named (an emergency is an emergency whatever else is true);
 *   2. category named, the nearer to the record's own category the better;
 *   3. type named;
 *   4. project named.
 * A policy's four traits are unique within the organisation, so two candidates never tie.
 */
export function choosePolicy<P extends PolicyCandidate>(policies: readonly P[], r: RecordTraits): P | null {
  let best: { policy: P; score: number[] } | null = null;
  for (const p of policies) {
    if (p.type !== null && p.type !== r.type) continue;
    if (p.urgency !== null && p.urgency !== r.urgency) continue;
    if (p.projectId !== null && p.projectId !== r.projectId) continue;
    let categoryScore = 0;
    if (p.categoryId !== null) {
      const depth = r.categoryChain.indexOf(p.categoryId);
      if (depth < 0) continue;
      // The record's own category scores highest, its top-level ancestor lowest (but above none).
      categoryScore = r.categoryChain.length - depth;
    }
    const score = [p.urgency ? 1 : 0, categoryScore, p.type ? 1 : 0, p.projectId ? 1 : 0];
    if (!best || compare(score, best.score) > 0) best = { policy: p, score };
  }
  return best?.policy ?? null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
