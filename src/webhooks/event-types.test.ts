import { describe, expect, it } from 'vitest';
import { individual, makeTestApp } from '../../test/support/test-app.js';
import { WEBHOOK_EVENT_TYPES, isWebhookEvent, webhookEventType } from './event-types.js';

describe('webhook event types', () => {
  it('has a sample for every type, with the fields every PassFort payload carries', () => {
    for (const t of WEBHOOK_EVENT_TYPES) {
      expect(t.type).toMatch(/^[A-Z_]+$/);
      expect(t.sample()).toMatchObject({ profile_id: expect.any(String), customer_ref: expect.anything() });
      expect(t.sample()).toHaveProperty('apikey');
      expect(t.sample()).toHaveProperty('user');
    }
  });

  it('samples have the same fields as the events the domain really emits', async () => {
    const { call, events } = makeTestApp();
    const profile = await call('POST', '/4.0/profiles', individual('Sam', 'Sample', { customer_ref: 'r-1' }));
    expect(profile.status).toBe(200);
    await call('POST', `/4.0/profiles/${profile.body.id}/collected_data`, { ...individual('Sam', 'Sample').collected_data, customer_ref: 'r-2' });
    await call('POST', '/__sandbox/clock/advance', { by: '1h' });
    const seen = new Map<string, Record<string, unknown>>();
    for (const e of events) if (e.seq !== null && isWebhookEvent(e.type) && !seen.has(e.type)) seen.set(e.type, e.data);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    for (const [type, data] of seen) {
      expect({ type, keys: Object.keys(webhookEventType(type)!.sample()).sort() }).toEqual({ type, keys: Object.keys(data).sort() });
    }
  });
});
