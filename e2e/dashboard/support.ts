import type { Page, TestInfo } from '@playwright/test';
import { test, test as base, expect } from 'passfort-sandbox/playwright';
import { seedWorkspace } from '../../src/demo/seeder.js';

/**
 * Helpers of the dashboard specs, on top of the harness's fixtures (a sandbox per worker, a
 * fresh workspace per test): sign a page in, attach screenshots, fail on console errors.
 */

export const SANDBOX_BLOCKED = /^Blocked script execution in '[^']*\/dashboard\/inbox\/[^']+\/html' because the document's frame is sandboxed and the 'allow-scripts' permission is not set\.$/;

export interface Dashboard {
  url: (path: string) => string;
  open: (path: string) => Promise<void>;
  /** A full-page screenshot attached to the test's report (look at them). */
  shot: (name: string) => Promise<void>;
}

type HarnessTest = typeof base;

const consoleErrors = new WeakMap<Page, string[]>();

/**
 * Fails every test of the file on a console error or an uncaught page error, which a
 * product page must not have.
 */
export function guardConsole(test: HarnessTest): void {
  test.beforeEach(({ page }) => {
    const errors: string[] = [];
    consoleErrors.set(page, errors);
    page.on('console', (m) => {
      // A sandboxed email frame refusing a script is the sandbox doing its job (Playwright's
      // trace recorder alone triggers it); anything else is a real error.
      if (m.type() === 'error' && !SANDBOX_BLOCKED.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  });
  test.afterEach(({ page }) => {
    expect(consoleErrors.get(page) ?? [], 'console errors and uncaught page errors').toEqual([]);
  });
}

/** Signs the page in to a workspace's dashboard (the link `demo` prints) and returns helpers. */
export async function openDashboard(page: Page, sandboxUrl: string, workspace: { apiKey: string; name: string }, testInfo: TestInfo): Promise<Dashboard> {
  const url = (path: string) => `${sandboxUrl}${path}`;
  await page.goto(url(`/dashboard/login?key=${workspace.apiKey}`));
  await expect(page.getByTestId('workspace-name')).toHaveText(workspace.name);
  return {
    url,
    open: async (path) => {
      await page.goto(url(path));
      await expect(page.locator('#live-status')).toHaveText('Live');
    },
    shot: (name) => attachShot(page, testInfo, name),
  };
}

export async function attachShot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  // The whole page in a viewport as tall as it: Chromium does not paint frames (the email's)
  // that lie outside the viewport, and sticky bars then sit where a person sees them.
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  const height = await page.evaluate(() => Math.min(document.documentElement.scrollHeight, 8000));
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path });
  await page.setViewportSize(size);
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Content of a seeded workspace, without ids or times: what "the same data" means. */
export async function seededContent(api: Parameters<typeof seedWorkspace>[0]) {
  const search = await api.request<{ results: { id: string; display_name: string; category: string }[] }>('GET', '/4.0/profiles?limit=200');
  const rows = [];
  for (const p of search.results) {
    const [apps, checks, requests] = await Promise.all([api.profiles.applications(p.id), api.profiles.checks(p.id), api.customerRequests.list({ profile_id: p.id })]);
    rows.push({
      name: p.display_name,
      category: p.category,
      applications: apps.map((a) => `${a.product.alias}:${a.status}`).sort(),
      checks: checks.map((c) => `${c.check_type}:${c.state}:${c.result ?? ''}`).sort(),
      requests: requests.map((r) => `${r.type}:${r.status}:${r.forms.map((f) => f.status).join('/')}`),
    });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

export { test, expect, seedWorkspace };
