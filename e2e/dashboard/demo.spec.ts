import type { ChildProcess } from 'node:child_process';
import { SandboxClient } from 'passfort-sandbox/playwright';
import { seededIds } from '../../src/core/ids.js';
import { demoPlan, plannedName } from '../../src/demo/plan.js';
import { runCli, spawnCli } from '../../test/support/process.js';
import { test, expect, attachShot, guardConsole, seedWorkspace, seededContent } from './support.js';

/**
 * `passfort-sandbox demo` as a person runs it (the CLI from source, in a child process), and
 * `seed`: the same seed gives the same people, companies and stories, whichever way it is
 * seeded.
 */

guardConsole(test);

/** Starts the CLI and resolves once it printed `until` (or rejects with its stderr if it exits first). */
function runUntil(child: ChildProcess, until: RegExp): Promise<string> {
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (until.test(out)) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code} before printing ${until}: ${err}`)));
  });
}

test('demo starts the sandbox, inbox and example app with seeded data, and prints where to look', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const child = spawnCli(['demo', '--seed', '5', '--port', '0', '--smtp-port', '0', '--inbox-port', '0', '--app-port', '0']);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const out = await runUntil(child, /Press Ctrl\+C to stop\./);
    const line = (label: string) => new RegExp(`^  ${label}\\s+(\\S+)`, 'm').exec(out)?.[1];
    expect(out).toMatch(/^passfort-sandbox ready http:\/\/127\.0\.0\.1:\d+ inbox=http:\/\/\S+ smtp=smtp:\/\/\S+ apikey=[0-9a-f]{46} app=http:\/\/\S+$/m);
    const apiKey = /apikey=([0-9a-f]+)/.exec(out)![1]!;
    // The key comes from the seed too: the same demo, the same link, every time.
    expect(apiKey).toBe(seededIds('demo-5').hex(23));
    expect(out).toContain(`Demo data (seed 5): ${demoPlan(5).length} profiles`);
    expect(out).toMatch(/a webhook queue that stalled \(\d+ failed attempts\) and recovered/);

    const dashboardUrl = line('Dashboard')!;
    expect(dashboardUrl).toMatch(/\/dashboard\/login\?key=[0-9a-f]{46}$/);
    expect((await fetch(`${line('Inbox')}/livez`)).status).toBe(200);
    const app = await fetch(line('Example app')!);
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('Example Bank');

    await page.goto(dashboardUrl);
    await expect(page.getByTestId('workspace-name')).toHaveText('Default workspace');
    await expect(page.getByText(`Showing ${demoPlan(5).length} of ${demoPlan(5).length} profiles`)).toBeVisible();
    await expect(page.getByRole('link', { name: plannedName(demoPlan(5)[0]!), exact: true })).toBeVisible();
    await attachShot(page, testInfo, 'demo-dashboard');

    // The story knows the example app: its form URL and webhook endpoint are the app's.
    await page.goto(dashboardUrl.replace(/\/dashboard\/login.*$/, '/dashboard/story?step=1'));
    await expect(page.locator('#story-stage')).toContainText(`${line('Example app')}/verify`);
    await expect(page.locator('#story-stage .badge', { hasText: 'Configured' })).toBeVisible();
    // Leave the page before the demo stops, or its open event stream is cut mid-response.
    await page.goto('about:blank');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
});

test('the same seed gives the same data, through seed against a running sandbox as through the API', async ({ sandbox, api }, testInfo) => {
  test.setTimeout(90_000);
  const mine = seedWorkspace(api, { seed: 7 });
  const cli = runCli(['seed', '--seed', '7', '--url', sandbox.url]);
  const [result, run] = await Promise.all([mine, cli]);
  expect(run.code, run.stderr).toBe(0);
  const key = /apikey=([0-9a-f]{46})/.exec(run.stdout)?.[1];
  expect(key, run.stdout).toBeDefined();
  expect(run.stdout).toContain('Demo data (seed 7)');
  expect(run.stdout).toContain(`${sandbox.url}/dashboard/login?key=${key}`);

  const other = new SandboxClient({ baseUrl: sandbox.url, apiKey: key! });
  const [a, b] = await Promise.all([seededContent(api), seededContent(other)]);
  expect(a.length).toBe(demoPlan(7).length);
  expect(b).toEqual(a);
  expect(a.map((r) => r.name).sort()).toEqual(demoPlan(7).map(plannedName).sort());
  expect(result.requests).toEqual({ SENT: 5, COMPLETED: 5, EXPIRED: 2 });
  // Every state worth showing is there.
  const apps = a.flatMap((r) => r.applications.map((x) => x.split(':')[1]));
  for (const s of ['APPLIED', 'IN_REVIEW', 'APPROVED', 'REJECTED']) expect(apps).toContain(s);
  const results = a.flatMap((r) => r.checks.map((x) => x.split(':')[2]));
  for (const r of ['2+2', 'Pass', 'Fail', 'PEP', 'Sanction', 'Media', 'Refer', 'Partial']) expect(results).toContain(r);
  // A different seed, different people.
  expect(demoPlan(8).map(plannedName)).not.toEqual(demoPlan(7).map(plannedName));
  await testInfo.attach('seeded content (seed 7)', { body: JSON.stringify(a, null, 2), contentType: 'application/json' });
});
