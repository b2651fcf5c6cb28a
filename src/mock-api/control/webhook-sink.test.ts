import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../../test/support/test-app.js';
import { WebhookMsg } from '../../webhooks/messages.js';

describe('webhook sink', () => {
  it('takes any body without a key and lists what arrived, oldest first', async () => {
    const { call } = makeTestApp();
    const json = await call('POST', '/__sandbox/webhook-sink/ci', { id: 'e1', event: 'CHECK_COMPLETED' }, { authorization: 'Bearer s' }, null);
    expect(json.status).toBe(200);
    expect(json.body).toEqual({ received: true });
    await call('POST', '/__sandbox/webhook-sink/ci', 'plain words', { 'content-type': 'text/plain' }, null);
    await call('POST', '/__sandbox/webhook-sink/ci', '{"broken', { 'content-type': 'application/json' }, null);
    const list = await call('GET', '/__sandbox/webhook-sink/ci', undefined, {}, null);
    expect(list.status).toBe(200);
    expect(list.body.map((r: { body: unknown }) => r.body)).toEqual([{ id: 'e1', event: 'CHECK_COMPLETED' }, 'plain words', '{"broken']);
    expect(list.body[0]).toEqual({
      received_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      headers: expect.objectContaining({ authorization: 'Bearer s', 'content-type': 'application/json' }),
      body: { id: 'e1', event: 'CHECK_COMPLETED' },
    });
  });

  it('keeps sinks apart, answers an empty list for a new one, and forgets on DELETE', async () => {
    const { call } = makeTestApp();
    await call('POST', '/__sandbox/webhook-sink/a', { n: 1 }, {}, null);
    expect((await call('GET', '/__sandbox/webhook-sink/b', undefined, {}, null)).body).toEqual([]);
    expect((await call('DELETE', '/__sandbox/webhook-sink/a', undefined, {}, null)).body).toEqual({ deleted: 1 });
    expect((await call('GET', '/__sandbox/webhook-sink/a', undefined, {}, null)).body).toEqual([]);
  });

  it('keeps absurdly deep JSON as text so it can always be listed', async () => {
    const { call } = makeTestApp();
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    await call('POST', '/__sandbox/webhook-sink/deep', deep, {}, null);
    const list = await call('GET', '/__sandbox/webhook-sink/deep', undefined, {}, null);
    expect(list.status).toBe(200);
    expect(list.body[0].body).toBe(deep);
  });

  it('refuses a bad sink name and a body over the limit', async () => {
    const { call } = makeTestApp({ bodyLimitBytes: 1000 });
    const bad = await call('POST', '/__sandbox/webhook-sink/no%20spaces', {}, {}, null);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].info.field).toBe('name');
    const big = await call('POST', '/__sandbox/webhook-sink/a', { x: 'y'.repeat(2000) }, {}, null);
    expect(big.status).toBe(413);
  });

  it('answers the fault status for the next N calls without recording them, then records again', async () => {
    const { call } = makeTestApp();
    const set = await call('PUT', '/__sandbox/webhook-sink/f/fault', { mode: 'status', status: 503, count: 2 }, {}, null);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ fault: { mode: 'status', status: 503, count: 2 }, faulted_calls: 0 });
    expect((await call('POST', '/__sandbox/webhook-sink/f', { n: 1 }, {}, null)).status).toBe(503);
    expect((await call('POST', '/__sandbox/webhook-sink/f', { n: 2 }, {}, null)).status).toBe(503);
    expect((await call('POST', '/__sandbox/webhook-sink/f', { n: 3 }, {}, null)).status).toBe(200);
    expect((await call('GET', '/__sandbox/webhook-sink/f', undefined, {}, null)).body.map((r: { body: unknown }) => r.body)).toEqual([{ n: 3 }]);
    expect((await call('GET', '/__sandbox/webhook-sink/f/fault', undefined, {}, null)).body).toEqual({ fault: null, faulted_calls: 2 });
  });

  it('defaults a status fault to 500 until cleared', async () => {
    const { call } = makeTestApp();
    await call('PUT', '/__sandbox/webhook-sink/f/fault', { mode: 'status' }, {}, null);
    for (let i = 0; i < 3; i++) expect((await call('POST', '/__sandbox/webhook-sink/f', {}, {}, null)).status).toBe(500);
    expect((await call('DELETE', '/__sandbox/webhook-sink/f/fault', undefined, {}, null)).body).toEqual({ fault: null, faulted_calls: 0 });
    expect((await call('POST', '/__sandbox/webhook-sink/f', {}, {}, null)).status).toBe(200);
  });

  it('says clearly that dropping needs a real connection', async () => {
    const { call } = makeTestApp();
    await call('PUT', '/__sandbox/webhook-sink/f/fault', { mode: 'drop', count: 1 }, {}, null);
    const res = await call('POST', '/__sandbox/webhook-sink/f', {}, {}, null);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe(WebhookMsg.sinkDropUnsupported);
  });

  it.each([
    [{}, 'mode'],
    [{ mode: 'explode' }, 'mode'],
    [{ mode: 'status', status: 700 }, 'status'],
    [{ mode: 'delay' }, 'delay_ms'],
    [{ mode: 'delay', delay_ms: -1 }, 'delay_ms'],
    [{ mode: 'drop', count: 0 }, 'count'],
    [{ mode: 'drop', times: 2 }, 'times'],
  ])('refuses the fault %j naming %s', async (body, field) => {
    const { call } = makeTestApp();
    const res = await call('PUT', '/__sandbox/webhook-sink/f/fault', body, {}, null);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].info.field).toBe(field);
    expect((await call('GET', '/__sandbox/webhook-sink/f/fault', undefined, {}, null)).body.fault).toBeNull();
  });
});
