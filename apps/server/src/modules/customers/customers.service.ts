import type {
  AddRelationBody,
  CreateContactBody,
  CreateCustomerBody,
  CreateTagBody,
  Customer,
  CustomerContact,
  CustomerHouse,
  CustomerListQuery,
  HouseLink,
  PageOf,
  RevealBody,
  RevealResponse,
  Tag,
  UpdateCustomerBody,
  UpdateRelationBody,
} from '@steward/contracts';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { CustomerContactsTable, CustomerPhonesTable, CustomersTable } from '../../db/schema.ts';
import { auditActor, writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { canAccessBuilding, scopeLists, type Scope, type ScopeLists } from '../../platform/auth/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { platformError, uniqueOr, type AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyContext } from '../../platform/idempotency.ts';
import { maskPhone, phoneSearchKey } from '../../platform/phone.ts';
import type { PiiCipher } from '../../platform/pii/cipher.ts';
import { maskIdNumber } from '../../platform/pii/id-number.ts';
import {
  normaliseEmergencyPhone,
  normaliseIdentity,
  normalisePhoneList,
  type InputProblem,
} from './customer-input.ts';
import { customersError } from './customers.errors.ts';
import * as repo from './customers.repository.ts';
import { demandPattern } from './demand-pattern.ts';

export type CustomersDeps = { db: Db; clock: Clock; cipher: PiiCipher; config: Pick<Config, 'timeZone'> };

/** Today's date where the company works: leases end on calendar days, not UTC instants. */
export function businessDate(clock: Clock, timeZone: string, offsetDays = 0): string {
  const at = new Date(clock.now().getTime() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function problemError(problem: InputProblem, prefix = 'body'): AppError {
  switch (problem.field) {
    case 'phones':
      return customersError(
        'INVALID_PHONE',
        { field: `${prefix}.phones.${problem.index}.phone` },
        { value: problem.value },
      );
    case 'emergencyPhone':
      return customersError('INVALID_PHONE', { field: `${prefix}.emergencyPhone` }, { value: problem.value });
    case 'idNumber':
      return customersError(
        problem.reason === 'id_type_required'
          ? 'ID_TYPE_REQUIRED'
          : problem.reason === 'id_checksum'
            ? 'ID_CHECKSUM'
            : 'INVALID_ID_NUMBER',
        { field: `${prefix}.${problem.reason === 'id_type_required' ? 'idType' : 'idNumber'}` },
      );
  }
}

/** Throws the problem as a 400, or returns the value. */
function orFail<T extends object>(result: T | { problem: InputProblem }): T {
  if ('problem' in result) throw problemError(result.problem);
  return result as T;
}

/** Assembles the API view of customers in three batched queries, whatever the page size. */
export async function customerDtos(
  db: Executor,
  rows: readonly CustomersTable[],
  today: string,
  scope: Scope,
): Promise<Customer[]> {
  const ids = rows.map((r) => r.id);
  const [phones, allRelations, tags] = await Promise.all([
    repo.phonesOf(db, ids),
    repo.relationsOf(db, ids),
    repo.tagsOf(db, ids),
  ]);
  // A customer seen through building 1 shows only their houses in the caller's scope: their house
  // in building 3 (and who lives there) is none of this caller's business.
  const relations = allRelations.filter((r) => canAccessBuilding(scope, r.project_id, r.building_id));
  const group = <T extends { customer_id: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.customer_id, [...(map.get(item.customer_id) ?? []), item]);
    return map;
  };
  const phonesBy = group(phones);
  const relationsBy = group(relations);
  const tagsBy = group(tags);
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    phones: (phonesBy.get(row.id) ?? []).map((p) => ({ masked: maskPhone(p.phone), label: p.label })),
    idType: row.id_type,
    idNumber: row.id_number_masked,
    emergencyName: row.emergency_name,
    emergencyPhone: row.emergency_phone ? maskPhone(row.emergency_phone) : null,
    valueLevel: row.value_level,
    demandPattern: row.demand_pattern,
    notes: row.notes,
    houses: (relationsBy.get(row.id) ?? []).map((r) => relationDto(r, today)),
    tags: (tagsBy.get(row.id) ?? []).map((t) => ({ id: t.id, name: t.name, color: t.color })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  }));
}

