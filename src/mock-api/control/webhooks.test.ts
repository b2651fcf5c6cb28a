import { describe, expect, it } from 'vitest';
import { individual, makeTestApp } from '../../../test/support/test-app.js';
import { WebhookMsg } from '../../webhooks/messages.js';
import { WEBHOOK_EVENT_NAMES } from '../../webhooks/event-types.js';

const good = { url: 'https://hooks.example.com/passfort', secret: 's3cret', events: ['PRODUCT_STATUS_CHANGED'], batching: true };

describe('webhook settings', () => {
  it('starts from the config section: off, no secret, every event, no batching', async () => {
    const { call } = makeTestApp();
    const res = await call('GET', '/__sandbox/webhooks');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ url: null, secret: '', events: [], batching: false, enabled: true, source: 'config' });
  });

  it('PUT replaces the settings, fills defaults, and the workspace config shows them', async () => {
    const { call } = makeTestApp();
    const put = await call('PUT', '/__sandbox/webhooks', good);
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ ...good, enabled: true, timeout_ms: 10_000, batch_window_ms: 50, source: 'api' });
    expect((await call('GET', '/__sandbox/webhooks')).body).toEqual(put.body);
    expect((await call('GET', '/__sandbox/config')).body.webhooks).toMatchObject(good);
    // A second PUT without a secret takes the default: PUT replaces.
    expect((await call('PUT', '/__sandbox/webhooks', { url: good.url })).body).toMatchObject({ secret: '', batching: false, events: [] });
  });

  it('PATCH changes only what it names', async () => {
    const { call } = makeTestApp();
    await call('PUT', '/__sandbox/webhooks', good);
    const res = await call('PATCH', '/__sandbox/webhooks', { batching: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...good, batching: false });
  });

  it('accepts a path on the sandbox itself as the URL', async () => {
    const { call } = makeTestApp();
    const res = await call('PUT', '/__sandbox/webhooks', { url: '/__sandbox/webhook-sink/ci' });
    expect(res.status).toBe(200);
    expect(res.body.url).toBe('/__sandbox/webhook-sink/ci');
  });

  it.each([
    ['a non-http URL', { url: 'ftp://hooks.example.com/x' }, 'url'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url'],
    ['a relative URL without a leading slash', { url: 'hooks/passfort' }, 'url'],
    ['a protocol-relative URL', { url: '//evil.example.com/x' }, 'url'],
    ['a sandbox path other than the receiver', { url: '/__sandbox/workspaces' }, 'url'],
    ['a receiver path that climbs out', { url: '/__sandbox/webhook-sink/../workspaces' }, 'url'],
    ['a URL that is not a string', { url: 42 }, 'url'],
    ['a secret that is not a string', { url: good.url, secret: 12 }, 'secret'],
    ['an unknown event', { url: good.url, events: ['CHECK_COMPLETED', 'NOT_AN_EVENT'] }, 'events[1]'],
    ['events that are not a list', { url: good.url, events: 'CHECK_COMPLETED' }, 'events'],
    ['batching that is not a boolean', { url: good.url, batching: 'yes' }, 'batching'],
    ['a timeout below 100 ms', { url: good.url, timeout_ms: 5 }, 'timeout_ms'],
    ['a batch window above 10 s', { url: good.url, batch_window_ms: 60_000 }, 'batch_window_ms'],
    ['an unknown field', { url: good.url, retries: 3 }, 'retries'],
  ])('refuses %s with a 400 naming the field, and keeps the old settings', async (_what, body, field) => {
    const { call } = makeTestApp();
    await call('PUT', '/__sandbox/webhooks', good);
    const res = await call('PUT', '/__sandbox/webhooks', body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe(201);
    expect(res.body.errors[0].info.field).toBe(field);
    expect(res.body.errors[0].message).toContain(field);
    expect((await call('GET', '/__sandbox/webhooks')).body).toMatchObject(good);
  });

  it('refuses a body that is not JSON, or not an object', async () => {
    const { call } = makeTestApp();
    expect((await call('PUT', '/__sandbox/webhooks', '{"url": ')).status).toBe(400);
    expect((await call('PUT', '/__sandbox/webhooks', [good])).status).toBe(400);
    expect((await call('PUT', '/__sandbox/webhooks', 'url=x', { 'content-type': 'text/plain' })).status).toBeGreaterThanOrEqual(400);
    expect((await call('GET', '/__sandbox/webhooks')).body.url).toBeNull();
  });

  it('needs the master key', async () => {
    const { call } = makeTestApp();
    expect((await call('GET', '/__sandbox/webhooks', undefined, {}, null)).status).toBe(401);
    expect((await call('PUT', '/__sandbox/webhooks', good, {}, 'wrong')).status).toBe(401);
  });
});

