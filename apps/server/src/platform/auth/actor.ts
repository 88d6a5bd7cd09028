import type { Scope } from './scope.ts';

/** Who is calling: a signed-in staff user or an integration acting through an API token. */
export interface Actor {
  kind: 'user' | 'token';
  userId: string;
  orgId: string;
  orgName: string;
  username: string;
  displayName: string;
  /** The sign-in before the current one (shown to users so they can spot one that was not theirs). */
  lastLoginAt: string | null;
  roles: readonly string[];
  roleNames: Readonly<Record<string, string>>;
  permissions: ReadonlySet<string>;
  scope: Scope;
  mustChangePassword: boolean;
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const SYSTEM_META: RequestMeta = { ip: null, userAgent: null, requestId: null };