function relationDto(r: repo.RelationRow, today: string): CustomerHouse {
  return {
    relationId: r.id,
    houseId: r.house_id,
    projectId: r.project_id,
    projectName: r.project_name,
    projectType: r.project_type,
    buildingId: r.building_id,
    roomLabel: r.room_label,
    role: r.role,
    since: r.since,
    until: r.until,
    current: r.until === null || r.until >= today,
  };
}

const SEARCH_CAP = 500;

/** Customers a search text can mean: a phone (any format, or its last digits), a room label, a name. */
async function searchIds(db: Db, orgId: string, scope: ScopeLists, q: string): Promise<string[]> {
  const text = q.trim();
  if (!text) return [];
  const digits = phoneSearchKey(text);
  // Independent lookups, run side by side (on PostgreSQL each is a round trip).
  const matches = await Promise.all([
    digits ? repo.customerIdsByPhone(db, orgId, scope, digits, SEARCH_CAP) : [],
    /^[A-Za-z0-9-]+$/.test(text) ? repo.customerIdsByRoom(db, orgId, scope, text, SEARCH_CAP) : [],
    digits ? [] : repo.customerIdsByName(db, orgId, scope, text, SEARCH_CAP),
  ]);
  const found = new Set(matches.flat());
  return [...found];
}

export async function listCustomers(
  deps: Pick<CustomersDeps, 'db' | 'clock' | 'config'>,
  actor: Actor,
  query: CustomerListQuery,
): Promise<PageOf<Customer>> {
  const limit = query.limit ?? 20;
  const before = decodeCursor(query.cursor, 1) as [string] | null;
  let ids: string[] | null = null;
  const scope = scopeLists(actor.scope);
  if (query.q) ids = await searchIds(deps.db, actor.orgId, scope, query.q);
  if (query.phone) {
    const key = phoneSearchKey(query.phone);
    const byPhone = key ? await repo.customerIdsByPhone(deps.db, actor.orgId, scope, key, SEARCH_CAP) : [];
    ids = ids ? ids.filter((id) => byPhone.includes(id)) : byPhone;
  }
  const rows = await repo.listCustomers(deps.db, actor.orgId, {
    scope,
    ids,
    projectId: query.projectId,
    buildingId: query.buildingId,
    houseId: query.houseId,
    kind: query.kind,
    role: query.role,
    propertyType: query.propertyType,
    valueLevel: query.valueLevel,
    demandPattern: query.demandPattern,
    tagId: query.tagId,
    before: before?.[0],
    limit,
  });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    items: await customerDtos(deps.db, page, businessDate(deps.clock, deps.config.timeZone), actor.scope),
    nextCursor: more ? encodeCursor([page[page.length - 1]!.id]) : null,
  };
}

/** A customer the caller may see (one of their houses is in the caller's scope), or 404. */
export async function visibleCustomer(db: Executor, actor: Actor, id: string): Promise<CustomersTable> {
  const row = await repo.findCustomer(db, actor.orgId, id, scopeLists(actor.scope));
  if (!row) throw platformError('NOT_FOUND');
  return row;
}

export async function getCustomer(
  deps: Pick<CustomersDeps, 'db' | 'clock' | 'config'>,
  actor: Actor,
  id: string,
): Promise<Customer> {
  const row = await visibleCustomer(deps.db, actor, id);
  return (
    await customerDtos(deps.db, [row], businessDate(deps.clock, deps.config.timeZone), actor.scope)
  )[0]!;
}

/** The customer as just written (inside the writing transaction, before scope could hide it). */
async function reload(
  tx: Executor,
  deps: Pick<CustomersDeps, 'clock' | 'config'>,
  actor: Actor,
  id: string,
): Promise<Customer> {
  const row = (await repo.findCustomer(tx, actor.orgId, id, { all: true }))!;
  return (await customerDtos(tx, [row], businessDate(deps.clock, deps.config.timeZone), actor.scope))[0]!;
}

