import type {
  Category,
  CreateCategoryBody,
  CreateDepartmentBody,
  CreatePriceItemBody,
  Department,
  PriceItem,
  UpdateCategoryBody,
  UpdateDepartmentBody,
  UpdatePriceItemBody,
} from '@steward/contracts';
import type { Db, Executor } from '../../db/database.ts';
import type { DepartmentsTable, PriceItemsTable, TicketCategoriesTable } from '../../db/schema.ts';
import { auditActor, writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { platformError, uniqueOr } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyContext } from '../../platform/idempotency.ts';
import { createsCycle } from './category-tree.ts';
import { cleanName, servicedeskError } from './servicedesk.errors.ts';
import * as repo from './servicedesk.repository.ts';

/**
 * The service desk's configuration: departments, the category tree and the price list. It is
 * organisation-wide (no project scope); reading needs tickets.read, changing servicedesk.configure,
 * and every change is audited as `servicedesk.configured`.
 */
export type ServicedeskDeps = { db: Db; clock: Clock };

/* ------------------------------------------------------------------ shared */

export type ConfigEntity = 'category' | 'department' | 'staff' | 'duty_shift' | 'price_item';

/** One audit entry for a configuration change, in the change's transaction. */
export async function auditConfigured(
  tx: Executor,
  deps: Pick<ServicedeskDeps, 'clock'>,
  actor: Actor,
  meta: RequestMeta,
  input: {
    entity: ConfigEntity;
    change: 'created' | 'updated' | 'deleted';
    target: { type: string; id: string };
    details: Record<string, unknown>;
  },
): Promise<void> {
  await writeAudit(tx, deps.clock, {
    action: 'servicedesk.configured',
    orgId: actor.orgId,
    actor: auditActor(actor),
    target: input.target,
    details: { entity: input.entity, change: input.change, ...input.details },
    meta,
  });
}

/** The fields that differ between two versions of a record, as { field: { from, to } }. */
export function changesBetween<T extends object>(before: T, after: Partial<T>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = (before as Record<string, unknown>)[key];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

/** A department of the organisation that records can go to: unknown → 404, deactivated → 400. */
export async function activeDepartment(
  db: Executor,
  orgId: string,
  id: string,
  field: string,
): Promise<DepartmentsTable> {
  const department = await repo.findDepartment(db, orgId, id);
  if (!department) throw platformError('NOT_FOUND', { field });
  if (!department.active) throw servicedeskError('DEPARTMENT_INACTIVE', { field }, { name: department.name });
  return department;
}

/* ------------------------------------------------------------------ departments */

function departmentDto(row: repo.DepartmentRow): Department {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    active: row.active === 1,
    memberCount: row.member_count,
  };
}

export async function listDepartments(
  deps: Pick<ServicedeskDeps, 'db'>,
  actor: Actor,
): Promise<Department[]> {
  return (await repo.listDepartments(deps.db, actor.orgId)).map(departmentDto);
}

async function reloadDepartment(db: Executor, orgId: string, id: string): Promise<Department> {
  return departmentDto((await repo.listDepartments(db, orgId, id))[0]!);
}

export async function createDepartment(
  deps: ServicedeskDeps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateDepartmentBody,
  idempotency?: IdempotencyContext,
): Promise<Department> {
  const taken = () => servicedeskError('DEPARTMENT_CODE_TAKEN', { field: 'body.code' }, { code: body.code });
  return uniqueOr(
    () =>
      runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
        const name = cleanName(body.name, 'body.name');
        if (await repo.departmentCodeExists(tx, actor.orgId, body.code)) throw taken();
        const id = newId();
        await repo.insertDepartment(tx, {
          id,
          org_id: actor.orgId,
          code: body.code,
          name,
          kind: body.kind,
          active: 1,
          created_at: deps.clock.now().toISOString(),
        });
        await auditConfigured(tx, deps, actor, meta, {
          entity: 'department',
          change: 'created',
          target: { type: 'department', id },
          details: { code: body.code, name, kind: body.kind },
        });
        return reloadDepartment(tx, actor.orgId, id);
      }),
    taken,
  );
}

