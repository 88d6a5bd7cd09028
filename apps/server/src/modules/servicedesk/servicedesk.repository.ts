import type { Executor } from '../../db/database.ts';
import type { DepartmentsTable, PriceItemsTable, TicketCategoriesTable } from '../../db/schema.ts';

/* ------------------------------------------------------------------ departments */

export type DepartmentRow = DepartmentsTable & { member_count: number };

/** Departments with the number of active people in each, by code; `id` narrows to one. */
export async function listDepartments(db: Executor, orgId: string, id?: string): Promise<DepartmentRow[]> {
  let query = db
    .selectFrom('departments')
    .selectAll('departments')
    .select((eb) =>
      eb
        .selectFrom('staff_profiles')
        .innerJoin('users', 'users.id', 'staff_profiles.user_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('staff_profiles.department_id', '=', 'departments.id')
        .where('users.status', '=', 'active')
        .as('member_count'),
    )
    .where('departments.org_id', '=', orgId);
  if (id !== undefined) query = query.where('departments.id', '=', id);
  const rows = await query.orderBy('departments.code').execute();
  return rows.map((r) => ({ ...r, member_count: Number(r.member_count ?? 0) }));
}

export async function findDepartment(
  db: Executor,
  orgId: string,
  id: string,
): Promise<DepartmentsTable | undefined> {
  return db
    .selectFrom('departments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function departmentCodeExists(db: Executor, orgId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('departments')
    .select('id')
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertDepartment(db: Executor, row: DepartmentsTable): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function updateDepartment(
  db: Executor,
  orgId: string,
  id: string,
  changes: Partial<Pick<DepartmentsTable, 'name' | 'kind' | 'active'>>,
): Promise<void> {
  await db.updateTable('departments').set(changes).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Codes of the active categories that send their records to a department by name. */
export async function activeCategoriesOf(
  db: Executor,
  orgId: string,
  departmentId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('ticket_categories')
    .select('code')
    .where('org_id', '=', orgId)
    .where('department_id', '=', departmentId)
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/* ------------------------------------------------------------------ categories */

export async function listCategories(db: Executor, orgId: string): Promise<TicketCategoriesTable[]> {
  return db
    .selectFrom('ticket_categories')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

export async function findCategory(
  db: Executor,
  orgId: string,
  id: string,
): Promise<TicketCategoriesTable | undefined> {
  return db
    .selectFrom('ticket_categories')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Deeper than any tree people keep; stops a walk should the stored tree ever hold a loop. */
const MAX_DEPTH = 32;

/**
 * A category and its ancestors, the category first. Empty when it does not exist in the
 * organisation. Trees are a few levels deep, so a walk by primary key is a handful of lookups.
 */
export async function categoryChain(
  db: Executor,
  orgId: string,
  id: string,
): Promise<TicketCategoriesTable[]> {
  const chain: TicketCategoriesTable[] = [];
  let next: string | null = id;
  while (next !== null && chain.length < MAX_DEPTH) {
    const row = await findCategory(db, orgId, next);
    if (!row) break;
    chain.push(row);
    next = row.parent_id;
  }
  return chain;
}

export async function categoryCodeExists(db: Executor, orgId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_categories')
    .select('id')
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCategory(db: Executor, row: TicketCategoriesTable): Promise<void> {
  await db.insertInto('ticket_categories').values(row).execute();
}

export async function updateCategory(
  db: Executor,
  orgId: string,
  id: string,
  changes: Partial<Omit<TicketCategoriesTable, 'id' | 'org_id' | 'code' | 'created_at'>>,
): Promise<void> {
  await db
    .updateTable('ticket_categories')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/* ------------------------------------------------------------------ price list */

export async function listPriceItems(db: Executor, orgId: string): Promise<PriceItemsTable[]> {
  return db.selectFrom('price_items').selectAll().where('org_id', '=', orgId).orderBy('code').execute();
}

export async function findPriceItem(
  db: Executor,
  orgId: string,
  id: string,
): Promise<PriceItemsTable | undefined> {
  return db
    .selectFrom('price_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function priceItemCodeExists(db: Executor, orgId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('price_items')
    .select('id')
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertPriceItem(db: Executor, row: PriceItemsTable): Promise<void> {
  await db.insertInto('price_items').values(row).execute();
}

export async function updatePriceItem(
  db: Executor,
  orgId: string,
  id: string,
  changes: Partial<Omit<PriceItemsTable, 'id' | 'org_id' | 'code' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('price_items').set(changes).where('org_id', '=', orgId).where('id', '=', id).execute();
}
