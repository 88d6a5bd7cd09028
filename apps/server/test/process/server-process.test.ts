import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../postgres-cluster.ts';
import { run, waitFor } from './support.ts';

describe('the server process', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-proc-'));
    dirs.push(d);
    return d;
  };

  it('refuses to start on bad configuration, naming every bad variable', async () => {
    const proc = run(['serve'], {
      STEWARD_PORT: 'http',
      STEWARD_TZ: 'Nowhere/City',
      STEWARD_DATA_DIR: tempDir(),
    });
    children.push(proc.child);
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toMatch(/STEWARD_PORT="http" must be a whole number/);
    expect(proc.output()).toMatch(/STEWARD_TZ="Nowhere\/City" is not an IANA time zone/);
  });

  it('starts the demo with logins printed, then on SIGTERM finishes in-flight requests and exits 0', async () => {
    const port = await freePort();
    const proc = run(['demo'], {
      STEWARD_PORT: String(port),
      STEWARD_DATA_DIR: tempDir(),
      STEWARD_DEMO_PASSWORD: 'ProcTest123',
      STEWARD_LOG_LEVEL: 'info',
    });
    children.push(proc.child);
    await waitFor(() => proc.output().includes('demo is running'));
    for (const username of ['admin', 'manager', 'supervisor', 'agent', 'butler', 'tech', 'cashier'])
      expect(proc.output()).toContain(username);
    expect(proc.output()).toContain('ProcTest123');

    // Sign-ins hash with argon2 (four at a time), so a burst of them is still in flight when the signal lands.
    const login = (i: number) =>
      fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Spread over the seven demo accounts: at most five attempts per account may be in flight.
        body: JSON.stringify({
          username: ['admin', 'manager', 'supervisor', 'agent', 'butler', 'tech', 'cashier'][i % 7],
          password: 'ProcTest123',
        }),
      }).then((r) => r.status);
    // A request half-sent when the signal lands: headers and part of the body now, the rest only
    // once the server has begun shutting down. It must still be answered.
    const body = JSON.stringify({ username: 'agent', password: 'ProcTest123' });
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await waitFor(() => proc.output().includes('"msg":"incoming request"'), 10_000, 10);
    // Connections the kernel had not handed over before the listener closed are refused; that is fine.
    // A connection opened in advance that never sends a request (browsers do this) must not hold the exit.
    const silent = net.connect(port, '127.0.0.1');
    silent.on('error', () => undefined);
    await new Promise<void>((resolve) => silent.once('connect', () => resolve()));
    const burst = Array.from({ length: 12 }, (_, i) => login(i).catch(() => 'refused' as const));
    proc.child.kill('SIGTERM');
    await waitFor(() => proc.output().includes('shutting down'), 10_000, 10);
    socket.write(body.slice(10));
    await closed; // the server closes it: it is shutting down, so it keeps no connection alive
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    // Whatever was accepted before the listener closed is answered too; nothing is cut off. A request
    // whose bytes reach the server only after shutdown began is told so (503 with Connection: close)
    // rather than started; the client may retry it against another process.
    for (const status of await Promise.all(burst)) {
      expect([200, 503, 'refused']).toContain(status);
    }
    expect(await proc.exited).toBe(0);
  });

  it('imports and exports from the command line, and will not start without the right personal-data key', async () => {
    const dataDir = tempDir();
    const env = { STEWARD_DATA_DIR: dataDir, STEWARD_PORT: String(await freePort()) };
    const demo = run(['demo', '--houses', '200'], env);
    children.push(demo.child);
    await waitFor(() => demo.output().includes('demo is running'));
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);

    const file = path.join(dataDir, 'customers.xlsx');
    const exported = run(['export', 'customers', file, '--as', 'manager'], env);
    expect(await exported.exited, exported.output()).toBe(0);
    expect(exported.output()).toMatch(/Exported \d+ rows/);
    const imported = run(['import', 'customers', file], env);
    expect(await imported.exited, imported.output()).toBe(0);
    expect(imported.output()).toMatch(/Imported \d+ rows .*: 0 created, 0 updated/);
    const junk = path.join(dataDir, 'junk.xlsx');
    fs.writeFileSync(junk, 'not a workbook');
    const refused = run(['import', 'houses', junk], env);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('Nothing imported');
    const unknown = run(['import', 'people', junk], env);
    expect(await unknown.exited).toBe(2);

    const keyFile = path.join(dataDir, 'keys', 'pii.key');
    const key = fs.readFileSync(keyFile, 'utf8');
    fs.rmSync(keyFile);
    const missing = run(['serve'], env);
    expect(await missing.exited).toBe(2);
    expect(missing.output()).toMatch(/personal-data key is missing/);
    fs.writeFileSync(keyFile, `${Buffer.alloc(32, 7).toString('base64')}\n`);
    const wrong = run(['serve'], env);
    expect(await wrong.exited).toBe(2);
    expect(wrong.output()).toMatch(/not the key this database was encrypted with/);
    const malformed = run(['serve'], { ...env, STEWARD_PII_KEY: 'too-short' });
    expect(await malformed.exited).toBe(2);
    expect(malformed.output()).toMatch(/STEWARD_PII_KEY must be a 32-byte key/);
    // The right key given as a variable works wherever the file is.
    const viaEnv = run(['export', 'houses', path.join(dataDir, 'houses.xlsx')], {
      ...env,
      STEWARD_PII_KEY: key.trim(),
    });
    expect(await viaEnv.exited, viaEnv.output()).toBe(0);
    // Eight processes start one after another (each compiles the server and opens the database):
    // about 25 s alone, more on a loaded CI machine.
  }, 90_000);
});
