import type {
  AreaCategory,
  AreaKind,
  ContactTopic,
  CustomerKind,
  DemandPattern,
  DocumentPurpose,
  HouseState,
  HouseUse,
  IdType,
  PhoneLabel,
  RelationRole,
  ValueLevel,
} from '@steward/contracts/catalogues';

/**
 * Row types as stored. Conventions: ids are UUIDv7 text; timestamps are UTC ISO-8601 strings on
 * both engines (text in SQLite, timestamptz in PostgreSQL read back as ISO); booleans are 0/1
 * integers (SQLite has no boolean); JSON is text. Every domain row carries org_id.
 */
export interface OrganizationsTable {
  id: string;
  name: string;
  time_zone: string;
  created_at: string;
}

export interface InstallationTable {
  id: number;
  org_id: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  phone: string | null;
  email: string | null;
  password_hash: string;
  status: 'active' | 'disabled';
  scope_all: number;
  must_change_password: number;
  last_login_at: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RolesTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  is_system: number;
  created_at: string;
}

export interface RolePermissionsTable {
  org_id: string;
  role_id: string;
  permission: string;
}

export interface UserRolesTable {
  org_id: string;
  user_id: string;
  role_id: string;
}

export interface UserScopesTable {
  id: string;
  org_id: string;
  user_id: string;
  project_id: string;
  /** null = the whole project */
  building_id: string | null;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a stolen database does not yield live sessions */
  id: string;
  org_id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  /** The user's sign-in before this session began, shown as "last sign-in" for its whole life. */
  previous_login_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  org_id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: string;
  org_id: string | null;
  at: string;
  action: string;
  actor_kind: 'user' | 'token' | 'anonymous' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: string;
}

export interface IdempotencyKeysTable {
  org_id: string;
  actor_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

export interface ProjectsTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  type: 'residential' | 'commercial' | 'office' | 'institution';
  address: string | null;
  created_at: string;
  updated_at: string;
}

export interface BuildingsTable {
  id: string;
  org_id: string;
  project_id: string;
  code: string;
  name: string;
  created_at: string;
}

export interface KeyChecksTable {
  name: string;
  fingerprint: string;
  created_at: string;
}

export interface UnitsTable {
  id: string;
  org_id: string;
  project_id: string;
  building_id: string;
  code: string;
  name: string;
  created_at: string;
}

export interface HousesTable {
  id: string;
  org_id: string;
  project_id: string;
  building_id: string;
  unit_id: string | null;
  room_no: string;
  room_label: string;
  sort_key: string;
  floor: number | null;
  area_hundredths: number | null;
  use: HouseUse;
  state: HouseState;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AreasTable {
  id: string;
  org_id: string;
  project_id: string;
  building_id: string | null;
  kind: AreaKind;
  category: AreaCategory;
  code: string;
  name: string;
  location: string | null;
  created_at: string;
  updated_at: string;
}

export interface CustomersTable {
  id: string;
  org_id: string;
  code: string;
  kind: CustomerKind;
  name: string;
  id_type: IdType | null;
  id_number_cipher: string | null;
  id_number_masked: string | null;
  id_number_hash: string | null;
  emergency_name: string | null;
  emergency_phone: string | null;
  value_level: ValueLevel;
  demand_pattern: DemandPattern | null;
  demand_refreshed_at: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CustomerPhonesTable {
  id: string;
  org_id: string;
  customer_id: string;
  phone: string;
  tail: string;
  label: PhoneLabel;
  position: number;
}

export interface CustomerHousesTable {
  id: string;
  org_id: string;
  customer_id: string;
  house_id: string;
  project_id: string;
  building_id: string;
  role: RelationRole;
  since: string | null;
  until: string | null;
  created_at: string;
}

export interface TagsTable {
  id: string;
  org_id: string;
  name: string;
  color: string;
  created_at: string;
}

export interface CustomerTagsTable {
  org_id: string;
  customer_id: string;
  tag_id: string;
}

export interface CustomerDocumentsTable {
  id: string;
  org_id: string;
  customer_id: string;
  purpose: DocumentPurpose;
  stamp_text: string;
  file_key: string;
  mime: string;
  size_bytes: number;
  width: number;
  height: number;
  uploaded_by: string;
  created_at: string;
}

export interface CustomerContactsTable {
  id: string;
  org_id: string;
  customer_id: string;
  at: string;
  channel: string;
  topic: ContactTopic;
  summary: string;
  staff_id: string;
  staff_name: string;
}

export interface DB {
  organizations: OrganizationsTable;
  installation: InstallationTable;
  users: UsersTable;
  roles: RolesTable;
  role_permissions: RolePermissionsTable;
  user_roles: UserRolesTable;
  user_scopes: UserScopesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  projects: ProjectsTable;
  buildings: BuildingsTable;
  key_checks: KeyChecksTable;
  units: UnitsTable;
  houses: HousesTable;
  areas: AreasTable;
  customers: CustomersTable;
  customer_phones: CustomerPhonesTable;
  customer_houses: CustomerHousesTable;
  tags: TagsTable;
  customer_tags: CustomerTagsTable;
  customer_documents: CustomerDocumentsTable;
  customer_contacts: CustomerContactsTable;
}
