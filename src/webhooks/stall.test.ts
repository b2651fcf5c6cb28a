import { afterEach, describe, expect, it } from 'vitest';
import { ok, startReceiver, waitFor, type Receiver } from '../../test/support/webhook-receiver.js';
import { startWebhookSandbox, type WebhookSandbox } from '../../test/support/webhook-sandbox.js';
import { RETRY_CAP_MS } from './backoff.js';

let h: WebhookSandbox;
let r: Receiver;
afterEach(async () => {
  await h?.close();
  await r?.close();
});

const HOUR = 3_600_000;

/** Reads server-sent events off a real socket into `into` until aborted. */
async function follow(url: string, key: string, into: { event: string; data: any }[], signal: AbortSignal): Promise<void> {
  const res = await fetch(url, { headers: { apikey: key }, signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) into.push({ event, data: JSON.parse(data) });
      }
    }
  } catch {
    /* aborted */
  }
}

describe('a stalled webhook queue', () => {
  it('stalls for a simulated hour of a receiver that is down, then recovers with every event in order and no gap', async () => {
    h = await startWebhookSandbox();
    let down = true;
    r = await startReceiver(() => (down ? { kind: 'status', status: 503 } : ok));
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url, secret: 'x' });
    await h.api('POST', '/__sandbox/clock/freeze');
    const sse: { event: string; data: any }[] = [];
    const listeners = h.sb.bus.size;
    const stop = new AbortController();
    const following = follow(`${h.url}/__sandbox/events?types=WEBHOOK_*`, h.sb.apiKey, sse, stop.signal);
    await waitFor(() => sse.length > 0, 'the SSE stream to open');

    const t0 = Date.parse((await h.api('GET', '/__sandbox/clock')).body.now);
    const ids = await h.trigger(20);
    const first = await h.attempts(1);
    expect(first).toMatchObject({ state: 'stalled', failed_attempts: 1, stalled_since: new Date(t0).toISOString() });
    expect(Date.parse(first.next_retry_at)).toBe(t0 + 1000);

    // An hour goes by a minute at a time; every retry that falls due is attempted (and fails).
    for (let minute = 1; minute <= 60; minute++) {
      const before = (await h.status()).attempts;
      const moved = (await h.api('POST', '/__sandbox/clock/advance', { by: 60 })).body;
      if (moved.fired > 0) await h.attempts(before + 1);
    }
    const stalled = await h.status();
    expect(stalled.state).toBe('stalled');
    expect(stalled.stalled_since).toBe(new Date(t0).toISOString());
    expect(stalled.stalled_for_ms).toBe(HOUR);
    expect(stalled.failed_attempts).toBeGreaterThanOrEqual(8);
    expect(stalled.recent_failures).toHaveLength(10);
    expect(stalled.recent_failures[0]).toMatchObject({ ok: false, status: 503, event_ids: [ids[0]] });
    expect(Date.parse(stalled.next_retry_at)).toBeGreaterThan(t0 + HOUR);
    expect(Date.parse(stalled.next_retry_at)).toBeLessThanOrEqual(t0 + HOUR + RETRY_CAP_MS);
    expect(stalled.pending_events).toBe(20);
    expect(r.accepted()).toEqual([]);
    expect(new Set(r.calls.map((c) => c.body.id))).toEqual(new Set([ids[0]]));

    // Up again: the next retry (moving the clock to it) gets a 200 and the backlog follows.
    down = false;
    await h.api('POST', '/__sandbox/clock/set', { now: stalled.next_retry_at });
    await waitFor(() => r.accepted().length >= 20 && h.status().then((s) => s.pending_events === 0), 'the backlog');
    expect(r.accepted().map((e) => e.id)).toEqual(ids);
    const recovered = await h.status();
    expect(recovered).toMatchObject({
      state: 'idle',
      stalled_since: null,
      failed_attempts: 0,
      next_retry_at: null,
      last_processed: { event_id: ids[19] },
      delivered_events: 20,
    });

    await waitFor(() => sse.some((m) => m.event === 'WEBHOOK_QUEUE_RECOVERED'), 'the recovery notice');
    stop.abort();
    await following;
    // The server notices the client left and stops listening.
    await waitFor(() => h.sb.bus.size === listeners, 'the SSE subscription to end');
    const kinds = sse.map((m) => m.event);
    expect(kinds.filter((k) => k === 'WEBHOOK_QUEUE_STALLED')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'WEBHOOK_DELIVERY_FAILED').length).toBe(stalled.failed_attempts);
    const rec = sse.find((m) => m.event === 'WEBHOOK_QUEUE_RECOVERED')!;
    expect(rec.data.data.stalled_ms).toBeGreaterThan(HOUR);
    expect(kinds.indexOf('WEBHOOK_QUEUE_STALLED')).toBeLessThan(kinds.indexOf('WEBHOOK_QUEUE_RECOVERED'));
  });

  it('waits for retries on the workspace clock: 1 s, 2 s, 4 s, and fires each exactly when the clock reaches it', async () => {
    h = await startWebhookSandbox();
    r = await startReceiver(() => ({ kind: 'status', status: 500 }));
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url });
    await h.api('POST', '/__sandbox/clock/freeze');
    await h.trigger(1);
    let s = await h.attempts(1);
    for (const wait of [1000, 2000, 4000, 8000]) {
      const now = Date.parse((await h.api('GET', '/__sandbox/clock')).body.now);
      expect(Date.parse(s.next_retry_at)).toBe(now + wait);
      // One millisecond short: nothing happens (the retry fires synchronously with the move, so this is checkable at once).
      expect((await h.api('POST', '/__sandbox/clock/advance', { by: (wait - 1) / 1000 })).body.fired).toBe(0);
      expect((await h.status()).in_flight).toBe(false);
      expect((await h.status()).attempts).toBe(s.attempts);
      expect((await h.api('POST', '/__sandbox/clock/advance', { by: 0.001 })).body.fired).toBe(1);
      s = await h.attempts(s.attempts + 1);
    }
    const log = await h.deliveries();
    expect(log.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5]);
    const gaps = log.slice(1).map((d, i) => Date.parse(d.at) - Date.parse(log[i]!.at));
    expect(gaps).toEqual([1000, 2000, 4000, 8000]);
  });

  it('"retry now" skips the backoff wait', async () => {
    h = await startWebhookSandbox();
    let down = true;
    r = await startReceiver(() => (down ? { kind: 'status', status: 500 } : ok));
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url });
    await h.api('POST', '/__sandbox/clock/freeze');
    const [id] = await h.trigger(1);
    await h.attempts(1);
    down = false;
    const res = await h.api('POST', '/__sandbox/webhooks/retry');
    expect(res.status).toBe(200);
    expect(res.body.started).toBe(true);
    await waitFor(() => r.accepted().length === 1, 'the retried event');
    expect(r.accepted()[0].id).toBe(id);
    expect((await h.api('POST', '/__sandbox/webhooks/retry')).body.started).toBe(false);
  });

  it('tries a stalled queue at once when the settings change', async () => {
    h = await startWebhookSandbox();
    const dead = await startReceiver(() => ({ kind: 'status', status: 500 }));
    r = await startReceiver();
    await h.api('PUT', '/__sandbox/webhooks', { url: dead.url });
    await h.api('POST', '/__sandbox/clock/freeze');
    const [id] = await h.trigger(1);
    await h.attempts(1);
    await h.api('PATCH', '/__sandbox/webhooks', { url: r.url });
    await waitFor(() => r.accepted().length === 1, 'delivery to the new URL');
    expect(r.accepted()[0].id).toBe(id);
    await dead.close();
  });

  it('ends a stall without sending when delivery is turned off (events of that time are not kept for later)', async () => {
    h = await startWebhookSandbox();
    r = await startReceiver(() => ({ kind: 'status', status: 500 }));
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url });
    await h.api('POST', '/__sandbox/clock/freeze');
    await h.trigger(2);
    await h.attempts(1);
    await h.api('PATCH', '/__sandbox/webhooks', { enabled: false });
    await waitFor(() => h.status().then((s) => s.pending_events === 0), 'the queue to settle');
    expect(await h.status()).toMatchObject({ state: 'off', stalled_since: null, failed_attempts: 0 });
    r.answer = () => ok;
    await h.api('PATCH', '/__sandbox/webhooks', { enabled: true });
    const [later] = await h.trigger(1);
    await waitFor(() => r.accepted().length === 1, 'the next event');
    expect(r.accepted().map((e) => e.id)).toEqual([later]);
  });
});
