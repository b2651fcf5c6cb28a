import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './src/harness/browser.js';

// Every cached read (a profile as GET shows it) is recomputed and compared in this suite too.
process.env.PASSFORT_SANDBOX_CHECK_READ_CACHE ??= '1';

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
