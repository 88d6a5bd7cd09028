// The server's public surface for the e2e and bench workspaces.
export { buildApp, type AppDeps } from './app.ts';
export { loadConfig, type Config } from './config.ts';
export { openDatabase, type Database } from './db/database.ts';
export { migrateToLatest } from './db/migrate.ts';
export { loadDemo, DEMO_STAFF } from './modules/setup/index.ts';
export { systemClock } from './platform/clock.ts';
