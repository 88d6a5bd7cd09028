import type { TestProject } from 'vitest/node';
import { findPgBin, startCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server, or null when PostgreSQL tests are skipped. */
    pgUrl: string | null;
  }
}

/**
 * PostgreSQL for the test run: STEWARD_TEST_PG_URL if set, else a throwaway cluster from the
 * installed binaries. In CI (CI=true) PostgreSQL is mandatory; on a developer machine without it
 * the PostgreSQL half of each suite is skipped with a notice.
 */
export async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const external = process.env.STEWARD_TEST_PG_URL;
  if (external) {
    project.provide('pgUrl', external);
    return undefined;
  }
  const bin = findPgBin();
  if (!bin) {
    if (process.env.CI === 'true')
      throw new Error(
        'CI=true but no PostgreSQL server binaries were found (initdb, pg_ctl). .ci/run installs them.',
      );
    console.warn(
      '\n[steward] NOTICE: PostgreSQL binaries not found: PostgreSQL tests are SKIPPED (SQLite tests still run). Install postgresql to run them.\n',
    );
    project.provide('pgUrl', null);
    return undefined;
  }
  const cluster = await startCluster(bin);
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
