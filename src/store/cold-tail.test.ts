import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readSnapshot, tempDirs } from '../../test/support/snapshot-file.js';
import { UnitOfWork } from '../workspace/unit-of-work.js';
import { JournalStore } from './journal-store.js';
import { MemoryStore } from './memory-store.js';

/**
 * Adds (op 'add': a document with a fresh id) go to the end of a collection not read since the
 * start without parsing it: the first POST after a restart used to parse every profile and event.
 */

const tempDir = tempDirs('pfs-tail-');
const BIG = 'w/x/big';
const add = (id: string, n: number) => ({ op: 'add' as const, col: BIG, id, doc: { id, n } });
const ids = (docs: Iterable<{ id: string }>) => [...docs].map((d) => d.id);
const first = Array.from({ length: 1_200 }, (_, i) => `d${i}`);

/** A data directory whose snapshot holds BIG (1,200 documents: three parts) and a small collection. */
async function filled(): Promise<string> {
  const dir = tempDir();
  const store = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
  store.commit(first.map((id, n) => ({ op: 'put' as const, col: BIG, id, doc: { id, n } })));
  store.commit([{ op: 'put', col: 'w/x/small', id: 's', doc: { id: 's' } }]);
  await store.close(); // compacts
  return dir;
}

const open = (dir: string) => JournalStore.open(dir, { compactAfterBytes: 1e9, compactSliceMs: 0 });

describe('adding to a collection not read yet', () => {
  it('does not parse it: size, get, the newest page and the stats answer from the tail', async () => {
    const store = await open(await filled());
    store.commit([add('new1', 1), add('new2', 2)]);
    store.commit([add('new3', 3)]);
    expect(store.stats.inMemory).toBe(0);
    expect(store.size(BIG)).toBe(1_203);
    expect(store.stats.documents).toBe(1_204);
    expect(store.get(BIG, 'new2')).toEqual({ id: 'new2', n: 2 });
    expect(ids(store.slice(BIG, 1_198, 1_203))).toEqual(['d1198', 'd1199', 'new1', 'new2', 'new3']);
    expect(ids(store.slice(BIG, 1_201, 1_250))).toEqual(['new2', 'new3']);
    expect(ids(store.slice(BIG, 2, 4))).toEqual(['d2', 'd3']);
    expect(store.stats.inMemory).toBe(0); // still not read whole
    // Reading it whole puts the tail after the parts, in order.
    expect(ids(store.values(BIG))).toEqual([...first, 'new1', 'new2', 'new3']);
    expect(store.stats.inMemory).toBe(1);
    expect(store.size(BIG)).toBe(1_203);
    await store.close();
  });

  it('reads it whole for a put, a delete or an id added twice, with the same result as without a tail', async () => {
    const dir = await filled();
    for (const [what, act, expected] of [
      ['put of an older one', (s: JournalStore) => s.commit([{ op: 'put', col: BIG, id: 'd0', doc: { id: 'd0', n: -1 } }]), [...first, 'a', 'b']],
      ['delete of an added one', (s: JournalStore) => s.commit([{ op: 'del', col: BIG, id: 'a' }]), [...first, 'b']],
      ['add of an added id', (s: JournalStore) => s.commit([add('a', 99)]), [...first, 'a', 'b']],
    ] as const) {
      const copy = tempDir();
      fs.cpSync(dir, copy, { recursive: true });
      const store = await open(copy);
      store.commit([add('a', 1), add('b', 2)]);
      act(store);
      expect(store.stats.inMemory, what).toBe(1);
      expect(ids(store.values(BIG)), what).toEqual(expected);
      expect(store.size(BIG), what).toBe(expected.length);
      await store.close();
      const again = await open(copy);
      expect(ids(again.values(BIG)), `${what}, after a restart`).toEqual(expected);
      await again.close();
    }
  });

  it('replays adds from the journal after a crash into the tail, still without parsing', async () => {
    const dir = await filled();
    const store = await open(dir);
    store.commit([add('a', 1), add('b', 2)]);
    fs.rmSync(path.join(dir, 'LOCK')); // no close(): as after kill -9
    const again = await open(dir);
    expect(again.stats.inMemory).toBe(0);
    expect(again.size(BIG)).toBe(1_202);
    expect(again.get(BIG, 'b')).toEqual({ id: 'b', n: 2 });
    expect(ids(again.values(BIG))).toEqual([...first, 'a', 'b']);
    await again.close();
  });

  it('is compacted as the parts it had plus the tail; what was written leaves memory and is read from the file', async () => {
    const dir = await filled();
    const before = readSnapshot(dir).lines.get(BIG)!;
    const store = await open(dir);
    store.commit([add('a', 1), add('b', 2)]);
    await store.compact();
    const after = readSnapshot(dir).lines.get(BIG)!;
    expect(after.parts.slice(0, before.parts.length)).toEqual(before.parts); // copied as they were
    expect(Object.keys(JSON.parse(after.parts.at(-1)!.json) as object)).toEqual(['a', 'b']);
    expect(after.count).toBe(1_202);
    expect(store.stats.inMemory).toBe(0);
    expect(store.size(BIG)).toBe(1_202);
    store.commit([add('c', 3)]);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(store.get(BIG, 'c')).toEqual({ id: 'c', n: 3 }); // the tail: nothing parsed
      expect(parse).toHaveBeenCalledTimes(0);
      expect(store.get(BIG, 'a')).toEqual({ id: 'a', n: 1 }); // not in memory any more: its part is parsed
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
    expect(ids(store.slice(BIG, 1_199, 1_203))).toEqual(['d1199', 'a', 'b', 'c']); // a, b from the new parts, c from the tail
    await store.compact();
    const third = readSnapshot(dir).lines.get(BIG)!;
    expect(third.count).toBe(1_203);
    expect(Object.keys(JSON.parse(third.parts.at(-1)!.json) as object)).toEqual(['c']); // only what was not written yet
    expect(ids(store.slice(BIG, 1_200, 1_203))).toEqual(['a', 'b', 'c']);
    expect(store.size(BIG)).toBe(1_203);
    expect(ids(store.values(BIG))).toEqual([...first, 'a', 'b', 'c']);
    await store.close();
    const again = await open(dir);
    expect(ids(again.values(BIG))).toEqual([...first, 'a', 'b', 'c']);
    await again.close();
  });

  it('keeps adds made while a compaction runs, to a tail it is writing and to one begun since', async () => {
    const dir = await filled();
    const store = await open(dir);
    store.commit([add('a', 1)]);
    const compaction = store.compact();
    await new Promise((r) => setImmediate(r)); // rotated: serialising in slices
    store.commit([add('b', 2), { op: 'add', col: 'w/x/small', id: 't', doc: { id: 't' } }]);
    await compaction;
    const snapshot = readSnapshot(dir).lines;
    expect(snapshot.get(BIG)!.count).toBe(1_201); // the state at the rotation
    expect(snapshot.get('w/x/small')!.count).toBe(1);
    expect(store.stats.inMemory).toBe(0);
    expect(store.size(BIG)).toBe(1_202);
    expect(store.get(BIG, 'b')).toEqual({ id: 'b', n: 2 });
    expect(ids(store.values('w/x/small'))).toEqual(['s', 't']);
    expect(ids(store.values(BIG))).toEqual([...first, 'a', 'b']);
    await store.close();
    const again = await open(dir);
    expect(ids(again.values(BIG))).toEqual([...first, 'a', 'b']);
    expect(ids(again.values('w/x/small'))).toEqual(['s', 't']);
    await again.close();
  });

  it('goes with its collection when the workspace is reset', async () => {
    const store = await open(await filled());
    store.commit([add('a', 1)]);
    store.commit([{ op: 'drop', prefix: 'w/x/' }]);
    expect(store.size(BIG)).toBe(0);
    expect(store.get(BIG, 'a')).toBeUndefined();
    store.commit([add('b', 2)]); // a new collection, in memory
    expect(ids(store.values(BIG))).toEqual(['b']);
    await store.compact();
    await store.close();
  });
});

