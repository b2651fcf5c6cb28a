import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { JournalStore } from './journal-store.js';
import { MemoryStore } from './memory-store.js';
import { StoreWriteError, type Store } from './store.js';
import { readSnapshot, tempDirs } from '../../test/support/snapshot-file.js';
import { FORMAT_4 } from './snapshot-file.js';

const tempDir = tempDirs('pfs-store-');

const put = (col: string, id: string, doc: object) => ({ op: 'put' as const, col, id, doc: { id, ...doc } });
const journalFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.startsWith('journal-'));
/** Opens `dir` as after a crash (the LOCK left behind taken away) and checks the ids collection `p` holds, in order. */
async function expectAfterCrash(dir: string, ids: string[]): Promise<void> {
  fs.rmSync(path.join(dir, 'LOCK'));
  const reopened = await JournalStore.open(dir);
  expect([...reopened.values<{ id: string }>('p')].map((d) => d.id)).toEqual(ids);
  await reopened.close();
}
describe.each([
  ['memory', async () => new MemoryStore() as Store],
  ['journal', async () => (await JournalStore.open(tempDir())) as Store],
])('%s store contract', (_name, open) => {
  it('is values(col) sliced, with an empty answer past the end or for a collection that does not exist', async () => {
    const store = await open();
    store.commit(Array.from({ length: 10 }, (_, i) => ({ op: 'put' as const, col: 'c', id: `id${i}`, doc: { id: `id${i}`, n: i } })));
    store.commit([{ op: 'put', col: 'c', id: 'id3', doc: { id: 'id3', n: 30 } }]); // keeps its place
    expect(store.slice<{ n: number }>('c', 2, 5).map((d) => d.n)).toEqual([2, 30, 4]);
    expect(store.slice('c', 8, 50)).toHaveLength(2);
    expect(store.slice('c', 12, 20)).toEqual([]);
    expect(store.slice('nothing', 0, 5)).toEqual([]);
    await store.close();
  });

  it('applies a commit atomically and keeps insertion order', async () => {
    const store = await open();
    store.commit([put('a', '1', { n: 1 }), put('a', '2', { n: 2 }), put('b', 'x', {})]);
    store.commit([put('a', '1', { n: 10 })]);
    expect([...store.values<{ n: number }>('a')].map((d) => d.n)).toEqual([10, 2]);
    expect(store.size('b')).toBe(1);
    await store.close();
  });

  it('deletes documents and drops collections by prefix', async () => {
    const store = await open();
    store.commit([put('w/1/p', 'a', {}), put('w/1/q', 'b', {}), put('w/2/p', 'c', {})]);
    store.commit([{ op: 'del', col: 'w/2/p', id: 'c' }]);
    store.commit([{ op: 'drop', prefix: 'w/1/' }]);
    expect(store.size('w/1/p') + store.size('w/1/q') + store.size('w/2/p')).toBe(0);
    await store.close();
  });

  it('in check mode (this suite), freezes what it stores, so a test that edits data behind its back fails', async () => {
    expect(process.env.PASSFORT_SANDBOX_CHECK).toBe('1');
    const store = await open();
    const doc = { id: 'a', nested: { v: 1 } };
    store.commit([{ op: 'put', col: 'c', id: 'a', doc }]);
    expect(() => {
      (store.get<typeof doc>('c', 'a')!.nested as { v: number }).v = 2;
    }).toThrow(TypeError);
    await store.close();
  });

  it('outside check mode, stores documents as given (freezing cost ~12 % of a POST)', async () => {
    vi.stubEnv('PASSFORT_SANDBOX_CHECK', '');
    vi.resetModules();
    try {
      const { MemoryStore: Fresh } = await import('./memory-store.js');
      const store = new Fresh();
      const doc = { id: 'a', nested: { v: 1 } };
      store.commit([{ op: 'put', col: 'c', id: 'a', doc }]);
      expect(store.get('c', 'a')).toBe(doc);
      expect(Object.isFrozen(doc) || Object.isFrozen(doc.nested)).toBe(false);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});

describe('JournalStore durability', () => {
  it('keeps every committed change across a reopen', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir);
    for (let i = 0; i < 100; i++) store.commit([put('p', `id${i}`, { i })]);
    store.commit([{ op: 'del', col: 'p', id: 'id5' }]);
    await store.close();
    const again = await JournalStore.open(dir);
    expect(again.size('p')).toBe(99);
    expect(again.get<{ i: number }>('p', 'id99')?.i).toBe(99);
    expect(again.get('p', 'id5')).toBeUndefined();
    await again.close();
  });

  it('recovers from the journal alone when the process dies without closing', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir);
    store.commit([put('p', 'a', { v: 1 })]);
    store.commit([put('p', 'b', { v: 2 })]);
    // No close(): as after kill -9. The lock is stale only across processes, so drop it by hand.
    fs.rmSync(path.join(dir, 'LOCK'));
    const again = await JournalStore.open(dir);
    expect([...again.values<{ v: number }>('p')].map((d) => d.v)).toEqual([1, 2]);
    await again.close();
  });

  it('recovers a commit far longer than one write piece (large-io), multi-byte text and all', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir);
    const text = Array.from({ length: 30_000 }, (_, i) => `${i}\u00e9\u{1f600}`).join(' ');
    store.commit(Array.from({ length: 5 }, (_, i) => put('big', `d${i}`, { text: `${i}${text}` })));
    store.commit([put('p', 'after', { v: 1 })]);
    fs.rmSync(path.join(dir, 'LOCK')); // as after kill -9
    const again = await JournalStore.open(dir);
    expect([...again.values<{ text: string }>('big')].map((d) => d.text)).toEqual(Array.from({ length: 5 }, (_, i) => `${i}${text}`));
    expect(again.get('p', 'after')).toEqual({ id: 'after', v: 1 });
    await again.close();
  });

  it('a long commit that fails part-way (a full disk) leaves no partial line and changes nothing', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir);
    store.commit([put('p', 'a', { v: 1 })]);
    const file = path.join(dir, journalFiles(dir)[0]!);
    const before = fs.readFileSync(file, 'utf8');
    const real = fs.writeSync;
    let calls = 0;
    const writes = vi.spyOn(fs, 'writeSync').mockImplementation((...args: Parameters<typeof fs.writeSync>) => {
      if (++calls === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return (real as (...a: unknown[]) => number)(...args);
    });
    const long = put('p', 'b', { text: 'x'.repeat(200_000) });
    expect(() => store.commit([long])).toThrow(/could not write to the data directory .*: ENOSPC/);
    writes.mockRestore();
    expect(calls).toBe(3); // two pieces were written before the failure
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(store.get('p', 'b')).toBeUndefined();
    store.commit([put('p', 'c', { v: 3 })]);
    await expectAfterCrash(dir, ['a', 'c']);
  });

  it('drops a torn last line and appends cleanly after it', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir);
    store.commit([put('p', 'a', { v: 1 })]);
    fs.rmSync(path.join(dir, 'LOCK'));
    const file = path.join(dir, journalFiles(dir)[0]!);
    fs.appendFileSync(file, '{"c":[{"op":"put","col":"p","id":"b","doc":{"id":"b"');
    const again = await JournalStore.open(dir);
    expect(again.get('p', 'b')).toBeUndefined();
    again.commit([put('p', 'c', { v: 3 })]);
    await expectAfterCrash(dir, ['a', 'c']);
  });

  it('compacts into a lowdb snapshot and replays only the newer journal', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
    for (let i = 0; i < 200; i++) store.commit([put('p', `id${i}`, { payload: 'x'.repeat(50) })]);
    await store.compact();
    store.commit([put('p', 'after', {})]);
    const snapshot = readSnapshot(dir);
    expect(snapshot.header).toEqual({ format: FORMAT_4, generation: 1 });
    expect(snapshot.lines.get('p')!.count).toBe(200);
    expect(Object.keys(JSON.parse(snapshot.lines.get('p')!.json))).toHaveLength(200);
    expect(journalFiles(dir)).toHaveLength(1);
    fs.rmSync(path.join(dir, 'LOCK')); // crash: no close
    const again = await JournalStore.open(dir);
    expect(again.size('p')).toBe(201);
    expect(again.get('p', 'after')).toBeDefined();
    await again.close();
  });

  it('compacts by itself as the journal grows, and loses nothing doing it', async () => {
    const dir = tempDir();
    const afterIdleCompaction = vi.fn();
    const store = await JournalStore.open(dir, { compactAfterBytes: 2_000, afterIdleCompaction });
    for (let i = 0; i < 300; i++) store.commit([put('p', `id${i}`, { payload: 'x'.repeat(50) })]);
    await store.compact(); // wait for what the writes started
    expect(store.stats.compactions).toBeGreaterThan(1);
    expect(afterIdleCompaction).not.toHaveBeenCalled(); // started by the writes, not by a pause
    await store.close();
    const again = await JournalStore.open(dir);
    expect(again.size('p')).toBe(300);
    await again.close();
  });

  it('refuses a second live process on the same directory', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'LOCK'), String(process.ppid));
    await expect(JournalStore.open(dir)).rejects.toThrow(/in use by another passfort-sandbox/);
  });

  it('reports a read-only directory clearly and writes nothing', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; a file in the way of the directory fails the same check.
      const parent = tempDir();
      const blocked = path.join(parent, 'not-a-dir');
      fs.writeFileSync(blocked, 'x');
      await expect(JournalStore.open(blocked)).rejects.toBeInstanceOf(StoreWriteError);
      return;
    }
    const dir = tempDir();
    fs.chmodSync(dir, 0o500);
    await expect(JournalStore.open(dir)).rejects.toThrow(/not writable/);
  });
});

