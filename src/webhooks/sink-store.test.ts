import { describe, expect, it } from 'vitest';
import { SINK_LIMITS, SinkStore } from './sink-store.js';

describe('SinkStore', () => {
  it('keeps what arrived per sink, oldest first, with the time it arrived', () => {
    let now = Date.UTC(2026, 0, 1);
    const sinks = new SinkStore(() => now);
    sinks.record('a', { 'x-n': '1' }, { n: 1 }, 7);
    now += 1000;
    sinks.record('a', {}, { n: 2 }, 7);
    sinks.record('b', {}, 'text', 4);
    expect(sinks.list('a').map((r) => r.body)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(sinks.list('a')[1]!.received_at).toBe('2026-01-01T00:00:01.000Z');
    expect(sinks.list('b')).toHaveLength(1);
    expect(sinks.list('nobody')).toEqual([]);
    expect(sinks.clear('a')).toBe(2);
    expect(sinks.list('a')).toEqual([]);
  });

  it('drops the oldest records past the per-sink limit', () => {
    const sinks = new SinkStore();
    for (let i = 0; i < SINK_LIMITS.records + 5; i++) sinks.record('a', {}, i, 1);
    const list = sinks.list('a');
    expect(list).toHaveLength(SINK_LIMITS.records);
    expect(list[0]!.body).toBe(5);
  });

  it('plays a counted fault, then answers normally', () => {
    const sinks = new SinkStore();
    sinks.setFault('a', { mode: 'status', status: 500, count: 2 });
    expect(sinks.takeFault('a')).toEqual({ kind: 'status', status: 500 });
    expect(sinks.fault('a')).toEqual({ fault: { mode: 'status', status: 500, count: 1 }, faulted_calls: 1 });
    expect(sinks.takeFault('a')).toEqual({ kind: 'status', status: 500 });
    expect(sinks.takeFault('a')).toBeNull();
    expect(sinks.fault('a').faulted_calls).toBe(2);
  });

  it('keeps an uncounted fault until it is cleared', () => {
    const sinks = new SinkStore();
    sinks.setFault('a', { mode: 'drop', count: null });
    for (let i = 0; i < 5; i++) expect(sinks.takeFault('a')).toEqual({ kind: 'drop' });
    sinks.setFault('a', { mode: 'delay', delay_ms: 50, count: null });
    expect(sinks.takeFault('a')).toEqual({ kind: 'delay', ms: 50 });
    sinks.clearFault('a');
    expect(sinks.takeFault('a')).toBeNull();
  });

  it('forgets the least recently used sink past the sink limit', () => {
    const sinks = new SinkStore();
    sinks.record('first', {}, 1, 1);
    for (let i = 0; i < SINK_LIMITS.sinks; i++) sinks.record(`s${i}`, {}, 1, 1);
    expect(sinks.list('first')).toEqual([]);
    expect(sinks.list(`s${SINK_LIMITS.sinks - 1}`)).toHaveLength(1);
  });
});