/** The relations asked for, each to a house the caller may act on; dates in order. */
async function relationRows(
  tx: Executor,
  actor: Actor,
  customerId: string,
  links: readonly HouseLink[],
  now: string,
  field = 'body.houses',
) {
  const houses = new Map(
    (
      await repo.housesByIds(
        tx,
        actor.orgId,
        links.map((l) => l.houseId),
      )
    ).map((h) => [h.id, h]),
  );
  const seen = new Set<string>();
  return links.map((link, i) => {
    const house = houses.get(link.houseId);
    const prefix = field.endsWith('houses') ? `${field}.${i}` : field;
    if (!house || !canAccessBuilding(actor.scope, house.project_id, house.building_id))
      throw customersError('HOUSE_UNAVAILABLE', { field: `${prefix}.houseId` });
    if (seen.has(`${link.houseId}/${link.role}`))
      throw customersError('RELATION_EXISTS', { field: `${prefix}.role` });
    seen.add(`${link.houseId}/${link.role}`);
    if (link.since && link.until && link.until < link.since)
      throw customersError('RELATION_DATES', { field: `${prefix}.until` });
    return {
      id: newId(),
      org_id: actor.orgId,
      customer_id: customerId,
      house_id: house.id,
      project_id: house.project_id,
      building_id: house.building_id,
      role: link.role,
      since: link.since ?? null,
      until: link.until ?? null,
      created_at: now,
    };
  });
}

async function checkTags(tx: Executor, orgId: string, tagIds: readonly string[]): Promise<void> {
  const existing = await repo.tagIdsExisting(tx, orgId, tagIds);
  const missing = tagIds.findIndex((id) => !existing.has(id));
  if (missing >= 0) throw customersError('TAG_UNAVAILABLE', { field: `body.tagIds.${missing}` });
}

function phoneRows(
  orgId: string,
  customerId: string,
  phones: ReturnType<typeof normalisePhoneList>,
): CustomerPhonesTable[] {
  if ('problem' in phones) throw problemError(phones.problem);
  return phones.phones.map((p, position) => ({
    id: newId(),
    org_id: orgId,
    customer_id: customerId,
    ...p,
    position,
  }));
}

/** The next free generated code: C + 7 digits, counting up. */
async function nextCode(tx: Executor, orgId: string): Promise<string> {
  const last = await repo.lastGeneratedCode(tx, orgId);
  const next = last ? Number(last.slice(1)) + 1 : 1;
  return `C${String(next).padStart(7, '0')}`;
}

/** Encrypted, masked and indexed forms of an ID number; all null when there is none. */
export function sealIdNumber(cipher: PiiCipher, idNumber: string | null) {
  return {
    id_number_cipher: idNumber ? cipher.encryptText(idNumber) : null,
    id_number_masked: idNumber ? maskIdNumber(idNumber) : null,
    id_number_hash: idNumber ? cipher.blindIndex(idNumber) : null,
  };
}

const GENERATED_CODE_TRIES = 12;