describe('JournalStore restart: collections stay as text until used', () => {
  const fill = async (dir: string) => {
    const store = await JournalStore.open(dir);
    for (let c = 0; c < 5; c++) store.commit([put(`w/x/c${c}`, 'b', { c, n: 1 }), put(`w/x/c${c}`, 'a', { c, n: 2 })]);
    await store.close(); // compacts
  };

  it('answers sizes and stats without parsing, and reads documents in their order', async () => {
    const dir = tempDir();
    await fill(dir);
    const again = await JournalStore.open(dir);
    expect(again.stats).toMatchObject({ collections: 5, documents: 10 });
    expect(again.size('w/x/c3')).toBe(2);
    expect([...again.values<{ id: string }>('w/x/c3')].map((d) => d.id)).toEqual(['b', 'a']);
    expect(again.get<{ n: number }>('w/x/c4', 'a')?.n).toBe(2);
    expect(() => ((again.get<{ n: number }>('w/x/c4', 'a') as { n: number }).n = 3)).toThrow(TypeError);
    await again.close();
  });

  it('writes unused collections back as the same text, and used ones with their changes', async () => {
    const dir = tempDir();
    await fill(dir);
    const before = readSnapshot(dir).lines;
    const again = await JournalStore.open(dir);
    again.commit([put('w/x/c1', 'z', { n: 9 })]); // into a collection still as text: it is parsed first
    again.commit([{ op: 'del', col: 'w/x/c2', id: 'b' }]);
    again.commit([{ op: 'drop', prefix: 'w/x/c0' }]);
    await again.compact();
    await again.close();
    const after = readSnapshot(dir).lines;
    expect(after.get('w/x/c3')).toEqual(before.get('w/x/c3'));
    expect(after.get('w/x/c4')).toEqual(before.get('w/x/c4'));
    expect(after.has('w/x/c0')).toBe(false);
    expect(Object.keys(JSON.parse(after.get('w/x/c1')!.json))).toEqual(['b', 'a', 'z']);
    expect(after.get('w/x/c2')).toMatchObject({ count: 1 });
    const third = await JournalStore.open(dir);
    expect([...third.values<{ id: string }>('w/x/c1')].map((d) => d.id)).toEqual(['b', 'a', 'z']);
    expect(third.stats).toMatchObject({ collections: 4, documents: 8 });
    await third.close();
  });

  it('keeps unused collections readable across compactions in the same run (each closes the file before)', async () => {
    const dir = tempDir();
    await fill(dir);
    const again = await JournalStore.open(dir);
    again.commit([put('w/x/c0', 'q', {})]);
    await again.compact();
    again.commit([put('w/x/c0', 'r', {})]);
    await again.compact();
    expect([...again.values<{ id: string }>('w/x/c3')].map((d) => d.id)).toEqual(['b', 'a']);
    expect(again.get<{ n: number }>('w/x/c4', 'b')?.n).toBe(1);
    expect(again.size('w/x/c0')).toBe(4);
    await again.close();
  });

  it('a stop with a short journal leaves the snapshot as it is; the next start replays the journal', async () => {
    const dir = tempDir();
    await fill(dir);
    const before = fs.readFileSync(path.join(dir, 'snapshot.json'));
    const again = await JournalStore.open(dir);
    again.commit([put('w/x/c3', 'c', { n: 3 })]);
    await again.close();
    expect(fs.readFileSync(path.join(dir, 'snapshot.json')).equals(before)).toBe(true);
    const third = await JournalStore.open(dir);
    expect([...third.values<{ id: string }>('w/x/c3')].map((d) => d.id)).toEqual(['b', 'a', 'c']);
    await third.close();
  });

  it('a compaction drops the small collections nobody used while it ran; they read back the same', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir);
    for (let c = 0; c < 5; c++) store.commit([put(`w/x/c${c}`, 'b', { c }), put(`w/x/c${c}`, 'a', { c })]);
    store.commit([put('w/x/big', 'z', { pad: 'x'.repeat(70 * 1024) })]);
    expect(store.stats.inMemory).toBe(6);
    expect(store.get('w/x/c3', 'a')).toBeDefined(); // used before it: that does not keep it
    const compaction = store.compact();
    // One turn of the event loop: the rotation is done and the snapshot's write (serialise, open,
    // write, close, rename: several more turns) is under way.
    await new Promise((r) => setImmediate(r));
    expect(store.stats.compactions).toBe(0);
    // Used (and changed) while the snapshot is being written: must stay, with its change.
    store.commit([put('w/x/c2', 'c', { c: 2 })]);
    store.commit([put('w/x/new', 'n', {})]); // created meanwhile: not in this snapshot, stays
    await compaction;
    expect(store.stats.compactions).toBe(1);
    expect(store.stats).toMatchObject({ collections: 7, inMemory: 3, documents: 13 }); // c2, new and big (over 64 KB) stay
    expect([...store.values<{ id: string }>('w/x/c2')].map((d) => d.id)).toEqual(['b', 'a', 'c']);
    expect([...store.values<{ id: string }>('w/x/c4')].map((d) => d.id)).toEqual(['b', 'a']);
    expect(store.get('w/x/c3', 'a')).toEqual({ id: 'a', c: 3 });
    expect(store.stats.inMemory).toBe(5);
    store.commit([put('w/x/c0', 'd', {})]); // a write into a dropped collection reads it back first
    expect(store.size('w/x/c0')).toBe(3);
    await store.close();
    const again = await JournalStore.open(dir);
    expect([...again.values<{ id: string }>('w/x/c2')].map((d) => d.id)).toEqual(['b', 'a', 'c']);
    expect([...again.values<{ id: string }>('w/x/c0')].map((d) => d.id)).toEqual(['b', 'a', 'd']);
    expect([...again.values<{ id: string }>('w/x/new')].map((d) => d.id)).toEqual(['n']);
    await again.close();
  });

  it('serialises a compaction in slices, with the event loop running between them, and snapshots the data as it was at the rotation', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir, { compactAfterBytes: 1e9, compactSliceMs: 0 });
    // Documents that note the event-loop turn they are serialised in (once the commits are done).
    let turn = 0;
    let recording = false;
    const turns: number[] = [];
    const noting = (id: string, n: number) => ({ id, n, toJSON: () => (recording && turns.push(turn), { id, n }) });
    store.commit(Array.from({ length: 6 }, (_, c) => ({ op: 'put' as const, col: `w/x/c${c}`, id: 'a', doc: noting('a', 1) })));
    store.commit([{ op: 'put', col: 'w/x/big', id: 'first', doc: noting('first', 1) }]);
    store.commit(Array.from({ length: 1_200 }, (_, i) => put('w/x/big', `d${i}`, { n: i }))); // three parts
    recording = true;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const compaction = store.compact();
    await new Promise((r) => setImmediate(r));
    // Written while the compaction runs: in the new journal, not in the snapshot.
    store.commit([put('w/x/c5', 'a', { n: 2 }), { op: 'del', col: 'w/x/big', id: 'first' }, put('w/x/late', 'z', {})]);
    await compaction;
    ticking = false;
    expect(turns).toHaveLength(7);
    expect(new Set(turns).size).toBeGreaterThan(3); // all in one turn before slicing
    const snapshot = readSnapshot(dir).lines;
    const docsOf = (col: string) => Object.assign({}, ...snapshot.get(col)!.parts.map((p) => JSON.parse(p.json) as object)) as Record<string, unknown>;
    expect(docsOf('w/x/c5').a).toEqual({ id: 'a', n: 1 });
    expect(Object.keys(docsOf('w/x/big'))).toHaveLength(1_201);
    expect(snapshot.has('w/x/late')).toBe(false);
    await store.close();
    const again = await JournalStore.open(dir);
    expect(again.get('w/x/c5', 'a')).toEqual({ id: 'a', n: 2 });
    expect(again.get('w/x/big', 'first')).toBeUndefined();
    expect(again.size('w/x/big')).toBe(1_200);
    expect(again.size('w/x/late')).toBe(1);
    await again.close();
  });

  it('still reads a snapshot in the first format (one JSON object) and rewrites it in the new one', async () => {
    const dir = tempDir();
    const v1 = { format: 'passfort-sandbox/1', generation: 3, collections: { p: { b: { id: 'b' }, a: { id: 'a' } } } };
    fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(v1));
    fs.writeFileSync(path.join(dir, 'journal-000003.jsonl'), `${JSON.stringify({ c: [put('p', 'c', {})] })}\n`);
    const store = await JournalStore.open(dir);
    expect([...store.values<{ id: string }>('p')].map((d) => d.id)).toEqual(['b', 'a', 'c']);
    await store.compact();
    await store.close();
    const snapshot = readSnapshot(dir);
    expect(snapshot.header).toEqual({ format: FORMAT_4, generation: 4 });
    expect(snapshot.lines.get('p')!.count).toBe(3);
  });

  it('refuses a damaged snapshot with a message that names the file', async () => {
    const dir = tempDir();
    await fill(dir);
    const file = path.join(dir, 'snapshot.json');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.replace(/\{"index":\d+\}\n$/, '{"index":12}\n'));
    await expect(JournalStore.open(dir)).rejects.toThrow(`${file} is damaged`);
    fs.writeFileSync(file, good.slice(0, -40)); // cut short
    await expect(JournalStore.open(dir)).rejects.toThrow(`${file} is damaged`);
    fs.writeFileSync(file, 'not json');
    await expect(JournalStore.open(dir)).rejects.toThrow(`${file} is not a passfort-sandbox snapshot`);
  });

  it('refuses a snapshot a newer version wrote, saying so, and leaves it as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'snapshot.json');
    const later = `${JSON.stringify({ format: 'passfort-sandbox/5', generation: 1 })}\n{"index":0}\n`;
    fs.writeFileSync(file, later);
    await expect(JournalStore.open(dir)).rejects.toThrow(`${file} was written by a newer passfort-sandbox (snapshot format 5; this version reads 1 to 4): upgrade, or start with a new --data-dir`);
    expect(fs.readFileSync(file, 'utf8')).toBe(later);
  });
});
