import type { Executor } from '../../db/database.ts';
import { inPlaces } from '../../db/filters.ts';
import type { ScopeLists } from '../../platform/auth/scope.ts';
import type {
  BuildingsTable,
  CustomerHousesTable,
  CustomerPhonesTable,
  CustomersTable,
  DB,
  HousesTable,
  ProjectsTable,
  UnitsTable,
} from '../../db/schema.ts';

/** Rows per INSERT: well under SQLite's bound-parameter limit for our widest table (18 columns). */
const CHUNK = 500;

export async function insertMany<T extends keyof DB & string>(
  db: Executor,
  table: T,
  rows: readonly DB[T][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    // `never`: Kysely cannot relate a row type to a table chosen at run time; the signature does.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
}

export async function projectsOf(db: Executor, orgId: string): Promise<ProjectsTable[]> {
  return db.selectFrom('projects').selectAll().where('org_id', '=', orgId).execute();
}

export async function buildingsOf(db: Executor, orgId: string): Promise<BuildingsTable[]> {
  return db.selectFrom('buildings').selectAll().where('org_id', '=', orgId).execute();
}

export async function unitsOf(db: Executor, orgId: string): Promise<UnitsTable[]> {
  return db.selectFrom('units').selectAll().where('org_id', '=', orgId).execute();
}

export async function housesOf(db: Executor, orgId: string): Promise<HousesTable[]> {
  return db.selectFrom('houses').selectAll().where('org_id', '=', orgId).execute();
}

export async function updateProject(
  db: Executor,
  id: string,
  changes: Partial<ProjectsTable>,
): Promise<void> {
  await db.updateTable('projects').set(changes).where('id', '=', id).execute();
}

export async function updateBuilding(
  db: Executor,
  id: string,
  changes: Partial<BuildingsTable>,
): Promise<void> {
  await db.updateTable('buildings').set(changes).where('id', '=', id).execute();
}

/** Applies the changes if the house is still at `version` (a console edit may have landed meanwhile). */
export async function updateHouse(
  db: Executor,
  id: string,
  version: number,
  changes: Partial<HousesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('houses')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What matching a file against stored customers needs: no ciphertext, no timestamps. */
export type CustomerCore = Pick<
  CustomersTable,
  | 'id'
  | 'code'
  | 'kind'
  | 'name'
  | 'id_type'
  | 'id_number_hash'
  | 'emergency_name'
  | 'emergency_phone'
  | 'value_level'
  | 'notes'
  | 'version'
>;

export async function customersOf(db: Executor, orgId: string): Promise<CustomerCore[]> {
  return db
    .selectFrom('customers')
    .select([
      'id',
      'code',
      'kind',
      'name',
      'id_type',
      'id_number_hash',
      'emergency_name',
      'emergency_phone',
      'value_level',
      'notes',
      'version',
    ])
    .where('org_id', '=', orgId)
    .execute();
}

export async function phonesOfOrg(
  db: Executor,
  orgId: string,
): Promise<Pick<CustomerPhonesTable, 'customer_id' | 'phone' | 'position'>[]> {
  return db
    .selectFrom('customer_phones')
    .select(['customer_id', 'phone', 'position'])
    .where('org_id', '=', orgId)
    .orderBy('customer_id')
    .orderBy('position')
    .execute();
}

export async function relationsOfOrg(db: Executor, orgId: string): Promise<CustomerHousesTable[]> {
  return db.selectFrom('customer_houses').selectAll().where('org_id', '=', orgId).execute();
}

export async function tagsOfOrg(db: Executor, orgId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('tags').select(['id', 'name']).where('org_id', '=', orgId).execute();
}

export async function tagNamesOfOrg(
  db: Executor,
  orgId: string,
): Promise<{ customer_id: string; name: string }[]> {
  return db
    .selectFrom('customer_tags')
    .innerJoin('tags', 'tags.id', 'customer_tags.tag_id')
    .select(['customer_tags.customer_id', 'tags.name'])
    .where('customer_tags.org_id', '=', orgId)
    .orderBy('tags.name')
    .execute();
}

export async function customerTagsOfOrg(
  db: Executor,
  orgId: string,
): Promise<{ customer_id: string; tag_id: string }[]> {
  return db
    .selectFrom('customer_tags')
    .select(['customer_id', 'tag_id'])
    .where('org_id', '=', orgId)
    .execute();
}

/** Applies the changes if the customer is still at `version`. */
export async function updateCustomerRow(
  db: Executor,
  id: string,
  version: number,
  changes: Partial<CustomersTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('customers')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePhones(db: Executor, customerId: string): Promise<void> {
  await db.deleteFrom('customer_phones').where('customer_id', '=', customerId).execute();
}

export async function updateRelationDates(
  db: Executor,
  id: string,
  since: string | null,
  until: string | null,
): Promise<void> {
  await db.updateTable('customer_houses').set({ since, until }).where('id', '=', id).execute();
}

export interface PlaceFilter {
  scope: ScopeLists;
  projectId?: string;
  buildingId?: string;
}

export async function houseExportRows(db: Executor, orgId: string, f: PlaceFilter) {
  let query = db
    .selectFrom('houses')
    .innerJoin('projects', 'projects.id', 'houses.project_id')
    .innerJoin('buildings', 'buildings.id', 'houses.building_id')
    .leftJoin('units', 'units.id', 'houses.unit_id')
    .select([
      'projects.code as project_code',
      'projects.name as project_name',
      'projects.type as project_type',
      'buildings.code as building_code',
      'buildings.name as building_name',
      'units.code as unit_code',
      'houses.room_no',
      'houses.floor',
      'houses.area_hundredths',
      'houses.use',
      'houses.state',
    ])
    .where('houses.org_id', '=', orgId)
    .where(inPlaces('houses.project_id', 'houses.building_id', f.scope));
  if (f.projectId) query = query.where('houses.project_id', '=', f.projectId);
  if (f.buildingId) query = query.where('houses.building_id', '=', f.buildingId);
  return query.orderBy('projects.code').orderBy('houses.sort_key').execute();
}

/** One row per relation in the scope, plus (for org-wide callers) customers with no house. */
export async function customerExportRows(db: Executor, orgId: string, f: PlaceFilter) {
  let query = db
    .selectFrom('customers')
    .leftJoin('customer_houses', 'customer_houses.customer_id', 'customers.id')
    .leftJoin('houses', 'houses.id', 'customer_houses.house_id')
    .leftJoin('projects', 'projects.id', 'customer_houses.project_id')
    .selectAll('customers')
    .select([
      'projects.code as project_code',
      'houses.room_label',
      'customer_houses.role',
      'customer_houses.since',
      'customer_houses.until',
    ])
    .where('customers.org_id', '=', orgId);
  const narrowed = !f.scope.all || f.projectId || f.buildingId;
  if (narrowed) {
    // Only relations inside the scope: a customer seen through building 1 must not reveal building 3.
    query = query.where(inPlaces('customer_houses.project_id', 'customer_houses.building_id', f.scope));
    if (f.projectId) query = query.where('customer_houses.project_id', '=', f.projectId);
    if (f.buildingId) query = query.where('customer_houses.building_id', '=', f.buildingId);
  }
  return query.orderBy('customers.code').orderBy('projects.code').orderBy('houses.sort_key').execute();
}