describe('webhook events, trigger and replay', () => {
  it('lists every deliverable event with its sample', async () => {
    const { call } = makeTestApp();
    const res = await call('GET', '/__sandbox/webhooks/events');
    expect(res.body.map((e: { event: string }) => e.event)).toEqual(WEBHOOK_EVENT_NAMES);
    const psc = res.body.find((e: { event: string }) => e.event === 'PRODUCT_STATUS_CHANGED');
    expect(psc.sample).toMatchObject({ application_id: expect.any(String), new_status: 'APPROVED', profile_id: expect.any(String) });
  });

  it('queues test events behind the rest, with sample data merged with what was given', async () => {
    const { call, events } = makeTestApp();
    await call('PUT', '/__sandbox/webhooks', good);
    const res = await call('POST', '/__sandbox/webhooks/trigger', { event: 'CHECK_COMPLETED', data: { result: 'Fail' }, count: 3 });
    expect(res.status).toBe(202);
    expect(res.body.queued).toHaveLength(3);
    const stored = events.filter((e) => e.type === 'WEBHOOK_TEST_EVENT');
    expect(stored.map((e) => e.id)).toEqual(res.body.queued.map((q: { id: string }) => q.id));
    expect(stored[0]!.data).toMatchObject({ event: 'CHECK_COMPLETED', data: { result: 'Fail', check_type: 'IDENTITY_CHECK' } });
  });

  it('refuses an unknown event, a bad count, and delivery that is off', async () => {
    const { call } = makeTestApp();
    const off = await call('POST', '/__sandbox/webhooks/trigger', { event: 'CHECK_COMPLETED' });
    expect(off.status).toBe(409);
    expect(off.body.errors[0].message).toBe(WebhookMsg.deliveryOff);
    await call('PUT', '/__sandbox/webhooks', good);
    const unknown = await call('POST', '/__sandbox/webhooks/trigger', { event: 'PROFILE_CREATED' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ message: WebhookMsg.unknownEvent('PROFILE_CREATED'), info: { field: 'event' } });
    const count = await call('POST', '/__sandbox/webhooks/trigger', { event: 'CHECK_COMPLETED', count: 0 });
    expect(count.body.errors[0].info.field).toBe('count');
  });

  it('replays a stored PassFort event with its own id, and refuses internal or unknown ones', async () => {
    const { call, events } = makeTestApp();
    await call('PUT', '/__sandbox/webhooks', good);
    const profile = await call('POST', '/4.0/profiles', individual());
    expect(profile.status).toBe(200);
    const created = events.find((e) => e.type === 'PROFILE_CREATED')!;
    const internal = await call('POST', '/__sandbox/webhooks/replay', { event_id: created.id });
    expect(internal.status).toBe(400);
    expect(internal.body.errors[0]).toMatchObject({ message: WebhookMsg.notAWebhook(created.id, 'PROFILE_CREATED'), info: { field: 'event_id' } });
    const missing = await call('POST', '/__sandbox/webhooks/replay', { event_id: 'nope' });
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].info.field).toBe('event_id');

    const trig = await call('POST', '/__sandbox/webhooks/trigger', { event: 'TASK_CREATED' });
    const id = trig.body.queued[0].id;
    const replay = await call('POST', '/__sandbox/webhooks/replay', { event_id: id });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ id, event: 'TASK_CREATED', seq: expect.any(Number) });
    expect(events.at(-1)).toMatchObject({ type: 'WEBHOOK_REPLAY_REQUESTED', data: { event: { id, type: 'TASK_CREATED' } } });
  });
});

describe('webhook status and deliveries', () => {
  it('shows an idle queue before anything happened, with the retry policy', async () => {
    const { call } = makeTestApp();
    await call('PUT', '/__sandbox/webhooks', good);
    const res = await call('GET', '/__sandbox/webhooks/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'idle',
      last_processed: null,
      next_retry_at: null,
      stalled_since: null,
      failed_attempts: 0,
      recent_failures: [],
      retry_policy: { base_ms: 1000, cap_ms: 3_600_000 },
    });
    expect((await call('GET', '/__sandbox/webhooks/deliveries')).body).toEqual([]);
    expect((await call('GET', '/__sandbox/webhooks/deliveries?limit=0')).status).toBe(400);
  });

  it('says the queue is off without a URL', async () => {
    const { call } = makeTestApp();
    expect((await call('GET', '/__sandbox/webhooks/status')).body.state).toBe('off');
    expect((await call('POST', '/__sandbox/webhooks/retry')).body.started).toBe(false);
  });
});