export async function updateDepartment(
  deps: ServicedeskDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: UpdateDepartmentBody,
): Promise<Department> {
  return deps.db.transaction().execute(async (tx) => {
    const current = await repo.findDepartment(tx, actor.orgId, id);
    if (!current) throw platformError('NOT_FOUND');
    const next = {
      name: body.name === undefined ? current.name : cleanName(body.name, 'body.name'),
      kind: body.kind ?? current.kind,
      active: body.active === undefined ? current.active : Number(body.active),
    };
    // Records of an active category must always have somewhere to go.
    if (current.active === 1 && next.active === 0) {
      const categories = await repo.activeCategoriesOf(tx, actor.orgId, id);
      if (categories.length)
        throw servicedeskError(
          'DEPARTMENT_IN_USE',
          { field: 'body.active', categories },
          { categories: categories.slice(0, 5).join(', ') + (categories.length > 5 ? ' …' : '') },
        );
    }
    const changes = changesBetween(current, next);
    if (Object.keys(changes).length) {
      await repo.updateDepartment(tx, actor.orgId, id, next);
      await auditConfigured(tx, deps, actor, meta, {
        entity: 'department',
        change: 'updated',
        target: { type: 'department', id },
        details: { code: current.code, name: next.name, changes },
      });
    }
    return reloadDepartment(tx, actor.orgId, id);
  });
}

/* ------------------------------------------------------------------ categories */

function categoryDto(row: TicketCategoriesTable): Category {
  return {
    id: row.id,
    parentId: row.parent_id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    departmentId: row.department_id,
    skill: row.skill,
    defaultUrgency: row.default_urgency,
    active: row.active === 1,
    sortOrder: row.sort_order,
  };
}

/** Every category, deactivated ones too (the console greys them), siblings in their order. */
export async function listCategories(deps: Pick<ServicedeskDeps, 'db'>, actor: Actor): Promise<Category[]> {
  return (await repo.listCategories(deps.db, actor.orgId)).map(categoryDto);
}

const cleanNameEn = (value: string | null | undefined) => value?.trim() || null;

export async function createCategory(
  deps: ServicedeskDeps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateCategoryBody,
  idempotency?: IdempotencyContext,
): Promise<Category> {
  const taken = () => servicedeskError('CATEGORY_CODE_TAKEN', { field: 'body.code' }, { code: body.code });
  return uniqueOr(
    () =>
      runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
        const name = cleanName(body.name, 'body.name');
        const parentId = body.parentId ?? null;
        if (parentId !== null && !(await repo.findCategory(tx, actor.orgId, parentId)))
          throw platformError('NOT_FOUND', { field: 'body.parentId' });
        if (body.departmentId)
          await activeDepartment(tx, actor.orgId, body.departmentId, 'body.departmentId');
        if (await repo.categoryCodeExists(tx, actor.orgId, body.code)) throw taken();
        const siblings = (await repo.listCategories(tx, actor.orgId)).filter((c) => c.parent_id === parentId);
        const now = deps.clock.now().toISOString();
        const row: TicketCategoriesTable = {
          id: newId(),
          org_id: actor.orgId,
          parent_id: parentId,
          code: body.code,
          name,
          name_en: cleanNameEn(body.nameEn),
          department_id: body.departmentId ?? null,
          skill: body.skill ?? null,
          default_urgency: body.defaultUrgency ?? 'general',
          active: 1,
          // A new category goes after its siblings unless told otherwise.
          sort_order:
            body.sortOrder ?? Math.min(10_000, Math.max(0, ...siblings.map((c) => c.sort_order)) + 10),
          created_at: now,
          updated_at: now,
        };
        await repo.insertCategory(tx, row);
        await auditConfigured(tx, deps, actor, meta, {
          entity: 'category',
          change: 'created',
          target: { type: 'category', id: row.id },
          details: { code: row.code, name, parentId, departmentId: row.department_id, skill: row.skill },
        });
        return categoryDto(row);
      }),
    taken,
  );
}

export async function updateCategory(
  deps: ServicedeskDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: UpdateCategoryBody,
): Promise<Category> {
  return deps.db.transaction().execute(async (tx) => {
    const current = await repo.findCategory(tx, actor.orgId, id);
    if (!current) throw platformError('NOT_FOUND');
    if (body.parentId) {
      const parentChain = await repo.categoryChain(tx, actor.orgId, body.parentId);
      if (!parentChain.length) throw platformError('NOT_FOUND', { field: 'body.parentId' });
      if (createsCycle(id, parentChain)) throw servicedeskError('CATEGORY_CYCLE', { field: 'body.parentId' });
    }
    const next = {
      parent_id: body.parentId === undefined ? current.parent_id : body.parentId,
      name: body.name === undefined ? current.name : cleanName(body.name, 'body.name'),
      name_en: body.nameEn === undefined ? current.name_en : cleanNameEn(body.nameEn),
      department_id: body.departmentId === undefined ? current.department_id : body.departmentId,
      skill: body.skill === undefined ? current.skill : body.skill,
      default_urgency: body.defaultUrgency ?? current.default_urgency,
      sort_order: body.sortOrder ?? current.sort_order,
      active: body.active === undefined ? current.active : Number(body.active),
    };
    // A category that is (or becomes) active must send its records to an active department.
    const departmentChanged = next.department_id !== current.department_id;
    const reactivated = next.active === 1 && current.active === 0;
    if (next.department_id !== null && (departmentChanged || reactivated))
      await activeDepartment(tx, actor.orgId, next.department_id, 'body.departmentId');
    const changes = changesBetween(current, next);
    if (Object.keys(changes).length) {
      await repo.updateCategory(tx, actor.orgId, id, { ...next, updated_at: deps.clock.now().toISOString() });
      await auditConfigured(tx, deps, actor, meta, {
        entity: 'category',
        change: 'updated',
        target: { type: 'category', id },
        details: { code: current.code, name: next.name, changes },
      });
    }
    return categoryDto({ ...current, ...next });
  });
}

