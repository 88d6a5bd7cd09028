import type { FastifyInstance } from 'fastify';
import type { Permission } from '@steward/contracts';
import { HOUSE_COLUMNS } from '@steward/contracts/catalogues';
import { writeSheetToBuffer } from '../../src/platform/xlsx.ts';
import { multipart, type Session } from '../harness.ts';

/**
 * Sample requests of the permissions matrix (matrix.test.ts), one builder per operation
 * ('METHOD /path' as in the OpenAPI document). A builder makes a request that the caller may
 * legitimately make against the target — the record in their scope ('in', in building 1 of project
 * P1), the same kind of record in another project of their organisation ('out'), one of another
 * organisation ('foreign'), or one in building 2 of P1 ('sibling': beyond a caller scoped to building
 * 1 only, within reach of one holding the whole project) — so whatever refusal comes back is about
 * reach, not about the input. Where a call uses state up (a cancel, an accept), the builder makes
 * fresh state for each call.
 */
export type Target = 'in' | 'out' | 'foreign' | 'sibling';

export interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Acts as another session of the same role and scope (for a sign-out or a password change). */
  as?: Session;
  /** A Server-Sent Events stream: only the status is read. */
  stream?: boolean;
}

/** What one organisation's project holds, made once per target. */
export interface Place {
  orgId: string;
  admin: Session;
  projectId: string;
  projectCode: string;
  buildingId: string;
  buildingCode: string;
  unitId: string;
  houseId: string;
  /** An area of the whole project ('in', 'out', 'foreign') or of the place's building ('sibling'). */
  areaId: string;
  /** The building of the place's area; null for an area of the whole project. */
  areaBuildingId: string | null;
  customerId: string;
  relationId: string;
  documentId: string;
  ticketId: string;
  lineId: string;
  attachmentId: string;
  /** A user whose scope is this project. */
  userId: string;
  /** A technician of the department, scoped to the whole organisation: assignee for field jobs. */
  worker: Session;
  categoryId: string;
  departmentId: string;
  priceItemId: string;
  calendarId: string;
  roleId: string;
  /** An alert addressed to the organisation's administrator about this place's record. */
  alertId: string;
}

export interface Caller {
  role: string;
  session: Session;
  userId: string;
  permissions: ReadonlySet<Permission>;
  /** Scoped to project P1 (false: the whole organisation). */
  scoped: boolean;
  /** Scoped to building 1 of P1 only (not the whole project). */
  buildings: boolean;
  /** Another signed-in user of the same role and scope, for requests that end or change a session. */
  twin(): Promise<Session>;
  /** An alert of this caller about the record of P1. */
  alertId: string;
}

export interface World {
  app: FastifyInstance;
  place: Record<Target, Place>;
  image: Buffer;
  unique(prefix: string): string;
}

export interface Sample {
  build(w: World, t: Target, caller: Caller): Promise<Req>;
  /** A list: every target gets 2xx; `item` is the target's record, shown in reach and absent beyond it. */
  list?: (w: World, t: Target) => string;
  /**
   * Why the request names no target (a create of organisation data, the caller's own session):
   * only the in-scope request is sent.
   */
  untargeted?: string;
  /**
   * The target is the place's project itself (a filter or path naming the project): building 2 of
   * P1 names the same project as building 1, so 'sibling' is answered as 'in'.
   */
  project?: boolean;
}

/** Whether the caller's scope holds the target's place. */
export function reaches(caller: Pick<Caller, 'scoped' | 'buildings'>, t: Target): boolean {
  return t === 'in' || (t === 'sibling' && !caller.buildings) || (t === 'out' && !caller.scoped);
}

/** An answer body as the samples read it: ids, versions, and lists of those. */
export interface Answer {
  id: string;
  version: number;
  items: Answer[];
  houses: { relationId: string }[];
  token: { id: string };
  [key: string]: unknown;
}

export async function call(
  app: FastifyInstance,
  session: Session,
  method: Req['method'],
  url: string,
  payload?: unknown,
): Promise<Answer> {
  const response = await app.inject({ method, url, headers: session.headers, payload: payload as never });
  if (response.statusCode >= 300)
    throw new Error(`setup ${method} ${url} failed: ${response.statusCode} ${response.body}`);
  return (response.body ? response.json() : {}) as Answer;
}

const FUTURE = '2030-01-01T00:00:00.000Z';

