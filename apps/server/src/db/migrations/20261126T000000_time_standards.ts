import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../config.ts';
import { columnTypes, makeAppendOnly } from '../dialect.ts';
import { seedTimeStandards } from '../seeds/time-standards.ts';

/** When no alarm or clock is pending: a far-future instant, so due-ordered scans read an index in order. */
const NEVER = '9999-12-31T23:59:59.999Z';

/**
 * Time standards (服务时限): business calendars, policies with their version history, the clocks of
 * each record, promises made to customers, and alerts addressed to staff.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { timestamp } = columnTypes(engine);
  const bigint = engine === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('business_calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('always_open', 'integer', (c) => c.notNull())
    // JSON: seven lists of { start, end } (Monday first), and the dated exceptions.
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('days', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('business_calendars_org').on('business_calendars').column('org_id').execute();

  await db.schema
    .createTable('time_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // type|category|urgency|project with '*' for any: one policy per combination, so no ties.
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('category_id', 'text', (c) => c.references('ticket_categories.id'))
    .addColumn('urgency', 'text')
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('business_calendars.id'))
    // JSON: { clocks, promiseMinutes, warnPercent, ladder, repeatMinutes }.
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('time_policies_org_match', ['org_id', 'match_key'])
    .execute();

  // Every version of every policy, so a record's history can name the figures that set its clocks.
  await db.schema
    .createTable('time_policy_versions')
    .addColumn('policy_id', 'text', (c) => c.notNull().references('time_policies.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // JSON: the policy's match, rules, calendar id, and the calendar as it was.
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('time_policy_versions_pk', ['policy_id', 'version'])
    .execute();
  await makeAppendOnly(db, engine, 'time_policy_versions');

  // The clocks of a record: one row per clock and cycle (a reopening starts a new cycle).
  await db.schema
    .createTable('ticket_clocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('time_policies.id'))
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('started_at', timestamp, (c) => c.notNull())
    // The clock's length in working milliseconds of the policy's calendar.
    .addColumn('span_ms', bigint, (c) => c.notNull())
    .addColumn('due_at', timestamp, (c) => c.notNull())
    .addColumn('warn_at', timestamp)
    .addColumn('paused_at', timestamp)
    .addColumn('stopped_at', timestamp)
    // 'running' until stopped; then met, breached or cancelled.
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull())
    // 0 nothing sent, 1 warned, 2 breached (rung 1), 3 rung 2, …; repeats counted apart.
    .addColumn('alarm_stage', 'integer', (c) => c.notNull())
    .addColumn('repeats', 'integer', (c) => c.notNull())
    .addColumn('next_alarm_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('ticket_clocks_ticket_cycle_clock', ['ticket_id', 'cycle', 'clock'])
    .execute();
  await db.schema.createIndex('ticket_clocks_alarm').on('ticket_clocks').columns(['next_alarm_at']).execute();
  await db.schema
    .createIndex('ticket_clocks_policy_open')
    .on('ticket_clocks')
    .columns(['policy_id', 'outcome'])
    .execute();

  await db.schema
    .createTable('ticket_promises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', timestamp, (c) => c.notNull())
    .addColumn('warn_at', timestamp)
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('made_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('made_at', timestamp, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('settled_at', timestamp)
    .addColumn('settled_by', 'text', (c) => c.references('users.id'))
    .addColumn('settle_note', 'text')
    .addColumn('alarm_stage', 'integer', (c) => c.notNull())
    .addColumn('next_alarm_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_promises_ticket')
    .on('ticket_promises')
    .columns(['ticket_id'])
    .execute();
  await db.schema
    .createIndex('ticket_promises_alarm')
    .on('ticket_promises')
    .columns(['next_alarm_at'])
    .execute();
  await db.schema
    .createIndex('ticket_promises_org_due')
    .on('ticket_promises')
    .columns(['org_id', 'due_at'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('due_at', timestamp, (c) => c.notNull())
    // What makes an alert the same alert: sent once per person, whoever sends it and however often.
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('read_at', timestamp)
    .addUniqueConstraint('alerts_user_dedupe', ['user_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('alerts_user').on('alerts').columns(['user_id', 'id']).execute();

  await db.schema
    .alterTable('tickets')
    .addColumn('policy_id', 'text', (c) => c.references('time_policies.id'))
    .execute();
  await db.schema.alterTable('tickets').addColumn('policy_version', 'integer').execute();
  // Where the current cycle's clocks count from: receipt, or the last reopening.
  await db.schema.alterTable('tickets').addColumn('clock_origin_at', timestamp).execute();
  // The running stage clock's start and warning (next_due_at is its deadline).
  await db.schema.alterTable('tickets').addColumn('clock_started_at', timestamp).execute();
  await db.schema.alterTable('tickets').addColumn('next_warn_at', timestamp).execute();
  // The first reply the customer saw (a public note, or their confirmation): stops the feedback clock.
  await db.schema.alterTable('tickets').addColumn('feedback_at', timestamp).execute();
  await sql`UPDATE tickets SET clock_origin_at = received_at, next_warn_at = ${NEVER}`.execute(db);
  await db.schema
    .createIndex('tickets_org_warn')
    .on('tickets')
    .columns(['org_id', 'next_warn_at', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_org_received')
    .on('tickets')
    .columns(['org_id', 'received_at', 'id'])
    .execute();

  // Performance dashboards for those who lead the desk.
  for (const code of ['admin', 'manager', 'supervisor'])
    await sql`INSERT INTO role_permissions (org_id, role_id, permission)
      SELECT org_id, id, ${'kpi.view'} FROM roles WHERE is_system = 1 AND code = ${code}`.execute(db);

  const orgs = await sql<{ id: string }>`SELECT id FROM organizations`.execute(db);
  const now = new Date().toISOString();
  for (const org of orgs.rows) await seedTimeStandards(db, org.id, now);
}
