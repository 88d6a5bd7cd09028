import { sql, type Expression, type SqlBool } from 'kysely';
import type { AreaKind, HouseState, HouseUse, RelationRole } from '@steward/contracts';
import type { Executor } from '../../db/database.ts';
import { containsText, inScope, lowerPrefixRange, prefixRange } from '../../db/filters.ts';
import type { AreasTable, BuildingsTable, HousesTable, UnitsTable } from '../../db/schema.ts';
import type { ScopeLists } from '../../platform/auth/scope.ts';

/**
 * Rows a scope reaches: whole projects by project_id, single buildings by building_id. Project-level
 * rows (areas with no building) belong to everyone who reaches any part of their project.
 */
function inPlaces(
  projectColumn: string,
  buildingColumn: string,
  lists: ScopeLists,
  projectLevel?: { partialProjectIds: readonly string[] },
): Expression<SqlBool> {
  if (lists.all) return sql<SqlBool>`1 = 1`;
  const parts: Expression<SqlBool>[] = [];
  if (lists.projectIds.length) parts.push(inScope(projectColumn, lists.projectIds));
  if (lists.buildingIds.length) parts.push(inScope(buildingColumn, lists.buildingIds));
  if (projectLevel?.partialProjectIds.length)
    parts.push(
      sql<SqlBool>`(${sql.ref(buildingColumn)} is null and ${inScope(projectColumn, projectLevel.partialProjectIds)})`,
    );
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/* ------------------------------------------------------------------ buildings and units */

export async function findBuilding(
  db: Executor,
  orgId: string,
  id: string,
): Promise<BuildingsTable | undefined> {
  return db
    .selectFrom('buildings')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateBuildingName(
  db: Executor,
  orgId: string,
  id: string,
  name: string,
): Promise<void> {
  await db.updateTable('buildings').set({ name }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export type UnitRow = UnitsTable & { house_count: number };

function unitsWithCounts(db: Executor) {
  return db
    .selectFrom('units')
    .selectAll('units')
    .select((eb) =>
      eb
        .selectFrom('houses')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('houses.unit_id', '=', 'units.id')
        .as('house_count'),
    );
}

export async function findUnit(db: Executor, orgId: string, id: string): Promise<UnitRow | undefined> {
  const row = await unitsWithCounts(db)
    .where('units.org_id', '=', orgId)
    .where('units.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, house_count: Number(row.house_count ?? 0) } : undefined;
}

export async function unitCodeExists(db: Executor, buildingId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('units')
    .select('id')
    .where('building_id', '=', buildingId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUnit(db: Executor, row: UnitsTable): Promise<void> {
  await db.insertInto('units').values(row).execute();
}

export async function updateUnitName(db: Executor, orgId: string, id: string, name: string): Promise<void> {
  await db.updateTable('units').set({ name }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Units of these buildings of a project, by building then code. */
export async function listUnits(
  db: Executor,
  orgId: string,
  projectId: string,
  buildingIds: 'all' | readonly string[],
): Promise<UnitsTable[]> {
  return db
    .selectFrom('units')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('project_id', '=', projectId)
    .where(inScope('building_id', buildingIds))
    .orderBy('building_id')
    .orderBy('code')
    .execute();
}

/* ------------------------------------------------------------------ tree counts */

export interface TreeCounts {
  /** Houses per building and unit (unit null = houses without a unit). */
  houses: { building_id: string; unit_id: string | null; n: number }[];
  /** Distinct customers related to a house, per building. */
  customers: { building_id: string; n: number }[];
  /** Distinct customers over all the buildings asked for (one customer in two buildings counts once). */
  customerTotal: number;
  /** Areas per building; building null = areas of the project itself. */
  areas: { building_id: string | null; n: number }[];
}

/** Grouped counts for a project's tree: four queries, whatever the number of houses. */
export async function treeCounts(
  db: Executor,
  orgId: string,
  projectId: string,
  buildingIds: 'all' | readonly string[],
): Promise<TreeCounts> {
  const [houses, customers, customerTotal, areas] = await Promise.all([
    db
      .selectFrom('houses')
      .select(['building_id', 'unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId)
      .where(inScope('building_id', buildingIds))
      .groupBy(['building_id', 'unit_id'])
      .execute(),
    db
      .selectFrom('customer_houses')
      .select(['building_id', (eb) => eb.fn.count<number>('customer_id').distinct().as('n')])
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId)
      .where(inScope('building_id', buildingIds))
      .groupBy('building_id')
      .execute(),
    db
      .selectFrom('customer_houses')
      .select((eb) => eb.fn.count<number>('customer_id').distinct().as('n'))
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId)
      .where(inScope('building_id', buildingIds))
      .executeTakeFirst(),
    db
      .selectFrom('areas')
      .select(['building_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId)
      .where((eb) =>
        buildingIds === 'all'
          ? sql<SqlBool>`1 = 1`
          : eb.or([eb('building_id', 'is', null), inScope('building_id', buildingIds)]),
      )
      .groupBy('building_id')
      .execute(),
  ]);
  return {
    houses: houses.map((r) => ({ ...r, n: Number(r.n) })),
    customers: customers.map((r) => ({ ...r, n: Number(r.n) })),
    customerTotal: Number(customerTotal?.n ?? 0),
    areas: areas.map((r) => ({ ...r, n: Number(r.n) })),
  };
}

/* ------------------------------------------------------------------ houses */

export type HouseRow = HousesTable & {
  project_name: string;
  building_code: string;
  building_name: string;
  unit_code: string | null;
  unit_name: string | null;
};

/** The sort key of the house list: the natural-order key of the room label (see natural-sort.ts), then id. */
export type HouseSortKey = [string, string];

function housesJoined(db: Executor) {
  return db
    .selectFrom('houses')
    .innerJoin('projects', 'projects.id', 'houses.project_id')
    .innerJoin('buildings', 'buildings.id', 'houses.building_id')
    .leftJoin('units', 'units.id', 'houses.unit_id')
    .selectAll('houses')
    .select([
      'projects.name as project_name',
      'buildings.code as building_code',
      'buildings.name as building_name',
      'units.code as unit_code',
      'units.name as unit_name',
    ]);
}

export interface HouseFilter {
  scope: ScopeLists;
  projectId?: string;
  buildingId?: string;
  unitId?: string;
  use?: HouseUse;
  state?: HouseState;
  q?: string;
  after?: HouseSortKey;
  limit: number;
}

/**
 * A room label starting with `q` (an exact label is its own prefix), case-insensitively, or a room
 * number equal to `q`. Labels are built from codes, so case only matters for ASCII letters: without
 * any, the prefix is a range on the label; with some, a range on the lowered label. Both are indexed.
 */
function matchesRoom(q: string): Expression<SqlBool> {
  // Letters match either case: a range on the lowered label (index houses_org_label_lower). Labels
  // are built from codes (ASCII letters, digits, CJK), so lowering the query's ASCII letters matches
  // what lower() makes of the column on both engines (JavaScript's toLowerCase on SQLite, see
  // db/database.ts; ASCII folding under COLLATE "C" on PostgreSQL).
  const label = /[A-Za-z]/.test(q)
    ? lowerPrefixRange(
        'houses.room_label',
        q.replace(/[A-Z]/g, (c) => c.toLowerCase()),
      )
    : prefixRange('houses.room_label', q);
  return sql<SqlBool>`(${label} or ${sql.ref('houses.room_no')} = ${q})`;
}

export async function listHouses(db: Executor, orgId: string, filter: HouseFilter): Promise<HouseRow[]> {
  let query = housesJoined(db)
    .where('houses.org_id', '=', orgId)
    .where(inPlaces('houses.project_id', 'houses.building_id', filter.scope));
  if (filter.projectId) query = query.where('houses.project_id', '=', filter.projectId);
  if (filter.buildingId) query = query.where('houses.building_id', '=', filter.buildingId);
  if (filter.unitId) query = query.where('houses.unit_id', '=', filter.unitId);
  if (filter.use) query = query.where('houses.use', '=', filter.use);
  if (filter.state) query = query.where('houses.state', '=', filter.state);
  const q = filter.q?.trim();
  if (q) query = query.where(matchesRoom(q));
  if (filter.after) {
    const [sortKey, id] = filter.after;
    query = query.where((eb) =>
      eb.or([
        eb('houses.sort_key', '>', sortKey),
        eb.and([eb('houses.sort_key', '=', sortKey), eb('houses.id', '>', id)]),
      ]),
    );
  }
  return query
    .orderBy('houses.sort_key')
    .orderBy('houses.id')
    .limit(filter.limit + 1)
    .execute();
}

export function houseSortKey(row: HouseRow): HouseSortKey {
  return [row.sort_key, row.id];
}

export async function findHouse(db: Executor, orgId: string, id: string): Promise<HouseRow | undefined> {
  return housesJoined(db).where('houses.org_id', '=', orgId).where('houses.id', '=', id).executeTakeFirst();
}

export async function houseLabelExists(db: Executor, projectId: string, label: string): Promise<boolean> {
  const row = await db
    .selectFrom('houses')
    .select('id')
    .where('project_id', '=', projectId)
    .where('room_label', '=', label)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertHouse(db: Executor, row: HousesTable): Promise<void> {
  await db.insertInto('houses').values(row).execute();
}

/** Applies a change if the house is still at `version`; false when someone else got there first. */
export async function updateHouseVersioned(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
  changes: Partial<Pick<HousesTable, 'floor' | 'area_hundredths' | 'use' | 'state'>> & { updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('houses')
    .set({ ...changes, version: version + 1 })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface OccupantRow {
  relation_id: string;
  house_id: string;
  customer_id: string;
  name: string;
  role: RelationRole;
  phone: string | null;
}

/**
 * Current relations (no `until`, or `until` not before `today`) of these houses, with each
 * customer's first phone: one query for a whole page of houses.
 */
export async function listOccupants(
  db: Executor,
  orgId: string,
  houseIds: readonly string[],
  today: string,
): Promise<OccupantRow[]> {
  if (houseIds.length === 0) return [];
  return db
    .selectFrom('customer_houses')
    .innerJoin('customers', 'customers.id', 'customer_houses.customer_id')
    .select((eb) => [
      'customer_houses.id as relation_id',
      'customer_houses.house_id',
      'customer_houses.customer_id',
      'customers.name',
      'customer_houses.role',
      eb
        .selectFrom('customer_phones')
        .select('customer_phones.phone')
        .whereRef('customer_phones.customer_id', '=', 'customer_houses.customer_id')
        .orderBy('customer_phones.position')
        .orderBy('customer_phones.id')
        .limit(1)
        .as('phone'),
    ])
    .where('customer_houses.org_id', '=', orgId)
    .where('customers.org_id', '=', orgId)
    .where('customer_houses.house_id', 'in', houseIds)
    .where((eb) => eb.or([eb('customer_houses.until', 'is', null), eb('customer_houses.until', '>=', today)]))
    .orderBy(
      sql`case ${sql.ref('customer_houses.role')} when 'owner' then 0 when 'tenant' then 1 when 'family' then 2 else 3 end`,
    )
    .orderBy('customer_houses.created_at')
    .orderBy('customer_houses.id')
    .execute();
}

export async function orgTimeZone(db: Executor, orgId: string): Promise<string> {
  const row = await db
    .selectFrom('organizations')
    .select('time_zone')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return row?.time_zone ?? 'Asia/Shanghai';
}

/* ------------------------------------------------------------------ areas */

export interface AreaFilter {
  scope: ScopeLists;
  /** Projects the scope reaches only in part: their project-level areas are visible too. */
  partialProjectIds: readonly string[];
  projectId?: string;
  buildingId?: string;
  kind?: AreaKind;
  q?: string;
  after?: [string, string];
  limit: number;
}

export async function listAreas(db: Executor, orgId: string, filter: AreaFilter): Promise<AreasTable[]> {
  let query = db
    .selectFrom('areas')
    .selectAll()
    .where('org_id', '=', orgId)
    .where(
      inPlaces('project_id', 'building_id', filter.scope, { partialProjectIds: filter.partialProjectIds }),
    );
  if (filter.projectId) query = query.where('project_id', '=', filter.projectId);
  if (filter.buildingId) query = query.where('building_id', '=', filter.buildingId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  const q = filter.q?.trim();
  if (q) query = query.where((eb) => eb.or([containsText('name', q), containsText('code', q)]));
  if (filter.after) {
    const [code, id] = filter.after;
    query = query.where((eb) =>
      eb.or([eb('code', '>', code), eb.and([eb('code', '=', code), eb('id', '>', id)])]),
    );
  }
  return query
    .orderBy('code')
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute();
}

export async function findArea(db: Executor, orgId: string, id: string): Promise<AreasTable | undefined> {
  return db
    .selectFrom('areas')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function areaCodeExists(db: Executor, projectId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('areas')
    .select('id')
    .where('project_id', '=', projectId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertArea(db: Executor, row: AreasTable): Promise<void> {
  await db.insertInto('areas').values(row).execute();
}

export async function updateArea(
  db: Executor,
  orgId: string,
  id: string,
  changes: Partial<Pick<AreasTable, 'category' | 'name' | 'location' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('areas').set(changes).where('org_id', '=', orgId).where('id', '=', id).execute();
}