/** A fresh record at the target's house, dispatch left to the caller. */
export async function newTicket(w: World, t: Target, extra: Record<string, unknown> = {}): Promise<Answer> {
  const p = w.place[t];
  return call(w.app, p.admin, 'POST', '/api/v1/tickets', {
    type: 'repair',
    channel: 'phone',
    urgency: 'general',
    categoryId: p.categoryId,
    description: '矩阵报修',
    houseId: p.houseId,
    customerId: p.customerId,
    dispatch: 'none',
    ...extra,
  });
}

const STEPS: Record<string, string[]> = {
  received: [],
  dispatched: ['dispatch'],
  accepted: ['dispatch', 'accept'],
  on_hold: ['dispatch', 'accept', 'hold'],
  completed: ['dispatch', 'accept', 'complete'],
  confirmed: ['dispatch', 'accept', 'complete', 'confirm'],
};

/**
 * A fresh record of the target brought to `status`. Field jobs go to the caller when they work
 * records themselves (their own job), else to the place's worker, whom a dispatcher acts for.
 */
export async function ticketAt(w: World, t: Target, caller: Caller, status: string): Promise<Answer> {
  const p = w.place[t];
  // A scoped caller cannot be sent a job beyond their scope; that cell is refused by reach anyway.
  const own = caller.permissions.has('tickets.work') && reaches(caller, t);
  const assignee = own ? caller.session : p.worker;
  let ticket = await newTicket(w, t);
  for (const step of STEPS[status]!) {
    const body: Record<string, unknown> = { version: ticket.version };
    if (step === 'dispatch')
      Object.assign(body, { departmentId: p.departmentId, assigneeId: assignee.user.id });
    if (step === 'hold') body.reason = 'parts';
    if (step === 'complete') body.note = '完成';
    if (step === 'confirm') body.method = 'phone';
    const actor = step === 'accept' ? assignee : p.admin;
    ticket = await call(w.app, actor, 'POST', `/api/v1/tickets/${ticket.id}/actions/${step}`, body);
  }
  return ticket;
}

