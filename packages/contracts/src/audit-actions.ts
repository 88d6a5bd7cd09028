/** What the audit log records. Kept free of schema code so the console can import it cheaply. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'org.setup',
  'user.created',
  'user.updated',
  'user.password_reset',
  'user.sessions_revoked',
  'role.created',
  'role.updated',
  'token.created',
  'token.revoked',
  'token.used',
  'data.exported',
  'pii.revealed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
