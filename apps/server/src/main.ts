import type { Socket } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { DEMO_HOUSES, isInstalled, loadDemo, type DemoLogin } from './modules/setup/index.ts';
import { CliError, runExport, runImport } from './cli/archive-cli.ts';
import { systemClock } from './platform/clock.ts';
import type { PiiCipher } from './platform/pii/cipher.ts';
import { KeyError, openKeyring } from './platform/pii/keyring.ts';

const USAGE = `Usage: steward <command>
  serve                 start the server (first start shows a setup page in the browser)
  demo [--houses N]     start the server, loading the demo organisation into an empty database
                        (N houses in the generated archive, default ${DEMO_HOUSES})
  migrate               apply database migrations and exit
  import <kind> <file.xlsx> [--as username]
                        import houses or customers from an Excel file, all or nothing
  export <kind> <file.xlsx> [--as username]
                        export houses or customers to an Excel file
  (kind: houses | customers; --as defaults to admin: the command acts with that user's rights)`;

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  if (!['serve', 'demo', 'migrate', 'import', 'export'].includes(command)) {
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
  if (command === 'import' || command === 'export') {
    const deps = { db: database.db, clock: systemClock, cipher, config };
    try {
      process.exitCode = await (command === 'import' ? runImport : runExport)(deps, argv.slice(1));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } finally {
      await database.close();
    }
    return;
  }
  const housesArg = argv.indexOf('--houses');
  const houses = housesArg > 0 ? Number(argv[housesArg + 1]) : undefined;
  if (houses !== undefined && !(Number.isInteger(houses) && houses >= 1 && houses <= 2_000_000)) {
    console.error(`--houses must be a whole number from 1 to 2000000\n\n${USAGE}`);
    await database.close();
    process.exitCode = 2;
    return;
  }
  const demo =
    command === 'demo'
      ? await loadDemo({ db: database.db, clock: systemClock, config, cipher }, config.demoPassword, {
          houses,
        })
      : null;
  const app = await buildApp({ config, database, cipher });
  app.log.info({ engine: database.engine, migrationsApplied: applied }, 'database ready');

  // Connections, and the ones serving a request now. A browser may open a connection in advance
  // and never send anything on it; Node's closeIdleConnections does not count it as idle, so at
  // shutdown it held the process until the timeout. Such connections get a short grace to send
  // their request, then are closed.
  const sockets = new Set<Socket>();
  const busy = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      busy.delete(socket);
    });
  });
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    busy.add(request.socket);
    response.on('close', () => busy.delete(request.socket));
  });
  const closeQuietConnections = () => {
    for (const socket of sockets) if (!busy.has(socket)) socket.destroy();
  };

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
    // Requests in progress finish; connections turn quiet once their response is sent and would
    // hold the process open, so keep closing them as they do.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
    const grace = setTimeout(() => setInterval(closeQuietConnections, 50).unref(), 2000);
    grace.unref();
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
