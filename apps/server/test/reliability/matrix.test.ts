import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, SYSTEM_ROLES, type Permission, type SystemRole } from '@steward/contracts';
import { newId } from '../../src/platform/ids.ts';
import {
  newArea,
  newHouse,
  newOrg,
  newProject,
  newUnit,
  newUser,
  PASSWORD,
  uniqueName,
} from '../factories.ts';
import { multipart, signIn, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';
import {
  call,
  reaches,
  SAMPLES,
  type Caller,
  type Place,
  type Req,
  type Target,
  type World,
} from './matrix.requests.ts';
import { FULL, report } from './support.ts';

/**
 * The permissions matrix: every operation of the OpenAPI document × every system role (scoped to
 * project P1 of organisation A, and admin/manager organisation-wide too) × a target in P1, in P2
 * (outside the scope) and in organisation B; and, for the roles whose scope is often a few
 * buildings (manager, butler, agent), callers scoped to building 1 of P1 × a target in building 1
 * and one in building 2 of P1. The expected answer of each cell comes from the route's own
 * declarations, `x-access` and `x-reach` (platform/http.ts): no permission → 403 FORBIDDEN; in
 * reach → 2xx; 'scope' beyond the scope → 404 (or the declared refusal), 'org' → 2xx; another
 * organisation → 404, and lists never show what is beyond reach; the project itself, for a caller
 * holding only some of its buildings, → 2xx or the declared `partialScope` refusal. Refused cells
 * change nothing. An operation without a sample request (matrix.requests.ts) fails here by name.
 */
interface Operation {
  key: string;
  access: string;
  reach: string;
  rule?: {
    kind: string;
    anyOf?: { permissions: Permission[]; code: string };
    outOfScope?: { status: number; code: string };
    foreign?: { status: number; code: string };
    partialScope?: { status: number; code: string };
  };
}

type Expected =
  | { ok: true; item?: { id: string; shown: boolean } }
  | { ok: false; status: number; code: string; or?: { status: number; code: string } };

const TARGETS: Target[] = ['in', 'out', 'foreign'];
/** A caller scoped to building 1 of P1: their building, and another building of the same project. */
const BUILDING_TARGETS: Target[] = ['in', 'sibling'];

describeEngines('permissions matrix', (engine) => {
  let h: TestApp;
  let operations: Operation[];
  let w: World;
  let callers: Caller[];
  let base: string;

  beforeAll(async () => {
    h = await startTestApp(engine);
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    const doc = (await h.app.inject({ url: '/api/v1/openapi.json' })).json();
    type Documented = { 'x-access'?: string; 'x-reach'?: string; 'x-reach-rule'?: Operation['rule'] };
    operations = Object.entries(doc.paths as Record<string, Record<string, Documented>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          key: `${method.toUpperCase()} ${path}`,
          access: op['x-access'] ?? 'missing',
          reach: op['x-reach'] ?? 'missing',
          rule: op['x-reach-rule'],
        })),
    );

    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const a = await newOrg(h.deps, 'A 物业');
    const b = await newOrg(h.deps, 'B 物业');
    const adminA = await signIn(h.app, a.adminUsername, PASSWORD);
    const adminB = await signIn(h.app, b.adminUsername, PASSWORD);
    const [p1, p2] = [
      await newProject(h.deps, a, { buildings: ['1', '2'] }),
      await newProject(h.deps, a, { buildings: ['1'] }),
    ];
    const pb = await newProject(h.deps, b, { buildings: ['1'] });

    /** Organisation data every place of one organisation shares. */
    const orgData = async (org: typeof a, admin: Session) => {
      const first = async (url: string): Promise<string> =>
        (await call(h.app, admin, 'GET', url)).items[0]!.id;
      const departmentId = await first('/api/v1/departments');
      const role = await call(h.app, admin, 'POST', '/api/v1/roles', {
        code: `mx_${randomCode()}`,
        name: '矩阵',
        permissions: ['tickets.read'],
      });
      const worker = await newUser(h.deps, org, { roles: ['technician'] });
      await call(h.app, admin, 'PUT', `/api/v1/staff/${worker.id}`, { departmentId, skills: [], duties: [] });
      return {
        orgId: org.orgId,
        admin,
        departmentId,
        categoryId: await first('/api/v1/categories'),
        priceItemId: await first('/api/v1/price-items'),
        calendarId: await first('/api/v1/calendars'),
        roleId: role.id,
        worker: await signIn(h.app, worker.username, PASSWORD),
      };
    };
    const place = async (
      org: typeof a,
      shared: Awaited<ReturnType<typeof orgData>>,
      project: typeof p1,
      building = 0,
    ): Promise<Place> => {
      const admin = shared.admin;
      const buildingId = project.buildingIds[building]!;
      const unit = await newUnit(h.deps, org, buildingId, '1');
      const house = await newHouse(h.deps, org, { buildingId, unitId: unit.id, roomNo: '101' });
      // The first building's place has an area of the whole project; another building's, its own.
      const areaBuildingId = building === 0 ? null : buildingId;
      const area = await newArea(h.deps, org, {
        projectId: project.id,
        code: `G${building + 1}`,
        ...(areaBuildingId ? { buildingId: areaBuildingId } : {}),
      });
      const customer = await call(h.app, admin, 'POST', '/api/v1/customers', {
        kind: 'person',
        name: '矩阵客户',
        phones: [{ phone: '13912345678' }],
        houses: [{ houseId: house.id, role: 'owner' }],
      });
      const form = multipart({ purpose: 'move_in' }, { name: 'id.png', data: image });
      const document = (
        await h.app.inject({
          method: 'POST',
          url: `/api/v1/customers/${customer.id}/documents`,
          headers: { ...admin.headers, ...form.headers },
          payload: form.payload,
        })
      ).json();
      const ticket = await call(h.app, admin, 'POST', '/api/v1/tickets', {
        type: 'repair',
        channel: 'phone',
        urgency: 'general',
        categoryId: shared.categoryId,
        description: '矩阵报修',
        houseId: house.id,
        customerId: customer.id,
        dispatch: 'none',
      });
      const line = await call(h.app, admin, 'POST', `/api/v1/tickets/${ticket.id}/lines`, {
        kind: 'material',
        name: '胶带',
        unit: '卷',
        quantity: 1,
      });
      const photo = multipart({ stage: 'before' }, { name: 'p.png', data: image });
      const attachment = (
        await h.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${ticket.id}/attachments`,
          headers: { ...admin.headers, ...photo.headers },
          payload: photo.payload,
        })
      ).json();
      const user = await newUser(h.deps, org, {
        roles: ['technician'],
        scope: { all: false, projects: [{ projectId: project.id, buildingIds: [] }] },
      });
      return {
        ...shared,
        projectId: project.id,
        projectCode: project.code,
        buildingId,
        buildingCode: String(building + 1),
        unitId: unit.id,
        houseId: house.id,
        areaId: area.id,
        areaBuildingId,
        customerId: customer.id,
        relationId: customer.houses[0]!.relationId,
        documentId: document.id,
        ticketId: ticket.id,
        lineId: line.id,
        attachmentId: attachment.id,
        userId: user.id,
        alertId: await alertFor(org.orgId, admin.user.id, ticket.id),
      };
    };
    const alertFor = async (orgId: string, userId: string, ticketId: string): Promise<string> => {
      const id = newId();
      await h.deps.db
        .insertInto('alerts')
        .values({
          id,
          org_id: orgId,
          user_id: userId,
          kind: 'warning',
          clock: 'dispatch',
          level: 0,
          ticket_id: ticketId,
          due_at: '2030-01-01T00:00:00.000Z',
          dedupe_key: `matrix-${id}`,
          created_at: '2026-11-22T02:00:00.000Z',
          read_at: null,
        })
        .execute();
      return id;
    };
    const sharedA = await orgData(a, adminA);
    const sharedB = await orgData(b, adminB);
    w = {
      app: h.app,
      image,
      unique: uniqueName,
      place: {
        in: await place(a, sharedA, p1),
        out: await place(a, sharedA, p2),
        foreign: await place(b, sharedB, pb),
        sibling: await place(a, sharedA, p1, 1),
      },
    };

    // Each system role scoped to P1; admin and manager also organisation-wide. The short run on
    // PostgreSQL takes a fixed subset of roles (SQLite runs every cell).
    const roles: SystemRole[] =
      FULL || engine === 'sqlite' ? [...SYSTEM_ROLES] : ['admin', 'technician', 'cashier'];
    // Scoped to building 1 of P1 only: the roles that write to the project itself (manager) or
    // serve a few buildings (butler, agent); the short run on PostgreSQL takes the manager.
    const partial: SystemRole[] = FULL || engine === 'sqlite' ? ['manager', 'butler', 'agent'] : ['manager'];
    const variants = [
      ...roles.map((role) => ({ role, scoped: true, buildings: false })),
      ...(['admin', 'manager'] as const)
        .filter((role) => FULL || engine === 'sqlite' || role === 'admin')
        .map((role) => ({ role, scoped: false, buildings: false })),
      ...partial.map((role) => ({ role, scoped: true, buildings: true })),
    ];
    callers = [];
    for (const { role, scoped, buildings } of variants) {
      const scope = !scoped
        ? { all: true, projects: [] }
        : {
            all: false,
            projects: [{ projectId: p1.id, buildingIds: buildings ? [p1.buildingIds[0]!] : [] }],
          };
      const make = async () => {
        const user = await newUser(h.deps, a, { roles: [role], scope });
        const permissions = new Set<Permission>(DEFAULT_ROLE_PERMISSIONS[role]);
        if (permissions.has('tickets.work'))
          await call(h.app, adminA, 'PUT', `/api/v1/staff/${user.id}`, {
            departmentId: sharedA.departmentId,
            skills: [],
            duties: [],
          });
        return { user, permissions, session: await signIn(h.app, user.username, PASSWORD) };
      };
      const { user, permissions, session } = await make();
      callers.push({
        role: !scoped ? `${role} (organisation-wide)` : buildings ? `${role} (building 1 of P1)` : role,
        session,
        userId: user.id,
        permissions,
        scoped,
        buildings,
        twin: async () => (await make()).session,
        alertId: await alertFor(a.orgId, user.id, w.place.in.ticketId),
      });
    }
    tables = await listTables();
  });
  afterAll(() => h?.close());

  /**
   * Every table of the database, as the database lists them (a new table is covered without a
   * word here), compared around every batch of refusals. Append-only tables (the database rejects
   * UPDATE and DELETE on them: their triggers say which) can only grow, so a count says whether
   * they changed and keeps the snapshot cheap as the run writes thousands of rows; every other
   * table is hashed whole. A session's last-seen time is authentication's bookkeeping, not a change
   * made by the refused operation, and is left out.
   */
  let tables: { name: string; appendOnly: boolean }[] = [];
  const BOOKKEEPING: Record<string, string[]> = { sessions: ['last_seen_at'], api_tokens: ['last_used_at'] };
  async function listTables(): Promise<{ name: string; appendOnly: boolean }[]> {
    const db = h.deps.db;
    const [all, appendOnly] =
      engine === 'sqlite'
        ? await Promise.all([
            sql<{ name: string }>`select name from sqlite_master
              where type = 'table' and name not like 'sqlite_%' order by name`.execute(db),
            sql<{ name: string }>`select distinct tbl_name as name from sqlite_master
              where type = 'trigger' and name like '%_no_delete'`.execute(db),
          ])
        : await Promise.all([
            sql<{ name: string }>`select table_name as name from information_schema.tables
              where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
              db,
            ),
            sql<{ name: string }>`select distinct event_object_table as name from information_schema.triggers
              where trigger_schema = current_schema() and trigger_name like '%_append_only'`.execute(db),
          ]);
    const growing = new Set(appendOnly.rows.map((r) => r.name));
    return all.rows.map((r) => ({ name: r.name, appendOnly: growing.has(r.name) }));
  }
  const snapshot = async () => {
    const db = h.deps.db;
    const rows = await Promise.all(
      tables.map(async ({ name, appendOnly }) => {
        if (appendOnly) return (await sql`select count(*) as n from ${sql.table(name)}`.execute(db)).rows;
        const all = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
        const skip = BOOKKEEPING[name] ?? [];
        return all
          .map((row) =>
            JSON.stringify(row, (key, v: unknown) =>
              skip.includes(key) ? undefined : typeof v === 'bigint' ? v.toString() : v,
            ),
          )
          .sort();
      }),
    );
    return new Map(
      tables.map((t, i) => [
        t.name,
        createHash('sha256')
          .update(JSON.stringify(rows[i], (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
          .digest('hex'),
      ]),
    );
  };

  async function send(req: Req, session: Session | null) {
    const headers = { ...(session ? (req.as ?? session).headers : {}), ...req.headers };
    if (req.stream && session) {
      // A live stream never ends by itself: read the status over a real connection, then hang up.
      return new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.get(`${base}${req.url}`, { headers }, (response) => {
          const status = response.statusCode ?? 0;
          if (status === 200) {
            request.destroy();
            resolve({ status, body: '' });
          } else {
            let body = '';
            response.on('data', (c) => (body += c));
            response.on('end', () => resolve({ status, body }));
          }
        });
        request.on('error', reject);
      });
    }
    const response = await h.app.inject({
      method: req.method,
      url: req.url,
      headers,
      payload: req.payload as never,
    });
    return { status: response.statusCode, body: response.body };
  }

  function expected(op: Operation, caller: Caller, t: Target): Expected {
    const sample = SAMPLES[op.key]!;
    if (!['public', 'authenticated'].includes(op.access) && !caller.permissions.has(op.access as Permission))
      return { ok: false, status: 403, code: 'FORBIDDEN' };
    const anyOf = op.rule?.anyOf;
    if (anyOf && !anyOf.permissions.some((p) => caller.permissions.has(p))) {
      const refused = { ok: false as const, status: 403, code: anyOf.code };
      // The role is refused whatever the record; beyond reach the answer may instead be 404, as
      // long as it is the same for a record out of scope and one of another organisation.
      return t === 'in' ? refused : { ...refused, or: { status: 404, code: 'NOT_FOUND' } };
    }
    const notFound = { ok: false as const, status: 404, code: 'NOT_FOUND' };
    // Building 2 of P1 names the same project as building 1 where the target is the project itself.
    const sameProject = t === 'sibling' && !!sample.project;
    if (sample.list) {
      const id = sample.list(w, t);
      const shown = t !== 'foreign' && (op.reach === 'org' || reaches(caller, t) || sameProject);
      return { ok: true, item: { id, shown } };
    }
    const partial = caller.buildings ? op.rule?.partialScope : undefined;
    if (partial && (t === 'in' || sameProject)) return { ok: false, ...partial };
    if (t === 'in' || sameProject) return { ok: true };
    if (t === 'foreign') {
      // Another organisation's id in a body may be refused like an id beyond the scope (a scoped
      // caller cannot tell the two apart) or as declared; never as anything that tells it exists.
      const beyond = caller.scoped ? op.rule?.outOfScope : undefined;
      const declared = op.rule?.foreign ?? notFound;
      return beyond ? { ok: false, ...beyond, or: declared } : { ok: false, ...declared };
    }
    if (op.reach === 'self') return notFound;
    if (op.reach === 'org' || reaches(caller, t)) return { ok: true };
    const declared = op.rule?.outOfScope;
    return declared ? { ok: false, status: declared.status, code: declared.code } : notFound;
  }

  const failures: string[] = [];

  /** Records a cell that did not answer as declared (all of them are listed at the end). */
  function check(
    op: Operation,
    caller: Caller,
    t: Target,
    exp: Expected,
    res: { status: number; body: string },
  ) {
    const cell = `${op.key} as ${caller.role} on ${t}: ${res.status} ${res.body.slice(0, 160)}`;
    const fail = (why: string) => failures.push(`${cell} — ${why}`);
    if (res.status >= 500) return fail('server error');
    if (exp.ok) {
      if (res.status < 200 || res.status >= 300) return fail('expected 2xx');
      if (exp.item && res.body.includes(exp.item.id) !== exp.item.shown)
        return fail(exp.item.shown ? 'item missing from the list' : 'item beyond reach listed');
      // Nothing of another organisation in any answer.
      for (const id of [w.place.foreign.orgId, w.place.foreign.projectId, w.place.foreign.customerId])
        if (res.body.includes(id)) return fail(`leaks ${id}`);
      return;
    }
    const code = res.status >= 400 ? (JSON.parse(res.body).error?.code as string) : undefined;
    const answers = [exp, ...(exp.or ? [exp.or] : [])].map((e) => `${e.status} ${e.code}`);
    if (!answers.includes(`${res.status} ${code}`)) fail(`expected ${answers.join(' or ')}`);
  }

  it('every operation declares access and reach and has a sample request', () => {
    expect(operations.length).toBeGreaterThan(90);
    expect(operations.filter((o) => o.access === 'missing').map((o) => o.key)).toEqual([]);
    expect(
      operations.filter((o) => o.access !== 'public' && o.reach === 'missing').map((o) => o.key),
    ).toEqual([]);
    expect(operations.filter((o) => o.access !== 'public' && !SAMPLES[o.key]).map((o) => o.key)).toEqual([]);
    // The snapshot of refused cells reads the database's own table list.
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter((t) => t.appendOnly).map((t) => t.name)).toEqual(
      expect.arrayContaining(['audit_log', 'ticket_events']),
    );
  });

  it('answers every cell as declared, and refused cells change nothing', async () => {
    let cells = 0;
    let refusedCells = 0;
    for (const op of operations.filter((o) => o.access !== 'public' && SAMPLES[o.key])) {
      const sample = SAMPLES[op.key]!;
      const plan = callers.flatMap((caller) =>
        (sample.untargeted ? ['in' as const] : caller.buildings ? BUILDING_TARGETS : TARGETS).map((t) => ({
          caller,
          t,
          exp: expected(op, caller, t),
        })),
      );
      // Refusals first, in one batch between two snapshots; a request built once per target
      // serves every refused caller (a refusal uses no state up).
      const built = new Map<Target, Req>();
      const refused = plan.filter((c) => !c.exp.ok);
      for (const c of refused)
        if (!built.has(c.t)) built.set(c.t, await sample.build(w, c.t, refused[0]!.caller));
      // The permission gate comes before the input is read: an empty body naming no record is refused alike.
      const gate = refused.filter((c) => c.t === 'in' && !c.exp.ok && c.exp.code === 'FORBIDDEN');
      const before = await snapshot();
      for (const c of refused) {
        check(op, c.caller, c.t, c.exp, await send(built.get(c.t)!, c.caller.session));
        refusedCells++;
      }
      for (const c of gate) {
        const url = op.key.split(' ')[1]!.replace(/\{[^}]+\}/g, '01900000-0000-7000-8000-000000000001');
        const res = await h.app.inject({
          method: op.key.split(' ')[0] as 'GET',
          url,
          headers: c.caller.session.headers,
          payload: op.key.startsWith('GET') ? undefined : {},
        });
        expect(res.statusCode, `${op.key} as ${c.caller.role} with no input`).toBe(403);
        expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: { permission: op.access } });
      }
      const after = await snapshot();
      const changed = [...before]
        .filter(([table, hash]) => after.get(table) !== hash)
        .map(([table]) => table);
      if (changed.length) failures.push(`${op.key}: refused requests changed ${changed.join(', ')}`);
      // Then each allowed cell with a request (and fresh state) of its own.
      for (const c of plan.filter((x) => x.exp.ok)) {
        const req = await sample.build(w, c.t, c.caller);
        check(op, c.caller, c.t, c.exp, await send(req, c.caller.session));
      }
      cells += plan.length;
    }
    expect(failures).toEqual([]);
    report(
      'matrix',
      `${engine}: ${cells} cells (${refusedCells} refused) over ${operations.length} operations and ${callers.length} callers`,
    );
  });

  it('answers 401 to every non-public operation without credentials', async () => {
    for (const op of operations.filter((o) => o.access !== 'public')) {
      const [method, path] = op.key.split(' ') as [string, string];
      const url = path.replace(/\{[^}]+\}/g, '01900000-0000-7000-8000-000000000001');
      const response = await h.app.inject({
        method: method as 'GET',
        url,
        payload: method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, op.key).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});

function randomCode(): string {
  return Math.random().toString(36).slice(2, 8);
}
