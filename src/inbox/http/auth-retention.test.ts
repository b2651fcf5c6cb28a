import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MailpitClient } from 'mailpit-api';
import { afterEach, describe, expect, it } from 'vitest';
import { recordEvents } from '../../../test/support/inbox-events.js';
import { startInbox, type Inbox } from '../server.js';

/** Basic auth, retention, the size limit of the send API, chaos when off, and durability on disk. */

let inbox: Inbox | null = null;
afterEach(async () => {
  await inbox?.close();
  inbox = null;
});

const send = (client: MailpitClient, subject: string) =>
  client.sendMessage({ From: { Email: 'a@example.test' }, To: [{ Email: 'b@example.test' }], Subject: subject, Text: subject });

describe('basic auth (--inbox-auth)', () => {
  it('answers 401 without credentials or with wrong ones, everywhere but the probes', async () => {
    inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 't', auth: { username: 'ci', password: 's3cret' } });
    const base = `http://127.0.0.1:${inbox.httpPort}`;
    await expect(new MailpitClient(base).listMessages()).rejects.toThrow(/401/);
    await expect(new MailpitClient(base, { auth: { username: 'ci', password: 'wrong' } }).getInfo()).rejects.toThrow(/401/);
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="Login"');
    expect((await fetch(`${base}/livez`)).status).toBe(200);

    const client = new MailpitClient(base, { auth: { username: 'ci', password: 's3cret' } });
    await send(client, 'authorised');
    expect((await client.listMessages()).messages[0]!.Subject).toBe('authorised');

    await expect(recordEvents(base)).rejects.toThrow(/401/);
    const ws = await recordEvents(base, { authorization: `Basic ${Buffer.from('ci:s3cret').toString('base64')}` });
    expect(ws.events[0]).toEqual({ Type: 'stats', Data: { Total: 1, Unread: 1, Version: 't' } });
    ws.close();
  });
});

describe('retention (--inbox-max-messages)', () => {
  it('deletes the oldest past the cap, announcing each deletion', async () => {
    inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 't', maxMessages: 3, statsDelayMs: 0 });
    const base = `http://127.0.0.1:${inbox.httpPort}`;
    const client = new MailpitClient(base);
    const ws = await recordEvents(base);
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push((await send(client, `m${n}`)).ID);
    const list = await client.listMessages();
    expect(list.messages.map((m) => m.Subject)).toEqual(['m5', 'm4', 'm3']);
    await ws.waitFor('delete', (d) => d.ID === ids[0]);
    await ws.waitFor('delete', (d) => d.ID === ids[1]);
    expect((await client.getInfo()).RuntimeStats.MessagesDeleted).toBe(2);
    ws.close();
  });
});

describe('limits and switches', () => {
  it('refuses a send request over the size limit with Mailpit’s JSON error', async () => {
    inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 't', maxMessageSize: 4096 });
    const client = new MailpitClient(`http://127.0.0.1:${inbox.httpPort}`);
    const res = await fetch(`http://127.0.0.1:${inbox.httpPort}/api/v1/send`, {
      method: 'POST',
      body: JSON.stringify({ From: { Email: 'a@example.test' }, To: [{ Email: 'b@example.test' }], Text: 'x'.repeat(8000) }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ Error: 'message exceeds the maximum message size (4096 bytes)' });
    expect((await client.listMessages()).total).toBe(0);
  });

  it('answers the chaos API with a clear error when chaos is off', async () => {
    inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 't' });
    const client = new MailpitClient(`http://127.0.0.1:${inbox.httpPort}`);
    await expect(client.getChaosTriggers()).rejects.toThrow(/400.*Chaos is not enabled.*--smtp-chaos/);
    await expect(client.setChaosTriggers({})).rejects.toThrow(/Chaos is not enabled/);
    expect((await client.getConfiguration()).ChaosEnabled).toBe(false);
  });

  it('refuses malformed JSON without touching the mailbox', async () => {
    inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 't' });
    const base = `http://127.0.0.1:${inbox.httpPort}`;
    await send(new MailpitClient(base), 'keep me');
    for (const [method, url] of [
      ['DELETE', '/api/v1/messages'],
      ['PUT', '/api/v1/messages'],
      ['PUT', '/api/v1/tags'],
    ] as const) {
      const res = await fetch(base + url, { method, body: '{"IDs": [' });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/invalid JSON body/);
    }
    expect(inbox.mailbox.all().map((m) => [m.subject, m.read])).toEqual([['keep me', false]]);
  });

  it('closing does not wait for an idle SMTP client: it is told 421 and let go', async () => {
    inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 't' });
    const socket = net.connect(inbox.smtpPort, '127.0.0.1');
    let received = '';
    socket.on('data', (d) => (received += d));
    await new Promise((r) => socket.once('data', r));
    socket.write('EHLO idle\r\n');
    const closed = inbox.close();
    inbox = null;
    await closed;
    expect(received).toMatch(/^220 /);
    expect(received).toMatch(/421 .*shutting down/);
    socket.destroy();
  });

  it('keeps messages, read status and tags across a restart on disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-'));
    try {
      inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 't', dataDir: dir });
      let client = new MailpitClient(`http://127.0.0.1:${inbox.httpPort}`);
      const { ID } = await send(client, 'durable');
      await client.setTags({ IDs: [ID], Tags: ['kept'] });
      await client.setReadStatus({ IDs: [ID], Read: true });
      await inbox.close();
      inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 't', dataDir: dir });
      client = new MailpitClient(`http://127.0.0.1:${inbox.httpPort}`);
      const [m] = (await client.listMessages()).messages;
      expect(m).toMatchObject({ ID, Subject: 'durable', Read: true, Tags: ['kept'] });
      expect(await client.getMessageSource(ID)).toContain('Subject: durable');
    } finally {
      await inbox?.close();
      inbox = null;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
