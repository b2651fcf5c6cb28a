import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, startReceiver, waitFor, type Answer, type Receiver } from '../../test/support/webhook-receiver.js';
import { startWebhookSandbox, type WebhookSandbox } from '../../test/support/webhook-sandbox.js';
import { RESPONSE_EXCERPT_BYTES } from './transport.js';

let h: WebhookSandbox;
let r: Receiver | undefined;
afterEach(async () => {
  await h?.close();
  await r?.close();
  r = undefined;
});

/** A port nothing listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((res) => s.listen(0, '127.0.0.1', () => res()));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((res) => s.close(() => res()));
  return port;
}

/** The first attempt against a misbehaving receiver: recorded, queue stalled, sandbox fine; then it recovers. */
async function firstAttemptAgainst(answer: Answer, settings: Record<string, unknown> = {}) {
  h = await startWebhookSandbox();
  let bad = true;
  r = await startReceiver(() => (bad ? answer : ok));
  await h.api('PUT', '/__sandbox/webhooks', { url: r.url, ...settings });
  await h.api('POST', '/__sandbox/clock/freeze');
  const [id] = await h.trigger(1);
  const status = await h.attempts(1);
  const [record] = await h.deliveries();
  expect((await h.api('GET', '/__sandbox/health')).status).toBe(200);
  const recover = async () => {
    bad = false;
    await h.api('POST', '/__sandbox/webhooks/retry');
    await waitFor(() => r!.accepted().some((e) => e.id === id), 'the event after recovery');
    expect((await h.status()).state).toBe('idle');
  };
  return { id, status, record, recover };
}

describe('receiver faults: recorded, retried, never lost, never crashing', () => {
  it.each([
    [500, /^HTTP 500: only 200 counts/],
    [503, /^HTTP 503/],
    [201, /^HTTP 201: only 200 counts/],
    [204, /^HTTP 204: only 200 counts/],
    [302, /^HTTP 302: redirects are not followed/],
    [404, /^HTTP 404/],
  ])('a %i answer is a failure', async (code, error) => {
    const { id, status, record, recover } = await firstAttemptAgainst({ kind: 'status', status: code, body: '{"why":"handler says no"}' });
    // A 204 has no body by definition; the others show what the handler said.
    const response = code === 204 ? null : '{"why":"handler says no"}';
    expect(record).toMatchObject({ ok: false, status: code, event_ids: [id], attempt: 1, response });
    expect(record.error).toMatch(error);
    expect(status).toMatchObject({ state: 'stalled', failed_attempts: 1 });
    expect(record.next_retry_at).toBe(status.next_retry_at);
    await recover();
  });

  it('a reset connection', async () => {
    const { record, recover } = await firstAttemptAgainst({ kind: 'reset' });
    expect(record).toMatchObject({ ok: false, status: null });
    expect(record.error).toMatch(/closed the connection before answering/);
    await recover();
  });

  it('no answer within the per-request timeout', async () => {
    const { record, recover } = await firstAttemptAgainst({ kind: 'hang' }, { timeout_ms: 300 });
    expect(record).toMatchObject({ ok: false, status: null, error: 'no answer within 300 ms (timeout)' });
    expect(record.latency_ms).toBeGreaterThanOrEqual(295);
    await recover();
  });

  it('a slow answer within the timeout counts', async () => {
    h = await startWebhookSandbox();
    r = await startReceiver(() => ({ kind: 'status', status: 200, delayMs: 250 }));
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url, timeout_ms: 5000 });
    await h.trigger(1);
    await waitFor(() => r!.accepted().length === 1, 'the slow delivery');
    const [record] = await waitFor(() => h.deliveries().then((d) => (d.length ? d : null)), 'the record');
    expect(record).toMatchObject({ ok: true, status: 200, error: null });
    expect(record.latency_ms).toBeGreaterThanOrEqual(245);
  });

  it('a huge error body is cut off and does not hold the queue', async () => {
    const { record, recover } = await firstAttemptAgainst({ kind: 'huge', status: 500, bytes: 200 * 1024 * 1024 });
    expect(record).toMatchObject({ ok: false, status: 500 });
    expect(record.response).toHaveLength(RESPONSE_EXCERPT_BYTES);
    expect(record.latency_ms).toBeLessThan(5000);
    await recover();
  });

  it('a huge 200 body still counts as delivered', async () => {
    h = await startWebhookSandbox();
    r = await startReceiver(() => ({ kind: 'huge', status: 200, bytes: 50 * 1024 * 1024 }));
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url });
    const ids = await h.trigger(2);
    await waitFor(() => h.status().then((s) => s.delivered_events === 2), 'both events');
    expect(r.calls.map((c) => c.body.id)).toEqual(ids);
  });

  it('nothing listening at the URL', async () => {
    h = await startWebhookSandbox();
    const port = await deadPort();
    await h.api('PUT', '/__sandbox/webhooks', { url: `http://127.0.0.1:${port}/hooks` });
    await h.api('POST', '/__sandbox/clock/freeze');
    const [id] = await h.trigger(1);
    await h.attempts(1);
    const [record] = await h.deliveries();
    expect(record).toMatchObject({ ok: false, status: null, event_ids: [id] });
    expect(record.error).toMatch(/connection refused.*ECONNREFUSED/);
    // The receiver comes up on that port: the next retry delivers.
    r = await startReceiver(() => ok, port);
    await h.api('POST', '/__sandbox/clock/advance', { by: 1 });
    await waitFor(() => r!.accepted().some((e) => e.id === id), 'delivery once the receiver is up');
  });

  it('a host that does not exist', async () => {
    h = await startWebhookSandbox();
    await h.api('PUT', '/__sandbox/webhooks', { url: 'http://no-such-host.invalid/hooks', timeout_ms: 3000 });
    await h.api('POST', '/__sandbox/clock/freeze');
    await h.trigger(1);
    await h.attempts(1);
    const [record] = await h.deliveries();
    expect(record).toMatchObject({ ok: false, status: null });
    expect(record.error).toMatch(/no-such-host\.invalid not found|timeout/);
    expect((await h.status()).state).toBe('stalled');
  });
});

