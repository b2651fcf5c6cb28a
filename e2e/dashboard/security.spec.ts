import { MailpitClient } from 'mailpit-api';
import { SandboxClient } from 'passfort-sandbox/playwright';
import { request } from '@playwright/test';
import { test, expect, attachShot, guardConsole, openDashboard } from './support.js';

/**
 * What the dashboard must never do: run script from customer-entered text or from an email,
 * show one workspace's data with another's key, or act on a POST from another site.
 */

guardConsole(test);

const XSS_NAME = '<img src=x onerror="window.top.__xss=1">';
const XSS_FAMILY = '<script>window.top.__xss=2</script>';
const XSS_COMPANY = '"><svg onload="window.top.__xss=3">';

test('a stored XSS attempt in a name and in an email stays inert text', async ({ page, api, sandbox, workspace }, testInfo) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const dashboard = await openDashboard(page, sandbox.url, workspace, testInfo);
  const person = await api.profiles.create({
    role: 'INDIVIDUAL_CUSTOMER',
    collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: [XSS_NAME], family_name: XSS_FAMILY } }, contact_details: { email: 'xss@example.com' } },
  });
  await api.profiles.create({ role: 'COMPANY_CUSTOMER', collected_data: { entity_type: 'COMPANY', metadata: { name: XSS_COMPANY, contact_details: { email: 'co@example.com' } } } });
  const task = await api.profiles.task(person.id, 'INDIVIDUAL_VERIFY_IDENTITY');
  await api.customerRequests.create(person.id, { type: 'FORMS', task_ids: [task.id], email: { message: `Hello ${XSS_NAME}` } });

  // An email that tries everything, in this workspace's inbox (tagged as the sandbox tags its mail).
  const mailpit = new MailpitClient(sandbox.urls.inbox, sandbox.inboxAuth ? { auth: sandbox.inboxAuth } : undefined);
  await mailpit.sendMessage({
    From: { Email: 'attacker@example.com', Name: '<b onmouseover="window.top.__xss=4">Mallory</b>' },
    To: [{ Email: 'victim@example.com' }],
    Subject: '<img src=x onerror="window.top.__xss=5">Invoice',
    HTML: '<h1>Open me</h1><script>window.top.__xss=6;alert(6)</script><img src="x" onerror="window.top.__xss=7;alert(7)"><a href="javascript:alert(8)">click</a><form action="https://evil.example"><input name=a></form>',
    Text: 'Plain <script>alert(9)</script>',
    Tags: [`ws-${workspace.id}`],
  });

  await dashboard.open('/dashboard/profiles');
  await expect(page.getByRole('link', { name: `${XSS_NAME} ${XSS_FAMILY}` })).toBeVisible();
  await expect(page.getByRole('link', { name: XSS_COMPANY })).toBeVisible();
  await dashboard.shot('xss-profiles');

  await page.getByRole('link', { name: `${XSS_NAME} ${XSS_FAMILY}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${XSS_NAME} ${XSS_FAMILY}`);
  await dashboard.open('/dashboard/requests');
  await expect(page.getByRole('link', { name: `${XSS_NAME} ${XSS_FAMILY}` })).toBeVisible();

  await dashboard.open('/dashboard/inbox?q=subject:Invoice');
  const message = page.getByRole('list', { name: 'Messages' }).getByRole('link');
  await expect(message).toContainText('<img src=x onerror="window.top.__xss=5">Invoice');
  await expect(page.getByRole('heading', { name: '<img src=x onerror="window.top.__xss=5">Invoice' })).toBeVisible();
  const frame = page.locator('iframe.mail-frame');
  const sandboxAttr = await frame.getAttribute('sandbox');
  expect(sandboxAttr).not.toBeNull();
  expect(sandboxAttr).not.toContain('allow-scripts');
  expect(sandboxAttr).not.toContain('allow-same-origin');
  await expect(page.frameLocator('iframe.mail-frame').getByRole('heading', { name: 'Open me' })).toBeVisible();
  await page.locator('#mail-text summary').click();
  await expect(page.locator('#mail-text pre')).toContainText('Plain <script>alert(9)</script>');
  await dashboard.shot('xss-inbox');

  // The email's own request, rendered by the sandbox: the name went in escaped.
  await dashboard.open(`/dashboard/inbox?q=${encodeURIComponent('to:xss@example.com')}`);
  await expect(page.frameLocator('iframe.mail-frame').getByText(`Hello ${XSS_NAME}`)).toBeVisible();

  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  const res = await page.request.get(`${sandbox.url}/dashboard/profiles`);
  expect(res.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(res.headers()['content-security-policy']).not.toContain('unsafe-inline');
  const html = await page.request.get(`${sandbox.url}${await frame.getAttribute('src')}`);
  expect(html.headers()['content-security-policy']).toContain("script-src 'none'");
});