export async function createCustomer(
  deps: CustomersDeps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateCustomerBody,
  idempotency?: IdempotencyContext,
): Promise<Customer> {
  const identity = orFail(normaliseIdentity(body.idType ?? null, body.idNumber ?? null));
  const emergency = orFail(normaliseEmergencyPhone(body.emergencyPhone ?? null));
  const phones = normalisePhoneList(body.phones ?? []);
  if ('problem' in phones) throw problemError(phones.problem);
  if (!actor.scope.all && !(body.houses ?? []).length)
    throw customersError('CUSTOMER_NEEDS_HOUSE', { field: 'body.houses' });
  const taken = () =>
    customersError('CUSTOMER_CODE_TAKEN', { field: 'body.code' }, { code: body.code ?? '' });
  const attempt = () =>
    runIdempotent(deps.db, deps.clock, idempotency, async (tx) => {
      const now = deps.clock.now().toISOString();
      const id = newId();
      if (body.code && (await repo.customerCodeExists(tx, actor.orgId, body.code))) throw taken();
      const relations = await relationRows(tx, actor, id, body.houses ?? [], now);
      await checkTags(tx, actor.orgId, body.tagIds ?? []);
      await repo.insertCustomer(tx, {
        id,
        org_id: actor.orgId,
        code: body.code ?? (await nextCode(tx, actor.orgId)),
        kind: body.kind,
        name: body.name.trim(),
        id_type: identity.idType,
        ...sealIdNumber(deps.cipher, identity.idNumber),
        emergency_name: body.emergencyName?.trim() || null,
        emergency_phone: emergency.phone,
        value_level: body.valueLevel ?? 'ordinary',
        demand_pattern: null,
        demand_refreshed_at: null,
        notes: body.notes?.trim() || null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await repo.replacePhones(tx, id, phoneRows(actor.orgId, id, phones));
      await repo.insertRelations(tx, relations);
      await repo.replaceTags(tx, actor.orgId, id, body.tagIds ?? []);
      await writeAudit(tx, deps.clock, {
        action: 'customer.created',
        orgId: actor.orgId,
        actor: auditActor(actor),
        target: { type: 'customer', id },
        details: { name: body.name.trim(), houses: relations.length },
        meta,
      });
      return reload(tx, deps, actor, id);
    });
  if (body.code) return uniqueOr(attempt, taken);
  // A generated code can meet one generated at the same moment by another desk (PostgreSQL runs
  // the two transactions side by side): the loser reads the winner's code and takes the next one.
  // Each round lets at least one desk through, so this outlasts any realistic burst.
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (tries === GENERATED_CODE_TRIES) throw taken();
    }
  }
}

export async function updateCustomer(
  deps: CustomersDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: UpdateCustomerBody,
): Promise<Customer> {
  return deps.db.transaction().execute(async (tx) => {
    // Locked, then read: the phones and tags are replaced before the versioned update, and two
    // editors doing that side by side collided on the rows (a 500 on PostgreSQL).
    await repo.lockCustomer(tx, actor.orgId, id);
    const current = await visibleCustomer(tx, actor, id);
    if (current.version !== body.version) throw platformError('VERSION_CONFLICT');
    const changes: Partial<CustomersTable> = {};
    const changed: string[] = [];
    const set = <K extends keyof CustomersTable>(key: K, value: CustomersTable[K], label: string) => {
      if (current[key] === value) return;
      changes[key] = value;
      if (!changed.includes(label)) changed.push(label);
    };
    if (body.kind !== undefined) set('kind', body.kind, 'kind');
    if (body.name !== undefined) set('name', body.name.trim(), 'name');
    if (body.valueLevel !== undefined) set('value_level', body.valueLevel, 'valueLevel');
    if (body.notes !== undefined) set('notes', body.notes?.trim() || null, 'notes');
    if (body.emergencyName !== undefined)
      set('emergency_name', body.emergencyName?.trim() || null, 'emergencyName');
    if (body.emergencyPhone !== undefined)
      set('emergency_phone', orFail(normaliseEmergencyPhone(body.emergencyPhone)).phone, 'emergencyPhone');
    if (body.idType !== undefined || body.idNumber !== undefined) {
      const oldNumber = current.id_number_cipher ? deps.cipher.decryptText(current.id_number_cipher) : null;
      const identity = orFail(
        normaliseIdentity(
          body.idType !== undefined ? body.idType : current.id_type,
          body.idNumber !== undefined ? body.idNumber : oldNumber,
        ),
      );
      set('id_type', identity.idType, 'idType');
      if (identity.idNumber !== oldNumber) {
        Object.assign(changes, sealIdNumber(deps.cipher, identity.idNumber));
        changed.push('idNumber');
      }
    }
    if (body.phones !== undefined) {
      const stored = await repo.phonesOf(tx, [id]);
      const entries = body.phones.map((entry, i) => {
        if (!('keep' in entry)) return entry;
        const kept = stored[entry.keep];
        if (!kept) throw customersError('PHONE_KEEP_UNKNOWN', { field: `body.phones.${i}.keep` });
        return { phone: kept.phone, label: entry.label ?? kept.label };
      });
      const rows = phoneRows(actor.orgId, id, normalisePhoneList(entries));
      const before = stored.map((p) => `${p.phone}/${p.label}`).join(',');
      if (rows.map((p) => `${p.phone}/${p.label}`).join(',') !== before) {
        await repo.replacePhones(tx, id, rows);
        changed.push('phones');
      }
    }
    if (body.tagIds !== undefined) {
      await checkTags(tx, actor.orgId, body.tagIds);
      const before = (await repo.tagsOf(tx, [id]))
        .map((t) => t.id)
        .sort()
        .join(',');
      if ([...body.tagIds].sort().join(',') !== before) {
        await repo.replaceTags(tx, actor.orgId, id, body.tagIds);
        changed.push('tags');
      }
    }
    if (changed.length) {
      const now = deps.clock.now().toISOString();
      if (!(await repo.updateCustomer(tx, actor.orgId, id, current.version, { ...changes, updated_at: now })))
        throw platformError('VERSION_CONFLICT');
      // Which fields changed, never their values: the log must not become a copy of personal data.
      await writeAudit(tx, deps.clock, {
        action: 'customer.updated',
        orgId: actor.orgId,
        actor: auditActor(actor),
        target: { type: 'customer', id },
        details: { changed, name: current.name },
        meta,
      });
    }
    return reload(tx, deps, actor, id);
  });
}

