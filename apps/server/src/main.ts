import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { isInstalled, loadDemo, type DemoLogin } from './modules/setup/index.ts';
import { systemClock } from './platform/clock.ts';
import type { PiiCipher } from './platform/pii/cipher.ts';
import { KeyError, openKeyring } from './platform/pii/keyring.ts';

const USAGE = `Usage: steward <command>
  serve     start the server (first start shows a setup page in the browser)
  demo      start the server, loading the demo organisation into an empty database
  migrate   apply database migrations and exit`;

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  if (!['serve', 'demo', 'migrate'].includes(command)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }

  const database = openDatabase(config);
  const applied = await migrateToLatest(database.db, database.engine);
  if (command === 'migrate') {
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    await database.close();
    return;
  }

  let cipher: PiiCipher;
  try {
    cipher = await openKeyring({ db: database.db, clock: systemClock, config });
  } catch (error) {
    if (error instanceof KeyError) {
      console.error(error.message);
      await database.close();
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const demo =
    command === 'demo'
      ? await loadDemo({ db: database.db, clock: systemClock, config, cipher }, config.demoPassword)
      : null;
  const app = await buildApp({ config, database, cipher });
  app.log.info({ engine: database.engine, migrationsApplied: applied }, 'database ready');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    // close() drops the connections idle right now; ones busy now turn idle (keep-alive) once
    // their response is sent and would hold the process open, so keep closing them as they do.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
    await app.close();
    clearInterval(sweep);
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('0.0.0.0', '127.0.0.1');
  if (demo) printDemoBanner(url, demo.logins, config, demo.created);
  else if (!(await isInstalled(database.db)))
    console.log(
      `\n  Steward is running at ${url}\n  First start: open it in a browser to create your organisation and administrator.\n`,
    );
}

function printDemoBanner(url: string, logins: DemoLogin[], config: Config, created: boolean): void {
  const pad = Math.max(...logins.map((l) => l.username.length)) + 2;
  const lines = [
    '',
    `  Steward 物业客服管家平台 — demo is running at ${url}`,
    `  Database: ${config.engine === 'sqlite' ? `${config.dataDir}/steward.db (SQLite)` : 'PostgreSQL'}${created ? ' — demo organisation loaded' : ''}`,
    '',
    created
      ? `  Logins (password for all: ${config.demoPassword}${process.env.STEWARD_DEMO_PASSWORD ? '' : '; set STEWARD_DEMO_PASSWORD to choose another'}):`
      : `  Logins (existing data kept: the password is the one set when the demo was first loaded, by default ${config.demoPassword}):`,
    ...logins.map((l) => `    ${l.username.padEnd(pad)}${l.role.padEnd(12)}${l.displayName}`),
    '',
    `  API docs: ${url}/api/docs`,
    '',
  ];
  console.log(lines.join('\n'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
