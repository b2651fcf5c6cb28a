import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Every cached read (a profile as GET shows it) is recomputed and compared: a stale one fails the test that read it.
    env: { PASSFORT_SANDBOX_CHECK_READ_CACHE: '1' },
  },
});
