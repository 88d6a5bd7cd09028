import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { lockRows } from '../../db/locks.ts';
import { inPlaces, prefixRange } from '../../db/filters.ts';
import type {
  CustomerContactsTable,
  CustomerDocumentsTable,
  CustomerHousesTable,
  CustomerPhonesTable,
  CustomersTable,
  DB,
  TagsTable,
} from '../../db/schema.ts';
import type { ScopeLists } from '../../platform/auth/scope.ts';
import type { DemandCounts } from './demand-pattern.ts';

type CustomerEb = ExpressionBuilder<DB, 'customers'>;

/** A customer is within a scope when one of their houses is. Customers without houses: org-wide staff only. */
function visibleTo(eb: CustomerEb, scope: ScopeLists): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  if (!scope.projectIds.length && !scope.buildingIds.length) return sql<SqlBool>`1 = 0`;
  return eb.exists(
    eb
      .selectFrom('customer_houses as sch')
      .select(sql`1`.as('one'))
      .whereRef('sch.customer_id', '=', 'customers.id')
      .where((w) =>
        w.or([
          ...(scope.projectIds.length ? [w('sch.project_id', 'in', scope.projectIds)] : []),
          ...(scope.buildingIds.length ? [w('sch.building_id', 'in', scope.buildingIds)] : []),
        ]),
      ),
  );
}

export interface CustomerFilter {
  scope: ScopeLists;
  /** Customers matched by a search, already narrowed (null: no search). */
  ids: string[] | null;
  projectId?: string;
  buildingId?: string;
  houseId?: string;
  kind?: string;
  role?: string;
  propertyType?: string;
  valueLevel?: string;
  demandPattern?: string;
  tagId?: string;
  before?: string;
  limit: number;
}

export async function listCustomers(
  db: Executor,
  orgId: string,
  f: CustomerFilter,
): Promise<CustomersTable[]> {
  if (f.ids && f.ids.length === 0) return [];
  let query = db
    .selectFrom('customers')
    .selectAll('customers')
    .where('customers.org_id', '=', orgId)
    .where((eb) => visibleTo(eb, f.scope));
  if (f.ids) query = query.where('customers.id', 'in', f.ids);
  if (f.kind) query = query.where('customers.kind', '=', f.kind as CustomersTable['kind']);
  if (f.valueLevel)
    query = query.where('customers.value_level', '=', f.valueLevel as CustomersTable['value_level']);
  if (f.demandPattern)
    query = query.where(
      'customers.demand_pattern',
      '=',
      f.demandPattern as NonNullable<CustomersTable['demand_pattern']>,
    );
  if (f.tagId) {
    const tagId = f.tagId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('customer_tags')
          .select(sql`1`.as('one'))
          .whereRef('customer_tags.customer_id', '=', 'customers.id')
          .where('customer_tags.tag_id', '=', tagId),
      ),
    );
  }
  if (f.projectId || f.buildingId || f.houseId || f.role || f.propertyType) {
    query = query.where((eb) => {
      let rel = eb
        .selectFrom('customer_houses as fch')
        .select(sql`1`.as('one'))
        .whereRef('fch.customer_id', '=', 'customers.id');
      if (f.projectId) rel = rel.where('fch.project_id', '=', f.projectId);
      if (f.buildingId) rel = rel.where('fch.building_id', '=', f.buildingId);
      if (f.houseId) rel = rel.where('fch.house_id', '=', f.houseId);
      if (f.role) rel = rel.where('fch.role', '=', f.role as CustomerHousesTable['role']);
      if (f.propertyType) {
        const type = f.propertyType as 'residential';
        rel = rel.where((w) =>
          w.exists(
            w
              .selectFrom('projects as fp')
              .select(sql`1`.as('one'))
              .whereRef('fp.id', '=', 'fch.project_id')
              .where('fp.type', '=', type),
          ),
        );
      }
      return eb.exists(rel);
    });
  }
  if (f.before) query = query.where('customers.id', '<', f.before);
  return query
    .orderBy('customers.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/**
 * Restricts a search to customers the caller may see, before the search's cap applies: a butler
 * looking for "王" must find the 王 of their own buildings, not none of the organisation's first 500.
 */
function customerInScope(customerColumn: string, scope: ScopeLists): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`exists (select 1 from customer_houses sch where sch.customer_id = ${sql.ref(customerColumn)} and ${inPlaces('sch.project_id', 'sch.building_id', scope)})`;
}

