import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // `*.pg.test.ts` need a PostgreSQL server (e.g. several server processes on one
    // database: PGlite is one process by design), so only `npm run test:pg` selects them.
    exclude: ['test/e2e/**', 'node_modules/**', ...(process.env.TRAMA_TEST_DB === 'pg' ? [] : ['**/*.pg.test.ts'])],
    environment: 'node',
    pool: 'forks',
    // PGlite runs on the event loop: two files at a time suit the 2-core machines.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
