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
  { code: 'tickets.read', group: 'service' },
  { code: 'tickets.create', group: 'service' },
  { code: 'tickets.dispatch', group: 'service' },
  { code: 'tickets.work', group: 'service' },
  { code: 'tickets.manage', group: 'service' },
  { code: 'servicedesk.configure', group: 'service' },
  { code: 'kpi.view', group: 'service' },
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

/** Registering, routing and following up records at the front desk. */
const DESK_WORK: readonly Permission[] = [
  'tickets.read',
  'tickets.create',
  'tickets.dispatch',
  'tickets.manage',
];

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
    ...DESK_WORK,
    'tickets.work',
    'servicedesk.configure',
    'kpi.view',
    'users.read',
    'audit.read',
  ],
  supervisor: [
    'dashboard.view',
    'projects.read',
    'customers.read',
    'customers.reveal',
    ...DESK_WORK,
    'tickets.work',
    'kpi.view',
    'users.read',
  ],
  agent: ['dashboard.view', 'projects.read', ...CUSTOMER_WORK, ...DESK_WORK],
  butler: [
    'dashboard.view',
    'projects.read',
    ...CUSTOMER_WORK,
    'archive.export',
    ...DESK_WORK,
    'tickets.work',
  ],
  technician: ['dashboard.view', 'projects.read', 'tickets.read', 'tickets.work'],
  cashier: ['dashboard.view', 'projects.read', 'customers.read', 'tickets.read'],
};

/** Roles whose holders usually see a whole organisation; others are scoped to projects/buildings. */
export const ORG_WIDE_ROLES: readonly SystemRole[] = ['admin', 'manager'];
