import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `passfort-sandbox scenario init [DIR]`: a starter for an integrator's own project — one
 * scenario that passes as written (it drives the example integrator app that ships with the
 * package) with the place to plug in their own app marked, a Playwright config that finds
 * the system's Chromium, and optionally the GitHub Actions workflow of docs/testing-in-ci.md.
 */

export const STARTER_SCENARIO = `/**
 * A company registers through our site.
 *
 * Written by \`passfort-sandbox scenario init\`. As written it drives the example integrator
 * app that ships with passfort-sandbox; replace the \`app\` fixture below with your own app
 * and the sign-up steps with yours. Each test gets its own sandbox workspace (its own data,
 * clock, inbox tag and webhooks), so tests run in parallel without seeing each other.
 */
import { test as base, expect, personas } from 'passfort-sandbox/playwright';

const test = base.extend<{ app: { url: string } }>({
  // Start your app here for each test, pointed at the test's workspace, for example:
  //   app: async ({ sandbox, workspace, webhooks }, use) => {
  //     const app = await startMyApp({ passfortUrl: sandbox.url, passfortApiKey: workspace.apiKey, port: 0 });
  //     await webhooks.configure({ url: \`\${app.url}/webhooks/passfort\`, secret: 's3cret' });
  //     await use(app);
  //     await app.close();
  //   },
  app: async ({ exampleApp }, use) => use(exampleApp),
});

test('a company signs up and completes the registration flow', async ({ app, api, clock, page, collectionForm }) => {
  await clock.freeze();

  await test.step('sign up on our site', async () => {
    await page.goto(app.url);
    await page.getByRole('radio', { name: 'A company' }).check();
    await page.getByLabel('Email address').fill(personas.acme.email);
    await page.getByRole('button', { name: 'Start my application' }).click();
  });

  await test.step('fill in the company details', async () => {
    await collectionForm.waitForForm('company_details');
    await collectionForm.fill(personas.acme);
    await collectionForm.submit();
  });

  await test.step('the ownership check asks about shareholders', async () => {
    await clock.advance('5s');
    await collectionForm.waitForForm('shareholders');
    await collectionForm.fill(personas.acme);
    await collectionForm.submit();
  });

  await test.step('back on our site, the request is completed', async () => {
    await expect(page).toHaveURL(new RegExp(\`^\${app.url}/status/\`));
    const [request] = await api.customerRequests.list();
    expect(request?.status).toBe('COMPLETED');
  });
});
`;

export const STARTER_CONFIG = `import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from 'passfort-sandbox/playwright';

// Written by \`passfort-sandbox scenario init\`. Run with \`npx playwright test\`
// or \`npx passfort-sandbox scenario run --dir scenarios\`.
export default defineConfig({
  testDir: 'scenarios',
  testMatch: '**/*.scenario.ts',
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never' }], ['junit', { outputFile: 'test-results/junit.xml' }]],
  use: {
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
`;

export const GITHUB_WORKFLOW = `# Runs your passfort-sandbox scenarios on every push and pull request.
# From passfort-sandbox's docs/testing-in-ci.md; copy it to .github/workflows/.
name: PassFort scenarios

on:
  push:
  pull_request:

jobs:
  scenarios:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4

      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm

      # Debian/Ubuntu's Chromium: no browser download from Playwright's CDN.
      - name: Install Chromium
        run: |
          sudo apt-get update
          sudo apt-get install -y --no-install-recommends chromium || sudo apt-get install -y --no-install-recommends chromium-browser

      - run: npm ci

      - name: Run the scenarios
        run: npx passfort-sandbox scenario run --dir scenarios --workers 2 --output scenario-results
        env:
          CI: "true"

      - name: Upload the HTML report
        if: \${{ !cancelled() }}
        uses: actions/upload-artifact@v4
        with:
          name: scenario-report
          path: scenario-results/html
          retention-days: 14

      - name: Upload the JUnit results
        if: \${{ !cancelled() }}
        uses: actions/upload-artifact@v4
        with:
          name: scenario-junit
          path: scenario-results/junit.xml
`;

export interface WrittenFile {
  path: string;
  status: 'written' | 'kept';
}

/** Writes the starter into `dir`; existing files are kept unless `force`. */
export function initProject(dir: string, opts: { force?: boolean; githubActions?: boolean } = {}): WrittenFile[] {
  const files: [string, string][] = [
    ['scenarios/onboarding.scenario.ts', STARTER_SCENARIO],
    ['playwright.config.ts', STARTER_CONFIG],
  ];
  if (opts.githubActions) files.push(['.github/workflows/passfort-scenarios.yml', GITHUB_WORKFLOW]);
  return files.map(([rel, text]) => {
    const file = path.join(dir, rel);
    if (fs.existsSync(file) && !opts.force) return { path: file, status: 'kept' as const };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return { path: file, status: 'written' as const };
  });
}

export function writeStarter(argv: string[], out: (line: string) => void = (l) => process.stdout.write(l + '\n'), cwd = process.cwd()): WrittenFile[] {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean' }, 'github-actions': { type: 'boolean' } } });
  const dir = path.resolve(cwd, positionals[0] ?? '.');
  const written = initProject(dir, { force: values.force ?? false, githubActions: values['github-actions'] ?? false });
  for (const w of written) out(`${w.status === 'written' ? 'wrote' : 'kept '} ${path.relative(cwd, w.path) || w.path}${w.status === 'kept' ? ' (exists; --force overwrites)' : ''}`);
  out('');
  out('Next:');
  out('  npm install -D passfort-sandbox @playwright/test   (if not yet)');
  out('  npx passfort-sandbox scenario run --dir scenarios   (or: npx playwright test)');
  out('Then replace the `app` fixture in scenarios/onboarding.scenario.ts with your own app.');
  return written;
}
