import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../config.ts';
import { columnTypes, makeAppendOnly } from '../dialect.ts';
import { seedServiceDesk } from '../seeds/service-desk.ts';

/**
 * The service desk: departments and their people, the category tree, the price list, records
 * (tickets) with their append-only timeline, links, field lines and attachments, and the per-
 * organisation counters that number them.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { timestamp, searchText } = columnTypes(engine);

  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('departments_org_code', ['org_id', 'code'])
    .execute();

  // What dispatch needs to know about a staff member (skills as a JSON array of codes).
  await db.schema
    .createTable('staff_profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_profiles_department')
    .on('staff_profiles')
    .columns(['org_id', 'department_id'])
    .execute();

  // The butler or technician who looks after a building: "building → person" dispatch.
  await db.schema
    .createTable('building_duties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('duty', 'text', (c) => c.notNull())
    .addUniqueConstraint('building_duties_unique', ['building_id', 'user_id', 'duty'])
    .execute();
  await db.schema.createIndex('building_duties_user').on('building_duties').column('user_id').execute();

  await db.schema
    .createTable('duty_shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('starts_at', timestamp, (c) => c.notNull())
    .addColumn('ends_at', timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('duty_shifts_org_time')
    .on('duty_shifts')
    .columns(['org_id', 'ends_at', 'starts_at'])
    .execute();

  await db.schema
    .createTable('ticket_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('parent_id', 'text', (c) => c.references('ticket_categories.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('skill', 'text')
    .addColumn('default_urgency', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('ticket_categories_org_code', ['org_id', 'code'])
    .execute();

  await db.schema
    .createTable('price_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('ticket_categories.id'))
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('price_items_org_code', ['org_id', 'code'])
    .execute();

  // One row per (organisation, sequence): incremented by an atomic upsert inside the creating
  // transaction, so numbers are unique and gap-free per day even under concurrent creation.
  await db.schema
    .createTable('counters')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('counters_pk', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('number', searchText, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull().references('ticket_categories.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
    .addColumn('house_id', 'text', (c) => c.references('houses.id'))
    .addColumn('area_id', 'text', (c) => c.references('areas.id'))
    // The room label or area name, copied so queues need no joins.
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('reporter_name', 'text')
    // Normalised (platform/phone.ts), so a caller's records are found by any notation.
    .addColumn('reporter_phone', searchText)
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('received_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('received_at', timestamp, (c) => c.notNull())
    .addColumn('promised_reply_at', timestamp)
    .addColumn('dispatch_by', timestamp)
    .addColumn('accept_by', timestamp)
    .addColumn('arrive_by', timestamp)
    .addColumn('complete_by', timestamp)
    .addColumn('feedback_by', timestamp)
    .addColumn('next_due_at', timestamp)
    .addColumn('hold_reason', 'text')
    .addColumn('held_from', 'text')
    .addColumn('held_at', timestamp)
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull())
    .addColumn('master_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('parent_incident_id', 'text')
    .addColumn('dispatched_at', timestamp)
    .addColumn('accepted_at', timestamp)
    .addColumn('arrived_at', timestamp)
    .addColumn('completed_at', timestamp)
    .addColumn('completion_note', 'text')
    // JSON: { method, at, rating, comment, signatureAttachmentId }.
    .addColumn('confirmation', 'text')
    .addColumn('closed_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('tickets_org_number', ['org_id', 'number'])
    .execute();
  const ticketIndexes: Record<string, string[]> = {
    tickets_org_status: ['org_id', 'status', 'id'],
    tickets_org_project: ['org_id', 'project_id', 'id'],
    tickets_org_building: ['org_id', 'building_id', 'id'],
    tickets_org_assignee: ['org_id', 'assignee_id', 'status'],
    tickets_org_department: ['org_id', 'department_id', 'status'],
    tickets_org_customer: ['org_id', 'customer_id', 'id'],
    tickets_org_house: ['org_id', 'house_id', 'id'],
    tickets_org_phone: ['org_id', 'reporter_phone'],
    tickets_org_due: ['org_id', 'next_due_at', 'id'],
    tickets_master: ['master_id'],
  };
  for (const [name, columns] of Object.entries(ticketIndexes))
    await db.schema.createIndex(name).on('tickets').columns(columns).execute();

  // Chinese text search: the description's words (jieba), one row per distinct word.
  await db.schema
    .createTable('ticket_terms')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('term', searchText, (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addPrimaryKeyConstraint('ticket_terms_pk', ['org_id', 'term', 'ticket_id'])
    .execute();

  // The timeline: every action, note, reply, dispatch and field event. Append-only.
  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_events_ticket')
    .on('ticket_events')
    .columns(['ticket_id', 'id'])
    .execute();
  await makeAppendOnly(db, engine, 'ticket_events');

  await db.schema
    .createTable('ticket_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('target_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('ticket_links_pair', ['ticket_id', 'target_id'])
    .execute();
  await db.schema.createIndex('ticket_links_target').on('ticket_links').column('target_id').execute();
  await makeAppendOnly(db, engine, 'ticket_links');

  // Charges and materials. A correction is a new row that voids an earlier one.
  await db.schema
    .createTable('ticket_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('price_item_id', 'text', (c) => c.references('price_items.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity_hundredths', 'integer', (c) => c.notNull())
    .addColumn('unit_price_fen', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('voids_line_id', 'text', (c) => c.references('ticket_lines.id'))
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_lines_ticket')
    .on('ticket_lines')
    .columns(['ticket_id', 'id'])
    .execute();
  await makeAppendOnly(db, engine, 'ticket_lines');

  await db.schema
    .createTable('ticket_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('thumb_key', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_attachments_ticket')
    .on('ticket_attachments')
    .columns(['ticket_id', 'id'])
    .execute();
  await makeAppendOnly(db, engine, 'ticket_attachments');

  // The service desk's permissions for the system roles of organisations that already exist.
  const desk = ['tickets.read', 'tickets.create', 'tickets.dispatch', 'tickets.manage'];
  const grants: Record<string, string[]> = {
    admin: [...desk, 'tickets.work', 'servicedesk.configure'],
    manager: [...desk, 'tickets.work', 'servicedesk.configure'],
    supervisor: [...desk, 'tickets.work'],
    agent: desk,
    butler: [...desk, 'tickets.work'],
    technician: ['tickets.read', 'tickets.work'],
    cashier: ['tickets.read'],
  };
  for (const [code, permissions] of Object.entries(grants))
    for (const permission of permissions)
      await sql`INSERT INTO role_permissions (org_id, role_id, permission)
        SELECT org_id, id, ${permission} FROM roles WHERE is_system = 1 AND code = ${code}`.execute(db);

  // Organisations that exist already get the default departments, categories and price list.
  const orgs = await sql<{ id: string }>`SELECT id FROM organizations`.execute(db);
  const now = new Date().toISOString();
  for (const org of orgs.rows) await seedServiceDesk(db, org.id, now);
}
