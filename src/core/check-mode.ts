/**
 * Check mode: `PASSFORT_SANDBOX_CHECK=1`, which both test suites set (vitest.config.ts,
 * playwright.config.ts). It turns on safety nets that catch our own mistakes but cost too much
 * to pay on every request of every run:
 * - stored documents are deep-frozen, so code that edits one in place throws instead of changing
 *   memory behind the journal's back (freezing was ~12 % of a POST with the built-in products);
 * - every cached read is recomputed and compared with what was kept (workspace read cache).
 * Read once, at load: it is a property of the process, not of a request.
 */
export const CHECK_MODE = process.env.PASSFORT_SANDBOX_CHECK === '1';
