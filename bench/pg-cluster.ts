import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for a benchmark run, like apps/server/test/postgres-cluster.ts but
 * with the server's default durability (fsync and synchronous_commit on): the tests switch them
 * off for speed, which would flatter every write measured here. Binaries from PG_BIN, pg_config or
 * /usr/lib/postgresql/<newest>/bin; as root, initdb and the server run as the `postgres` user.
 */
export interface BenchCluster {
  /** A URL for a new, empty database of its own on the cluster. */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

function findPgBin(): string {
  const candidates = [process.env.PG_BIN ?? ''];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config on the PATH
  }
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root))
    for (const version of fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)))
      candidates.push(path.join(root, version, 'bin'));
  const bin = candidates.find((dir) => dir && fs.existsSync(path.join(dir, 'initdb')));
  if (!bin) throw new Error('PostgreSQL binaries not found (set PG_BIN)');
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<BenchCluster & { version: string }> {
  const bin = findPgBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args];
    return execFileSync(file, argv as string[], { stdio: 'pipe', encoding: 'utf8' });
  };
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // `postgres (PostgreSQL) 15.18 (Debian …)` → `PostgreSQL 15.18`
  const version = `PostgreSQL ${/\d+(\.\d+)?/.exec(run('postgres', ['--version']))?.[0] ?? '?'}`;
  return {
    version,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
