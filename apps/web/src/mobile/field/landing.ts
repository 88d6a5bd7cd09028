/** Narrower than a tablet held upright: the console's tables do not fit, the phone pages do. */
const NARROW = '(max-width: 767px)';

/**
 * Where a user starts after signing in: a technician (works jobs, does not register them) on a
 * phone starts at their jobs; everyone else at the console's dashboard.
 */
export function homePath(permissions: readonly string[], narrow: boolean): string {
  return narrow && permissions.includes('tickets.work') && !permissions.includes('tickets.create')
    ? '/m/jobs'
    : '/';
}

export function isNarrowScreen(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(NARROW).matches;
}
