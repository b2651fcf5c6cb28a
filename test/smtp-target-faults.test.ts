import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './support/inbox-events.js';
import { getEmail, queueEmail } from '../src/domain/emails.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox.js';
import type { SandboxEvent } from '../src/workspace/events.js';
import { retryDelay } from '../src/inbox/mailer.js';

/**
 * The SMTP server the request email goes to, failing: nothing listening, a 421 greeting, a
 * connection dropped in the middle of the message, a server that refuses the message as too
 * large. Each failure is recorded on the email, the email stays PENDING and is retried on the
 * workspace clock, the sandbox keeps serving, and once the server behaves the email arrives once.
 * (src/inbox/mailer.test.ts covers MAIL FROM and RCPT TO refusals via chaos, and resending
 * PENDING email after a restart; src/inbox/smtp.test.ts the inbox's own SMTP side.)
 */

type Mode = 'ok' | 'greet421' | 'dropInData' | 'reject552';

/** A scripted SMTP server: stores what it accepts; misbehaves as `mode` says. */
async function scriptedSmtp(port = 0) {
  const state = { mode: 'ok' as Mode, stored: [] as string[], sessions: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    state.sessions++;
    if (state.mode === 'greet421') return void socket.end('421 fake.test Service not available, closing channel\r\n');
    socket.write('220 fake.test ESMTP\r\n');
    let buffer = '';
    let inData = false;
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) {
            if (state.mode === 'dropInData' && buffer.length > 0) return void socket.destroy();
            return;
          }
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          if (state.mode === 'reject552') socket.write('552 5.3.4 Message size exceeds fixed maximum message size\r\n');
          else {
            state.stored.push(message);
            socket.write('250 2.0.0 Ok: queued\r\n');
          }
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl === -1) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-fake.test\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') socket.end('221 Bye\r\n');
        else socket.write('502 Command not implemented\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    state,
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function sandboxSendingTo(smtpPort: number, options: SandboxOptions = {}) {
  // Mailpit mode: nothing embedded starts; the email goes to the given SMTP server.
  const sb = await createSandbox({ port: 0, memory: true, config: {}, smtpUrl: `smtp://127.0.0.1:${smtpPort}`, inboxUrl: 'http://127.0.0.1:9', ...options });
  open.push(sb);
  const events: SandboxEvent[] = [];
  sb.bus.subscribe((e) => events.push(e));
  const ws = sb.registry.default;
  const email = ws.run((ctx) => queueEmail(ctx, { request_id: 'req-1', profile_id: 'prof-1', to: 'alex@example.com', message: null, request_apikey: 'key-1' }));
  const failures = () => events.filter((e) => e.type === 'EMAIL_FAILED');
  const doc = () => ws.read((ctx) => getEmail(ctx, email.id));
  /** Moves the clock past the retry after `failed` failed attempts. */
  const retry = (failed: number) => ws.advance(retryDelay(failed, 5_000, 600_000));
  return { sb, events, email, failures, doc, retry };
}

async function expectStillServing(sb: Sandbox) {
  expect((await fetch(`${sb.urls.api}/__sandbox/health`)).status).toBe(200);
}

describe('the SMTP server of the request email failing', () => {
  it('nothing listening: the attempt fails with the connection error, and the email goes out once a server is there', async () => {
    // A port that was free a moment ago; the server comes up on it later.
    const probe = await scriptedSmtp();
    const port = probe.port;
    await probe.close();
    const t = await sandboxSendingTo(port);
    const failed = await until(() => t.failures()[0], 'EMAIL_FAILED');
    expect(String(failed.data.error)).toMatch(/ECONNREFUSED/);
    expect(t.doc()).toMatchObject({ status: 'PENDING' });
    await expectStillServing(t.sb);

    const server = await scriptedSmtp(port);
    open.push(server);
    t.retry(1);
    await until(() => t.doc().status === 'SENT', 'SENT once the server is up');
    expect(server.state.stored).toHaveLength(1);
    expect(server.state.stored[0]).toMatch(/X-Tags: ws-default/);
  });

  it('a 421 greeting: recorded with the server’s words, retried until it greets properly', async () => {
    const server = await scriptedSmtp();
    open.push(server);
    server.state.mode = 'greet421';
    const t = await sandboxSendingTo(server.port);
    const failed = await until(() => t.failures()[0], 'EMAIL_FAILED');
    expect(String(failed.data.error)).toMatch(/421/);
    t.retry(1);
    await until(() => t.failures().length === 2, 'the second failure');
    server.state.mode = 'ok';
    t.retry(2);
    await until(() => t.doc().status === 'SENT', 'SENT');
    expect(t.doc().attempts.map((a: { ok: boolean }) => a.ok)).toEqual([false, false, true]);
    expect(server.state.stored).toHaveLength(1);
  });

  it('a connection dropped in the middle of the message: nothing stored, retried, then delivered once', async () => {
    const server = await scriptedSmtp();
    open.push(server);
    server.state.mode = 'dropInData';
    const t = await sandboxSendingTo(server.port);
    await until(() => t.failures()[0], 'EMAIL_FAILED');
    expect(server.state.stored).toHaveLength(0);
    await expectStillServing(t.sb);
    server.state.mode = 'ok';
    t.retry(1);
    await until(() => t.doc().status === 'SENT', 'SENT');
    expect(server.state.stored).toHaveLength(1);
  });

  it('a message refused as too large (552) is recorded and retried like any failure', async () => {
    const server = await scriptedSmtp();
    open.push(server);
    server.state.mode = 'reject552';
    const t = await sandboxSendingTo(server.port);
    const failed = await until(() => t.failures()[0], 'EMAIL_FAILED');
    expect(String(failed.data.error)).toMatch(/552 5\.3\.4 Message size exceeds/);
    t.retry(1);
    await until(() => t.failures().length === 2, 'the retry, refused again');
    expect(t.doc()).toMatchObject({ status: 'PENDING' });
    expect(server.state.stored).toHaveLength(0);
    await expectStillServing(t.sb);
  });
});
