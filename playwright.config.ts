import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './src/harness/browser.js';

// Check mode (src/core/check-mode.ts) in this suite too: frozen stored documents, checked cached reads.
process.env.PASSFORT_SANDBOX_CHECK ??= '1';

/**
 * The browser suite: end-to-end tests (e2e/) and the scenario library (scenarios/), in
 * Debian's Chromium (Playwright cannot download its own browser here), two workers, fully
 * parallel; each test gets its own workspace, so nothing is shared between them.
 */
export default defineConfig({
  testDir: '.',
  testMatch: ['e2e/**/*.spec.ts', 'scenarios/**/*.scenario.ts'],
  fullyParallel: true,
  workers: Number(process.env.PLAYWRIGHT_WORKERS ?? 2),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  retries: 0,
  outputDir: 'test-results',
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }], ['junit', { outputFile: 'test-results/junit.xml' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
