import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Check mode (src/core/check-mode.ts): stored documents are frozen, so code that edits one in
    // place throws; every cached read is recomputed and compared, so a stale one fails its test.
    env: { PASSFORT_SANDBOX_CHECK: '1' },
  },
});