/** Customer ids whose phone matches: a whole number exactly, 4 digits as the tail, else as a prefix. */
export async function customerIdsByPhone(
  db: Executor,
  orgId: string,
  scope: ScopeLists,
  digits: string,
  cap: number,
): Promise<string[]> {
  let query = db
    .selectFrom('customer_phones')
    .select('customer_id')
    .where('org_id', '=', orgId)
    .where(customerInScope('customer_phones.customer_id', scope));
  if (digits.length === 4) query = query.where('tail', '=', digits);
  else if (/^1\d{10}$|^0\d{9,11}$/.test(digits)) query = query.where('phone', '=', digits);
  else query = query.where(prefixRange('phone', digits));
  const rows = await query.limit(cap).execute();
  return [...new Set(rows.map((r) => r.customer_id))];
}

export async function customerIdsByName(
  db: Executor,
  orgId: string,
  scope: ScopeLists,
  prefix: string,
  cap: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('customers')
    .select('id')
    .where('org_id', '=', orgId)
    .where(prefixRange('name', prefix))
    .where(customerInScope('customers.id', scope))
    .limit(cap)
    .execute();
  return rows.map((r) => r.id);
}

/** Customers of houses whose room label starts with the text, or whose room number is it exactly. */
export async function customerIdsByRoom(
  db: Executor,
  orgId: string,
  scope: ScopeLists,
  text: string,
  cap: number,
): Promise<string[]> {
  const houses = await db
    .selectFrom('houses')
    .select('id')
    .where('org_id', '=', orgId)
    .where(inPlaces('houses.project_id', 'houses.building_id', scope))
    .where((eb) => eb.or([prefixRange('room_label', text), eb('room_no', '=', text)]))
    .limit(cap)
    .execute();
  if (!houses.length) return [];
  const rows = await db
    .selectFrom('customer_houses')
    .select('customer_id')
    .where(
      'house_id',
      'in',
      houses.map((h) => h.id),
    )
    .limit(cap)
    .execute();
  return [...new Set(rows.map((r) => r.customer_id))];
}

export async function findCustomer(
  db: Executor,
  orgId: string,
  id: string,
  scope: ScopeLists,
): Promise<CustomersTable | undefined> {
  return db
    .selectFrom('customers')
    .selectAll('customers')
    .where('customers.org_id', '=', orgId)
    .where('customers.id', '=', id)
    .where((eb) => visibleTo(eb, scope))
    .executeTakeFirst();
}