async function touch(tx: Executor, actor: Actor, current: CustomersTable, clock: Clock): Promise<void> {
  if (
    !(await repo.updateCustomer(tx, actor.orgId, current.id, current.version, {
      updated_at: clock.now().toISOString(),
    }))
  )
    throw platformError('VERSION_CONFLICT');
}

export async function addRelation(
  deps: CustomersDeps,
  actor: Actor,
  id: string,
  body: AddRelationBody,
): Promise<Customer> {
  return deps.db.transaction().execute(async (tx) => {
    const current = await visibleCustomer(tx, actor, id);
    const [row] = await relationRows(tx, actor, id, [body], deps.clock.now().toISOString(), 'body');
    const existing = await repo.relationsOf(tx, [id]);
    if (existing.some((r) => r.house_id === row!.house_id && r.role === row!.role))
      throw customersError('RELATION_EXISTS');
    // A twin request that committed meanwhile (PostgreSQL) trips the unique index instead.
    await uniqueOr(
      () => repo.insertRelations(tx, [row!]),
      () => customersError('RELATION_EXISTS'),
    );
    await touch(tx, actor, current, deps.clock);
    return reload(tx, deps, actor, id);
  });
}

/** A relation of a visible customer to a house the caller may act on; 404 otherwise. */
async function ownRelation(tx: Executor, actor: Actor, id: string, relationId: string) {
  const current = await visibleCustomer(tx, actor, id);
  const relation = await repo.findRelation(tx, id, relationId);
  if (!relation || !canAccessBuilding(actor.scope, relation.project_id, relation.building_id))
    throw platformError('NOT_FOUND');
  return { current, relation };
}

export async function updateRelation(
  deps: CustomersDeps,
  actor: Actor,
  id: string,
  relationId: string,
  body: UpdateRelationBody,
): Promise<Customer> {
  return deps.db.transaction().execute(async (tx) => {
    const { current, relation } = await ownRelation(tx, actor, id, relationId);
    const since = body.since !== undefined ? body.since : relation.since;
    const until = body.until !== undefined ? body.until : relation.until;
    if (since && until && until < since) throw customersError('RELATION_DATES', { field: 'body.until' });
    await repo.updateRelation(tx, relationId, { since, until });
    await touch(tx, actor, current, deps.clock);
    return reload(tx, deps, actor, id);
  });
}

export async function removeRelation(
  deps: CustomersDeps,
  actor: Actor,
  id: string,
  relationId: string,
): Promise<Customer> {
  return deps.db.transaction().execute(async (tx) => {
    const { current } = await ownRelation(tx, actor, id, relationId);
    await repo.deleteRelation(tx, relationId);
    await touch(tx, actor, current, deps.clock);
    return reload(tx, deps, actor, id);
  });
}

/**
 * The full value of one personal field, for a caller allowed to see it. The reveal is written to
 * the audit log in the same transaction (who, which customer, which field — never the value).
 */
