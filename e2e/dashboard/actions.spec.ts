import { persona, personas, profileBody } from 'passfort-sandbox/playwright';
import { test, expect, attachShot, guardConsole, openDashboard } from './support.js';

/**
 * The dashboard's buttons, each checked by what it caused: "Request from customer" sends an
 * email (read back from the inbox), a clock move expires a request on a page that is not
 * reloaded, and "Retry now" un-stalls the webhook queue.
 */

guardConsole(test);

test('"Request from customer" on a task sends the email with the edited message', async ({ page, api, inbox, sandbox, workspace }, testInfo) => {
  const dashboard = await openDashboard(page, sandbox.url, workspace, testInfo);
  const alex = persona(personas.alex, { email: `alex.${workspace.id.slice(0, 8)}@example.com` });
  const profile = await api.profiles.create(profileBody(alex));

  await dashboard.open(`/dashboard/profiles/${profile.id}`);
  await page.locator('#tasks').getByRole('link', { name: 'Request from customer' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Request from customer' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Verify your identity/ })).toBeChecked();
  await expect(page.getByLabel('Send the email to')).toHaveValue(alex.email);
  await page.getByLabel('Message').fill('Hi Alex,\nplease send a photo of your passport today.');
  await dashboard.shot('request-form');
  await page.getByRole('button', { name: 'Send the request' }).click();

  await expect(page).toHaveURL(/\/dashboard\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('status').filter({ hasText: `Request sent to ${alex.email}` })).toBeVisible();
  await expect(page.locator('#forms')).toContainText('Verify your identity');

  const email = await inbox.waitForEmail({ to: alex.email });
  expect(email.text).toContain('Hi Alex, please send a photo of your passport today.');
  const requestId = page.url().split('/').at(-1)!;
  expect(email.requestLink?.request_id).toBe(requestId);
  const detail = await api.customerRequests.detail(requestId);
  expect(detail.history[0]!.actor).toBe('Sandbox dashboard');

  // The timeline of the request says the email went out, without a reload.
  await expect(page.locator('#history')).toContainText(`Sent to ${alex.email}`);
  await dashboard.open(`/dashboard/inbox?q=${encodeURIComponent(`to:${alex.email}`)}`);
  await expect(page.frameLocator('iframe.mail-frame').getByText('please send a photo of your passport today')).toBeVisible();
  await dashboard.shot('inbox-after-request');
});

test('the request form says what is wrong, and a second request while one is open is refused', async ({ page, api, sandbox, workspace }, testInfo) => {
  const dashboard = await openDashboard(page, sandbox.url, workspace, testInfo);
  const profile = await api.profiles.create(profileBody(persona(personas.alex, { email: 'alex.twice@example.com' })));
  await dashboard.open(`/dashboard/profiles/${profile.id}/request`);
  await page.getByRole('checkbox', { name: /Verify your identity/ }).uncheck();
  await page.getByLabel('Send the email to').fill('not an email');
  await page.getByRole('button', { name: 'Send the request' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Choose at least one task');
  await expect(summary).toContainText('Enter the email address');
  await expect(page.getByLabel('Send the email to')).toHaveAttribute('aria-invalid', 'true');

  const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
  await api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] });
  await page.getByRole('checkbox', { name: /Verify your identity/ }).check();
  await page.getByLabel('Send the email to').fill('alex.twice@example.com');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await expect(page.getByRole('alert')).toContainText('active');
  expect((await api.customerRequests.list({ profile_id: profile.id })).length).toBe(1);
});

test('moving the clock 90 days expires an open request on a page that stays where it is', async ({ page, context, api, sandbox, workspace }, testInfo) => {
  const dashboard = await openDashboard(page, sandbox.url, workspace, testInfo);
  const profile = await api.profiles.create(profileBody(persona(personas.alex, { email: 'alex.clock@example.com' })));
  const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
  const request = await api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] });

  await dashboard.open(`/dashboard/requests/${request.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sent');
  // A mark only this page load has: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

  // The presenter presses "+90 days" on the clock page in another tab.
  const clockTab = await context.newPage();
  await clockTab.goto(`${sandbox.url}/dashboard/clock`);
  await expect(clockTab.getByText(`The request to ${personas.alex.given_names} ${personas.alex.family_name} expires`)).toBeVisible();
  await clockTab.getByRole('button', { name: '+90 days' }).click();
  await expect(clockTab.getByRole('status').filter({ hasText: 'Moved the clock 90 days' })).toBeVisible();
  await expect(clockTab.locator('#moves-region')).toContainText('Customer request SENT → EXPIRED');
  await attachShot(clockTab, testInfo, 'clock-after-90-days');

  await expect(page.getByRole('heading', { level: 1 })).toContainText('Expired');
  await expect(page.locator('#forms')).toContainText('Expired');
  await expect(page.locator('#history')).toContainText('Request expired');
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await dashboard.shot('request-expired-live');
  await clockTab.close();
});

test('a stalled webhook queue recovers with "Retry now", and an event can be replayed', async ({ page, api, webhooks, sandbox, workspace }, testInfo) => {
  const dashboard = await openDashboard(page, sandbox.url, workspace, testInfo);
  // The queue's own retry waits on the workspace clock (1 s after the first failure): frozen, it
  // cannot un-stall the queue before the button does on a slow machine (seen in CI).
  await api.clock.freeze();
  await webhooks.useSink();
  await webhooks.sink.fault({ mode: 'status', status: 500 });
  await api.profiles.create(profileBody(persona(personas.alex, { email: 'alex.hooks@example.com' })));

  await dashboard.open('/dashboard/webhooks');
  await expect(page.locator('#webhook-status')).toContainText('Stalled for');
  await expect(page.locator('#nav-main')).toContainText('Stalled');
  await expect(page.locator('#deliveries tbody tr').first()).toContainText('HTTP 500');
  await dashboard.shot('webhooks-stalled');

  await webhooks.sink.clearFault();
  const before = (await api.webhooks.deliveries()).length;
  await page.getByRole('button', { name: 'Retry now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Retrying now.' })).toBeVisible();
  await expect(page.locator('#webhook-status')).toContainText('Delivering normally');
  await expect(page.getByText('Stalled and recovered')).toBeVisible();
  await expect(page.locator('#deliveries tbody tr').first()).toContainText('HTTP 200');
  expect((await api.webhooks.deliveries()).length).toBeGreaterThan(before);
  await dashboard.shot('webhooks-recovered');

  // Replay one delivered event: the receiver gets it again, with the same id.
  await expect.poll(async () => (await api.webhooks.status()).state).toBe('idle');
  const last = (await api.webhooks.deliveries()).at(-1)!;
  const replayed = last.event_ids[0]!;
  const copies = async () => (await webhooks.sink.received()).filter((r) => (r.body as { id?: string }).id === replayed).length;
  expect(await copies()).toBe(1);
  const row = page.locator(`#deliveries tr[data-key="d-${last.n}"]`);
  await row.getByText('Events and replay').click();
  await row.getByRole('button', { name: 'Replay' }).first().click();
  await expect(page.getByRole('status').filter({ hasText: 'queued again (same id)' })).toBeVisible();
  await expect.poll(copies).toBe(2);
});
