import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../workspace/events.js';
import { MAX_BATCH, planBatch, requestBody, requestHeaders, resolveEvent, toEnvelope } from './envelope.js';
import { WEBHOOK_EVENT_NAMES, WEBHOOK_REPLAY_REQUESTED, WEBHOOK_TEST_EVENT } from './event-types.js';

const AT = Date.UTC(2026, 0, 15, 9, 0, 0, 750);
const ev = (seq: number, type = 'CHECK_COMPLETED', data: Record<string, unknown> = { n: seq }): OutboxEvent => ({
  id: `id-${seq}`,
  seq,
  type,
  at: AT + seq * 1000,
  data,
});
const all = (e: OutboxEvent) => resolveEvent(e, []);

describe('envelope', () => {
  it('has PassFort fields with the timestamp in whole unix seconds of the event time', () => {
    const d = all(ev(1))!;
    expect(toEnvelope(d, 's3cret')).toEqual({ id: 'id-1', event: 'CHECK_COMPLETED', secret: 's3cret', timestamp: Math.floor((AT + 1000) / 1000), data: { n: 1 } });
  });

  it('is one object without batching and an array with batching, even for one event', () => {
    const env = toEnvelope(all(ev(1))!, 'x');
    expect(JSON.parse(requestBody([env], false))).toEqual(env);
    expect(JSON.parse(requestBody([env], true))).toEqual([env]);
    expect(() => requestBody([env, env], false)).toThrow(RangeError);
  });

  it('sends the bearer secret and JSON content type, and no Authorization without a secret', () => {
    const h = requestHeaders('s3cret', '{"a":"é"}', 'ua');
    expect(h).toMatchObject({ authorization: 'Bearer s3cret', 'content-type': 'application/json', 'content-length': '10' });
    expect(requestHeaders('', '{}', 'ua')).not.toHaveProperty('authorization');
  });
});

describe('which events are sent', () => {
  it('sends PassFort events, skips internal ones, and honours the enabled list', () => {
    expect(all(ev(1, 'PROFILE_CREATED'))).toBeNull();
    expect(all(ev(1, 'EMAIL_SENT'))).toBeNull();
    for (const type of WEBHOOK_EVENT_NAMES) expect(all(ev(1, type))?.event).toBe(type);
    expect(resolveEvent(ev(1, 'CHECK_COMPLETED'), ['PRODUCT_STATUS_CHANGED'])).toBeNull();
    expect(resolveEvent(ev(1, 'PRODUCT_STATUS_CHANGED'), ['PRODUCT_STATUS_CHANGED'])).not.toBeNull();
  });

  it('unwraps triggered test events and replays whatever the filter says', () => {
    const test = ev(5, WEBHOOK_TEST_EVENT, { event: 'TASK_CREATED', data: { task_id: 't' } });
    expect(resolveEvent(test, ['CHECK_COMPLETED'])).toEqual({ id: 'id-5', event: 'TASK_CREATED', at: test.at, data: { task_id: 't' } });
    const original = ev(2, 'PRODUCT_STATUS_CHANGED');
    const replay = ev(9, WEBHOOK_REPLAY_REQUESTED, { event: original });
    expect(resolveEvent(replay, ['CHECK_COMPLETED'])).toEqual({ id: 'id-2', event: 'PRODUCT_STATUS_CHANGED', at: original.at, data: original.data });
  });
});

describe('planBatch', () => {
  const seqs = (n: number, from = 1) => Array.from({ length: n }, (_, i) => ev(from + i));

  it.each([
    [1, 1, 1],
    [100, 100, 100],
    [101, 100, 100],
  ])('with %i queued events a batch carries %i, settling through seq %i', (queued, size, through) => {
    const plan = planBatch(seqs(queued), MAX_BATCH, all);
    expect(plan.items).toHaveLength(size);
    expect(plan.items.map((i) => i.id)).toEqual(seqs(size).map((e) => e.id));
    expect(plan.through).toBe(through);
  });

  it('takes one event at a time without batching', () => {
    const plan = planBatch(seqs(3), 1, all);
    expect(plan.items.map((i) => i.id)).toEqual(['id-1']);
    expect(plan.through).toBe(1);
  });

  it('walks over skipped events before, between and after, without sending them', () => {
    const pending = [ev(1, 'PROFILE_CREATED'), ev(2), ev(3, 'EMAIL_SENT'), ev(4), ev(5, 'EMAIL_SENT'), ev(6)];
    const plan = planBatch(pending, 2, all);
    expect(plan.items.map((i) => i.id)).toEqual(['id-2', 'id-4']);
    expect(plan.through).toBe(5);
    expect(plan.skipped).toBe(3);
  });

  it('settles a run of skipped events with no request at all', () => {
    const plan = planBatch([ev(7, 'PROFILE_CREATED'), ev(8, 'EMAIL_SENT')], 1, all);
    expect(plan.items).toEqual([]);
    expect(plan.through).toBe(8);
    expect(planBatch([], 1, all).through).toBeNull();
  });
});