export async function reveal(
  deps: CustomersDeps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: RevealBody,
): Promise<RevealResponse> {
  return deps.db.transaction().execute(async (tx) => {
    const row = await visibleCustomer(tx, actor, id);
    let value: string | null = null;
    if (body.field === 'phone') value = (await repo.phonesOf(tx, [id]))[body.index ?? 0]?.phone ?? null;
    else if (body.field === 'emergencyPhone') value = row.emergency_phone;
    else value = row.id_number_cipher ? deps.cipher.decryptText(row.id_number_cipher) : null;
    if (value === null) throw customersError('NOTHING_TO_REVEAL');
    await writeAudit(tx, deps.clock, {
      action: 'pii.revealed',
      orgId: actor.orgId,
      actor: auditActor(actor),
      target: { type: 'customer', id },
      details: {
        field: body.field,
        ...(body.field === 'phone' ? { index: body.index ?? 0 } : {}),
        name: row.name,
      },
      meta,
    });
    return { field: body.field, value };
  });
}

export async function listTags(deps: Pick<CustomersDeps, 'db'>, actor: Actor): Promise<Tag[]> {
  return (await repo.listTags(deps.db, actor.orgId, scopeLists(actor.scope))).map((t) => ({
    id: t.id,
    name: t.name,
    color: t.color,
    customerCount: t.customer_count,
  }));
}

const TAG_COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#eb2f96', '#722ed1', '#13c2c2', '#faad14', '#f5222d'];

export function tagColor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return TAG_COLORS[hash % TAG_COLORS.length]!;
}

export async function createTag(
  deps: Pick<CustomersDeps, 'db' | 'clock'>,
  actor: Actor,
  body: CreateTagBody,
): Promise<Tag> {
  const name = body.name.trim();
  const taken = () => customersError('TAG_NAME_TAKEN', { field: 'body.name' }, { name });
  return uniqueOr(
    () =>
      deps.db.transaction().execute(async (tx) => {
        if (await repo.tagByName(tx, actor.orgId, name)) throw taken();
        const row = {
          id: newId(),
          org_id: actor.orgId,
          name,
          color: body.color ?? tagColor(name),
          created_at: deps.clock.now().toISOString(),
        };
        await repo.insertTag(tx, row);
        return { id: row.id, name: row.name, color: row.color, customerCount: 0 };
      }),
    taken,
  );
}

export function contactDto(row: CustomerContactsTable): CustomerContact {
  return {
    id: row.id,
    at: row.at,
    channel: row.channel as CustomerContact['channel'],
    topic: row.topic,
    summary: row.summary,
    staffName: row.staff_name,
  };
}

/** Recomputes a customer's demand pattern from their last year of records (see demand-pattern.ts). */
export async function refreshDemandPattern(
  tx: Executor,
  clock: Clock,
  orgId: string,
  customerId: string,
): Promise<void> {
  const since = new Date(clock.now().getTime() - 365 * 86_400_000).toISOString();
  const [contacts, tickets] = await Promise.all([
    repo.contactDemandCounts(tx, customerId, since),
    repo.ticketDemandCounts(tx, orgId, customerId, since),
  ]);
  const counts = {
    service: contacts.service + tickets.service,
    opinion: contacts.opinion + tickets.opinion,
    fee: contacts.fee + tickets.fee,
  };
  await repo.setDemandPattern(tx, customerId, demandPattern(counts), clock.now().toISOString());
}

export async function addContact(
  deps: Pick<CustomersDeps, 'db' | 'clock'>,
  actor: Actor,
  id: string,
  body: CreateContactBody,
): Promise<CustomerContact> {
  return deps.db.transaction().execute(async (tx) => {
    await visibleCustomer(tx, actor, id);
    const row: CustomerContactsTable = {
      id: newId(),
      org_id: actor.orgId,
      customer_id: id,
      at: deps.clock.now().toISOString(),
      channel: body.channel,
      topic: body.topic,
      summary: body.summary.trim(),
      staff_id: actor.userId,
      staff_name: actor.displayName,
    };
    await repo.insertContact(tx, row);
    await refreshDemandPattern(tx, deps.clock, actor.orgId, id);
    return contactDto(row);
  });
}
