import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../src/config.ts';
import { SYSTEM_META } from '../../src/platform/auth/actor.ts';
import { newId } from '../../src/platform/ids.ts';
import { importRows } from '../../src/modules/archive/index.ts';
import { loadDemo } from '../../src/modules/setup/index.ts';
import { demoArchive } from '../../src/modules/setup/demo-archive.ts';
import { newOrg, PASSWORD } from '../factories.ts';
import { sessionCookie, startTestApp, type Session, type TestApp } from '../harness.ts';
import { describeEngines } from '../test-db.ts';
import {
  baseRequest,
  encode,
  encodeMultipart,
  hashString,
  operationsOf,
  sample,
  variantsFor,
  type Base,
  type Files,
  type Operation,
  type Realistic,
  type RequestSpec,
} from './bad-input.generate.ts';
import { FULL, report, size } from './support.ts';

/**
 * Bad input against every operation of the OpenAPI document (reliability item 2). The admin holds
 * every permission, so each request gets past the permission gate to validation and the services.
 * For every request: no 5xx; a 4xx says `{ error: { code, message } }`; a refused request leaves
 * the database as it was; what the published schema refuses (wrong type, missing field, broken or
 * non-object body, number beyond bounds, string beyond maxLength, unknown enum value or field) is
 * answered with a 4xx; SQL or HTML text that is accepted is stored and read back as sent.
 *
 * "As it was" is checked cheaply and exactly: a trigger on every table counts committed writes per
 * table (a rolled-back transaction leaves no count), and only a table whose count moved is read in
 * full and compared row by row with its previous copy.
 */

const DEMO_PASSWORD = 'DemoPass2026';
/** Short version: this many variants per operation, drawn with SEED (override to replay another draw). */
const PER_OPERATION = size(8, Infinity);
const SEED = Number(process.env.STEWARD_BAD_INPUT_SEED ?? 20261122);
/** Small limits so that "larger than the limit" is cheap to send. */
const LIMITS = { bodyLimit: 64 * 1024, attachmentLimit: 256 * 1024, importLimit: 256 * 1024 };
/** ID-document copies have a fixed 10 MiB limit in the server. */
const OVERSIZE = 10 * 1024 * 1024 + 1;

/**
 * Operations called as someone else: signing out ends the caller's session (a fresh one each
 * time), and wrong current passwords lock the account they are tried on (not the admin's, then).
 */
const OWN_SESSION: Record<string, { username: string; fresh: boolean }> = {
  'POST /api/v1/auth/logout': { username: 'admin', fresh: true },
  'POST /api/v1/auth/password': { username: 'tech3', fresh: false },
};
/**
 * Writes a refused request is meant to make: a failed sign-in or a wrong current password counts
 * towards the throttle and is audited (architecture.md, "throttling"). That is the point of them.
 */
const WRITES_WHEN_REFUSED: Record<string, string[]> = {
  'POST /api/v1/auth/login': ['auth_throttle', 'audit_log'],
  'POST /api/v1/auth/password': ['auth_throttle', 'audit_log'],
};
/** Public operations come from their own address, so their failed sign-ins throttle nobody else. */
const STRANGER_IP = '10.20.30.40';
const HELPER_IP = '10.20.30.41';
const FAILURES = path.resolve(import.meta.dirname, '../../../../.tmp/bad-input-failures-ENGINE.json');

interface Failure {
  op: string;
  label: string;
  problem: string;
}

