import { test, expect, guardConsole, openDashboard } from './support.js';

/**
 * "Play" on the scenarios page runs the library's scenario with the harness's runner
 * (Playwright in a child process, against this sandbox), and the page ticks its steps live.
 * One scenario that needs no browser of its own keeps this quick.
 */

guardConsole(test);

test('playing a scenario ticks its steps live and can open the workspace it used', async ({ page, sandbox, workspace }, testInfo) => {
  test.setTimeout(120_000);
  const dashboard = await openDashboard(page, sandbox.url, workspace, testInfo);
  await dashboard.open('/dashboard/scenarios');
  const card = page.locator('#scenario-second-request-refused');
  await expect(card).toBeVisible();
  const stepCount = await card.locator('ol li').count();
  expect(stepCount).toBeGreaterThan(1);

  await card.getByRole('button', { name: /^Play/ }).click();
  const run = page.locator('#run');
  await expect(run).toContainText('Playing');
  // Another play waits for this one.
  await expect(page.locator('#scenario-document-request').getByRole('button', { name: /^Play/ })).toBeDisabled();

  // Steps tick one by one (the page is refreshed by SCENARIO_RUN_PROGRESS notices, not reloaded).
  await expect(run.locator('.steps li[data-state="done"]').first()).toBeVisible({ timeout: 60_000 });
  await expect(run).toContainText('Passed', { timeout: 60_000 });
  await expect(run.locator('.steps li[data-state="done"]')).toHaveCount(stepCount);
  await expect(run).toContainText('Customer request created (SENT)');
  await dashboard.shot('scenario-played');

  await run.getByRole('button', { name: 'Open its workspace in the dashboard' }).click();
  await expect(page).toHaveURL(/\/dashboard\/profiles$/);
  await expect(page.getByTestId('workspace-name')).toContainText('a second customer request while one is active is refused');
  await expect(page.locator('#profiles tbody tr[data-key]')).toHaveCount(1);
});
