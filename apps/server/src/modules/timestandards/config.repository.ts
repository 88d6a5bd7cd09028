import type { Executor } from '../../db/database.ts';
import type { BusinessCalendarsTable, TimePoliciesTable, TimePolicyVersionsTable } from '../../db/schema.ts';

/** Queries of the time-standards configuration pages: calendars and policies as people edit them. */

/* ------------------------------------------------------------------ calendars */

export type CalendarRow = BusinessCalendarsTable & { policy_count: number };

/** Calendars with the number of policies naming each, by name; `id` narrows to one. */
export async function listCalendars(db: Executor, orgId: string, id?: string): Promise<CalendarRow[]> {
  let query = db
    .selectFrom('business_calendars')
    .selectAll('business_calendars')
    .select((eb) =>
      eb
        .selectFrom('time_policies')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('time_policies.calendar_id', '=', 'business_calendars.id')
        .as('policy_count'),
    )
    .where('business_calendars.org_id', '=', orgId);
  if (id !== undefined) query = query.where('business_calendars.id', '=', id);
  const rows = await query
    .orderBy('business_calendars.created_at')
    .orderBy('business_calendars.id')
    .execute();
  return rows.map((r) => ({ ...r, policy_count: Number(r.policy_count ?? 0) }));
}

export async function insertCalendar(db: Executor, row: BusinessCalendarsTable): Promise<void> {
  await db.insertInto('business_calendars').values(row).execute();
}

/** Writes a change only when the stored version is still `version`; false when someone was first. */
export async function updateCalendarVersioned(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
  changes: Partial<Omit<BusinessCalendarsTable, 'id' | 'org_id' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('business_calendars')
    .set({ ...changes, version: version + 1 })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Policies that name a calendar (active ones first, by name). */
export async function policiesOfCalendar(
  db: Executor,
  orgId: string,
  calendarId: string,
): Promise<TimePoliciesTable[]> {
  return db
    .selectFrom('time_policies')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('calendar_id', '=', calendarId)
    .orderBy('active', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/* ------------------------------------------------------------------ policies */

export type PolicyRow = TimePoliciesTable & {
  category_name: string | null;
  project_name: string | null;
  calendar_name: string;
  open_records: number;
};

/**
 * Policies with the names of what they match and their calendar, and how many records have a
 * clock of theirs still running; `id` narrows to one.
 */
export async function listPolicies(db: Executor, orgId: string, id?: string): Promise<PolicyRow[]> {
  let query = db
    .selectFrom('time_policies')
    .innerJoin('business_calendars', 'business_calendars.id', 'time_policies.calendar_id')
    .leftJoin('ticket_categories', 'ticket_categories.id', 'time_policies.category_id')
    .leftJoin('projects', 'projects.id', 'time_policies.project_id')
    .selectAll('time_policies')
    .select([
      'business_calendars.name as calendar_name',
      'ticket_categories.name as category_name',
      'projects.name as project_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('ticket_clocks')
        .select((sub) => sub.fn.count<number>('ticket_clocks.ticket_id').distinct().as('n'))
        .whereRef('ticket_clocks.policy_id', '=', 'time_policies.id')
        .where('ticket_clocks.org_id', '=', orgId)
        .where('ticket_clocks.outcome', '=', 'running')
        .as('open_records'),
    )
    .where('time_policies.org_id', '=', orgId);
  if (id !== undefined) query = query.where('time_policies.id', '=', id);
  const rows = await query.orderBy('time_policies.id').execute();
  return rows.map((r) => ({ ...r, open_records: Number(r.open_records ?? 0) }));
}

export async function findPolicyByMatchKey(
  db: Executor,
  orgId: string,
  matchKey: string,
): Promise<TimePoliciesTable | undefined> {
  return db
    .selectFrom('time_policies')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('match_key', '=', matchKey)
    .executeTakeFirst();
}

export async function insertPolicy(db: Executor, row: TimePoliciesTable): Promise<void> {
  await db.insertInto('time_policies').values(row).execute();
}

/** Writes a change and the next version only when the stored version is still `version`. */
export async function updatePolicyVersioned(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
  changes: Partial<Pick<TimePoliciesTable, 'name' | 'calendar_id' | 'rules' | 'active'>> &
    Pick<TimePoliciesTable, 'updated_at' | 'updated_by'>,
): Promise<boolean> {
  const result = await db
    .updateTable('time_policies')
    .set({ ...changes, version: version + 1 })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertPolicyVersion(db: Executor, row: TimePolicyVersionsTable): Promise<void> {
  await db.insertInto('time_policy_versions').values(row).execute();
}

/* ------------------------------------------------------------------ what policies refer to */

/** The project's name when it belongs to the organisation. */
export async function projectName(db: Executor, orgId: string, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('projects')
    .select('name')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.name;
}

/** Codes of the organisation's roles: what an escalation rung may notify besides handler and receiver. */
export async function roleCodes(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('roles').select('code').where('org_id', '=', orgId).execute();
  return rows.map((r) => r.code);
}
