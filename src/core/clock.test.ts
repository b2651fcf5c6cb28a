import { describe, expect, it } from 'vitest';
import { ManualWallClock, VirtualClock } from './clock.js';

describe('VirtualClock', () => {
  it('follows real time plus its offset', () => {
    const wall = new ManualWallClock(1_000);
    const clock = new VirtualClock(wall);
    clock.advance(500);
    wall.tick(100);
    expect(clock.nowMs()).toBe(1_600);
    expect(clock.offsetMs()).toBe(500);
  });

  it('stands still when frozen and continues from there when resumed', () => {
    const wall = new ManualWallClock(1_000);
    const clock = new VirtualClock(wall);
    clock.freeze();
    wall.tick(5_000);
    expect(clock.nowMs()).toBe(1_000);
    clock.advance(200);
    expect(clock.nowMs()).toBe(1_200);
    clock.resume();
    wall.tick(10);
    expect(clock.nowMs()).toBe(1_210);
    expect(clock.frozen).toBe(false);
  });

  it('can be set backwards but not advanced by a negative amount', () => {
    const wall = new ManualWallClock(10_000);
    const clock = new VirtualClock(wall);
    clock.set(2_000);
    expect(clock.nowMs()).toBe(2_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('restores its state', () => {
    const wall = new ManualWallClock(10_000);
    const clock = new VirtualClock(wall, { offsetMs: 0, frozenAtMs: 42 });
    expect(clock.nowMs()).toBe(42);
    expect(clock.state()).toEqual({ offsetMs: 0, frozenAtMs: 42 });
  });
});
