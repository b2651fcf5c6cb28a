import fs from 'node:fs';
import net from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startInbox, type Inbox } from './server.js';

/**
 * The SMTP session, driven over a real socket on port 0: what a well-behaved client gets, and
 * what a malformed, oversized or hostile one gets (an SMTP error, never a crash, never a lost
 * message).
 */

const MAX_SIZE = 64 * 1024;
let inbox: Inbox;

beforeAll(async () => {
  inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 'test', maxMessageSize: MAX_SIZE, chaos: true, statsDelayMs: 0 });
});
afterAll(() => inbox.close());
beforeEach(() => {
  inbox.mailbox.deleteAll();
  inbox.chaos.set({});
});

/** A line-level SMTP client: sends each command and collects the complete reply to it. */
async function session(commands: (string | Buffer)[]): Promise<string[]> {
  const socket = net.connect(inbox.smtpPort, '127.0.0.1');
  let buffer = '';
  const waiters: ((reply: string) => void)[] = [];
  socket.on('data', (d) => {
    buffer += d.toString('latin1');
    // A reply is complete when a line has a space after the code ("250 ok", not "250-…").
    for (let m = /^(?:\d{3}-.*\r\n)*\d{3}(?: .*)?\r\n/.exec(buffer); m; m = /^(?:\d{3}-.*\r\n)*\d{3}(?: .*)?\r\n/.exec(buffer)) {
      buffer = buffer.slice(m[0].length);
      waiters.shift()?.(m[0].trimEnd());
    }
  });
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  const replies = [await next()];
  for (const cmd of commands) {
    const reply = next();
    socket.write(typeof cmd === 'string' ? `${cmd}\r\n` : cmd);
    replies.push(await reply);
  }
  socket.end();
  return replies;
}

const code = (reply: string) => Number(reply.slice(0, 3));
const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: inbox.smtpPort, secure: false });

