import type { DataScope } from '@steward/contracts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canAccessBuilding, type Scope } from '../../platform/auth/scope.ts';
import { accessError } from './access.errors.ts';

/** Nobody hands out more than they hold: every permission granted must be one the actor has. */
export function assertCanGrant(actor: Pick<Actor, 'permissions'>, permissions: Iterable<string>): void {
  const missing = [...new Set(permissions)].filter((p) => !actor.permissions.has(p)).sort();
  if (missing.length)
    throw accessError('ESCALATION_FORBIDDEN', { permissions: missing }, { permissions: missing.join(', ') });
}

type ScopeRow = { projectId: string; buildingId: string | null };

/**
 * Parts of `requested` outside the actor's own scope: nobody hands out, or manages someone with,
 * more of the organisation than they can see. 'all' stands for an organisation-wide scope.
 */
export function scopeBeyond(actor: Scope, requested: DataScope): string[] {
  if (actor.all) return [];
  if (requested.all) return ['all'];
  const beyond: string[] = [];
  for (const p of requested.projects) {
    const held = actor.projects.get(p.projectId);
    if (held === undefined) beyond.push(p.projectId);
    else if (held !== 'all' && p.buildingIds.length === 0) beyond.push(p.projectId);
    else for (const b of p.buildingIds) if (!canAccessBuilding(actor, p.projectId, b)) beyond.push(b);
  }
  return beyond;
}

export function assertScopeWithin(actor: Pick<Actor, 'scope'>, ...scopes: DataScope[]): void {
  const beyond = [...new Set(scopes.flatMap((s) => scopeBeyond(actor.scope, s)))];
  if (beyond.length)
    throw accessError('SCOPE_ESCALATION_FORBIDDEN', { ids: beyond }, { ids: beyond.join(', ') });
}

/** The scope as rows: one per whole project, or one per building of a partly covered project. */
export function scopeRows(scope: DataScope): ScopeRow[] {
  if (scope.all) return [];
  return scope.projects.flatMap((p): ScopeRow[] =>
    p.buildingIds.length === 0
      ? [{ projectId: p.projectId, buildingId: null }]
      : p.buildingIds.map((b) => ({ projectId: p.projectId, buildingId: b })),
  );
}

/** Ids in the scope that are unknown in the organisation or do not belong to their project. */
export function invalidScopeIds(
  scope: DataScope,
  known: { projects: ReadonlySet<string>; buildings: ReadonlyMap<string, string> },
): string[] {
  if (scope.all) return [];
  const bad: string[] = [];
  const seen = new Set<string>();
  for (const p of scope.projects) {
    if (!known.projects.has(p.projectId) || seen.has(p.projectId)) bad.push(p.projectId);
    seen.add(p.projectId);
    for (const b of p.buildingIds) if (known.buildings.get(b) !== p.projectId) bad.push(b);
  }
  return bad;
}
