import { test as base, expect, type Page } from '@playwright/test';
import { createSandbox, type Sandbox } from '../../src/sandbox.js';
import { SandboxWorkspace } from './workspace.js';

/**
 * One sandbox per worker, in this process (memory only, every port picked free), and a
 * fresh workspace per test, so tests share nothing and run in parallel. Every page is
 * also checked to ask nothing of a host other than the sandbox and its inbox.
 */

type WorkerFixtures = { sandbox: Sandbox };
type TestFixtures = {
  workspace: SandboxWorkspace;
  /** Hosts a test serves itself with page.route (an integrator's page, collection.passfort.com). */
  network: { allow(host: string): void };
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sandbox: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const sandbox = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, memory: true });
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  workspace: async ({ sandbox }, use, testInfo) => {
    await use(await SandboxWorkspace.create(sandbox.urls, testInfo.titlePath.join(' > ')));
  },
  network: [
    async ({ page, sandbox }, use) => {
      const allowed = new Set([new URL(sandbox.urls.api).host, new URL(sandbox.urls.inbox).host]);
      const outside: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (['data:', 'blob:', 'about:'].includes(url.protocol)) return;
        if (!allowed.has(url.host)) outside.push(request.url());
      });
      await use({ allow: (host) => allowed.add(host) });
      expect(outside, 'requests to hosts other than the sandbox').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The iframe of the collection form on a page. */
export const collectionFrame = (page: Page) => page.frameLocator('#collection-wrapper iframe');

/** A full-page screenshot in the test's output folder; returns its path (for testInfo.attach). */
export async function shot(page: Page, name: string): Promise<string> {
  const path = test.info().outputPath(name);
  await page.screenshot({ path, fullPage: true });
  return path;
}