describe('reading one document of a large collection not read yet', () => {
  it('parses only the part that holds it, answers undefined for an id in no part, and stays so after more adds', async () => {
    const store = await open(await filled());
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(store.get(BIG, 'd1')).toEqual({ id: 'd1', n: 1 });
      expect(store.get(BIG, 'd1150')).toEqual({ id: 'd1150', n: 1_150 });
      expect(store.get(BIG, 'nobody')).toBeUndefined();
      expect(store.get(BIG, 'd2')).toEqual({ id: 'd2', n: 2 }); // the first part again: parsed once
      expect(parse).toHaveBeenCalledTimes(2); // two parts of the three
    } finally {
      parse.mockRestore();
    }
    expect(store.stats.inMemory).toBe(0);
    store.commit([add('a', 1)]);
    expect(store.get(BIG, 'a')).toEqual({ id: 'a', n: 1 });
    expect(store.get(BIG, 'd3')).toEqual({ id: 'd3', n: 3 });
    expect(store.stats.inMemory).toBe(0);
    await store.compact(); // new parts, a new map of where each id is
    expect(store.get(BIG, 'a')).toEqual({ id: 'a', n: 1 });
    expect(store.get(BIG, 'd1199')).toEqual({ id: 'd1199', n: 1_199 });
    expect(store.get(BIG, 'nobody')).toBeUndefined();
    expect(ids(store.values(BIG))).toEqual([...first, 'a']);
    await store.close();
  });

  it('reads a small collection (one part) whole, as before', async () => {
    const store = await open(await filled());
    expect(store.get('w/x/small', 's')).toEqual({ id: 's' });
    expect(store.stats.inMemory).toBe(1);
    await store.close();
  });
});

describe('UnitOfWork.add', () => {
  it('commits as an add, and as nothing when the same unit deletes it', () => {
    const store = new MemoryStore();
    const uow = new UnitOfWork(store, 'w/x/');
    uow.add('p', { id: 'a' });
    uow.put('p', { id: 'a', v: 2 }); // still new to the store
    uow.add('p', { id: 'b' });
    uow.del('p', 'b');
    uow.put('p', { id: 'c' });
    expect(uow.changes()).toEqual([
      { op: 'add', col: 'w/x/p', id: 'a', doc: { id: 'a', v: 2 } },
      { op: 'put', col: 'w/x/p', id: 'c', doc: { id: 'c' } },
    ]);
    expect(uow.list('p')).toEqual([{ id: 'a', v: 2 }, { id: 'c' }]);
  });
});
