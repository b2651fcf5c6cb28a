import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MailpitClient } from 'mailpit-api';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../test/support/inbox-events.js';
import { getEmail, queueEmail } from '../domain/emails.js';
import { listTasks } from '../domain/tasks.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../sandbox.js';
import type { SandboxEvent } from '../workspace/events.js';
import { startInbox, type Inbox } from './server.js';
import { retryDelay } from './mailer.js';
import { inboxClient } from './client.js';

/**
 * The request email from end to end, on real sockets: the unit of work queues it, the mailer
 * renders and sends it, the inbox stores it, and mailpit-api finds it and reads its link.
 */

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function sandbox(options: SandboxOptions = {}): Promise<Sandbox & { events: SandboxEvent[] }> {
  const sb = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, memory: true, config: {}, ...options });
  open.push(sb);
  const events: SandboxEvent[] = [];
  sb.bus.subscribe((e) => events.push(e));
  return Object.assign(sb, { events });
}

const queue = (sb: Sandbox, to = 'alex@example.com', message: string | null = null) =>
  sb.registry.default.run((ctx) => queueEmail(ctx, { request_id: 'req-1', profile_id: 'prof-1', to, message, request_apikey: 'key-1' }));

describe('the customer-request email', () => {
  // The "within a second" target is measured by `npm run bench inbox`, not asserted here.
  it('POST a FORMS customer request → a themed email in the inbox, whose link mailpit-api reads', async () => {
    const sb = await sandbox({ config: undefined });
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(sb.urls.api + p, { method, headers: { apikey: sb.apiKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const profile = await call('POST', '/4.0/profiles', {
      role: 'INDIVIDUAL_CUSTOMER',
      collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: ['Alex'], family_name: 'Wheeler' } }, contact_details: { email: 'alex@example.com' } },
    });
    expect(profile.status).toBe(200);
    // The profile's tasks come from the smart policy; the tasks route is not the subject here.
    const task = sb.registry.default.read((ctx) => listTasks(ctx, profile.body.id)).find((t) => t.type === 'INDIVIDUAL_VERIFY_IDENTITY')!;
    const created = await call('POST', `/4.0/forms/profile/${profile.body.id}/customer_request`, { type: 'FORMS', task_ids: [task.id] });
    expect(created.status).toBe(200);

    const mailpit = new MailpitClient(sb.urls.inbox);
    const msg = await mailpit.waitForMessage({ query: 'to:alex@example.com tag:ws-default' }, { timeout: 5000, interval: 10 });
    const theme = sb.registry.default.config.email_theme;
    expect(msg.Subject).toBe(theme.subject);
    expect(msg.From).toEqual({ Name: theme.sender_name, Address: theme.sender_address });
    expect(msg.HTML).toContain('Update information');
    expect(msg.HTML).toContain(theme.footer);

    const link = `${sb.urls.api}/onboarding?request_id=${created.body.id}&apikey=${created.body.apikey}`;
    expect(msg.Text).toContain(`Update information: ${link}`);
    const check = await mailpit.linkCheck(msg.ID);
    expect(check.Links.map((l) => l.URL)).toEqual([link]);
    // The link check reports what the link really answers.
    expect(check.Links[0]!.StatusCode).toBe((await fetch(link, { method: 'HEAD', redirect: 'manual' })).status);

    await until(() => sb.events.find((e) => e.type === 'EMAIL_SENT'), 'EMAIL_SENT');
  });

  it('renders a custom template and the request’s own message, to the workspace’s form URL', async () => {
    const sb = await sandbox({
      config: {
        form_url: 'https://bank.example/onboarding?lang=en',
        email_theme: {
          subject: 'Action needed',
          sender_name: 'Bank',
          sender_address: 'kyc@bank.example',
          template: 'custom',
          custom_html: '<div id="t">{{logo}}<p class="msg">{{editable_text}}</p>{{button}}<small>{{footer}}</small></div>',
          footer: 'Bank plc',
        },
      },
    });
    queue(sb, 'sam@example.com', 'Please send your <passport>');
    const mailpit = new MailpitClient(sb.urls.inbox);
    const msg = await mailpit.waitForMessage({ query: 'subject:"action needed"' }, { timeout: 2000, interval: 10 });
    expect(msg.HTML).toMatch(/^<div id="t"><p class="msg">Please send your &lt;passport&gt;<\/p><a href="https:\/\/bank.example\/onboarding\?lang=en&amp;request_id=req-1&amp;apikey=key-1"/);
    expect(msg.HTML).toContain('<small>Bank plc</small></div>');
    expect((await mailpit.getMessageHeaders(msg.ID))['X-Tags']).toEqual(['ws-default']);
  });

  it('a failed send (SMTP chaos) is recorded and retried on the workspace clock until it goes through', async () => {
    const sb = await sandbox({ smtpChaos: true });
    const mailpit = new MailpitClient(sb.urls.inbox);
    await mailpit.setChaosTriggers({ Sender: { ErrorCode: 451, Probability: 100 } });
    const email = queue(sb);
    const failed = await until(() => sb.events.find((e) => e.type === 'EMAIL_FAILED'), 'EMAIL_FAILED');
    expect(failed.data).toMatchObject({ email_id: email.id, attempt: 1 });
    expect(String(failed.data.error)).toMatch(/451.*Chaos sender error/);
    const doc = sb.registry.default.read((ctx) => getEmail(ctx, email.id));
    expect(doc.status).toBe('PENDING');
    expect(doc.attempts).toHaveLength(1);
    expect((await mailpit.listMessages()).total).toBe(0);

    // Still failing: the second attempt comes after the first backoff step, on the moved clock.
    sb.registry.default.advance(retryDelay(1, 5_000, 600_000));
    await until(() => sb.events.filter((e) => e.type === 'EMAIL_FAILED').length === 2, 'the second failure');

    await mailpit.setChaosTriggers({});
    sb.registry.default.advance(retryDelay(2, 5_000, 600_000));
    const sent = await until(() => sb.events.find((e) => e.type === 'EMAIL_SENT'), 'EMAIL_SENT');
    expect(sent.data).toMatchObject({ email_id: email.id, attempt: 3 });
    const after = sb.registry.default.read((ctx) => getEmail(ctx, email.id));
    expect(after.status).toBe('SENT');
    expect(after.attempts.map((a) => a.ok)).toEqual([false, false, true]);
    expect((await mailpit.listMessages()).total).toBe(1);
  });

  it('resends every PENDING email when the sandbox starts again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailer-'));
    try {
      const first = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, dataDir: dir, config: {}, smtpChaos: true });
      await new MailpitClient(first.urls.inbox).setChaosTriggers({ Recipient: { ErrorCode: 452, Probability: 100 } });
      const events: SandboxEvent[] = [];
      first.bus.subscribe((e) => events.push(e));
      const email = queue(first);
      await until(() => events.find((e) => e.type === 'EMAIL_FAILED'), 'EMAIL_FAILED');
      await first.close();

      const second = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, dataDir: dir, config: {} });
      open.push(second);
      const msg = await new MailpitClient(second.urls.inbox).waitForMessage({ query: 'to:alex@example.com' }, { timeout: 2000, interval: 10 });
      expect(msg.Subject).toBe(second.registry.default.config.email_theme.subject);
      await until(() => second.registry.default.read((ctx) => getEmail(ctx, email.id)).status === 'SENT', 'SENT after restart');
    } finally {
      await Promise.all(open.splice(0).map((s) => s.close()));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Mailpit mode: with smtpUrl and inboxUrl nothing embedded starts, and the email goes to that server', async () => {
    const external: Inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 'mailpit-stand-in' });
    open.push(external);
    const smtpUrl = `smtp://127.0.0.1:${external.smtpPort}`;
    const inboxUrl = `http://127.0.0.1:${external.httpPort}`;
    const sb = await sandbox({ smtpUrl, inboxUrl });
    expect(sb.inbox).toBeNull();
    expect(sb.urls).toMatchObject({ smtp: smtpUrl, inbox: inboxUrl });
    const health = (await (await fetch(`${sb.urls.api}/__sandbox/health`)).json()) as { urls: Record<string, string> };
    expect(health.urls).toMatchObject({ smtp: smtpUrl, inbox: inboxUrl });
    queue(sb, 'ext@example.com');
    const msg = await inboxClient(sb).waitForMessage({ query: 'to:ext@example.com' }, { timeout: 2000, interval: 10 });
    expect(msg.Tags).toEqual(['ws-default']);
    expect(external.mailbox.get(msg.ID)?.subject).toBe(msg.Subject);
  });

  it('inboxClient carries the --inbox-auth credentials', async () => {
    const sb = await sandbox({ inboxAuth: { username: 'ci', password: 'pw' } });
    await expect(new MailpitClient(sb.urls.inbox).getInfo()).rejects.toThrow(/401/);
    queue(sb);
    expect((await inboxClient(sb).waitForMessage({ query: 'tag:ws-default' }, { timeout: 2000, interval: 10 })).To).toEqual([
      { Name: '', Address: 'alex@example.com' },
    ]);
  });

  it('a port in use is a one-line start error', async () => {
    const sb = await sandbox();
    const smtpPort = Number(new URL(sb.urls.smtp).port);
    await expect(createSandbox({ port: 0, smtpPort, inboxPort: 0, memory: true, config: {} })).rejects.toThrow(
      new RegExp(`^the inbox SMTP port ${smtpPort} on 127.0.0.1 is already in use \\(choose another with --smtp-port, or 0 for any free port\\)$`),
    );
  });
});

describe('retry backoff', () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [5, 80_000],
    [9, 600_000],
    [100, 600_000],
  ])('after %i failures waits %i ms', (failures, ms) => expect(retryDelay(failures, 5_000, 600_000)).toBe(ms));
});
