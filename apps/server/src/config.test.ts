import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data on 127.0.0.1:8080 in Asia/Shanghai', () => {
    const config = loadConfig({}, '/srv/steward');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      engine: 'sqlite',
      dataDir: '/srv/steward/data',
      timeZone: 'Asia/Shanghai',
      databaseUrl: null,
    });
  });

  it('switches to PostgreSQL for a postgres URL', () => {
    expect(loadConfig({ STEWARD_DATABASE_URL: 'postgresql://u:p@db:5432/steward' }).engine).toBe('postgres');
  });

  it('reports every bad value at once, naming the variable', () => {
    try {
      loadConfig({
        STEWARD_PORT: 'eighty',
        STEWARD_TZ: 'Mars/Olympus',
        STEWARD_DATABASE_URL: 'mysql://x',
        STEWARD_DEMO_PASSWORD: 'short',
        STEWARD_TRUST_PROXY: 'maybe',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of [
        'STEWARD_PORT',
        'STEWARD_TZ',
        'STEWARD_DATABASE_URL',
        'STEWARD_DEMO_PASSWORD',
        'STEWARD_TRUST_PROXY',
      ]) {
        expect(problems).toContain(name);
      }
    }
  });

  it('trusts proxies by hop count or address, never blindly', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ STEWARD_TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ STEWARD_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ STEWARD_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ STEWARD_TRUST_PROXY: 'everyone' })).toThrow(/STEWARD_TRUST_PROXY/);
  });

  it('limits attachments to 20 MiB unless told otherwise, within sane bounds', () => {
    expect(loadConfig({}).attachmentLimit).toBe(20 * 1024 * 1024);
    expect(loadConfig({ STEWARD_ATTACHMENT_LIMIT_BYTES: '5242880' }).attachmentLimit).toBe(5 * 1024 * 1024);
    expect(() => loadConfig({ STEWARD_ATTACHMENT_LIMIT_BYTES: '10' })).toThrow(
      /STEWARD_ATTACHMENT_LIMIT_BYTES/,
    );
    expect(() => loadConfig({ STEWARD_ATTACHMENT_LIMIT_BYTES: '20MB' })).toThrow(
      /STEWARD_ATTACHMENT_LIMIT_BYTES/,
    );
  });

  it('rejects ports outside 0–65535 and accepts the edge values', () => {
    expect(() => loadConfig({ STEWARD_PORT: '65536' })).toThrow(/STEWARD_PORT/);
    expect(loadConfig({ STEWARD_PORT: '0' }).port).toBe(0);
  });
});
