import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export const CHROMIUM = process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the Chromium binary, or null when browser tests are skipped. */
    chromium: string | null;
  }
}

/**
 * Browser flows run against the production build of the console, served by the real server. The
 * build happens once per run. In CI (CI=true) Chromium is mandatory; elsewhere the flows skip
 * with a notice when it is missing.
 */
export async function setup(project: TestProject): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.CI === 'true')
      throw new Error(`CI=true but Chromium was not found at ${CHROMIUM}. .ci/run installs it.`);
    console.warn(
      `\n[steward] NOTICE: Chromium not found at ${CHROMIUM}: browser (e2e) tests are SKIPPED. apt-get install chromium fonts-noto-cjk to run them.\n`,
    );
    project.provide('chromium', null);
    return;
  }
  execFileSync('npm', ['run', 'build', '-w', '@steward/web'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    // vitest sets NODE_ENV=test; the flows must see the console users get (antd's production build).
    env: { ...process.env, NODE_ENV: 'production' },
  });
  project.provide('chromium', CHROMIUM);
}
