import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { compactHeap, shrinkYoungWhenQuiet, YOUNG_SHRINK_AFTER_MS } from './compact-heap.js';

const MB = 1024 * 1024;

describe('compactHeap', () => {
  it('gives back the pages that garbage left fragmented, which an ordinary full collection keeps', () => {
    // ~75 MB of small objects, moved to the old generation, then all but one in 25 dropped: every
    // page keeps a few live objects. Measured with plain node --expose-gc: an ordinary full
    // collection then shrinks the heap by ~7 MB (114 -> 107 MB for 6 MB live), a compacting one by
    // ~75 MB (to 39 MB).
    let junk: { n: number; s: string }[] | null = Array.from({ length: 1_000_000 }, (_, n) => ({ n, s: `item-${n}` }));
    expect(compactHeap()).toBe(true);
    const kept = junk.filter((_, i) => i % 25 === 0);
    junk = null;
    const before = v8.getHeapStatistics().total_heap_size;
    expect(compactHeap()).toBe(true);
    const after = v8.getHeapStatistics().total_heap_size;
    expect(kept).toHaveLength(40_000);
    expect(before - after).toBeGreaterThan(40 * MB);
  });

  it('gives back the young generation a load grew, once the process has been quiet a while', async () => {
    const young = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_size;
    // Objects that survive a scavenge or two make V8 grow the young generation.
    let keep: { n: number; s: string }[] = [];
    for (let n = 0; n < 3_000_000; n++) {
      keep.push({ n, s: `x${n}` });
      if (keep.length > 200_000) keep = [];
    }
    const grown = young();
    expect(grown).toBeGreaterThanOrEqual(4 * MB);
    expect(compactHeap()).toBe(true); // right after the burst: V8 keeps the size
    expect(young()).toBe(grown);
    expect(await shrinkYoungWhenQuiet()).toBe(true);
    expect(young()).toBeLessThanOrEqual(grown / 2);
    expect(keep.length).toBeGreaterThan(0);
  }, YOUNG_SHRINK_AFTER_MS + 10_000);

  it('does nothing when the process was busy meanwhile, or when a later call takes over', async () => {
    const first = shrinkYoungWhenQuiet(50);
    const second = shrinkYoungWhenQuiet(50);
    expect(await first).toBe(false); // replaced
    const until = performance.now() + 120;
    while (performance.now() < until); // busy past the timer
    expect(await second).toBe(false);
  });
});