const action =
  (name: string, from: string, body: Record<string, unknown> = {}): Sample['build'] =>
  async (w, t, caller) => {
    const ticket = await ticketAt(w, t, caller, from);
    const extra = name === 'link' ? { targetId: (await newTicket(w, t)).id, kind: 'related' } : {};
    return {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/actions/${name}`,
      payload: { version: ticket.version, ...body, ...extra },
    };
  };

const get =
  (url: (p: Place) => string): Sample['build'] =>
  async (w, t) => ({ method: 'GET', url: url(w.place[t]) });

const listOf = (url: string, item: (p: Place) => string, extra: Partial<Sample> = {}): Sample => ({
  build: async () => ({ method: 'GET', url }),
  list: (w, t) => item(w.place[t]),
  ...extra,
});

/** A list filtered by the target's place (`filter(p)` is the query): beyond reach it lists nothing of it. */
const filtered = (path: string, filter: (p: Place) => string, item: (p: Place) => string): Sample => ({
  build: async (w, t) => ({ method: 'GET', url: `${path}?limit=200&${filter(w.place[t])}` }),
  list: (w, t) => item(w.place[t]),
});

async function upload(fields: Record<string, string>, image: Buffer) {
  return multipart(fields, { name: 'x.png', data: image, type: 'image/png' });
}

export const SAMPLES: Record<string, Sample> = {
  /* --------------------------------------------------------------- auth (the caller's own) */
  'POST /api/v1/auth/logout': {
    untargeted: "the caller's own session",
    build: async (_w, _t, caller) => ({
      method: 'POST',
      url: '/api/v1/auth/logout',
      as: await caller.twin(),
    }),
  },
  'GET /api/v1/auth/me': {
    untargeted: "the caller's own session",
    build: async () => ({ method: 'GET', url: '/api/v1/auth/me' }),
  },
  'POST /api/v1/auth/password': {
    untargeted: "the caller's own password",
    build: async (_w, _t, caller) => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      as: await caller.twin(),
      payload: { currentPassword: 'Passw0rd-test', newPassword: 'Matrix-Passw0rd-2' },
    }),
  },
  'GET /api/v1/events': {
    untargeted: "the caller's own live stream, filtered by their scope (tested in events.test.ts)",
    build: async () => ({ method: 'GET', url: '/api/v1/events', stream: true }),
  },

  /* --------------------------------------------------------------- alerts (the caller's own) */
  'GET /api/v1/alerts': {
    untargeted: "the caller's own alerts (another's alert: POST /alerts/{id}/read)",
    build: async () => ({ method: 'GET', url: '/api/v1/alerts' }),
  },
  'POST /api/v1/alerts/{id}/read': {
    // in: the caller's own alert; out: someone else's alert in the organisation; foreign: another's.
    build: async (w, t, caller) => ({
      method: 'POST',
      url: `/api/v1/alerts/${t === 'in' ? caller.alertId : w.place[t].alertId}/read`,
    }),
  },
  'POST /api/v1/alerts/read-all': {
    untargeted: "the caller's own alerts",
    build: async () => ({ method: 'POST', url: '/api/v1/alerts/read-all' }),
  },

  /* --------------------------------------------------------------- users, roles, tokens */
  'GET /api/v1/users': listOf('/api/v1/users?limit=200', (p) => p.userId),
  'POST /api/v1/users': {
    build: async (w, t) => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        username: w.unique('mx'),
        displayName: '矩阵用户',
        password: 'Passw0rd-matrix',
        roles: ['technician'],
        scope: { all: false, projects: [{ projectId: w.place[t].projectId, buildingIds: [] }] },
      },
    }),
  },
  'GET /api/v1/users/{id}': { build: get((p) => `/api/v1/users/${p.userId}`) },
  'PATCH /api/v1/users/{id}': {
    build: async (w, t) => {
      const user = await call(w.app, w.place[t].admin, 'GET', `/api/v1/users/${w.place[t].userId}`);
      return {
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        payload: { version: user.version, displayName: w.unique('改名') },
      };
    },
  },
  'POST /api/v1/users/{id}/reset-password': {
    build: async (w, t) => ({
      method: 'POST',
      url: `/api/v1/users/${w.place[t].userId}/reset-password`,
      payload: { newPassword: 'Passw0rd-reset1' },
    }),
  },
  'POST /api/v1/users/{id}/revoke-sessions': {
    build: async (w, t) => ({ method: 'POST', url: `/api/v1/users/${w.place[t].userId}/revoke-sessions` }),
  },
  'GET /api/v1/permissions': {
    untargeted: 'the permission catalogue',
    build: async () => ({ method: 'GET', url: '/api/v1/permissions' }),
  },
  'GET /api/v1/roles': listOf('/api/v1/roles', (p) => p.roleId),
  'POST /api/v1/roles': {
    untargeted: 'creates organisation data',
    build: async (w) => ({
      method: 'POST',
      url: '/api/v1/roles',
      payload: { code: w.unique('r').replace('-', '_'), name: '矩阵角色', permissions: ['tickets.read'] },
    }),
  },
  'PATCH /api/v1/roles/{id}': {
    build: async (w, t) => ({
      method: 'PATCH',
      url: `/api/v1/roles/${w.place[t].roleId}`,
      payload: { name: w.unique('角色') },
    }),
  },
  'GET /api/v1/api-tokens': {
    untargeted: "the organisation's tokens, no place",
    build: async () => ({ method: 'GET', url: '/api/v1/api-tokens' }),
  },
  'POST /api/v1/api-tokens': {
    build: async (w, t) => ({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: '矩阵', userId: w.place[t].userId },
    }),
  },
  'POST /api/v1/api-tokens/{id}/revoke': {
    build: async (w, t) => {
      const p = w.place[t];
      const created = await call(w.app, p.admin, 'POST', '/api/v1/api-tokens', {
        name: 'x',
        userId: p.userId,
      });
      return { method: 'POST', url: `/api/v1/api-tokens/${created.token.id}/revoke` };
    },
  },
  'GET /api/v1/audit': {
    untargeted: "the organisation's audit log, no place",
    build: async () => ({ method: 'GET', url: '/api/v1/audit?limit=5' }),
  },

  /* --------------------------------------------------------------- property */
  'GET /api/v1/projects': listOf('/api/v1/projects?limit=200', (p) => p.projectId, { project: true }),
  'POST /api/v1/projects': {
    untargeted: 'creates a new project',
    build: async (w) => ({
      method: 'POST',
      url: '/api/v1/projects',
      payload: { code: w.unique('MX'), name: '矩阵项目', type: 'residential' },
    }),
  },
  'GET /api/v1/projects/{id}': { project: true, build: get((p) => `/api/v1/projects/${p.projectId}`) },
  'GET /api/v1/projects/{id}/buildings': {
    project: true,
    build: get((p) => `/api/v1/projects/${p.projectId}/buildings`),
  },
  'POST /api/v1/projects/{id}/buildings': {
    project: true,
    build: async (w, t) => ({
      method: 'POST',
      url: `/api/v1/projects/${w.place[t].projectId}/buildings`,
      payload: { code: w.unique('B'), name: '新楼' },
    }),
  },
  'PATCH /api/v1/projects/{id}': {
    project: true,
    build: async (w, t) => ({
      method: 'PATCH',
      url: `/api/v1/projects/${w.place[t].projectId}`,
      payload: { name: w.unique('项目') },
    }),
  },
  'GET /api/v1/projects/{id}/tree': {
    project: true,
    build: get((p) => `/api/v1/projects/${p.projectId}/tree`),
  },
  'PATCH /api/v1/buildings/{id}': {
    build: async (w, t) => ({
      method: 'PATCH',
      url: `/api/v1/buildings/${w.place[t].buildingId}`,
      payload: { name: w.unique('楼') },
    }),
  },
  'POST /api/v1/buildings/{id}/units': {
    build: async (w, t) => ({
      method: 'POST',
      url: `/api/v1/buildings/${w.place[t].buildingId}/units`,
      payload: { code: w.unique('U').slice(0, 8) },
    }),
  },
  'PATCH /api/v1/units/{id}': {
    build: async (w, t) => ({
      method: 'PATCH',
      url: `/api/v1/units/${w.place[t].unitId}`,
      payload: { name: w.unique('单元') },
    }),
  },
  'GET /api/v1/houses': filtered(
    '/api/v1/houses',
    (p) => `buildingId=${p.buildingId}`,
    (p) => p.houseId,
  ),
  'POST /api/v1/houses': {
    build: async (w, t) => ({
      method: 'POST',
      url: '/api/v1/houses',
      payload: {
        buildingId: w.place[t].buildingId,
        roomNo: w.unique('R').slice(0, 8),
        use: 'residence',
        state: 'vacant',
      },
    }),
  },
  'GET /api/v1/houses/{id}': { build: get((p) => `/api/v1/houses/${p.houseId}`) },
  'PATCH /api/v1/houses/{id}': {
    build: async (w, t) => {
      const house = await call(w.app, w.place[t].admin, 'GET', `/api/v1/houses/${w.place[t].houseId}`);
      return {
        method: 'PATCH',
        url: `/api/v1/houses/${house.id}`,
        payload: { version: house.version, floor: 3 },
      };
    },
  },
  'GET /api/v1/areas': filtered(
    '/api/v1/areas',
    (p) => `projectId=${p.projectId}`,
    (p) => p.areaId,
  ),
  'POST /api/v1/areas': {
    build: async (w, t) => ({
      method: 'POST',
      url: '/api/v1/areas',
      payload: {
        projectId: w.place[t].projectId,
        ...(w.place[t].areaBuildingId ? { buildingId: w.place[t].areaBuildingId } : {}),
        kind: 'area',
        category: 'gate',
        code: w.unique('G').slice(0, 8),
        name: '大门',
      },
    }),
  },
  'PATCH /api/v1/areas/{id}': {
    build: async (w, t) => ({
      method: 'PATCH',
      url: `/api/v1/areas/${w.place[t].areaId}`,
      payload: { name: w.unique('区域') },
    }),
  },

  /* --------------------------------------------------------------- customers */
  'GET /api/v1/customers': filtered(
    '/api/v1/customers',
    (p) => `buildingId=${p.buildingId}`,
    (p) => p.customerId,
  ),
  'POST /api/v1/customers': {
    build: async (w, t) => ({
      method: 'POST',
      url: '/api/v1/customers',
      payload: {
        kind: 'person',
        name: '矩阵客户',
        houses: [{ houseId: w.place[t].houseId, role: 'tenant' }],
      },
    }),
  },
  'GET /api/v1/customers/{id}': { build: get((p) => `/api/v1/customers/${p.customerId}`) },
  'PATCH /api/v1/customers/{id}': {
    build: async (w, t) => {
      const c = await call(w.app, w.place[t].admin, 'GET', `/api/v1/customers/${w.place[t].customerId}`);
      return {
        method: 'PATCH',
        url: `/api/v1/customers/${c.id}`,
        payload: { version: c.version, notes: w.unique('备注') },
      };
    },
  },
  'GET /api/v1/customers/{id}/overview': { build: get((p) => `/api/v1/customers/${p.customerId}/overview`) },
  'POST /api/v1/customers/{id}/reveal': {
    build: async (w, t) => ({
      method: 'POST',
      url: `/api/v1/customers/${w.place[t].customerId}/reveal`,
      payload: { field: 'phone' },
    }),
  },
  'POST /api/v1/customers/{id}/houses': {
    build: async (w, t) => {
      const p = w.place[t];
      // A customer the caller sees (living in the target's house) moves into a second house there.
      const c = await call(w.app, p.admin, 'POST', '/api/v1/customers', {
        kind: 'person',
        name: '新客户',
        houses: [{ houseId: p.houseId, role: 'tenant' }],
      });
      const house = await call(w.app, p.admin, 'POST', '/api/v1/houses', {
        buildingId: p.buildingId,
        roomNo: w.unique('R').slice(0, 8),
        use: 'residence',
        state: 'vacant',
      });
      return {
        method: 'POST',
        url: `/api/v1/customers/${c.id}/houses`,
        payload: { houseId: house.id, role: 'tenant' },
      };
    },
  },
  'PATCH /api/v1/customers/{id}/houses/{relationId}': {
    build: async (w, t) => {
      const p = w.place[t];
      return {
        method: 'PATCH',
        url: `/api/v1/customers/${p.customerId}/houses/${p.relationId}`,
        payload: { since: '2020-01-01' },
      };
    },
  },
  'DELETE /api/v1/customers/{id}/houses/{relationId}': {
    build: async (w, t) => {
      const p = w.place[t];
      const c = await call(w.app, p.admin, 'POST', '/api/v1/customers', {
        kind: 'person',
        name: '删关系',
        houses: [{ houseId: p.houseId, role: 'tenant' }],
      });
      return { method: 'DELETE', url: `/api/v1/customers/${c.id}/houses/${c.houses[0]!.relationId}` };
    },
  },
  'POST /api/v1/customers/{id}/contacts': {
    build: async (w, t) => ({
      method: 'POST',
      url: `/api/v1/customers/${w.place[t].customerId}/contacts`,
      payload: { channel: 'phone', topic: 'opinion', summary: '回访' },
    }),
  },
  'POST /api/v1/customers/{id}/documents': {
    build: async (w, t) => {
      const form = await upload({ purpose: 'move_in' }, w.image);
      return {
        method: 'POST',
        url: `/api/v1/customers/${w.place[t].customerId}/documents`,
        payload: form.payload,
        headers: form.headers,
      };
    },
  },
  'GET /api/v1/customers/{id}/documents/{documentId}/file': {
    build: get((p) => `/api/v1/customers/${p.customerId}/documents/${p.documentId}/file`),
  },
  'DELETE /api/v1/customers/{id}/documents/{documentId}': {
    build: async (w, t) => {
      const p = w.place[t];
      const form = await upload({ purpose: 'move_in' }, w.image);
      const doc = await w.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${p.customerId}/documents`,
        headers: { ...p.admin.headers, ...form.headers },
        payload: form.payload,
      });
      return { method: 'DELETE', url: `/api/v1/customers/${p.customerId}/documents/${doc.json().id}` };
    },
  },
  'GET /api/v1/tags': {
    untargeted: "the organisation's tags",
    build: async () => ({ method: 'GET', url: '/api/v1/tags' }),
  },
  'POST /api/v1/tags': {
    untargeted: 'creates organisation data',
    build: async (w) => ({
      method: 'POST',
      url: '/api/v1/tags',
      payload: { name: w.unique('t').slice(0, 20) },
    }),
  },

  /* --------------------------------------------------------------- archive */
  'GET /api/v1/imports/{kind}/template.xlsx': {
    untargeted: 'a blank template',
    build: async () => ({ method: 'GET', url: '/api/v1/imports/houses/template.xlsx' }),
  },
  'POST /api/v1/imports/{kind}': {
    // One new house in the target's building: beyond the caller's scope (or in another
    // organisation, where the project code is unknown) the row is refused as a row problem.
    build: async (w, t) => {
      const p = w.place[t];
      const row = {
        projectCode: p.projectCode,
        buildingCode: p.buildingCode,
        roomNo: w.unique('R').slice(0, 8),
      };
      const data = await writeSheetToBuffer('Sheet1', HOUSE_COLUMNS, [row], { locale: 'zh-CN' });
      const form = multipart({}, { name: 'houses.xlsx', data });
      return { method: 'POST', url: '/api/v1/imports/houses', payload: form.payload, headers: form.headers };
    },
  },
  'GET /api/v1/exports/{kind}.xlsx': {
    build: get((p) => `/api/v1/exports/houses.xlsx?projectId=${p.projectId}&buildingId=${p.buildingId}`),
  },

  /* --------------------------------------------------------------- service desk configuration */
  'GET /api/v1/categories': listOf('/api/v1/categories', (p) => p.categoryId),
  'POST /api/v1/categories': {
    untargeted: 'creates organisation configuration',
    build: async (w) => ({
      method: 'POST',
      url: '/api/v1/categories',
      payload: { code: w.unique('C').slice(0, 10), name: '类别' },
    }),
  },
  'PATCH /api/v1/categories/{id}': {
    build: async (w, t) => ({
      method: 'PATCH',
      url: `/api/v1/categories/${w.place[t].categoryId}`,
      payload: { sortOrder: 5 },
    }),
  },
  'GET /api/v1/departments': listOf('/api/v1/departments', (p) => p.departmentId),
  'POST /api/v1/departments': {
    untargeted: 'creates organisation configuration',
    build: async (w) => ({
      method: 'POST',
      url: '/api/v1/departments',
      payload: { code: w.unique('D').slice(0, 10), name: '部门', kind: 'engineering' },
    }),
  },
  'PATCH /api/v1/departments/{id}': {
    build: async (w, t) => ({
      method: 'PATCH',
      url: `/api/v1/departments/${w.place[t].departmentId}`,
      payload: { name: w.unique('部') },
    }),
  },
  'GET /api/v1/staff': listOf('/api/v1/staff', (p) => p.worker.user.id),
  'PUT /api/v1/staff/{id}': {
    // A building duty on the target's building, for a person of the target's organisation.
    build: async (w, t) => {
      const p = w.place[t];
      // The worker's duties from earlier cells cleared first: a caller may not take away a duty on a
      // building beyond their own scope, and that refusal is not what this cell is about.
      await call(w.app, p.admin, 'PUT', `/api/v1/staff/${p.worker.user.id}`, {
        departmentId: p.departmentId,
        skills: [],
        duties: [],
      });
      return {
        method: 'PUT',
        url: `/api/v1/staff/${p.worker.user.id}`,
        payload: {
          departmentId: p.departmentId,
          skills: [],
          duties: [{ buildingId: p.buildingId, duty: 'butler' }],
        },
      };
    },
  },
  'GET /api/v1/duty-shifts': {
    untargeted: "the organisation's roster by time (department filter: organisation data)",
    build: async () => ({
      method: 'GET',
      url: '/api/v1/duty-shifts?from=2029-12-31T00:00:00.000Z&to=2030-01-02T00:00:00.000Z',
    }),
  },
  'POST /api/v1/duty-shifts': {
    build: async (w, t) => {
      const start = new Date(Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1e6) * 86_400_000);
      return {
        method: 'POST',
        url: '/api/v1/duty-shifts',
        payload: {
          userId: w.place[t].worker.user.id,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        },
      };
    },
  },
  'DELETE /api/v1/duty-shifts/{id}': {
    build: async (w, t) => {
      const p = w.place[t];
      const start = new Date(Date.UTC(2040, 0, 1) + Math.floor(Math.random() * 1e6) * 86_400_000);
      const shift = await call(w.app, p.admin, 'POST', '/api/v1/duty-shifts', {
        userId: p.worker.user.id,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      });
      return { method: 'DELETE', url: `/api/v1/duty-shifts/${shift.id}` };
    },
  },
  'GET /api/v1/price-items': listOf('/api/v1/price-items', (p) => p.priceItemId),
  'POST /api/v1/price-items': {
    untargeted: 'creates organisation configuration',
    build: async (w) => ({
      method: 'POST',
      url: '/api/v1/price-items',
      payload: { code: w.unique('P').slice(0, 10), name: '服务', unit: '次', priceFen: 100 },
    }),
  },
  'PATCH /api/v1/price-items/{id}': {
    build: async (w, t) => ({
      method: 'PATCH',
      url: `/api/v1/price-items/${w.place[t].priceItemId}`,
      payload: { priceFen: 200 },
    }),
  },
  'GET /api/v1/calendars': listOf('/api/v1/calendars', (p) => p.calendarId),
  'POST /api/v1/calendars': {
    untargeted: 'creates organisation configuration',
    build: async (w) => ({
      method: 'POST',
      url: '/api/v1/calendars',
      payload: { name: w.unique('日历'), alwaysOpen: true, week: [[], [], [], [], [], [], []], days: [] },
    }),
  },
  'PATCH /api/v1/calendars/{id}': {
    build: async (w, t) => {
      const p = w.place[t];
      const list = await call(w.app, p.admin, 'GET', '/api/v1/calendars');
      const c = list.items.find((x) => x.id === p.calendarId)!;
      return {
        method: 'PATCH',
        url: `/api/v1/calendars/${c.id}`,
        payload: { version: c.version, name: w.unique('日历') },
      };
    },
  },
  'GET /api/v1/time-policies': {
    untargeted: "the organisation's standards, no place",
    build: async () => ({ method: 'GET', url: '/api/v1/time-policies' }),
  },
  'GET /api/v1/time-policies/match': {
    build: get(
      (p) =>
        `/api/v1/time-policies/match?type=repair&categoryId=${p.categoryId}&urgency=general&projectId=${p.projectId}`,
    ),
  },
  'GET /api/v1/time-policies/preview': {
    build: get(
      (p) =>
        `/api/v1/time-policies/preview?type=repair&categoryId=${p.categoryId}&urgency=general&projectId=${p.projectId}`,
    ),
  },
  'POST /api/v1/time-policies': {
    project: true,
    build: async (w, t) => ({
      method: 'POST',
      url: '/api/v1/time-policies',
      payload: await policyBody(w, w.place[t]),
    }),
  },
  'PATCH /api/v1/time-policies/{id}': {
    project: true,
    build: async (w, t) => {
      const p = w.place[t];
      const policy = await call(w.app, p.admin, 'POST', '/api/v1/time-policies', await policyBody(w, p));
      return {
        method: 'PATCH',
        url: `/api/v1/time-policies/${policy.id}`,
        payload: { version: policy.version, name: w.unique('标准') },
      };
    },
  },
  // Figures filtered by a project, like the queue filtered by one: beyond reach the project's row is
  // simply absent (all zeros), as the queue shows no records.
  'GET /api/v1/dashboard/time-standards': {
    project: true,
    build: get((p) => `/api/v1/dashboard/time-standards?projectId=${p.projectId}`),
    list: (w, t) => w.place[t].projectId,
  },

  /* --------------------------------------------------------------- records */
  'POST /api/v1/tickets': {
    build: async (w, t) => {
      const p = w.place[t];
      return {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: {
          type: 'repair',
          channel: 'phone',
          urgency: 'general',
          categoryId: w.place.in.categoryId,
          description: '矩阵登记',
          houseId: p.houseId,
          customerId: p.customerId,
          dispatch: 'none',
        },
      };
    },
  },
  'GET /api/v1/tickets': filtered(
    '/api/v1/tickets',
    (p) => `projectId=${p.projectId}`,
    (p) => p.ticketId,
  ),
  'GET /api/v1/tickets/{id}': { build: get((p) => `/api/v1/tickets/${p.ticketId}`) },
  'POST /api/v1/tickets/{id}/actions/dispatch': {
    build: async (w, t, c) => {
      const ticket = await ticketAt(w, t, c, 'received');
      return {
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/actions/dispatch`,
        payload: { version: ticket.version, departmentId: w.place[t].departmentId },
      };
    },
  },
  'POST /api/v1/tickets/{id}/actions/accept': { build: action('accept', 'dispatched') },
  'POST /api/v1/tickets/{id}/actions/decline': { build: action('decline', 'dispatched', { reason: '不在' }) },
  'POST /api/v1/tickets/{id}/actions/arrive': { build: action('arrive', 'accepted') },
  'POST /api/v1/tickets/{id}/actions/start': { build: action('start', 'accepted') },
  'POST /api/v1/tickets/{id}/actions/hold': { build: action('hold', 'accepted', { reason: 'parts' }) },
  'POST /api/v1/tickets/{id}/actions/resume': { build: action('resume', 'on_hold') },
  'POST /api/v1/tickets/{id}/actions/complete': { build: action('complete', 'accepted', { note: '修好' }) },
  'POST /api/v1/tickets/{id}/actions/confirm': { build: action('confirm', 'completed', { method: 'phone' }) },
  'POST /api/v1/tickets/{id}/actions/visit': {
    build: action('visit', 'completed', { satisfied: true, score: 5 }),
  },
  'POST /api/v1/tickets/{id}/actions/reopen': { build: action('reopen', 'completed', { reason: '没修好' }) },
  'POST /api/v1/tickets/{id}/actions/cancel': { build: action('cancel', 'received', { reason: '重复' }) },
  'POST /api/v1/tickets/{id}/actions/archive': { build: action('archive', 'confirmed') },
  'POST /api/v1/tickets/{id}/actions/escalate': { build: action('escalate', 'received', { note: '加急' }) },
  'POST /api/v1/tickets/{id}/actions/link': { build: action('link', 'received') },
  'POST /api/v1/tickets/{id}/actions/reclassify': {
    build: action('reclassify', 'received', { urgency: 'emergency' }),
  },
  'GET /api/v1/tickets/{id}/timeline': { build: get((p) => `/api/v1/tickets/${p.ticketId}/timeline`) },
  'POST /api/v1/tickets/{id}/comments': {
    build: async (w, t) => ({
      method: 'POST',
      url: `/api/v1/tickets/${w.place[t].ticketId}/comments`,
      payload: { visibility: 'internal', body: '备注' },
    }),
  },
  'POST /api/v1/tickets/{id}/promises': {
    build: async (w, t) => ({
      method: 'POST',
      url: `/api/v1/tickets/${w.place[t].ticketId}/promises`,
      payload: { kind: 'callback', dueAt: FUTURE },
    }),
  },
  'POST /api/v1/tickets/{id}/promises/{promiseId}/keep': {
    build: async (w, t) => {
      const ticket = await newTicket(w, t);
      const promise = await call(w.app, w.place[t].admin, 'POST', `/api/v1/tickets/${ticket.id}/promises`, {
        kind: 'callback',
        dueAt: FUTURE,
      });
      return { method: 'POST', url: `/api/v1/tickets/${ticket.id}/promises/${promise.id}/keep`, payload: {} };
    },
  },
  'POST /api/v1/tickets/{id}/promises/{promiseId}/withdraw': {
    build: async (w, t) => {
      const ticket = await newTicket(w, t);
      const promise = await call(w.app, w.place[t].admin, 'POST', `/api/v1/tickets/${ticket.id}/promises`, {
        kind: 'callback',
        dueAt: FUTURE,
      });
      return {
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/promises/${promise.id}/withdraw`,
        payload: { reason: '不需要了' },
      };
    },
  },
  'POST /api/v1/tickets/{id}/lines': {
    build: async (w, t) => ({
      method: 'POST',
      url: `/api/v1/tickets/${w.place[t].ticketId}/lines`,
      payload: { kind: 'material', name: '胶带', unit: '卷', quantity: 1 },
    }),
  },
  'POST /api/v1/tickets/{id}/lines/{lineId}/void': {
    build: async (w, t) => {
      const p = w.place[t];
      const line = await call(w.app, p.admin, 'POST', `/api/v1/tickets/${p.ticketId}/lines`, {
        kind: 'material',
        name: '螺丝',
        unit: '个',
        quantity: 1,
      });
      return {
        method: 'POST',
        url: `/api/v1/tickets/${p.ticketId}/lines/${line.id}/void`,
        payload: { reason: '录错' },
      };
    },
  },
  'POST /api/v1/tickets/{id}/attachments': {
    build: async (w, t) => {
      const form = await upload({ stage: 'before' }, w.image);
      return {
        method: 'POST',
        url: `/api/v1/tickets/${w.place[t].ticketId}/attachments`,
        payload: form.payload,
        headers: form.headers,
      };
    },
  },
  'GET /api/v1/attachments/{id}': { build: get((p) => `/api/v1/attachments/${p.attachmentId}`) },
  'GET /api/v1/intake/lookup': listOf('/api/v1/intake/lookup?q=13912345678', (p) => p.customerId),
  'GET /api/v1/dispatch/candidates': {
    build: async (w, t) => ({
      method: 'GET',
      url: `/api/v1/dispatch/candidates?houseId=${w.place[t].houseId}&departmentId=${w.place.in.departmentId}`,
    }),
  },
};

/** A standard for a category of its own, so no two samples claim the same match. */
async function policyBody(w: World, p: Place) {
  const category = await call(w.app, p.admin, 'POST', '/api/v1/categories', {
    code: w.unique('PC').slice(0, 10),
    name: '标准类别',
  });
  return {
    name: w.unique('标准'),
    type: null,
    categoryId: category.id,
    urgency: 'special',
    projectId: p.projectId,
    calendarId: p.calendarId,
    clocks: { dispatch: 5, accept: null, arrive: null, complete: null, feedback: null },
    promiseMinutes: null,
    warnPercent: null,
    ladder: [],
    repeatMinutes: null,
  };
}
