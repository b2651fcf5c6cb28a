import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_MS, ManualWallClock, VirtualClock } from '../core/clock.js';
import { makeRequestApp } from '../../test/support/customer-requests.js';
import { HttpMsg } from './messages.js';
import { ClockMsg } from './control/clock.js';

/**
 * Regression tests for what `npm run fuzz` found: each of these answered 500, and the clock
 * ones also changed (and kept) data while doing so.
 */

describe('malformed percent-escapes in ids are refused, not thrown', () => {
  it.each(['%zz', '%E0%A4%A', '%ED%A0%80', '%'])('a collect key on /4.0/profiles/%s → 403', async (segment) => {
    const t = makeRequestApp();
    const pid = await t.newIndividual();
    const key = (await t.call('POST', '/4.0/api_keys/collect', { profile_ids: [pid] })).body.key as string;
    const res = await t.call('GET', `/4.0/profiles/${segment}/tasks`, undefined, {}, key);
    expect(res.status).toBe(403);
    expect(res.body.errors[0].message).toBe(HttpMsg.collectKeyOutOfScope(segment));
    // The key still opens its own profile.
    expect((await t.call('GET', `/4.0/profiles/${pid}`, undefined, {}, key)).status).toBe(200);
  });

  it.each(['%zz', '%C0%AF', '%FF%FE'])('a request key on /collection/api/requests/%s → 403', async (segment) => {
    const t = makeRequestApp();
    const req = await t.flowRequest(await t.newIndividual(), 'individual_registration');
    const res = await t.collect('GET', `/requests/${segment}`, req.apikey);
    expect(res.status).toBe(403);
    expect(res.body.errors[0].info).toEqual({ customer_request_id: segment });
    expect((await t.collect('GET', `/requests/${req.id}`, req.apikey)).status).toBe(200);
  });
});

describe('the clock refuses moves it cannot show', () => {
  it.each<[string, unknown]>([
    ['a duration past year 9999', '99999999999d'],
    ['a number of seconds past year 9999', 1e308],
    ['the largest duration JSON can carry', 1.7976931348623157e308],
  ])('advance by %s → 400 naming `by`; nothing moved, no job fired, nothing stored', async (_label, by) => {
    const t = makeRequestApp();
    const req = await t.flowRequest(await t.newIndividual(), 'individual_registration');
    const before = (await t.call('GET', '/__sandbox/clock')).body;
    const stored = t.store.stats.documents;
    const res = await t.advance(by as string);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: ClockMsg.advanceOutOfRange(by), info: { field: 'by' } });
    expect((await t.call('GET', '/__sandbox/clock')).body).toEqual(before);
    expect(t.store.stats.documents).toBe(stored);
    // The 90-day expiry job did not fire on the way.
    expect((await t.detail(req.id)).status).toBe('SENT');
    // Everything that formats a date still works.
    expect((await t.call('POST', '/4.0/profiles', { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL' } })).status).toBe(200);
  });

  it.each(['1969-12-31T23:59:59Z', '0001-01-01T00:00:00Z'])('set to %s → 400 naming `now`', async (now) => {
    const t = makeRequestApp();
    const before = (await t.call('GET', '/__sandbox/clock')).body;
    const res = await t.call('POST', '/__sandbox/clock/set', { now });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: ClockMsg.setOutOfRange(now), info: { field: 'now' } });
    expect((await t.call('GET', '/__sandbox/clock')).body).toEqual(before);
  });

  it('still moves to the last millisecond of year 9999', async () => {
    const t = makeRequestApp();
    const res = await t.call('POST', '/__sandbox/clock/set', { now: '9999-12-31T23:59:59.999Z' });
    expect(res.status).toBe(200);
    expect(res.body.now).toBe('9999-12-31T23:59:59.999Z');
  });

  it('VirtualClock itself refuses times outside the range, leaving its state as it was', () => {
    const clock = new VirtualClock(new ManualWallClock(1_000), { offsetMs: 0, frozenAtMs: null });
    expect(() => clock.advance(MAX_CLOCK_MS)).toThrow(RangeError);
    expect(() => clock.set(-1)).toThrow(RangeError);
    expect(() => clock.set(MAX_CLOCK_MS + 1)).toThrow(RangeError);
    expect(clock.nowMs()).toBe(1_000);
  });
});

describe('a required JSON body that is absent', () => {
  it.each([
    ['PATCH', '/__sandbox/webhooks'],
    ['PUT', '/__sandbox/webhooks'],
    ['PUT', '/__sandbox/config'],
    ['PUT', '/__sandbox/chaos'],
  ])('%s %s without body or Content-Type → 400, settings unchanged', async (method, path) => {
    const t = makeRequestApp();
    await t.call('PUT', '/__sandbox/webhooks', { url: '/__sandbox/webhook-sink/kept', secret: 'kept' });
    const config = (await t.call('GET', '/__sandbox/config')).body;
    const res = await t.call(method, path);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 201, message: HttpMsg.bodyRequired, info: { field: '(body)' } });
    expect((await t.call('GET', '/__sandbox/config')).body).toEqual(config);
  });

  it('an optional body may still be left out', async () => {
    const t = makeRequestApp();
    const req = await t.flowRequest(await t.newIndividual(), 'individual_registration');
    expect((await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`)).status).toBe(200);
  });
});
