import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness.ts';

describe('serving the web console', () => {
  let h: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Steward</title>');
    fs.writeFileSync(path.join(webDir, 'assets', 'app-1.js'), 'console.log(1)');
    h = await startTestApp('sqlite', { webDir });
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('serves index.html for client-side routes, never cached', async () => {
    for (const url of ['/', '/admin/users', '/projects?x=1']) {
      const response = await h.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<title>Steward</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves fingerprinted assets as immutable, including ones built after the server started', async () => {
    const old = await h.app.inject({ url: '/assets/app-1.js' });
    expect(old.headers['cache-control']).toContain('immutable');
    fs.writeFileSync(path.join(webDir, 'assets', 'app-2.js'), 'console.log(2)');
    const rebuilt = await h.app.inject({ url: '/assets/app-2.js' });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.body).toBe('console.log(2)');
  });

  it('sends the build’s precompressed copies to browsers that accept them, and the plain file to others', async () => {
    const script = `console.log(${JSON.stringify('客服'.repeat(500))})`;
    fs.writeFileSync(path.join(webDir, 'assets', 'big-1.js'), script);
    fs.writeFileSync(path.join(webDir, 'assets', 'big-1.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(webDir, 'assets', 'big-1.js.gz'), zlib.gzipSync(script));
    const br = await h.app.inject({ url: '/assets/big-1.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await h.app.inject({ url: '/assets/big-1.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await h.app.inject({ url: '/assets/big-1.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('keeps API 404s as JSON errors, not the console page', async () => {
    const response = await h.app.inject({ url: '/api/v1/unknown' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
    expect((await h.app.inject({ method: 'POST', url: '/admin/users' })).statusCode).toBe(404);
  });
});