/* ------------------------------------------------------------------ price list */

function priceItemDto(row: PriceItemsTable): PriceItem {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    unit: row.unit,
    priceFen: row.price_fen,
    categoryId: row.category_id,
    active: row.active === 1,
  };
}

export async function listPriceItems(deps: Pick<ServicedeskDeps, 'db'>, actor: Actor): Promise<PriceItem[]> {
  return (await repo.listPriceItems(deps.db, actor.orgId)).map(priceItemDto);
}

async function checkCategory(db: Executor, orgId: string, id: string | null | undefined): Promise<void> {
  if (id && !(await repo.findCategory(db, orgId, id)))
    throw platformError('NOT_FOUND', { field: 'body.categoryId' });
}

export async function createPriceItem(
  deps: ServicedeskDeps,
  actor: Actor,
  meta: RequestMeta,
  body: CreatePriceItemBody,
  idempotency?: IdempotencyContext,
): Promise<PriceItem> {
  const taken = () => servicedeskError('PRICE_ITEM_CODE_TAKEN', { field: 'body.code' }, { code: body.code });
  return uniqueOr(
    () =>
      runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
        const name = cleanName(body.name, 'body.name');
        const unit = cleanName(body.unit, 'body.unit');
        await checkCategory(tx, actor.orgId, body.categoryId);
        if (await repo.priceItemCodeExists(tx, actor.orgId, body.code)) throw taken();
        const now = deps.clock.now().toISOString();
        const row: PriceItemsTable = {
          id: newId(),
          org_id: actor.orgId,
          code: body.code,
          name,
          unit,
          price_fen: body.priceFen,
          category_id: body.categoryId ?? null,
          active: 1,
          created_at: now,
          updated_at: now,
        };
        await repo.insertPriceItem(tx, row);
        await auditConfigured(tx, deps, actor, meta, {
          entity: 'price_item',
          change: 'created',
          target: { type: 'price_item', id: row.id },
          details: { code: row.code, name, unit, priceFen: row.price_fen },
        });
        return priceItemDto(row);
      }),
    taken,
  );
}

/**
 * A new price applies to lines added from now on: a field line copies the unit price when it is
 * written, so records already charged keep what the customer was told.
 */
export async function updatePriceItem(
  deps: ServicedeskDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: UpdatePriceItemBody,
): Promise<PriceItem> {
  return deps.db.transaction().execute(async (tx) => {
    const current = await repo.findPriceItem(tx, actor.orgId, id);
    if (!current) throw platformError('NOT_FOUND');
    if (body.categoryId !== undefined && body.categoryId !== current.category_id)
      await checkCategory(tx, actor.orgId, body.categoryId);
    const next = {
      name: body.name === undefined ? current.name : cleanName(body.name, 'body.name'),
      unit: body.unit === undefined ? current.unit : cleanName(body.unit, 'body.unit'),
      price_fen: body.priceFen ?? current.price_fen,
      category_id: body.categoryId === undefined ? current.category_id : body.categoryId,
      active: body.active === undefined ? current.active : Number(body.active),
    };
    const changes = changesBetween(current, next);
    if (Object.keys(changes).length) {
      await repo.updatePriceItem(tx, actor.orgId, id, {
        ...next,
        updated_at: deps.clock.now().toISOString(),
      });
      await auditConfigured(tx, deps, actor, meta, {
        entity: 'price_item',
        change: 'updated',
        target: { type: 'price_item', id },
        details: { code: current.code, name: next.name, changes },
      });
    }
    return priceItemDto({ ...current, ...next });
  });
}