describe('the built-in sink as a receiver, with its fault modes', () => {
  const sink = (name: string) => `/__sandbox/webhook-sink/${name}`;

  it('answers 500 for the next N calls: the event arrives once, after N failed attempts', async () => {
    h = await startWebhookSandbox();
    await h.api('PUT', '/__sandbox/webhooks', { url: sink('flaky'), secret: 's' });
    await h.api('PUT', `${sink('flaky')}/fault`, { mode: 'status', status: 500, count: 2 });
    await h.api('POST', '/__sandbox/clock/freeze');
    const [id] = await h.trigger(1);
    await h.attempts(1);
    await h.api('POST', '/__sandbox/clock/advance', { by: 1 });
    await h.attempts(2);
    await h.api('POST', '/__sandbox/clock/advance', { by: 2 });
    await h.attempts(3);
    const received = (await h.api('GET', sink('flaky'))).body;
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ headers: { authorization: 'Bearer s' }, body: { id, event: 'CHECK_COMPLETED', secret: 's' } });
    expect((await h.deliveries()).map((d) => d.status)).toEqual([500, 500, 200]);
    expect((await h.api('GET', `${sink('flaky')}/fault`)).body).toEqual({ fault: null, faulted_calls: 2 });
  });

  it('drops the connection', async () => {
    h = await startWebhookSandbox();
    await h.api('PUT', '/__sandbox/webhooks', { url: sink('drop') });
    await h.api('PUT', `${sink('drop')}/fault`, { mode: 'drop', count: 1 });
    await h.api('POST', '/__sandbox/clock/freeze');
    const [id] = await h.trigger(1);
    await h.attempts(1);
    const [failed] = await h.deliveries();
    expect(failed).toMatchObject({ ok: false, status: null });
    expect(failed.error).toMatch(/closed the connection/);
    await h.api('POST', '/__sandbox/clock/advance', { by: 1 });
    await h.attempts(2);
    expect((await h.api('GET', sink('drop'))).body.map((x: { body: { id: string } }) => x.body.id)).toEqual([id]);
  });

  it('answers late: past the timeout the sender retries, so a slow handler sees the event twice (at-least-once)', async () => {
    h = await startWebhookSandbox();
    await h.api('PUT', '/__sandbox/webhooks', { url: sink('slow'), timeout_ms: 200 });
    await h.api('PUT', `${sink('slow')}/fault`, { mode: 'delay', delay_ms: 1000, count: 1 });
    await h.api('POST', '/__sandbox/clock/freeze');
    const [id] = await h.trigger(1);
    await h.attempts(1);
    expect((await h.deliveries())[0].error).toBe('no answer within 200 ms (timeout)');
    await h.api('POST', '/__sandbox/clock/advance', { by: 1 });
    await h.attempts(2);
    expect((await h.status()).state).toBe('idle');
    const ids = (await h.api('GET', sink('slow'))).body.map((x: { body: { id: string } }) => x.body.id);
    expect(ids).toEqual([id, id]);
  });
});