describeEngines('bad input generated from the OpenAPI document', (engine) => {
  let h: TestApp;
  let admin: Session;
  let operations: Operation[];
  let ids: Harvest;
  let foreignIds: Harvest;
  let db: TableWatch;
  let png: Buffer;
  const headersByKind = new Map<string, string[]>();

  beforeAll(async () => {
    h = await startTestApp(engine, LIMITS);
    await loadDemo({ ...h.deps, config: h.config }, DEMO_PASSWORD, { houses: 40 });
    admin = await signInAs('admin', DEMO_PASSWORD);
    operations = operationsOf((await h.app.inject({ url: '/api/v1/openapi.json' })).json());
    png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c85028' } })
      .png()
      .toBuffer();

    // Another organisation with an archive of its own: the source of "someone else's" ids.
    const other = await newOrg(h.deps, '另一家物业');
    const archive = demoArchive({ houses: 8, projects: 1 });
    for (const [kind, rows] of [
      ['houses', archive.houses],
      ['customers', archive.customers],
    ] as const) {
      const outcome = await importRows(
        h.deps,
        other.admin,
        SYSTEM_META,
        kind,
        [...rows].map((values, i) => ({ row: i + 2, values })),
      );
      if (!outcome.ok) throw new Error(`foreign ${kind}: ${JSON.stringify(outcome.problems[0])}`);
    }
    const stranger = await signInAs(other.adminUsername, PASSWORD);
    foreignIds = await harvest(stranger);
    await seedThroughTheApi(stranger, foreignIds);
    foreignIds = await harvest(stranger);

    // The organisation under test: the demo, plus one of everything the API creates.
    ids = await harvest(admin);
    await seedThroughTheApi(admin, ids);
    ids = await harvest(admin);
    db = await TableWatch.install(h, engine);
  });
  afterAll(() => h?.close());

  async function signInAs(username: string, password: string): Promise<Session> {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress: HELPER_IP,
    });
    if (response.statusCode !== 200) throw new Error(`sign-in ${username}: ${response.body}`);
    const cookie = sessionCookie(response);
    const body = response.json<{ user: Session['user']; csrfToken: string }>();
    return {
      user: body.user,
      csrfToken: body.csrfToken,
      cookie,
      headers: { cookie, 'x-csrf-token': body.csrfToken },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Realistic ids, found by reading the API like a client would

  interface Harvest {
    self: string;
    /** Ids of the items of each list (`tickets`, `duty-shifts`, `staff`). */
    byKind: Map<string, string[]>;
    /** Every uuid seen under a key (`buildingId`, `relationId`). */
    byKey: Map<string, string[]>;
    /** Children of a record: `tickets` → `promises` → [{ parent, id }], from the record's detail. */
    children: Map<string, Map<string, { parent: string; id: string }[]>>;
  }

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  function collectKeys(value: unknown, into: Map<string, string[]>, self: string): void {
    if (Array.isArray(value)) for (const v of value) collectKeys(v, into, self);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        if (typeof v === 'string' && UUID.test(v) && k.endsWith('Id') && v !== self) {
          const list = into.get(k) ?? [];
          if (!list.includes(v)) list.push(v);
          into.set(k, list);
        } else collectKeys(v, into, self);
      }
  }

  const idOf = (item: Record<string, unknown>) =>
    (typeof item.id === 'string' ? item.id : undefined) ??
    Object.entries(item).find(([k, v]) => k.endsWith('Id') && typeof v === 'string')?.[1];

  async function harvest(session: Session): Promise<Harvest> {
    const self = session.user.id;
    const out: Harvest = { self, byKind: new Map(), byKey: new Map(), children: new Map() };
    const ctx = realistic(out, undefined);
    for (const op of operations) {
      if (op.method !== 'GET' || op.pathParams.length || op.stream || /\.(json|xlsx)$/.test(op.path))
        continue;
      const base = baseRequest(op, ctx);
      const query = new URLSearchParams(base.query).toString();
      const response = await h.app.inject({
        url: `${op.path}${query ? `?${query}` : ''}`,
        headers: session.headers,
      });
      if (response.statusCode !== 200) continue;
      const body = response.json<{ items?: Record<string, unknown>[] } | Record<string, unknown>[]>();
      const items = Array.isArray(body) ? body : Array.isArray(body.items) ? body.items : [];
      const kind = op.path.split('/').pop()!;
      // Records that can be changed come first (a system role is not editable).
      const usable = [...items].sort((a, b) => Number(a.editable === false) - Number(b.editable === false));
      out.byKind.set(
        kind,
        usable.map(idOf).filter((id): id is string => !!id && id !== self),
      );
      collectKeys(body, out.byKey, self);
    }
    for (const op of operations) {
      const match = /^\/api\/v1\/([\w-]+)\/\{id\}$/.exec(op.path);
      if (op.method !== 'GET' || !match) continue;
      const kind = match[1]!;
      const children = out.children.get(kind) ?? new Map<string, { parent: string; id: string }[]>();
      out.children.set(kind, children);
      for (const parent of (out.byKind.get(kind) ?? []).slice(0, 10)) {
        const response = await h.app.inject({ url: `/api/v1/${kind}/${parent}`, headers: session.headers });
        if (response.statusCode !== 200) continue;
        const detail = response.json<Record<string, unknown>>();
        collectKeys(detail, out.byKey, self);
        for (const [key, value] of Object.entries(detail)) {
          if (!Array.isArray(value)) continue;
          for (const item of value as Record<string, unknown>[]) {
            if (!item || typeof item !== 'object') continue;
            for (const [k, v] of Object.entries(item)) {
              if (typeof v !== 'string' || !UUID.test(v)) continue;
              const name = k === 'id' ? key : k;
              children.set(name, [...(children.get(name) ?? []), { parent, id: v }]);
            }
          }
        }
      }
    }
    return out;
  }

  /** `priceItemId` → `price-items`, `categoryIds` → `categories`. */
  function kindOf(name: string): string[] {
    const stem = name.replace(/Ids?$/, '');
    const kebab = stem.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const plural = kebab.endsWith('y') ? `${kebab.slice(0, -1)}ies` : `${kebab}s`;
    const people = ['assignee', 'owner', 'actor', 'user', 'target'].includes(stem) ? ['users', 'staff'] : [];
    return [plural, kebab, ...people, ...(name === 'duplicateOf' ? ['tickets'] : [])];
  }

  function lookup(from: Harvest, name: string, path: string): string | undefined {
    const segments = path.split('/');
    if (name === 'id') {
      const kind = segments[segments.indexOf('{id}') - 1]!;
      const child = /\{(\w+)\}/.exec(path.slice(path.indexOf('{id}') + 4))?.[1];
      if (child) return pairFor(from, kind, child)?.parent;
      return from.byKind.get(kind)?.[0];
    }
    if (path.includes(`{${name}}`)) {
      const kind = segments[segments.indexOf('{id}') - 1]!;
      return pairFor(from, kind, name)?.id;
    }
    const singular = name.replace(/Ids$/, 'Id');
    for (const kind of kindOf(name)) {
      const found = from.byKind.get(kind)?.[0];
      if (found) return found;
    }
    return from.byKey.get(singular)?.[0];
  }

  function pairFor(from: Harvest, kind: string, param: string) {
    const children = from.children.get(kind);
    const stem = param.replace(/Id$/, '');
    return (children?.get(`${stem}s`) ?? children?.get(param) ?? [])[0];
  }

  function realistic(from: Harvest, version: number | undefined): Realistic {
    return {
      id: (name, path) => lookup(from, name, path) ?? newId(),
      version,
      now: h.clock.now(),
    };
  }

  /**
   * One valid call of every create operation without a parent (a user, a role, a token, a tag …)
   * and one valid upload of every upload operation: records of every kind for the bad requests.
   */
  async function seedThroughTheApi(session: Session, from: Harvest): Promise<void> {
    const ctx = realistic(from, undefined);
    for (const op of operations) {
      if (OWN_SESSION[op.key] || op.access === 'public' || op.method !== 'POST') continue;
      if (op.pathParams.length && !op.multipart) continue;
      const base = baseRequest(op, ctx);
      const spec: RequestSpec = op.multipart
        ? {
            path: base.path,
            query: '',
            body: {
              kind: 'multipart',
              form: {
                fields: op.multipart.fields
                  .filter((f) => !f.endsWith('Text'))
                  .map((f) => [f, f === 'stage' ? 'before' : 'other']),
                files: op.multipart.spreadsheet
                  ? []
                  : [{ field: 'file', name: 'photo.png', type: 'image/png', data: png }],
              },
            },
          }
        : { path: base.path, query: '', body: { kind: 'json', value: base.body } };
      if (op.multipart?.spreadsheet) continue;
      await send(op, spec, session);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Sending

  const files: Files = {
    get png() {
      return png;
    },
    oversize: OVERSIZE,
    async xlsx(kind, rows) {
      let headers = headersByKind.get(kind);
      if (!headers) {
        const template = await h.app.inject({
          url: `/api/v1/imports/${encodeURIComponent(kind)}/template.xlsx`,
          headers: admin.headers,
        });
        headers = [];
        if (template.statusCode === 200) {
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
          book.worksheets[0]!.getRow(1).eachCell((cell) => headers!.push(String(cell.value)));
        }
        headersByKind.set(kind, headers);
      }
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('导入');
      sheet.addRow(headers);
      for (const row of rows(headers)) sheet.addRow(row);
      return Buffer.from(await book.xlsx.writeBuffer());
    },
  };

  function send(op: Operation, spec: RequestSpec, session: Session | null): Promise<LightMyRequestResponse> {
    const url =
      op.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(spec.path[name] ?? '')) +
      (spec.query ? `?${spec.query}` : '');
    const headers: Record<string, string> = { ...(session?.headers ?? {}), ...(spec.headers ?? {}) };
    let payload: string | Buffer | undefined;
    if (spec.body.kind === 'json') {
      payload = JSON.stringify(spec.body.value) ?? '';
      headers['content-type'] = 'application/json';
    } else if (spec.body.kind === 'raw') {
      payload = spec.body.data;
      if (spec.body.contentType) headers['content-type'] = spec.body.contentType;
    } else if (spec.body.kind === 'multipart') {
      const encoded = encodeMultipart(spec.body.form);
      payload = encoded.payload;
      headers['content-type'] = encoded.contentType;
    }
    return h.app.inject({
      method: op.method as 'GET',
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
      ...(op.access === 'public' ? { remoteAddress: STRANGER_IP } : {}),
    });
  }

  /** The record's current version, for bodies that carry one: read from the record as a client would. */
  async function versionFor(op: Operation, path: Record<string, string>): Promise<number | undefined> {
    if (!op.body?.properties?.version || !op.pathParams.length) return undefined;
    const prefix = op.path.slice(0, op.path.indexOf('}') + 1);
    const url = prefix.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path[name] ?? ''));
    const detail = await h.app.inject({ url, headers: admin.headers });
    if (detail.statusCode === 200) return detail.json<{ version?: number }>().version;
    // No detail route (calendars, time policies): the record as its list shows it.
    const list = await h.app.inject({ url: url.slice(0, url.lastIndexOf('/')), headers: admin.headers });
    const items =
      list.statusCode === 200
        ? (list.json<{ items?: { id: string; version?: number }[] }>().items ?? [])
        : [];
    return items.find((i) => i.id === path.id)?.version;
  }

  // -------------------------------------------------------------------------------------------
  // The run

  it('answers every generated bad request without a 5xx, with the error model, and changes nothing it refuses', async () => {
    const started = Date.now();
    const failures: Failure[] = [];
    const counts = {
      requests: 0,
      operations: 0,
      generated: 0,
      '2xx': 0,
      '3xx': 0,
      '4xx': 0,
      '5xx': 0,
      mustRefuse: 0,
    };
    const skipped: string[] = [];
    let stored = 0;
    const sessions = new Map<string, Session>();

    for (const op of operations) {
      if (op.stream) {
        skipped.push(`${op.key} (a never-ending stream)`);
        continue;
      }
      const all = variantsFor(op, {
        foreign: (name, path) => lookup(foreignIds, name, path),
        realistic: realistic(ids, undefined),
        bodyLimit: LIMITS.bodyLimit,
      });
      counts.generated += all.length;
      const chosen = FULL ? all : sample(all, PER_OPERATION, SEED ^ hashString(op.key));
      counts.operations += 1;
      for (const variant of chosen) {
        const ctx = realistic(ids, undefined);
        const basePath = baseRequest(op, ctx).path;
        const base: Base = baseRequest(op, realistic(ids, await versionFor(op, basePath)));
        let session = admin;
        const own = OWN_SESSION[op.key];
        if (own) {
          session =
            (!own.fresh && sessions.get(own.username)) || (await signInAs(own.username, DEMO_PASSWORD));
          sessions.set(own.username, session);
          await db.settle();
        }
        const spec = await variant.make(base, files);
        const response = await send(op, spec, op.access === 'public' ? null : session);
        counts.requests += 1;
        const status = response.statusCode;
        const fail = (problem: string) => failures.push({ op: op.key, label: variant.label, problem });
        if (status >= 500) {
          counts['5xx'] += 1;
          fail(`${status} ${response.body.slice(0, 300)}`);
          await db.settle();
          continue;
        }
        counts[status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx'] += 1;
        // What the schema refuses must be refused; text that is a valid string may be accepted.
        if (variant.refuse) {
          counts.mustRefuse += 1;
          if (status < 400)
            fail(`accepted with ${status} although the schema refuses it: ${response.body.slice(0, 200)}`);
        }
        if (status >= 400) {
          const error = safeJson(response.body)?.error;
          if (
            !error ||
            typeof error.code !== 'string' ||
            !error.code ||
            typeof error.message !== 'string' ||
            !error.message
          )
            fail(`${status} without { error: { code, message } }: ${response.body.slice(0, 200)}`);
        }
        const changed = await db.changed();
        if (status >= 400) {
          const allowed = new Set(WRITES_WHEN_REFUSED[op.key] ?? []);
          const unexpected = changed.filter((c) => !allowed.has(c.table));
          if (unexpected.length)
            fail(
              `refused with ${status} (${safeJson(response.body)?.error?.code}) but changed ${describe(unexpected)}`,
            );
        } else if (variant.marker) {
          const text = variant.marker.text;
          const escaped = JSON.stringify(text).slice(1, -1);
          const twice = JSON.stringify(escaped).slice(1, -1);
          const added = changed.flatMap((c) => c.added);
          if (op.method !== 'GET' && changed.length) {
            if (added.some((row) => row.includes(escaped) || row.includes(twice))) stored += 1;
            else
              fail(
                `accepted ${JSON.stringify(text)} in ${variant.marker.field} but did not store it as sent: ${describe(changed)}`,
              );
          }
          const echoed = valuesUnder(safeJson(response.body), variant.marker.field);
          if (echoed.length && !echoed.some((v) => v.includes(text)))
            fail(
              `accepted ${JSON.stringify(text)} in ${variant.marker.field} but answered ${JSON.stringify(echoed).slice(0, 200)}`,
            );
        }
      }
      // A bad request must never cost the caller their session.
      const me = await h.app.inject({ url: '/api/v1/auth/me', headers: admin.headers });
      if (me.statusCode !== 200) throw new Error(`the admin session did not survive ${op.key}: ${me.body}`);
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    report(
      'bad-input',
      `${engine}: ${counts.requests} requests across ${counts.operations} operations ` +
        `(${counts.generated} variants generated${FULL ? '' : `, ${PER_OPERATION} per operation drawn with seed ${SEED}`}), ` +
        `4xx ${counts['4xx']}, 2xx ${counts['2xx']}, 5xx ${counts['5xx']}; ${counts.mustRefuse} the schema refuses (each required a 4xx); ` +
        `accepted text stored verbatim ${stored}; ` +
        `skipped ${skipped.length ? skipped.join(', ') : 'none'}; ${seconds} s`,
    );
    // The whole list, for reading when there are more than the assertion shows.
    fs.mkdirSync(path.dirname(FAILURES), { recursive: true });
    fs.writeFileSync(FAILURES.replace('ENGINE', engine), JSON.stringify(failures, null, 1));
    expect(failures.slice(0, 40), `${failures.length} failures`).toEqual([]);
    expect(counts.operations).toBeGreaterThan(100);
  });
});

