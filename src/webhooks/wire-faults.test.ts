import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/webhook-receiver.js';
import { startWebhookSandbox, type WebhookSandbox } from '../../test/support/webhook-sandbox.js';
import { ROOT } from '../../test/support/process.js';
import { RESPONSE_BODY_WAIT_MS } from './transport.js';

/**
 * Receivers that break HTTP itself, on a raw socket: an answer that is not HTTP, headers that
 * never end, a connection closed at once, a 200 whose body trickles forever or breaks off, an
 * HTTP/1.0 answer delimited by the close, TLS against a plain server, an untrusted certificate.
 * faults.test.ts covers the well-formed ones (statuses, reset after the request, timeouts, huge
 * bodies, nothing listening, unknown host); this file covers the malformed ones.
 */

type Behaviour = (socket: net.Socket) => void;
const ok: Behaviour = (s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');

let h: WebhookSandbox | undefined;
const servers: { close(): void }[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const s of servers.splice(0)) s.close();
});

/** A TCP receiver that answers each request as `behaviour` says; counts requests that got `ok`. */
async function rawReceiver(initial: Behaviour) {
  const state = { behaviour: initial, delivered: [] as string[] };
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    let buffer = '';
    socket.on('data', (d) => {
      buffer += d.toString('utf8');
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const length = Number(/content-length: (\d+)/i.exec(buffer.slice(0, end))?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      const body = buffer.slice(end + 4, end + 4 + length);
      buffer = '';
      if (state.behaviour === ok) state.delivered.push(JSON.parse(body).id);
      state.behaviour(socket);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  servers.push(server);
  return { state, url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/hook` };
}

/** One event against a misbehaving receiver: its first attempt's record; then the receiver heals and the event arrives. */
async function firstAttempt(behaviour: Behaviour, settings: Record<string, unknown> = {}) {
  h = await startWebhookSandbox();
  const r = await rawReceiver(behaviour);
  expect((await h.api('PUT', '/__sandbox/webhooks', { url: r.url, ...settings })).status).toBe(200);
  await h.api('POST', '/__sandbox/clock/freeze');
  const started = Date.now();
  const [id] = await h.trigger(1);
  const status = await h.attempts(1);
  const [record] = await h.deliveries();
  const tookMs = Date.now() - started;
  expect((await h.api('GET', '/__sandbox/health')).status).toBe(200);
  const heal = async () => {
    r.state.behaviour = ok;
    await h!.api('POST', '/__sandbox/webhooks/retry');
    await waitFor(() => r.state.delivered.includes(id!), 'the event once the receiver behaves');
    expect((await h!.status()).state).toBe('idle');
  };
  return { id, status, record, tookMs, heal };
}

/** One event sent over https:// to `server` (started here): the record of its first attempt. */
async function firstHttpsRecord(server: net.Server) {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  servers.push(server);
  h = await startWebhookSandbox();
  await h.api('PUT', '/__sandbox/webhooks', { url: `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/hook` });
  await h.trigger(1);
  await h.attempts(1);
  const [record] = await h.deliveries();
  return record;
}

describe('receivers that break HTTP', () => {
  it('an answer that is not HTTP is a failure that says so', async () => {
    const { record, status, heal } = await firstAttempt((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    expect(record).toMatchObject({ ok: false, status: null });
    expect(record.error).toMatch(/^the answer from 127\.0\.0\.1:\d+ is not HTTP: .*\(HPE_/);
    expect(status.state).toBe('stalled');
    await heal();
  });

  it('headers that never end: no answer within the timeout', async () => {
    const { record, heal } = await firstAttempt((s) => s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n'), { timeout_ms: 300 });
    expect(record).toMatchObject({ ok: false, status: null, error: 'no answer within 300 ms (timeout)' });
    await heal();
  });

  it('a connection closed as soon as the request arrives', async () => {
    const { record, heal } = await firstAttempt((s) => s.destroy());
    expect(record).toMatchObject({ ok: false, status: null });
    expect(record.error).toMatch(/closed the connection before answering/);
    await heal();
  });

  it('a 200 whose body trickles forever counts at once, without waiting for the timeout', async () => {
    let ticker: ReturnType<typeof setInterval> | undefined;
    const { record, status, tookMs } = await firstAttempt(
      (s) => {
        s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
        ticker = setInterval(() => s.writable && s.write('1\r\nx\r\n'), 50);
        s.on('close', () => clearInterval(ticker));
      },
      { timeout_ms: 10_000 },
    );
    clearInterval(ticker);
    expect(record).toMatchObject({ ok: true, status: 200, error: null });
    expect(record.latency_ms).toBeLessThan(RESPONSE_BODY_WAIT_MS + 1_000);
    expect(tookMs).toBeLessThan(5_000);
    expect(status).toMatchObject({ state: 'idle', delivered_events: 1 });
  });

  it('a 200 whose body breaks off still counts (the status line decides)', async () => {
    const { record } = await firstAttempt((s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial');
      setTimeout(() => s.resetAndDestroy(), 20);
    });
    expect(record).toMatchObject({ ok: true, status: 200, response: 'partial' });
  });

  it('an HTTP/1.0 answer delimited by closing the connection counts', async () => {
    const { record } = await firstAttempt((s) => s.end('HTTP/1.0 200 OK\r\n\r\nfine'));
    expect(record).toMatchObject({ ok: true, status: 200, response: 'fine' });
  });
});

describe('TLS', () => {
  it('https:// to a receiver that speaks plain HTTP fails with a hint', async () => {
    // A plain HTTP server answers the TLS hello with a 400, as real ones do.
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    });
    const record = await firstHttpsRecord(server);
    expect(record).toMatchObject({ ok: false, status: null });
    expect(record.error).toMatch(/^TLS handshake with 127\.0\.0\.1:\d+ failed: it does not speak TLS \(an http:\/\/ receiver\?\) \(EPROTO\)$/);
  });

  it('a self-signed certificate is not trusted, and the error says how to trust it', async () => {
    const dir = path.join(ROOT, 'test/support/tls');
    const server = https.createServer({ key: fs.readFileSync(path.join(dir, 'self-signed.key')), cert: fs.readFileSync(path.join(dir, 'self-signed.crt')) }, (_req, res) => res.end('ok'));
    const record = await firstHttpsRecord(server);
    expect(record).toMatchObject({ ok: false, status: null });
    expect(record.error).toMatch(/^the TLS certificate of 127\.0\.0\.1:\d+ is not trusted: .*NODE_EXTRA_CA_CERTS=<ca\.pem> makes the sandbox trust a CA \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/);
  });
});
