import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          root: './apps/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/reliability/**'],
          environment: 'node',
          globalSetup: ['./test/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The reliability suite: crash safety, bad input, the permissions matrix, concurrency and
        // soak. `npm test` runs its short version; `npm run test:reliability` the full one
        // (STEWARD_RELIABILITY=full).
        test: {
          name: 'reliability',
          root: './apps/server',
          include: ['test/reliability/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/postgres-global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'web',
          root: './apps/web',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          root: './e2e',
          include: ['**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['./global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          // One browser at a time: two cores are shared with the server under test.
          fileParallelism: false,
        },
      },
    ],
  },
});
