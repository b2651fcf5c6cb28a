import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { readSnapshot, tempDirs } from '../../test/support/snapshot-file.js';
import { JournalStore } from './journal-store.js';

/**
 * A journal over compactAfterBytes is compacted after a pause in the writes, not only once it has
 * outgrown the snapshot; and what such a compaction leaves behind goes (see EVICT_BYTES and
 * afterIdleCompaction in journal-store.ts).
 */

const tempDir = tempDirs('pfs-idle-');
const put = (col: string, id: string, doc: object) => ({ op: 'put' as const, col, id, doc: { id, ...doc } });
const journalFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.startsWith('journal-'));

describe('JournalStore: compaction in a pause', () => {
  it('compacts a journal over the threshold after a pause in the writes, not while they go on', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const dir = tempDir();
      // A large first snapshot, so the journal stays far from twice its size.
      const store = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
      store.commit([put('big', 'a', { pad: 'x'.repeat(100_000) })]);
      await store.close();
      // idleBusyLimit 1: these pauses are simulated, the loop is busy running them (the next test is about that).
      const afterIdleCompaction = vi.fn();
      const again = await JournalStore.open(dir, { compactAfterBytes: 2_000, idleCompactMs: 1_000, idleBusyLimit: 1, compactSliceMs: 0, afterIdleCompaction });
      for (let i = 0; i < 60; i++) {
        again.commit([put('p', `id${i}`, { payload: 'x'.repeat(50) })]); // over 2,000 bytes after ~20
        await vi.advanceTimersByTimeAsync(200); // a write every 200 ms: never a pause of 1 s
      }
      expect(again.stats.compactions).toBe(0);
      expect(journalFiles(dir)).toHaveLength(1);
      expect(afterIdleCompaction).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1_000); // the pause
      await again.compact(); // waits for the one it started (and runs one more, with nothing new)
      expect(again.stats.compactions).toBe(2);
      expect(afterIdleCompaction).toHaveBeenCalledTimes(1); // the pause's, not the one asked for
      expect(again.stats.journalBytes).toBe(0);
      expect(readSnapshot(dir).lines.get('p')!.count).toBe(60);
      await again.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('after a compaction a pause started, lets every collection nobody used leave memory, large ones too', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const run = async (idle: boolean) => {
        const dir = tempDir();
        const first = await JournalStore.open(dir); // a snapshot first: with none, any journal has outgrown it
        first.commit([put('seed', 'a', {})]);
        await first.close();
        const store = await JournalStore.open(dir, { compactAfterBytes: 2_000, growthFactor: 1e9, idleCompactMs: 1_000, idleBusyLimit: 1, compactSliceMs: 0 });
        // 1,200 documents: three parts of a snapshot (PART_DOCS), far over EVICT_BYTES.
        for (let i = 0; i < 1_200; i++) store.commit([put('big', `id${i}`, { payload: 'x'.repeat(60) }), put(`small${i % 3}`, `id${i}`, {})]);
        expect(store.stats.inMemory).toBe(4); // 'seed' was read by no one
        expect(store.stats.compactions).toBe(0);
        if (idle) await vi.advanceTimersByTimeAsync(1_000);
        await store.compact(); // the pause's (idle), or this one, and then one with nothing new
        const inMemory = store.stats.inMemory;
        expect(store.size('big')).toBe(1_200);
        expect(store.get<{ payload: string }>('big', 'id1100')?.payload).toHaveLength(60); // read back from the file
        expect([...store.values('small1')]).toHaveLength(400);
        await store.close();
        return inMemory;
      };
      expect(await run(false)).toBe(1); // the small ones left; the large one stays
      expect(await run(true)).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits, for that pause, until the process is quiet too: a busy event loop is not a pause', async () => {
    const dir = tempDir();
    const big = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
    big.commit([put('big', 'a', { pad: 'x'.repeat(100_000) })]);
    await big.close();
    const store = await JournalStore.open(dir, { compactAfterBytes: 2_000, idleCompactMs: 100 });
    for (let i = 0; i < 40; i++) store.commit([put('p', `id${i}`, { payload: 'x'.repeat(50) })]);
    // ~600 ms of a loop busy ~95 % of the time (as under a read load), without a write.
    const until = performance.now() + 600;
    while (performance.now() < until) {
      for (const end = performance.now() + 20; performance.now() < end; );
      await new Promise((r) => setImmediate(r));
    }
    expect(store.stats.compactions).toBe(0);
    await vi.waitFor(() => expect(store.stats.compactions).toBe(1), { timeout: 5_000, interval: 20 }); // quiet now
    await store.close();
  });

  it('does not compact a journal under the threshold, however long the pause', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const dir = tempDir();
      const store = await JournalStore.open(dir, { compactAfterBytes: 1e6, idleCompactMs: 1_000 });
      store.commit([put('p', 'a', {})]);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(store.stats.compactions).toBe(0);
      expect(store.stats.journalBytes).toBeGreaterThan(0);
      await store.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
