import { afterEach, describe, expect, it } from 'vitest';
import { prng } from '../core/ids.js';
import { individual } from '../../test/support/test-app.js';
import { firstSeen, ok, startReceiver, waitFor, type Receiver } from '../../test/support/webhook-receiver.js';
import { startWebhookSandbox, type WebhookSandbox } from '../../test/support/webhook-sandbox.js';
import { isWebhookEvent } from './event-types.js';

// Socket tests: the thing under test is HTTP delivery to a real receiver.
let h: WebhookSandbox;
let receivers: Receiver[] = [];
afterEach(async () => {
  await h?.close();
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});
const receiver = async (answer?: Receiver['answer']) => {
  const r = await startReceiver(answer);
  receivers.push(r);
  return r;
};

describe('webhook delivery', () => {
  it('sends one envelope per POST, in trigger order, with the bearer secret; internal events are not sent', async () => {
    h = await startWebhookSandbox();
    const r = await receiver();
    expect((await h.api('PUT', '/__sandbox/webhooks', { url: r.url, secret: 'shh' })).status).toBe(200);
    const triggered = await h.trigger(3);
    const profile = await h.api('POST', '/4.0/profiles', individual());
    const updated = await h.api('POST', `/4.0/profiles/${profile.body.id}/collected_data`, { ...individual().collected_data, customer_ref: 'c-1' });
    expect(updated.status).toBe(200);
    // Products and checks may go on emitting (async checks finish later): compare once both sides agree.
    const expected = () =>
      h.events
        .filter((e) => e.workspace === 'default' && e.seq !== null && (e.type === 'WEBHOOK_TEST_EVENT' || isWebhookEvent(e.type)))
        .map((e) => e.id);
    expect(expected().slice(0, 3)).toEqual(triggered);
    expect(h.events.some((e) => e.type === 'PROFILE_CREATED')).toBe(true);

    const sent = await waitFor(() => {
      const want = expected();
      const got = r.accepted().map((e) => e.id);
      return want.length >= 5 && JSON.stringify(got) === JSON.stringify(want) ? want : null;
    }, 'every event, in order');
    expect(sent.length).toBeGreaterThanOrEqual(5);
    for (const call of r.calls) {
      expect(Array.isArray(call.body)).toBe(false);
      expect(call.headers.authorization).toBe('Bearer shh');
      expect(call.headers['content-type']).toBe('application/json');
      expect(Object.keys(call.body).sort()).toEqual(['data', 'event', 'id', 'secret', 'timestamp']);
      expect(call.body.secret).toBe('shh');
      expect(Number.isInteger(call.body.timestamp)).toBe(true);
    }
    const changed = r.accepted().find((e) => e.event === 'COLLECTED_DATA_CHANGED');
    expect(changed.data).toMatchObject({ profile_id: profile.body.id, customer_ref: 'c-1', new_data: { customer_ref: 'c-1' } });
    expect(r.accepted().some((e) => e.event === 'PROFILE_CREATED')).toBe(false);
  });

  it('sends only the enabled events', async () => {
    h = await startWebhookSandbox();
    const r = await receiver();
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url, events: ['COLLECTED_DATA_CHANGED'] });
    const profile = await h.api('POST', '/4.0/profiles', individual());
    await h.api('POST', `/4.0/profiles/${profile.body.id}/collected_data`, individual('Zed').collected_data);
    await waitFor(() => r.accepted().length >= 1 && h.status().then((s) => s.pending_events === 0), 'the enabled event');
    expect(r.accepted().map((e) => e.event)).toEqual(['COLLECTED_DATA_CHANGED']);
  });

  it('keeps order under retries: a flaky receiver still ends with every event once, in order', async () => {
    h = await startWebhookSandbox();
    const random = prng(7);
    const r = await receiver(() => (random() < 0.4 ? { kind: 'status', status: 500 } : ok));
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url });
    await h.api('POST', '/__sandbox/clock/freeze');
    const ids = await h.trigger(30);
    await waitFor(async () => {
      const s = await h.status();
      if (s.pending_events === 0 && !s.in_flight) return true;
      // Retries wait on the (frozen) workspace clock: move it past the backoff.
      if (s.next_retry_at && !s.in_flight) await h.api('POST', '/__sandbox/clock/advance', { by: '1h' });
      return false;
    }, 'all 30 events through a flaky receiver', 20_000);
    expect(r.accepted().map((e) => e.id)).toEqual(ids);
    // Every call, failed or not, went out in queue order: the head is retried before anything behind it.
    const callOrder = r.calls.map((c) => ids.indexOf(c.body.id));
    expect(callOrder).toEqual([...callOrder].sort((a, b) => a - b));
    expect(r.calls.length).toBeGreaterThan(30);
    const failures = (await h.deliveries()).filter((d) => !d.ok);
    expect(failures.length).toBe(r.calls.length - 30);
    expect(failures.every((d) => d.status === 500 && d.error.includes('only 200'))).toBe(true);
  });

  it.each([
    [1, [1]],
    [100, [100]],
    [101, [100, 1]],
  ])('batches %i queued events as JSON arrays of %j envelopes', async (n, sizes) => {
    h = await startWebhookSandbox();
    const r = await receiver();
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url, secret: 'b', batching: true });
    const ids = await h.trigger(n);
    await waitFor(() => r.accepted().length >= n, `${n} events`);
    expect(r.calls.map((c) => (Array.isArray(c.body) ? c.body.length : 'not an array'))).toEqual(sizes);
    expect(r.accepted().map((e) => e.id)).toEqual(ids);
    expect(r.accepted()[0]).toMatchObject({ event: 'CHECK_COMPLETED', secret: 'b', timestamp: expect.any(Number), data: expect.any(Object) });
    const log = await h.deliveries();
    expect(log.map((d: { event_ids: string[] }) => d.event_ids.length)).toEqual(sizes);
  });

  it('replays an event with its own id behind the queue', async () => {
    h = await startWebhookSandbox();
    const r = await receiver();
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url });
    const [first, second] = await h.trigger(2);
    await waitFor(() => r.accepted().length >= 2, 'two events');
    expect((await h.api('POST', '/__sandbox/webhooks/replay', { event_id: first })).status).toBe(202);
    await waitFor(() => r.accepted().length >= 3, 'the replay');
    expect(r.accepted().map((e) => e.id)).toEqual([first, second, first]);
    expect(r.accepted()[2]).toEqual(r.accepted()[0]);
  });

  it("isolates workspaces: one stalled or hanging queue does not delay another's", async () => {
    h = await startWebhookSandbox();
    const stuck = await receiver(() => ({ kind: 'hang' }));
    const fine = await receiver();
    const other = await h.api('POST', '/__sandbox/workspaces', { name: 'other' });
    const otherKey = other.body.api_key;
    await h.api('PUT', '/__sandbox/webhooks', { url: stuck.url, timeout_ms: 60_000 });
    await h.api('PUT', '/__sandbox/webhooks', { url: fine.url }, otherKey);
    await h.trigger(5);
    await waitFor(() => stuck.calls.length === 1, 'the hanging call');
    const ids = await h.trigger(5, otherKey);
    await waitFor(() => fine.accepted().length >= 5, "the other workspace's events");
    expect(fine.accepted().map((e) => e.id)).toEqual(ids);
    expect((await h.status()).in_flight).toBe(true);
    expect(stuck.calls).toHaveLength(1);

    // Now a stalled (500) queue next to a working one.
    stuck.answer = () => ({ kind: 'status', status: 500 });
    await h.api('PUT', '/__sandbox/webhooks', { url: stuck.url, timeout_ms: 1000 });
    await waitFor(() => h.status().then((s) => s.state === 'stalled'), 'a stalled default workspace');
    const more = await h.trigger(3, otherKey);
    await waitFor(() => fine.accepted().length >= 8, 'more events of the other workspace');
    expect(fine.accepted().map((e) => e.id).slice(5)).toEqual(more);
    expect((await h.status(otherKey)).state).toBe('idle');
  });

  it('starts over after a workspace reset, without the events of before', async () => {
    h = await startWebhookSandbox();
    const r = await receiver(() => ({ kind: 'status', status: 500 }));
    await h.api('PUT', '/__sandbox/webhooks', { url: r.url });
    await h.trigger(3);
    await waitFor(() => h.status().then((s) => s.state === 'stalled'), 'a stall');
    expect((await h.api('POST', '/__sandbox/reset')).status).toBe(200);
    const s = await h.status();
    expect(s).toMatchObject({ state: 'idle', pending_events: 0, failed_attempts: 0, stalled_since: null, cursor: 0 });
    expect(await h.deliveries()).toEqual([]);
    r.answer = () => ok;
    const ids = await h.trigger(2);
    await waitFor(() => r.accepted().length >= 2, 'events after the reset');
    expect(firstSeen(r.accepted().map((e) => e.id))).toEqual(ids);
  });
});
