/**
 * The permission catalogue. A role is a set of these; the server checks them on every route
 * and the console uses the same list to build its menu. A module that adds a capability adds its
 * permissions here, to the defaults below, and grants them to existing system roles in a migration.
 */
export const PERMISSIONS = [
  { code: 'dashboard.view', group: 'general' },
  { code: 'projects.read', group: 'property' },
  { code: 'projects.manage', group: 'property' },
  { code: 'customers.read', group: 'customers' },
  { code: 'customers.manage', group: 'customers' },
  { code: 'customers.reveal', group: 'customers' },
  { code: 'archive.import', group: 'customers' },
  { code: 'archive.export', group: 'customers' },
  { code: 'users.read', group: 'admin' },
  { code: 'users.manage', group: 'admin' },
  { code: 'roles.manage', group: 'admin' },
  { code: 'tokens.manage', group: 'admin' },
  { code: 'audit.read', group: 'admin' },
  { code: 'org.manage', group: 'admin' },
] as const;

export type Permission = (typeof PERMISSIONS)[number]['code'];
export const PERMISSION_CODES: readonly Permission[] = PERMISSIONS.map((p) => p.code);

export const SYSTEM_ROLES = [
  'admin',
  'manager',
  'supervisor',
  'agent',
  'butler',
  'technician',
  'cashier',
] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];

/** Looking customers up, keeping their records, and seeing their full phone/ID when needed (audited). */
const CUSTOMER_WORK: readonly Permission[] = ['customers.read', 'customers.manage', 'customers.reveal'];

/** What each system role starts with. `admin` always holds every permission and cannot be edited. */
export const DEFAULT_ROLE_PERMISSIONS: Record<SystemRole, readonly Permission[]> = {
  admin: PERMISSION_CODES,
  manager: [
    'dashboard.view',
    'projects.read',
    'projects.manage',
    ...CUSTOMER_WORK,
    'archive.import',
    'archive.export',
    'users.read',
    'audit.read',
  ],
  supervisor: ['dashboard.view', 'projects.read', 'customers.read', 'customers.reveal', 'users.read'],
  agent: ['dashboard.view', 'projects.read', ...CUSTOMER_WORK],
  butler: ['dashboard.view', 'projects.read', ...CUSTOMER_WORK, 'archive.export'],
  technician: ['dashboard.view', 'projects.read'],
  cashier: ['dashboard.view', 'projects.read', 'customers.read'],
};

/** Roles whose holders usually see a whole organisation; others are scoped to projects/buildings. */
export const ORG_WIDE_ROLES: readonly SystemRole[] = ['admin', 'manager'];