function safeJson(text: string): { error?: { code?: unknown; message?: unknown } } | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every string under a key of this name, anywhere in an answer. */
function valuesUnder(value: unknown, key: string, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) valuesUnder(v, key, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'string') out.push(v);
      else valuesUnder(v, key, out);
    }
  return out;
}

function describe(changes: TableChange[]): string {
  return changes
    .map(
      (c) =>
        `${c.table} (+${c.added.length} -${c.removed.length}: ${[
          ...c.added.map((r) => `+${r}`),
          ...c.removed.map((r) => `-${r}`),
        ]
          .slice(0, 2)
          .map((r) => r.slice(0, 200))
          .join(' ')})`,
    )
    .join(', ');
}

interface TableChange {
  table: string;
  added: string[];
  removed: string[];
}

/**
 * Which tables a request changed. Triggers count committed writes per table in a table of their
 * own; a table whose count moved is read whole and compared with its last copy.
 */
class TableWatch {
  private counts = new Map<string, number>();
  private rows = new Map<string, string[]>();

  private constructor(
    private h: TestApp,
    private tables: string[],
  ) {}

  static async install(h: TestApp, engine: Engine): Promise<TableWatch> {
    const db = h.deps.db;
    const tables =
      engine === 'sqlite'
        ? (
            await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
          ).rows.map((r) => r.name)
        : (
            await sql<{ name: string }>`select table_name as name from information_schema.tables
              where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
          ).rows.map((r) => r.name);
    await sql`create table zz_bad_input_writes (t text primary key, n integer not null)`.execute(db);
    for (const t of tables) await sql`insert into zz_bad_input_writes (t, n) values (${t}, 0)`.execute(db);
    if (engine === 'postgres') {
      await sql`create function zz_bad_input_count() returns trigger language plpgsql as $$
        begin update zz_bad_input_writes set n = n + 1 where t = TG_TABLE_NAME; return null; end $$`.execute(
        db,
      );
      for (const t of tables)
        await sql`create trigger zz_bad_input after insert or update or delete on ${sql.table(t)}
          for each statement execute function zz_bad_input_count()`.execute(db);
    } else {
      for (const t of tables)
        for (const event of ['insert', 'update', 'delete'])
          await sql
            .raw(
              `create trigger "zz_bad_input_${t}_${event}" after ${event} on "${t}" begin
                 update zz_bad_input_writes set n = n + 1 where t = '${t}'; end`,
            )
            .execute(db);
    }
    const watch = new TableWatch(h, tables);
    await watch.settle();
    for (const t of tables) watch.rows.set(t, await watch.read(t));
    return watch;
  }

  private async read(table: string): Promise<string[]> {
    const rows = (
      await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(this.h.deps.db)
    ).rows;
    return rows
      .map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
      .sort();
  }

  private async moved(): Promise<string[]> {
    const now = (
      await sql<{ t: string; n: number }>`select t, n from zz_bad_input_writes`.execute(this.h.deps.db)
    ).rows;
    const moved = now.filter((r) => this.counts.get(r.t) !== Number(r.n)).map((r) => r.t);
    for (const r of now) this.counts.set(r.t, Number(r.n));
    return moved;
  }

  /** The tables whose rows differ from the last look, with the rows added and removed; the new look is kept. */
  async changed(): Promise<TableChange[]> {
    const out: TableChange[] = [];
    for (const table of await this.moved()) {
      const before = this.rows.get(table) ?? [];
      const after = await this.read(table);
      this.rows.set(table, after);
      const old = new Set(before);
      const fresh = new Set(after);
      const added = after.filter((r) => !old.has(r));
      const removed = before.filter((r) => !fresh.has(r));
      if (added.length || removed.length) out.push({ table, added, removed });
    }
    return out;
  }

  /** Takes what the test itself wrote as the new starting point. */
  async settle(): Promise<void> {
    await this.changed();
  }
}
