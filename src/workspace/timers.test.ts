import { describe, expect, it } from 'vitest';
import { ManualWallClock, VirtualClock } from '../core/clock.js';
import { VirtualTimers } from './timers.js';

describe('VirtualTimers', () => {
  const setup = () => {
    const wall = new ManualWallClock(0);
    const clock = new VirtualClock(wall, { offsetMs: 0, frozenAtMs: 0 });
    return { clock, timers: new VirtualTimers(clock) };
  };

  it('fires due entries earliest first, ties in insertion order', () => {
    const { timers } = setup();
    const fired: string[] = [];
    timers.set('c', 30, () => fired.push('c'));
    timers.set('a', 10, () => fired.push('a'));
    timers.set('b1', 20, () => fired.push('b1'));
    timers.set('b2', 20, () => fired.push('b2'));
    timers.set('late', 99, () => fired.push('late'));
    expect(timers.runDue(50)).toBe(4);
    expect(fired).toEqual(['a', 'b1', 'b2', 'c']);
    expect(timers.next()).toBe(99);
  });

  it('replacing or clearing a key wins over the old entry', () => {
    const { timers } = setup();
    const fired: string[] = [];
    timers.set('x', 10, () => fired.push('old'));
    timers.set('x', 40, () => fired.push('new'));
    timers.set('y', 5, () => fired.push('y'));
    timers.clear('y');
    timers.runDue(20);
    expect(fired).toEqual([]);
    timers.runDue(40);
    expect(fired).toEqual(['new']);
    expect(timers.size).toBe(0);
  });

  it('hands each entry its due time before it fires, so work sees the time it was due', () => {
    const { clock, timers } = setup();
    const seen: number[] = [];
    timers.set('a', 100, () => seen.push(clock.nowMs()));
    timers.set('b', 300, () => seen.push(clock.nowMs()));
    timers.runDue(1_000, (at) => clock.set(at));
    expect(seen).toEqual([100, 300]);
  });

  it('lets an entry schedule another that is also due in the same run', () => {
    const { timers } = setup();
    const fired: string[] = [];
    timers.set('first', 10, () => {
      fired.push('first');
      timers.set('second', 15, () => fired.push('second'));
    });
    timers.runDue(20);
    expect(fired).toEqual(['first', 'second']);
  });

  it('keeps going when one entry throws', () => {
    const { timers } = setup();
    const fired: string[] = [];
    const original = console.error;
    console.error = () => {};
    try {
      timers.set('bad', 1, () => {
        throw new Error('boom');
      });
      timers.set('good', 2, () => fired.push('good'));
      timers.runDue(5);
    } finally {
      console.error = original;
    }
    expect(fired).toEqual(['good']);
  });

  it('fires on real time when the clock runs', async () => {
    const clock = new VirtualClock({ now: () => Date.now() });
    const timers = new VirtualTimers(clock);
    const due = clock.nowMs() + 20;
    const fired = await new Promise<number>((resolve) => timers.set('soon', due, () => resolve(clock.nowMs())));
    expect(fired).toBeGreaterThanOrEqual(due);
    timers.close();
  });
});
