import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { freePort } from '../postgres-cluster.ts';
import { run, waitFor, type Running } from '../process/support.ts';

/**
 * Real server processes for the crash and soak suites: a data directory (and on PostgreSQL a
 * database of its own on the test cluster), the demo organisation, signed-in HTTP clients.
 */

export type Engine = 'sqlite' | 'postgres';

export const PASSWORD = 'Reliable2026x';

export interface Store {
  engine: Engine;
  /** The environment every server process on this store gets. */
  env: Record<string, string>;
  dataDir: string;
  /** Rows of one statement, through a connection of the test's own (the server may be down). */
  query<T = Record<string, unknown>>(text: string): Promise<T[]>;
  /** Closes the test's connection: on SQLite the file must be closed before a server reopens it. */
  release(): Promise<void>;
  dispose(): Promise<void>;
}

/** A fresh data directory, and on PostgreSQL a fresh database on the test cluster (adminUrl). */
export async function provision(engine: Engine, adminUrl: string | null): Promise<Store> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-rel-'));
  const env: Record<string, string> = {
    STEWARD_DATA_DIR: dataDir,
    STEWARD_LOG_LEVEL: 'warn',
    STEWARD_DEMO_PASSWORD: PASSWORD,
  };
  if (engine === 'sqlite') {
    let db: Sqlite.Database | null = null;
    const open = () =>
      (db ??= new Sqlite(path.join(dataDir, 'steward.db'), { readonly: true, fileMustExist: true }));
    return {
      engine,
      env,
      dataDir,
      query: async <T>(text: string) => open().prepare(text).all() as T[],
      release: async () => {
        db?.close();
        db = null;
      },
      dispose: async () => {
        db?.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (!adminUrl) throw new Error('PostgreSQL is not available');
  const name = `steward_rel_${randomBytes(5).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  env.STEWARD_DATABASE_URL = url.toString();
  let client: pg.Client | null = null;
  const connect = async () => {
    if (!client) {
      client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
    }
    return client;
  };
  return {
    engine,
    env,
    dataDir,
    query: async <T>(text: string) => (await (await connect()).query(text)).rows as T[],
    release: async () => {
      await client?.end();
      client = null;
    },
    dispose: async () => {
      await client?.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export interface Server {
  url: string;
  proc: Running;
  child: ChildProcess;
}

/**
 * Starts `demo` (loading the demo organisation into an empty store) or `serve` on a free port, and
 * waits until it answers. The time-standards sweeper is off unless env says otherwise.
 */
export async function start(
  store: Store,
  args: string[],
  env: Record<string, string> = {},
  children: ChildProcess[] = [],
): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = run(args, { STEWARD_SWEEP_MS: '0', ...store.env, ...env, STEWARD_PORT: String(port) });
  children.push(proc.child);
  let exited = false;
  void proc.exited.then(() => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`server exited while starting:\n${proc.output()}`);
      return fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    120_000,
    50,
  );
  return { url, proc, child: proc.child };
}

/** SIGTERM, and the clean exit it promises. */
export async function stop(server: Server): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.proc.exited;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

/** A signed-in member of staff talking to a server over real HTTP (cookie + CSRF token). */
export class Client {
  constructor(
    public url: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async signIn(url: string, username: string): Promise<Client> {
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (!response.ok) throw new Error(`sign-in ${username}: ${response.status} ${await response.text()}`);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return new Client(url, response.headers.get('set-cookie')!.split(';')[0]!, csrfToken);
  }

  /** Rejects only when no HTTP answer came (refused, reset, cut off). */
  async request<T = unknown>(
    method: string,
    pathname: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const t0 = performance.now();
    const response = await fetch(`${this.url}${pathname}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'x-csrf-token': this.csrf }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const ms = performance.now() - t0;
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, ms };
  }

  async get<T>(pathname: string): Promise<T> {
    const answer = await this.request<T>('GET', pathname);
    if (answer.status !== 200)
      throw new Error(`GET ${pathname}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

export interface Intake {
  /** Request bodies for POST /api/v1/tickets: homes of the front desk's estate, four trades. */
  body(description: string, i: number): Record<string, unknown>;
}

/** What a front-desk registration needs: occupied homes and the categories of four trades. */
export async function intake(client: Client): Promise<Intake> {
  const houses = (
    await client.get<{ items: { id: string; occupants: { customerId: string }[] }[] }>(
      '/api/v1/houses?limit=200',
    )
  ).items.filter((h) => h.occupants.length);
  const categories = (await client.get<{ items: { id: string; code: string }[] }>('/api/v1/categories'))
    .items;
  const trades = ['WATER-LEAK', 'WATER-DRAIN', 'POWER-SOCKET', 'LIGHT'].map(
    (code) => categories.find((c) => c.code === code)!.id,
  );
  if (!houses.length) throw new Error('the demo estate has no occupied homes in scope');
  return {
    body(description, i) {
      const house = houses[i % houses.length]!;
      return {
        type: 'repair',
        channel: 'phone',
        urgency: 'general',
        categoryId: trades[i % trades.length],
        description,
        houseId: house.id,
        customerId: house.occupants[0]!.customerId,
        dispatch: 'auto',
      };
    },
  };
}

/** Resident memory of a process in bytes (VmRSS), or null once it is gone. */
export function rss(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * How long the process's main thread has waited, runnable, for a CPU since it started, in ms
 * (/proc/<pid>/schedstat): the share of the machine other processes took from the server.
 */
export function cpuWait(pid: number): number | null {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return null;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs fn over items with at most `width` at a time. */
export async function pool<T>(
  items: readonly T[],
  width: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
