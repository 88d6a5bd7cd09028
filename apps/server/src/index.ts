// The server's public surface for the e2e and bench workspaces.
export { buildApp, type AppDeps } from './app.ts';
export { loadConfig, type Config } from './config.ts';
export { openDatabase, type Database } from './db/database.ts';
export { migrateToLatest } from './db/migrate.ts';
export { loadDemo, DEMO_STAFF } from './modules/setup/index.ts';
export { systemClock, type Clock } from './platform/clock.ts';
export { openKeyring, KeyError } from './platform/pii/keyring.ts';
export { demoArchive } from './modules/setup/demo-archive.ts';
// The archive at scale (bench/archive.ts): the import pipeline and its Excel layer.
export { HOUSE_COLUMNS, CUSTOMER_COLUMNS } from '@steward/contracts/catalogues';
export { importFile } from './modules/archive/index.ts';
export { readSheet, writeSheet } from './platform/xlsx.ts';
export { SYSTEM_META } from './platform/auth/actor.ts';
export { actorNamed as actorForUsername } from './cli/archive-cli.ts';
// The service desk at scale (bench/tickets.ts): the words a record's description is searched by.
export { searchTerms } from './modules/tickets/search-terms.ts';
// Time standards at scale (bench/timestandards.ts): planning clocks as intake does, and the sweeper.
export type { TicketClocksTable, TicketPromisesTable } from './db/schema.ts';
export { clockSpan, planClock } from './modules/timestandards/clock-plan.ts';
export { governingVersion, nextAlarm, type Governing } from './modules/timestandards/clocks.service.ts';
export { choosePolicy, type PolicyCandidate } from './modules/timestandards/policy-match.ts';
export { sweepOnce } from './modules/timestandards/sweeper.ts';
