import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../config.ts';
import { columnTypes, makeAppendOnly } from '../dialect.ts';

/** The property registry below buildings, customers and their relations, tags, ID copies, contacts. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { timestamp, searchText } = columnTypes(engine);

  // The fingerprint of the key personal data is encrypted with; the key itself lives outside.
  await db.schema
    .createTable('key_checks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('units_building_code', ['building_id', 'code'])
    .execute();

  await db.schema
    .createTable('houses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('room_no', searchText, (c) => c.notNull())
    .addColumn('room_label', searchText, (c) => c.notNull())
    // The room label with its numbers padded: lists sort 2-1-101 before 2-1-1001 and 10-1-101.
    .addColumn('sort_key', searchText, (c) => c.notNull())
    .addColumn('floor', 'integer')
    // m² × 100: areas are quoted to 0.01 m² and must add up exactly (fees are charged on them).
    .addColumn('area_hundredths', 'integer')
    .addColumn('use', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('houses_project_label', ['project_id', 'room_label'])
    .execute();
  await db.schema.createIndex('houses_org_label').on('houses').columns(['org_id', 'room_label']).execute();
  await db.schema.createIndex('houses_org_room').on('houses').columns(['org_id', 'room_no']).execute();
  await db.schema
    .createIndex('houses_building')
    .on('houses')
    .columns(['building_id', 'room_label'])
    .execute();

  await db.schema
    .createTable('areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('areas_project_code', ['project_id', 'code'])
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', searchText, (c) => c.notNull())
    .addColumn('id_type', 'text')
    // AES-256-GCM ciphertext; the masked form is kept beside it so lists never decrypt.
    .addColumn('id_number_cipher', 'text')
    .addColumn('id_number_masked', 'text')
    // HMAC of the number: finds a customer by ID without decrypting every row.
    .addColumn('id_number_hash', 'text')
    .addColumn('emergency_name', 'text')
    .addColumn('emergency_phone', 'text')
    .addColumn('value_level', 'text', (c) => c.notNull())
    .addColumn('demand_pattern', 'text')
    .addColumn('demand_refreshed_at', timestamp)
    .addColumn('notes', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('customers_org_code', ['org_id', 'code'])
    .execute();
  await db.schema.createIndex('customers_org_name').on('customers').columns(['org_id', 'name']).execute();
  await db.schema
    .createIndex('customers_org_id_hash')
    .on('customers')
    .columns(['org_id', 'id_number_hash'])
    .execute();

  await db.schema
    .createTable('customer_phones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('phone', searchText, (c) => c.notNull())
    // Last four digits: front desks ask for "手机尾号".
    .addColumn('tail', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('customer_phones_customer_phone', ['customer_id', 'phone'])
    .execute();
  await db.schema
    .createIndex('customer_phones_org_phone')
    .on('customer_phones')
    .columns(['org_id', 'phone'])
    .execute();
  await db.schema
    .createIndex('customer_phones_org_tail')
    .on('customer_phones')
    .columns(['org_id', 'tail'])
    .execute();

  await db.schema
    .createTable('customer_houses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('house_id', 'text', (c) => c.notNull().references('houses.id'))
    // Copied from the house so scope filters need no join.
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('building_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('since', 'text')
    .addColumn('until', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('customer_houses_unique', ['customer_id', 'house_id', 'role'])
    .execute();
  await db.schema.createIndex('customer_houses_house').on('customer_houses').column('house_id').execute();
  await db.schema
    .createIndex('customer_houses_scope')
    .on('customer_houses')
    .columns(['org_id', 'building_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('customer_houses_project')
    .on('customer_houses')
    .columns(['org_id', 'project_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('tags_org_name', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('customer_tags')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id'))
    .addPrimaryKeyConstraint('customer_tags_pk', ['customer_id', 'tag_id'])
    .execute();
  await db.schema
    .createIndex('customer_tags_tag')
    .on('customer_tags')
    .columns(['tag_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('customer_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('stamp_text', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('customer_documents_customer')
    .on('customer_documents')
    .column('customer_id')
    .execute();

  // What staff learned talking to a customer; one of the sources of the demand pattern.
  await db.schema
    .createTable('customer_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('at', timestamp, (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('staff_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('customer_contacts_customer')
    .on('customer_contacts')
    .columns(['customer_id', 'at'])
    .execute();
  await makeAppendOnly(db, engine, 'customer_contacts');

  // The archive's permissions for the system roles of organisations that already exist.
  const grants: Record<string, string[]> = {
    admin: ['customers.read', 'customers.manage', 'customers.reveal', 'archive.import', 'archive.export'],
    manager: ['customers.read', 'customers.manage', 'customers.reveal', 'archive.import', 'archive.export'],
    supervisor: ['customers.read', 'customers.reveal'],
    agent: ['customers.read', 'customers.manage', 'customers.reveal'],
    butler: ['customers.read', 'customers.manage', 'customers.reveal', 'archive.export'],
    cashier: ['customers.read'],
  };
  for (const [code, permissions] of Object.entries(grants))
    for (const permission of permissions)
      await sql`INSERT INTO role_permissions (org_id, role_id, permission)
        SELECT org_id, id, ${permission} FROM roles WHERE is_system = 1 AND code = ${code}`.execute(db);
}
