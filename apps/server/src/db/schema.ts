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
  AttachmentStage,
  AlertKind,
  ClockKind,
  ClockOutcome,
  PromiseKind,
  PromiseStatus,
  BuildingDuty,
  Channel,
  DepartmentKind,
  HoldReason,
  LineKind,
  LinkKind,
  Skill,
  TicketStatus,
  TicketType,
  TimelineKind,
  TimelineVisibility,
  Urgency,
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

export interface DepartmentsTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  kind: DepartmentKind;
  active: number;
  created_at: string;
}

export interface StaffProfilesTable {
  user_id: string;
  org_id: string;
  department_id: string | null;
  /** JSON array of skill codes */
  skills: string;
  updated_at: string;
}

export interface BuildingDutiesTable {
  id: string;
  org_id: string;
  project_id: string;
  building_id: string;
  user_id: string;
  duty: BuildingDuty;
}

export interface DutyShiftsTable {
  id: string;
  org_id: string;
  user_id: string;
  starts_at: string;
  ends_at: string;
  created_by: string;
  created_at: string;
}

export interface TicketCategoriesTable {
  id: string;
  org_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string | null;
  department_id: string | null;
  skill: Skill | null;
  default_urgency: Urgency;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface PriceItemsTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  unit: string;
  price_fen: number;
  category_id: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CountersTable {
  org_id: string;
  name: string;
  value: number;
}

export interface TicketsTable {
  id: string;
  org_id: string;
  number: string;
  type: TicketType;
  channel: Channel;
  urgency: Urgency;
  status: TicketStatus;
  category_id: string;
  project_id: string;
  building_id: string | null;
  house_id: string | null;
  area_id: string | null;
  location: string;
  customer_id: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  description: string;
  department_id: string | null;
  assignee_id: string | null;
  received_by: string;
  received_at: string;
  promised_reply_at: string | null;
  dispatch_by: string | null;
  accept_by: string | null;
  arrive_by: string | null;
  complete_by: string | null;
  feedback_by: string | null;
  next_due_at: string | null;
  hold_reason: HoldReason | null;
  held_from: TicketStatus | null;
  held_at: string | null;
  reopen_count: number;
  escalation_level: number;
  master_id: string | null;
  parent_incident_id: string | null;
  dispatched_at: string | null;
  accepted_at: string | null;
  arrived_at: string | null;
  completed_at: string | null;
  completion_note: string | null;
  /** JSON { method, at, rating, comment, signatureAttachmentId } */
  confirmation: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** The time-standard policy (and its version) that set the current clocks; null before policies. */
  policy_id: string | null;
  policy_version: number | null;
  clock_origin_at: string | null;
  clock_started_at: string | null;
  /** The running stage clock's warning instant; a far-future sentinel when none. */
  next_warn_at: string | null;
  feedback_at: string | null;
}

export interface BusinessCalendarsTable {
  id: string;
  org_id: string;
  name: string;
  always_open: number;
  /** JSON: seven lists of { start, end }, Monday first */
  week: string;
  /** JSON: [{ date, kind, name, hours? }] */
  days: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TimePoliciesTable {
  id: string;
  org_id: string;
  name: string;
  match_key: string;
  type: TicketType | null;
  category_id: string | null;
  urgency: Urgency | null;
  project_id: string | null;
  calendar_id: string;
  /** JSON: { clocks, promiseMinutes, warnPercent, ladder, repeatMinutes } */
  rules: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface TimePolicyVersionsTable {
  policy_id: string;
  version: number;
  /** JSON: the policy as it was, with its calendar */
  snapshot: string;
  created_at: string;
  created_by: string | null;
}

export interface TicketClocksTable {
  id: string;
  org_id: string;
  ticket_id: string;
  cycle: number;
  clock: ClockKind;
  policy_id: string;
  policy_version: number;
  started_at: string;
  /** Working milliseconds (bigint on PostgreSQL: read as a string there) */
  span_ms: number | string;
  due_at: string;
  warn_at: string | null;
  paused_at: string | null;
  stopped_at: string | null;
  outcome: ClockOutcome;
  escalation_level: number;
  alarm_stage: number;
  repeats: number;
  next_alarm_at: string;
  updated_at: string;
}

export interface TicketPromisesTable {
  id: string;
  org_id: string;
  ticket_id: string;
  kind: PromiseKind;
  due_at: string;
  warn_at: string | null;
  owner_id: string;
  made_by: string;
  made_at: string;
  note: string | null;
  status: PromiseStatus;
  settled_at: string | null;
  settled_by: string | null;
  settle_note: string | null;
  alarm_stage: number;
  next_alarm_at: string;
}

export interface AlertsTable {
  id: string;
  org_id: string;
  user_id: string;
  kind: AlertKind;
  clock: string;
  level: number;
  ticket_id: string;
  due_at: string;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface TicketTermsTable {
  org_id: string;
  term: string;
  ticket_id: string;
}

export interface TicketEventsTable {
  id: string;
  org_id: string;
  ticket_id: string;
  kind: TimelineKind;
  visibility: TimelineVisibility;
  actor_kind: 'staff' | 'resident' | 'system';
  actor_id: string | null;
  actor_name: string;
  body: string | null;
  /** JSON object */
  data: string;
  created_at: string;
}

export interface TicketLinksTable {
  id: string;
  org_id: string;
  ticket_id: string;
  target_id: string;
  kind: LinkKind;
  created_by: string;
  created_at: string;
}

export interface TicketLinesTable {
  id: string;
  org_id: string;
  ticket_id: string;
  kind: LineKind;
  price_item_id: string | null;
  name: string;
  unit: string;
  quantity_hundredths: number;
  unit_price_fen: number;
  amount_fen: number;
  voids_line_id: string | null;
  reason: string | null;
  created_by: string;
  created_by_name: string;
  created_at: string;
}

export interface TicketAttachmentsTable {
  id: string;
  org_id: string;
  ticket_id: string;
  stage: AttachmentStage;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  file_key: string;
  thumb_key: string | null;
  created_by: string | null;
  created_by_name: string;
  created_at: string;
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
  departments: DepartmentsTable;
  staff_profiles: StaffProfilesTable;
  building_duties: BuildingDutiesTable;
  duty_shifts: DutyShiftsTable;
  ticket_categories: TicketCategoriesTable;
  price_items: PriceItemsTable;
  counters: CountersTable;
  tickets: TicketsTable;
  ticket_terms: TicketTermsTable;
  ticket_events: TicketEventsTable;
  ticket_links: TicketLinksTable;
  ticket_lines: TicketLinesTable;
  ticket_attachments: TicketAttachmentsTable;
  business_calendars: BusinessCalendarsTable;
  time_policies: TimePoliciesTable;
  time_policy_versions: TimePolicyVersionsTable;
  ticket_clocks: TicketClocksTable;
  ticket_promises: TicketPromisesTable;
  alerts: AlertsTable;
}
