import { expect, test } from '@playwright/test';
import nodemailer from 'nodemailer';
import { startInbox, type Inbox } from '../src/inbox/server.js';

/** The inbox web page in Chromium: live list, search, the message views, deletion. */

let inbox: Inbox;
let base: string;

test.beforeAll(async () => {
  inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 'e2e', statsDelayMs: 50 });
  base = `http://127.0.0.1:${inbox.httpPort}`;
});
test.afterAll(() => inbox.close());
test.beforeEach(() => void inbox.mailbox.deleteAll());

const send = (subject: string, extra: Record<string, unknown> = {}) =>
  nodemailer
    .createTransport({ host: '127.0.0.1', port: inbox.smtpPort, secure: false })
    .sendMail({ from: 'Sandbox Bank <onboarding@bank.example>', to: 'alex@example.com', subject, text: `${subject} text part`, ...extra });

test('new mail appears without a reload, and the message shows as HTML, text, headers and source', async ({ page }) => {
  await page.goto(base);
  await expect(page.getByText('● Live')).toBeVisible();
  await expect(page.getByText('No messages yet.')).toBeVisible();

  await send('Please update your information', { html: '<h1>Hello Alex</h1><script>document.title="pwned"</script><a href="https://bank.example/onboarding">Update information</a>' });
  const row = page.getByRole('link', { name: /Please update your information/ });
  await expect(row).toBeVisible();
  await row.click();

  await expect(page.getByRole('heading', { name: 'Please update your information' })).toBeVisible();
  await expect(page).toHaveURL(/\/view\/\w{22}$/);
  const frame = page.frameLocator('iframe[title="Message HTML"]');
  await expect(frame.getByRole('heading', { name: 'Hello Alex' })).toBeVisible();
  await expect(frame.getByRole('link', { name: 'Update information' })).toHaveAttribute('href', 'https://bank.example/onboarding');
  expect(await page.locator('iframe[title="Message HTML"]').getAttribute('sandbox')).not.toContain('allow-scripts');

  await page.getByRole('tab', { name: 'Text' }).click();
  await expect(page.getByRole('tabpanel').getByText('Please update your information text part')).toBeVisible();
  await page.getByRole('tab', { name: 'Headers' }).click();
  await expect(page.getByRole('cell', { name: 'Subject' })).toBeVisible();
  await page.getByRole('tab', { name: 'Source' }).click();
  await expect(page.getByRole('tabpanel').getByText(/Content-Type: multipart\/alternative/)).toBeVisible();
});

test('search narrows the list, and deleting a message removes it live', async ({ page }) => {
  await send('Invoice 42');
  await send('Welcome aboard', { headers: { 'X-Tags': 'ws-demo' } });
  await page.goto(base);
  await expect(page.getByRole('link', { name: /Invoice 42/ })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('tag:ws-demo');
  await expect(page.getByRole('link', { name: /Invoice 42/ })).toBeHidden();
  await expect(page.getByRole('link', { name: /Welcome aboard/ })).toBeVisible();

  await page.getByRole('link', { name: /Welcome aboard/ }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText('This message was deleted.')).toBeVisible();
  await expect(page.getByRole('link', { name: /Welcome aboard/ })).toBeHidden();
  expect(inbox.mailbox.all().map((m) => m.subject)).toEqual(['Invoice 42']);
});

test('a message from someone else is escaped in the list', async ({ page }) => {
  await send('<img src=x onerror="document.title=1">');
  await page.goto(base);
  await expect(page.getByRole('list', { name: 'Messages' }).locator('.subj')).toHaveText('<img src=x onerror="document.title=1">');
  expect(await page.title()).toBe('Inbox · passfort-sandbox');
});