describe('SMTP session', () => {
  it('accepts a normal message from nodemailer and stores it', async () => {
    const info = await transport().sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 'Hi', text: 'Hello' });
    expect(info.response).toMatch(/^250 .*queued as \w{22}$/);
    expect(inbox.mailbox.all().map((m) => m.subject)).toEqual(['Hi']);
  });

  it.each<[string, (string | Buffer)[], number[]]>([
    ['an unknown command', ['EHLO x', 'FOO bar'], [250, 500]],
    ['MAIL before EHLO', ['MAIL FROM:<a@example.test>'], [503]],
    ['RCPT before MAIL', ['EHLO x', 'RCPT TO:<b@example.test>'], [250, 503]],
    ['DATA before RCPT', ['EHLO x', 'MAIL FROM:<a@example.test>', 'DATA'], [250, 250, 503]],
    ['a malformed MAIL FROM', ['EHLO x', 'MAIL FROM:a@example.test'], [250, 501]],
    ['a malformed RCPT TO', ['EHLO x', 'MAIL FROM:<a@example.test>', 'RCPT TO:<not an address'], [250, 250, 501]],
    ['a SIZE beyond the limit announced in MAIL FROM', ['EHLO x', `MAIL FROM:<a@example.test> SIZE=${MAX_SIZE * 2}`], [250, 552]],
    ['STARTTLS (not offered)', ['EHLO x', 'STARTTLS'], [250, 500]],
  ])('answers %s with an SMTP error and keeps the connection usable', async (_name, commands, codes) => {
    const replies = await session([...commands, 'RSET', 'NOOP']);
    expect(code(replies[0]!)).toBe(220);
    expect(replies.slice(1, -2).map(code)).toEqual(codes);
    expect(replies.slice(-2).map(code)).toEqual([250, 250]);
    expect(inbox.mailbox.all()).toHaveLength(0);
  });

  it('advertises SIZE and refuses an oversize message with 552, storing nothing', async () => {
    const ehlo = (await session(['EHLO x']))[1]!;
    expect(ehlo).toContain(`SIZE ${MAX_SIZE}`);
    const big = 'x'.repeat(76) + '\r\n';
    const body = Buffer.from(`Subject: big\r\n\r\n${big.repeat(Math.ceil((MAX_SIZE * 1.5) / big.length))}.\r\n`);
    const replies = await session(['EHLO x', 'MAIL FROM:<a@example.test>', 'RCPT TO:<b@example.test>', 'DATA', body, 'QUIT']);
    expect(replies.slice(1).map(code)).toEqual([250, 250, 250, 354, 552, 221]);
    expect(replies[5]).toMatch(/maximum message size/);
    expect(inbox.mailbox.all()).toHaveLength(0);
    expect(inbox.mailbox.counters.rejected).toBeGreaterThan(0);
  });

  it('takes the first 100 of thousands of RCPT TO (452 for the rest, as Mailpit) and delivers to those', async () => {
    const to = Array.from({ length: 2000 }, (_, i) => `user${i}@example.test`);
    const info = await transport().sendMail({ from: 'a@example.test', bcc: to, subject: 'Crowd', text: 'hi' });
    expect(info.accepted).toHaveLength(100);
    expect(info.rejected).toHaveLength(1900);
    const [stored] = inbox.mailbox.all();
    expect(stored!.subject).toBe('Crowd');
    expect(stored!.bcc).toHaveLength(100);
    expect(stored!.bcc[99]!.Address).toBe('user99@example.test');
  });

  it('stores a message whose To header lists thousands of addresses', async () => {
    const to = Array.from({ length: 2500 }, (_, i) => `user${i}@example.test`).join(', ');
    const raw = Buffer.from(`From: a@example.test\r\nTo: ${to}\r\nSubject: Many\r\n\r\nhi\r\n.\r\n`);
    const replies = await session(['EHLO x', 'MAIL FROM:<a@example.test>', 'RCPT TO:<user0@example.test>', 'DATA', raw, 'QUIT']);
    expect(replies.slice(1).map(code)).toEqual([250, 250, 250, 354, 250, 221]);
    expect(inbox.mailbox.all()[0]!.to).toHaveLength(2500);
  });

  it.each(['broken-mime.eml', 'non-utf8-headers.eml', 'inline-image.eml', 'multipart-attachments.eml', 'encodings.eml'])(
    'stores %s exactly as sent',
    async (name) => {
      const raw = fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
      const replies = await session(['EHLO x', 'MAIL FROM:<a@example.test>', 'RCPT TO:<b@example.test>', 'DATA', Buffer.concat([raw, Buffer.from('.\r\n')])]);
      expect(code(replies.at(-1)!)).toBe(250);
      const [stored] = inbox.mailbox.all();
      expect(inbox.mailbox.raw(stored!.id).equals(raw)).toBe(true);
    },
  );

  it('reads non-UTF-8 header bytes as latin-1', async () => {
    const raw = fs.readFileSync(new URL('./fixtures/non-utf8-headers.eml', import.meta.url));
    await session(['EHLO x', 'MAIL FROM:<a@example.test>', 'RCPT TO:<b@example.test>', 'DATA', Buffer.concat([raw, Buffer.from('.\r\n')])]);
    expect(inbox.mailbox.all()[0]).toMatchObject({ subject: 'Résumé à jour', tags: ['latin1'] });
  });

  it('records the SMTP AUTH user as Username (any credentials are accepted)', async () => {
    const t = nodemailer.createTransport({ host: '127.0.0.1', port: inbox.smtpPort, secure: false, auth: { user: 'ci-bot', pass: 'whatever' } });
    await t.sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 'Authed', text: 'x' });
    expect(inbox.mailbox.all()[0]!.username).toBe('ci-bot');
  });

  it.each<[string, Record<string, unknown>, string[], number]>([
    ['Sender', { Sender: { ErrorCode: 451, Probability: 100 } }, ['EHLO x', 'MAIL FROM:<a@example.test>'], 451],
    ['Recipient', { Recipient: { ErrorCode: 550, Probability: 100 } }, ['EHLO x', 'MAIL FROM:<a@example.test>', 'RCPT TO:<b@example.test>'], 550],
    ['Authentication', { Authentication: { ErrorCode: 535, Probability: 100 } }, ['EHLO x', `AUTH PLAIN ${Buffer.from('\0u\0p').toString('base64')}`], 535],
  ])('chaos on %s answers its error code', async (_stage, triggers, commands, expected) => {
    inbox.chaos.set(triggers);
    const replies = await session(commands);
    expect(code(replies.at(-1)!)).toBe(expected);
    expect(replies.at(-1)).toMatch(/Chaos/);
  });

  it('survives a client that disconnects in the middle of DATA', async () => {
    const socket = net.connect(inbox.smtpPort, '127.0.0.1');
    await new Promise((r) => socket.once('data', r));
    socket.write('EHLO x\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\nSubject: half\r\n\r\nhalf a mes');
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    const info = await transport().sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 'After', text: 'x' });
    expect(info.response).toMatch(/^250/);
    expect(inbox.mailbox.all().map((m) => m.subject)).toEqual(['After']);
  });
});
