import { test, expect, guardConsole, openDashboard } from './support.js';

/**
 * The guided story from the first step to the decision, the way a presenter runs it: the
 * arrow keys (a clicker) move between steps, each button drives the real sandbox, and the
 * customer is played by a second Chromium filling the real form.
 */

guardConsole(test);

test('the story runs from configuration to a decision, with the customer played in a browser', async ({ page, api, sandbox, workspace }, testInfo) => {
  test.setTimeout(90_000);
  const dashboard = await openDashboard(page, sandbox.url, workspace, testInfo);
  const stage = page.locator('#story-stage');
  const rail = page.getByRole('navigation', { name: 'Story steps' });
  // A step's page takes the presenter's keys once its script runs, and the script then shows
  // "Live": a key pressed before that (right after a full page load) would be lost.
  const press = async (key: string) => {
    await expect(page.locator('#live-status')).toHaveText('Live');
    await page.keyboard.press(key);
  };

  await dashboard.open('/dashboard/story');
  await expect(stage.getByRole('heading', { level: 1 })).toHaveText('Configure');
  await expect(stage).toContainText('Personal Account');
  await stage.getByRole('button', { name: "Send webhooks to the sandbox's built-in receiver" }).click();
  await expect(stage.locator('.badge', { hasText: 'Configured' })).toBeVisible();
  await expect(rail.getByRole('link', { name: /Configure \(done\)/ })).toBeVisible();
  await dashboard.shot('story-1-configure');

  await press('ArrowRight');
  await expect(stage.getByRole('heading', { level: 1 })).toHaveText('Send the request');
  const send = stage.getByRole('button', { name: /^Create .+ and send the request$/ });
  const name = (await send.textContent())!.replace(/^Create (.+) and send the request$/, '$1');
  await send.click();
  await expect(stage.getByRole('link', { name: `${name}'s profile` })).toBeVisible();
  await dashboard.shot('story-2-request');

  await press('PageDown');
  await expect(stage.getByRole('heading', { level: 1 })).toHaveText("The customer's email");
  await expect(page.frameLocator('iframe.mail-frame').getByRole('link', { name: 'Update information' })).toBeVisible();
  await expect(stage.getByRole('link', { name: `Open the link as ${name}` })).toHaveAttribute('href', /request_id=.+&apikey=/);
  await dashboard.shot('story-3-email');

  await press('ArrowRight');
  await expect(stage.getByRole('heading', { level: 1 })).toHaveText('The form');
  await stage.getByRole('button', { name: /Play the customer in a/ }).click();
  await expect(stage.getByText('The browser finished the form: "Data successfully submitted."')).toBeVisible({ timeout: 45_000 });
  await expect(stage).toContainText('Completed');
  await dashboard.shot('story-4-form');

  await press('ArrowRight');
  await expect(stage.getByRole('heading', { level: 1 })).toHaveText('The webhook');
  await expect(stage.getByText('delivered, HTTP 200')).toBeVisible();
  await expect(stage.locator('pre')).toContainText('"event": "CUSTOMER_REQUEST_CHANGED"');
  await expect(stage.locator('pre')).toContainText('"status": "COMPLETED"');
  await dashboard.shot('story-5-webhook');

  // The document check is asynchronous (3 s of workspace time): the presenter's pause, or the clock.
  await api.clock.advance('5s');
  await press('ArrowRight');
  await expect(stage.getByRole('heading', { level: 1 })).toHaveText('The decision');
  await expect(stage).toContainText('Document verification');
  await stage.getByRole('button', { name: `Approve ${name}` }).click();
  await expect(stage).toContainText('Decided. The bank got PRODUCT_STATUS_CHANGED: APPROVED');
  for (const step of ['Configure', 'Send the request', "The customer's email", 'The form', 'The webhook', 'The decision']) {
    await expect(rail.getByRole('link', { name: `${step} (done)` })).toBeVisible();
  }
  await dashboard.shot('story-6-decision');

  const profiles = await api.request<{ results: { id: string; display_name: string }[] }>('GET', '/4.0/profiles');
  const profile = profiles.results.find((p) => p.display_name === name)!;
  expect((await api.profiles.applications(profile.id))[0]!.status).toBe('APPROVED');

  await press('ArrowLeft');
  await expect(stage.getByRole('heading', { level: 1 })).toHaveText('The webhook');
  await rail.getByRole('button', { name: 'Start over with a new customer' }).click();
  await expect(stage.getByRole('heading', { level: 1 })).toHaveText('Configure');
  await press('ArrowRight');
  await expect(stage.getByRole('button', { name: /^Create .+ and send the request$/ })).not.toHaveText(`Create ${name} and send the request`);
});
