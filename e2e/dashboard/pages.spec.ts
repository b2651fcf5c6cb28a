import { test, expect, guardConsole, openDashboard, seedWorkspace } from './support.js';
import { demoPlan, plannedName } from '../../src/demo/plan.js';

/**
 * Every page of the dashboard over a seeded workspace: each shows its data, and a screenshot
 * of each is attached to the report.
 */

guardConsole(test);

test('each page shows the seeded workspace: profiles, a profile, requests, a request, inbox, webhooks, clock, scenarios, story, API log', async ({ page, api, sandbox, workspace }, testInfo) => {
  test.setTimeout(90_000);
  const dashboard = await openDashboard(page, sandbox.url, workspace, testInfo);
  const result = await seedWorkspace(api, { seed: 3 });
  const plan = demoPlan(3);
  const pep = plan.find((p) => p.key.endsWith('-pep'))!;
  const partDone = plan.find((p) => p.story === 'forms_part_done')!;

  await test.step('profiles: every profile, search and filters', async () => {
    await dashboard.open('/dashboard/profiles');
    await expect(page.getByText(`Showing ${plan.length} of ${plan.length} profiles`)).toBeVisible();
    for (const p of plan.slice(0, 5)) await expect(page.getByRole('link', { name: plannedName(p), exact: true })).toBeVisible();
    await dashboard.shot('profiles');
    await page.getByLabel('Search').fill(pep.entity === 'INDIVIDUAL' ? pep.family_name : pep.name);
    await expect(page.locator('#profiles tbody tr:visible').filter({ hasText: plannedName(pep) })).toHaveCount(1);
    await expect(page).toHaveURL(/[?&]q=/);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Checks').selectOption('hit');
    await expect(page).toHaveURL(/checks=hit/);
    await expect(page.getByRole('link', { name: plannedName(pep), exact: true })).toBeVisible();
    const hits = plan.filter((p) => /-(pep|sanction|media|refer)$/.test(p.key)).length;
    await expect(page.getByText(`Showing ${hits} of ${plan.length} profiles`)).toBeVisible();
  });

  await test.step('a profile: applications, tasks, checks with the PEP hit, events, timeline, audit log', async () => {
    await page.getByRole('link', { name: plannedName(pep), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: plannedName(pep) })).toBeVisible();
    await expect(page.locator('#checks')).toContainText('PEP');
    await expect(page.locator('#events')).toContainText('PEP flag');
    await expect(page.locator('#applications')).toContainText('Approval is blocked');
    await expect(page.locator('#timeline')).toContainText('webhook delivered (HTTP 200)');
    await expect(page.locator('#audit')).toContainText('created-profile');
    await dashboard.shot('profile');
  });

  await test.step('customer requests: every state, and a part-done request with its timeline', async () => {
    await dashboard.open('/dashboard/requests');
    const total = Object.values(result.requests).reduce((a, b) => a + b, 0);
    await expect(page.getByText(`Showing ${total} of ${total} requests`)).toBeVisible();
    await page.getByLabel('Status').selectOption('EXPIRED');
    await expect(page.locator('#requests tbody tr[data-key]')).toHaveCount(result.requests.EXPIRED!);
    await dashboard.shot('requests');
    await dashboard.open('/dashboard/requests');
    await page.getByRole('link', { name: plannedName(partDone), exact: true }).click();
    await expect(page.locator('#forms')).toContainText('Completed');
    await expect(page.locator('#forms')).toContainText('Sent');
    await expect(page.locator('#history')).toContainText('Document uploaded');
    await dashboard.shot('request');
  });

  await test.step('inbox: the request emails, one open in a script-less sandboxed frame', async () => {
    await dashboard.open('/dashboard/inbox');
    await expect(page.getByRole('list', { name: 'Messages' }).getByRole('listitem')).toHaveCount(plan.filter((p) => p.story.startsWith('forms_')).length);
    const frame = page.locator('iframe.mail-frame');
    expect(await frame.getAttribute('sandbox')).not.toContain('allow-scripts');
    await expect(page.frameLocator('iframe.mail-frame').getByRole('link', { name: 'Update information' })).toBeVisible();
    await dashboard.shot('inbox');
  });

  await test.step('webhooks: the queue delivering, the stall it recovered from, the attempts', async () => {
    await dashboard.open('/dashboard/webhooks');
    await expect(page.getByText('Delivering normally').first()).toBeVisible();
    await expect(page.getByText('Stalled and recovered')).toBeVisible();
    await expect(page.getByText('First error: HTTP 503')).toBeVisible();
    await dashboard.shot('webhooks');
    await page.getByLabel('Show').selectOption('failed');
    await expect(page).toHaveURL(/show=failed/);
    await expect(page.locator('#deliveries tbody tr').first()).toContainText('HTTP 503');
    expect(await page.locator('#deliveries tbody tr').count()).toBe(result.stalled!.failed_attempts);
  });

  await test.step('clock: the time and what is coming up', async () => {
    await dashboard.open('/dashboard/clock');
    await expect(page.getByTestId('clock-now')).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await expect(page.getByText(`The request to ${plannedName(partDone)} expires`)).toBeVisible();
    await dashboard.shot('clock');
  });

  await test.step('scenarios: the catalog and the demo keywords', async () => {
    await dashboard.open('/dashboard/scenarios');
    await expect(page.getByRole('heading', { name: 'Document request for an individual' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'pep', exact: true })).toBeVisible();
    await dashboard.shot('scenarios');
  });

  await test.step('story and API log', async () => {
    await dashboard.open('/dashboard/story?step=1');
    await expect(page.getByRole('heading', { level: 1, name: 'Configure' })).toBeVisible();
    await dashboard.shot('story');
    await dashboard.open('/dashboard/log');
    await expect(page.locator('#log')).toContainText('/4.0/profiles');
    await dashboard.shot('log');
  });
});

test('an empty workspace says what to do, with the curl', async ({ page, sandbox, workspace }, testInfo) => {
  const dashboard = await openDashboard(page, sandbox.url, workspace, testInfo);
  for (const [path, title] of [
    ['/dashboard/profiles', 'No profiles yet'],
    ['/dashboard/requests', 'No customer requests yet'],
    ['/dashboard/inbox', 'No email yet'],
    ['/dashboard/webhooks', 'Delivery is off: no webhook URL'],
    ['/dashboard/log', 'No API calls yet'],
  ] as const) {
    await dashboard.open(path);
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.locator('.empty pre')).toContainText('curl');
  }
  await dashboard.open('/dashboard/profiles');
  await dashboard.shot('empty-profiles');
});
