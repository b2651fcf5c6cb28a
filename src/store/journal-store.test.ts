import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalStore } from './journal-store.js';
import { MemoryStore } from './memory-store.js';
import { StoreWriteError, type Store } from './store.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const put = (col: string, id: string, doc: object) => ({ op: 'put' as const, col, id, doc: { id, ...doc } });
const journalFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.startsWith('journal-'));

describe.each([
  ['memory', async () => new MemoryStore() as Store],
  ['journal', async () => (await JournalStore.open(tempDir())) as Store],
])('%s store contract', (_name, open) => {
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

  it('freezes what it stores, so nobody edits data behind its back', async () => {
    const store = await open();
    const doc = { id: 'a', nested: { v: 1 } };
    store.commit([{ op: 'put', col: 'c', id: 'a', doc }]);
    expect(() => {
      (store.get<typeof doc>('c', 'a')!.nested as { v: number }).v = 2;
    }).toThrow(TypeError);
    await store.close();
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
    fs.rmSync(path.join(dir, 'LOCK'));
    const third = await JournalStore.open(dir);
    expect([...third.values<{ id: string }>('p')].map((d) => d.id)).toEqual(['a', 'c']);
    await third.close();
  });

  it('compacts into a lowdb snapshot and replays only the newer journal', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
    for (let i = 0; i < 200; i++) store.commit([put('p', `id${i}`, { payload: 'x'.repeat(50) })]);
    await store.compact();
    store.commit([put('p', 'after', {})]);
    const snapshot = JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8'));
    expect(Object.keys(snapshot.collections.p)).toHaveLength(200);
    expect(journalFiles(dir)).toHaveLength(1);
    fs.rmSync(path.join(dir, 'LOCK')); // crash: no close
    const again = await JournalStore.open(dir);
    expect(again.size('p')).toBe(201);
    expect(again.get('p', 'after')).toBeDefined();
    await again.close();
  });

  it('compacts by itself as the journal grows, and loses nothing doing it', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir, { compactAfterBytes: 2_000 });
    for (let i = 0; i < 300; i++) store.commit([put('p', `id${i}`, { payload: 'x'.repeat(50) })]);
    await store.compact(); // wait for what the writes started
    expect(store.stats.compactions).toBeGreaterThan(1);
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