test("a workspace's pages need its key, and show nothing of another workspace", async ({ page, api, sandbox, workspace }, testInfo) => {
  const profile = await api.profiles.create({ role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: ['Only'], family_name: 'Mine' } } } });

  // Without a key: the sign-in page, whatever the address.
  await page.goto(`${sandbox.url}/dashboard/profiles/${profile.id}`);
  await expect(page.getByRole('heading', { name: 'passfort-sandbox dashboard' })).toBeVisible();
  await page.getByLabel('Workspace master API key').fill('not-a-key-of-this-sandbox');
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await expect(page.getByRole('alert')).toContainText('knows no workspace with this key');
  await attachShot(page, testInfo, 'login-error');

  // A scoped key (a customer request's) does not open the dashboard either.
  const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
  const request = await api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id], email: { to: 'only@example.com' } });
  await page.getByLabel('Workspace master API key').fill(request.apikey);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await expect(page.getByRole('alert')).toContainText('scoped key');

  // With the key: back where we wanted to go.
  await page.getByLabel('Workspace master API key').fill(workspace.apiKey);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await expect(page).toHaveURL(`${sandbox.url}/dashboard/profiles/${profile.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Only Mine' })).toBeVisible();

  // Another workspace's key sees none of it.
  const other = await SandboxClient.createWorkspace(sandbox.url, { name: 'someone else' });
  await page.goto(`${sandbox.url}/dashboard/login?key=${other.workspace.api_key}`);
  await expect(page.getByTestId('workspace-name')).toHaveText('someone else');
  await expect(page.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
  const res = await page.request.get(`${sandbox.url}/dashboard/profiles/${profile.id}`);
  expect(res.status()).toBe(404);
  expect(await res.text()).not.toContain('Only Mine');
  expect((await page.request.get(`${sandbox.url}/dashboard/requests/${request.id}`)).status()).toBe(404);

  // The key lives in an HttpOnly cookie: page script cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain(other.workspace.api_key);
  const cookies = await page.context().cookies(sandbox.url);
  expect(cookies.find((c) => c.value === other.workspace.api_key)).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});

test('a live page whose browser signs in to another workspace says so and stops updating, with no error', async ({ page, context, api, sandbox, workspace }, testInfo) => {
  await openDashboard(page, sandbox.url, workspace, testInfo);
  const profile = await api.profiles.create({ role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: ['Only'], family_name: 'Mine' } } } });
  await page.goto(`${sandbox.url}/dashboard/profiles/${profile.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Only Mine' })).toBeVisible();
  await expect(page.locator('#live-status')).toHaveAttribute('data-state', 'live');

  // Another tab of the same browser signs in to another workspace: the cookie changes under the first.
  const other = await SandboxClient.createWorkspace(sandbox.url, { name: 'someone else' });
  const tab = await context.newPage();
  await tab.goto(`${sandbox.url}/dashboard/login?key=${other.workspace.api_key}`);
  await expect(tab.getByTestId('workspace-name')).toHaveText('someone else');

  // Something happens in the first workspace: the first page refreshes itself, and used to fetch
  // its address as the other workspace (a 404, and an error in the console).
  await api.clock.advance('1h');
  await expect(page.locator('#action-status')).toContainText('This browser is now signed in to another workspace');
  await expect(page.locator('#live-status')).toHaveAttribute('data-state', 'off');
  await expect(page).toHaveURL(`${sandbox.url}/dashboard/profiles/${profile.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Only Mine' })).toBeVisible();
  await attachShot(page, testInfo, 'signed-in-elsewhere');
  await tab.close();
});

test('a button POST from another site is refused and changes nothing', async ({ page, api, sandbox, workspace }, testInfo) => {
  await openDashboard(page, sandbox.url, workspace, testInfo);
  const before = (await api.clock.get()).now;
  const forged = await page.request.post(`${sandbox.url}/dashboard/clock/advance`, { form: { by: '90d' }, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
  expect(forged.status()).toBe(403);
  expect(Date.parse((await api.clock.get()).now) - Date.parse(before)).toBeLessThan(60_000);
  const anonymous = await request.newContext();
  const noCookie = await anonymous.post(`${sandbox.url}/dashboard/clock/advance`, { form: { by: '90d' } });
  expect(noCookie.status()).toBe(401);
  await anonymous.dispose();
  expect(Date.parse((await api.clock.get()).now) - Date.parse(before)).toBeLessThan(60_000);
});