export async function customerCodeExists(db: Executor, orgId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The highest generated code (C + 7 digits) so far; generated codes count up from it. Codes typed
 * by people may also start with C ("C9-A", "C2024-001"), so the top few are read and checked here.
 */
export async function lastGeneratedCode(db: Executor, orgId: string): Promise<string | undefined> {
  const rows = await db
    .selectFrom('customers')
    .select('code')
    .where('org_id', '=', orgId)
    .where('code', '>=', 'C0000000')
    .where('code', '<=', 'C9999999')
    .where(sql<SqlBool>`length(code) = 8`)
    .orderBy('code', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => r.code).find((code) => /^C\d{7}$/.test(code));
}

export async function insertCustomer(db: Executor, row: CustomersTable): Promise<void> {
  await db.insertInto('customers').values(row).execute();
}

/**
 * Holds the customer's row until the transaction ends (a no-op write: SQLite has no FOR UPDATE).
 * An edit that replaces the phones or tags takes it first, so two editors queue and the second sees
 * the first's version (409) instead of colliding on the rows the first re-inserted.
 */
export async function lockCustomer(db: Executor, orgId: string, id: string): Promise<void> {
  await lockRows(db, 'customers', orgId, [id]);
}

/** Applies the changes if the row is still at `version`; false when someone else got there first. */
export async function updateCustomer(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
  changes: Partial<CustomersTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('customers')
    .set({ ...changes, version: version + 1 })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setDemandPattern(
  db: Executor,
  id: string,
  pattern: CustomersTable['demand_pattern'],
  at: string,
): Promise<void> {
  await db
    .updateTable('customers')
    .set({ demand_pattern: pattern, demand_refreshed_at: at })
    .where('id', '=', id)
    .execute();
}

export async function phonesOf(db: Executor, customerIds: readonly string[]): Promise<CustomerPhonesTable[]> {
  if (!customerIds.length) return [];
  return db
    .selectFrom('customer_phones')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('position')
    .execute();
}

export async function replacePhones(
  db: Executor,
  customerId: string,
  rows: readonly CustomerPhonesTable[],
): Promise<void> {
  await db.deleteFrom('customer_phones').where('customer_id', '=', customerId).execute();
  if (rows.length)
    await db
      .insertInto('customer_phones')
      .values([...rows])
      .execute();
}

export type RelationRow = CustomerHousesTable & {
  room_label: string;
  project_name: string;
  project_type: 'residential' | 'commercial' | 'office' | 'institution';
};

export async function relationsOf(db: Executor, customerIds: readonly string[]): Promise<RelationRow[]> {
  if (!customerIds.length) return [];
  return db
    .selectFrom('customer_houses')
    .innerJoin('houses', 'houses.id', 'customer_houses.house_id')
    .innerJoin('projects', 'projects.id', 'customer_houses.project_id')
    .selectAll('customer_houses')
    .select(['houses.room_label', 'projects.name as project_name', 'projects.type as project_type'])
    .where('customer_houses.customer_id', 'in', customerIds)
    .orderBy('customer_houses.customer_id')
    .orderBy('customer_houses.created_at')
    .orderBy('customer_houses.id')
    .execute();
}

export async function findRelation(
  db: Executor,
  customerId: string,
  relationId: string,
): Promise<CustomerHousesTable | undefined> {
  return db
    .selectFrom('customer_houses')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('id', '=', relationId)
    .executeTakeFirst();
}

export async function insertRelations(db: Executor, rows: readonly CustomerHousesTable[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('customer_houses')
      .values([...rows])
      .execute();
}

export async function updateRelation(
  db: Executor,
  relationId: string,
  changes: Pick<Partial<CustomerHousesTable>, 'since' | 'until'>,
): Promise<void> {
  await db.updateTable('customer_houses').set(changes).where('id', '=', relationId).execute();
}

export async function deleteRelation(db: Executor, relationId: string): Promise<void> {
  await db.deleteFrom('customer_houses').where('id', '=', relationId).execute();
}

export interface HouseRef {
  id: string;
  project_id: string;
  building_id: string;
}

export async function housesByIds(db: Executor, orgId: string, ids: readonly string[]): Promise<HouseRef[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('houses')
    .select(['id', 'project_id', 'building_id'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}

export type CustomerTagRow = { customer_id: string } & Pick<TagsTable, 'id' | 'name' | 'color'>;

export async function tagsOf(db: Executor, customerIds: readonly string[]): Promise<CustomerTagRow[]> {
  if (!customerIds.length) return [];
  return db
    .selectFrom('customer_tags')
    .innerJoin('tags', 'tags.id', 'customer_tags.tag_id')
    .select(['customer_tags.customer_id', 'tags.id', 'tags.name', 'tags.color'])
    .where('customer_tags.customer_id', 'in', customerIds)
    .orderBy('tags.name')
    .execute();
}

export async function replaceTags(
  db: Executor,
  orgId: string,
  customerId: string,
  tagIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('customer_tags').where('customer_id', '=', customerId).execute();
  if (tagIds.length)
    await db
      .insertInto('customer_tags')
      .values(tagIds.map((tagId) => ({ org_id: orgId, customer_id: customerId, tag_id: tagId })))
      .execute();
}

/** Every tag of the organisation, with how many customers within the caller's scope carry it. */
export async function listTags(
  db: Executor,
  orgId: string,
  scope: ScopeLists,
): Promise<(TagsTable & { customer_count: number })[]> {
  const rows = await db
    .selectFrom('tags')
    .selectAll('tags')
    .select((eb) =>
      eb
        .selectFrom('customer_tags')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('customer_tags.tag_id', '=', 'tags.id')
        .where(customerInScope('customer_tags.customer_id', scope))
        .as('customer_count'),
    )
    .where('tags.org_id', '=', orgId)
    .orderBy('tags.name')
    .execute();
  return rows.map((r) => ({ ...r, customer_count: Number(r.customer_count ?? 0) }));
}

export async function tagIdsExisting(
  db: Executor,
  orgId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('tags')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function tagByName(db: Executor, orgId: string, name: string): Promise<TagsTable | undefined> {
  return db
    .selectFrom('tags')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertTag(db: Executor, row: TagsTable): Promise<void> {
  await db.insertInto('tags').values(row).execute();
}

export async function insertContact(db: Executor, row: CustomerContactsTable): Promise<void> {
  await db.insertInto('customer_contacts').values(row).execute();
}

export async function contactsOf(
  db: Executor,
  customerId: string,
  limit: number,
): Promise<CustomerContactsTable[]> {
  return db
    .selectFrom('customer_contacts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The demand counts the contact log contributes since `since`. */
export async function contactDemandCounts(
  db: Executor,
  customerId: string,
  since: string,
): Promise<DemandCounts> {
  const rows = await db
    .selectFrom('customer_contacts')
    .select(['topic', (eb) => eb.fn.countAll<number>().as('n')])
    .where('customer_id', '=', customerId)
    .where('at', '>=', since)
    .groupBy('topic')
    .execute();
  const count = (topic: string) => Number(rows.find((r) => r.topic === topic)?.n ?? 0);
  return { service: count('service'), opinion: count('opinion'), fee: count('fee') };
}

/**
 * A customer's service records of the last year by kind of demand: complaints and suggestions are
 * opinions; records of a category handled by a finance department (费用) are about fees; repairs,
 * help, special services and inquiries are service. Praise and "other" say nothing.
 */
export async function ticketDemandCounts(
  db: Executor,
  orgId: string,
  customerId: string,
  since: string,
): Promise<DemandCounts> {
  const rows = await db
    .selectFrom('tickets as t')
    .innerJoin('ticket_categories as c', 'c.id', 't.category_id')
    .leftJoin('ticket_categories as pc', 'pc.id', 'c.parent_id')
    .leftJoin('departments as d', (join) =>
      join.on((eb) => eb('d.id', '=', eb.fn.coalesce('c.department_id', 'pc.department_id'))),
    )
    .select(['t.type', 'd.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.org_id', '=', orgId)
    .where('t.customer_id', '=', customerId)
    .where('t.received_at', '>=', since)
    .groupBy(['t.type', 'd.kind'])
    .execute();
  const counts: DemandCounts = { service: 0, opinion: 0, fee: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    if (row.kind === 'finance') counts.fee += n;
    else if (row.type === 'complaint' || row.type === 'suggestion') counts.opinion += n;
    else if (['repair', 'help', 'special_service', 'inquiry'].includes(row.type)) counts.service += n;
  }
  return counts;
}

/**
 * A customer's service records in the caller's scope for the 360 view: how many, and the latest.
 * (The tickets module owns the table; this reads it the way the view needs, without a cycle
 * between the two modules.)
 */
export async function recordsOfCustomer(
  db: Executor,
  orgId: string,
  customerId: string,
  scope: ScopeLists,
  options: { type?: 'complaint'; limit: number },
): Promise<{ total: number; items: Record<string, unknown>[] }> {
  let base = db.selectFrom('tickets').where('org_id', '=', orgId).where('customer_id', '=', customerId);
  if (!scope.all) base = base.where(inPlaces('project_id', 'building_id', scope));
  if (options.type) base = base.where('type', '=', options.type);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    base
      .select(['id', 'number', 'type', 'status', 'urgency', 'location', 'description', 'received_at'])
      .orderBy('id', 'desc')
      .limit(options.limit)
      .execute(),
  ]);
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      type: r.type,
      status: r.status,
      urgency: r.urgency,
      location: r.location,
      description: r.description.length > 80 ? `${r.description.slice(0, 79)}…` : r.description,
      receivedAt: r.received_at,
      // What the 360 view's slot cards show.
      title: `${r.number} ${r.description.slice(0, 40)}`,
      at: r.received_at,
    })),
  };
}

export async function insertDocument(db: Executor, row: CustomerDocumentsTable): Promise<void> {
  await db.insertInto('customer_documents').values(row).execute();
}

export async function documentsOf(db: Executor, customerId: string): Promise<CustomerDocumentsTable[]> {
  return db
    .selectFrom('customer_documents')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findDocument(
  db: Executor,
  customerId: string,
  documentId: string,
): Promise<CustomerDocumentsTable | undefined> {
  return db
    .selectFrom('customer_documents')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

export async function deleteDocument(db: Executor, documentId: string): Promise<void> {
  await db.deleteFrom('customer_documents').where('id', '=', documentId).execute();
}
