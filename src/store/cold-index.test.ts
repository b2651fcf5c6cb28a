import { describe, expect, it, vi } from 'vitest';
import { checkIndexLists, ColdIndex, FILTER_AFTER, type HeldLists, type IndexLists } from './cold-index.js';
import { JournalStore } from './journal-store.js';
import { NameList, NameTable } from './name-table.js';
import { tempDirs } from '../../test/support/snapshot-file.js';
import type { ColdPart } from './memory-store.js';

const lists = (): IndexLists => ({
  names: ['a', 'b', 'c'],
  first: [10, 20, 40],
  parts: [0, 1, 3, 4],
  sizes: [2, 5, 1, 4, 3, 9, 7, 2],
});
const reads: [number, number, number][] = [];
const reader = (count: number, offset: number, length: number): ColdPart => {
  reads.push([count, offset, length]);
  return { count, length, bytes: () => Buffer.alloc(length), copyTo: (target, at) => void target.fill(0, at, at + length) };
};

describe('ColdIndex', () => {
  it('finds collections by name and makes each one once, with its parts where the lists say', () => {
    const index = new ColdIndex(lists(), reader);
    expect(index.size).toBe(3);
    expect(index.get('nope')).toBeUndefined();
    const b = index.get('b')!;
    expect(b.count).toBe(4);
    expect(b.parts.map((p) => [p.count, p.bytes().length])).toEqual([[1, 4], [3, 9]]);
    expect(reads.splice(0)).toEqual([[1, 20, 4], [3, 25, 9]]); // the second part starts after the first line and its newline
    expect(index.get('b')).toBe(b); // kept: what slice parsed of it stays with it
    expect(index.size).toBe(3);
  });

  it('sets, deletes and lists names like a Map', () => {
    const index = new ColdIndex(lists(), reader);
    const replacement = { count: 0, parts: [] };
    index.set('a', replacement);
    index.set('z', replacement);
    expect(index.delete('c')).toBe(true);
    expect(index.delete('c')).toBe(false);
    expect(index.has('c') || index.get('c') !== undefined).toBe(false);
    expect(index.get('a')).toBe(replacement);
    expect([...index.keys()].sort()).toEqual(['a', 'b', 'z']);
    expect(index.size).toBe(3);
    expect([...index].map(([name, c]) => [name, c.count]).sort()).toEqual([['a', 0], ['b', 4], ['z', 0]]);
  });

  it('retains only the names a test keeps, listed and set ones alike', () => {
    const index = new ColdIndex({ names: ['a', 'b', 'c', 'd'], first: [10, 20, 30, 40], parts: [0, 1, 2, 3, 4], sizes: [1, 5, 1, 5, 1, 5, 1, 5] }, reader);
    index.set('y', { count: 0, parts: [] });
    index.set('z', { count: 0, parts: [] });
    expect(index.delete('d')).toBe(true);
    index.retain((name) => name === 'b' || name === 'd' || name === 'z');
    expect([...index.keys()].sort()).toEqual(['b', 'z']);
    expect(index.size).toBe(2);
    expect(index.has('a') || index.has('c') || index.has('y') || index.has('d')).toBe(false);
    expect(index.get('b')!.count).toBe(1);
  });

  // A file's index searches its names as read (NameList); a compaction's, a compact NameTable.
  it.each([
    ['a NameList', NameList, (names: string[]) => names],
    ['a NameTable', NameTable, (names: string[]) => NameTable.from(names)],
  ] as const)('over %s: answers a name it cannot hold without searching, and still finds names that share an ending', (_, kind, hold) => {
    // 2,000 names, sorted; two of them end like names that are not listed (same last 12 characters).
    const names = Array.from({ length: 2000 }, (_, i) => `w/default/tasks/${String(i * 7919).padStart(12, '0')}`).sort();
    const lists = { names: hold(names), first: names.map((_, i) => 10 * i), parts: names.map((_, i) => i).concat(names.length), sizes: names.flatMap(() => [1, 5]) };
    const index = new ColdIndex(lists as IndexLists | HeldLists, reader);
    const searches = vi.spyOn(kind.prototype, 'indexOf');
    const hashed = vi.spyOn(kind.prototype, 'forEachEndHash');
    // The first look-ups search without it (a start's few): it is made once they are many.
    for (let i = 0; i < FILTER_AFTER; i++) expect(index.has(names[i]!)).toBe(true);
    expect(hashed).not.toHaveBeenCalled();
    expect(searches).toHaveBeenCalledTimes(FILTER_AFTER);
    expect(index.has(names[1234]!)).toBe(true);
    expect(hashed).toHaveBeenCalledTimes(1);
    let searched = 0;
    for (let i = 0; i < 1000; i++) {
      searches.mockClear();
      expect(index.get(`w/default/checks/x${i}-absent-name`)).toBeUndefined();
      searched += searches.mock.calls.length;
    }
    // Without the filter every miss searches; with it, only false hits do.
    expect(searched).toBeLessThan(50);
    const twin = names[42]!.replace('tasks', 'notes'); // same ending as a listed name: searched, and not found
    searches.mockClear();
    expect(index.has(twin)).toBe(false);
    expect(searches).toHaveBeenCalledTimes(1);
    expect(index.get(names[42]!)!.count).toBe(1);
    expect(index.get(names.at(-1)!)!.count).toBe(1);
    expect([...index.keys()]).toHaveLength(names.length);
    expect(index.copy().has(names[7]!)).toBe(true);
    // A name that has left the lists is not found even though its bit stays set.
    expect(index.delete(names[7]!)).toBe(true);
    expect(index.has(names[7]!)).toBe(false);
    expect(hashed).toHaveBeenCalledTimes(1); // made once, shared by the copy
    searches.mockRestore();
    hashed.mockRestore();
  });

  it('refuses lists that do not fit, naming the problem', () => {
    expect(checkIndexLists(lists(), 5, 100)).toBeNull();
    expect(checkIndexLists({ ...lists(), names: ['b', 'a', 'c'] }, 5, 100)).toMatch(/out of order/);
    expect(checkIndexLists({ ...lists(), parts: [0, 1, 3] }, 5, 100)).toMatch(/do not fit/);
    expect(checkIndexLists(lists(), 5, 42)).toMatch(/bad index entry for c \(past the index\)/);
    expect(checkIndexLists({ ...lists(), first: [1, 20, 40] }, 5, 100)).toMatch(/bad index entry for a/);
    expect(checkIndexLists({ ...lists(), sizes: [2, 5, 1, -4, 3, 9, 7, 2] }, 5, 100)).toMatch(/bad index entry for b/);
    expect(checkIndexLists(null, 5, 100)).toMatch(/not an object/);
  });
});

describe('JournalStore over a ColdIndex', () => {
  const tempDir = tempDirs('pfs-cold-');

  it("searches a compaction's index in a compact NameTable, and finds every collection the file holds", async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir);
    const id = (i: number) => `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const cols = Array.from({ length: 40 }, (_, i) => `w/default/${i % 2 ? 'audit' : 'tasks'}/${id(i)}`);
    store.commit(cols.map((col) => ({ op: 'put' as const, col, id: 'a', doc: { id: 'a', col } })));
    const build = vi.spyOn(NameTable, 'build');
    await store.compact();
    expect(build).toHaveBeenCalledTimes(1);
    const searches = vi.spyOn(NameTable.prototype, 'indexOf');
    for (const col of cols) expect(store.get(col, 'a')).toEqual({ id: 'a', col }); // left memory at the compaction: read back through the index
    expect(searches.mock.calls.length).toBeGreaterThanOrEqual(cols.length);
    expect(store.get('w/default/audit/absent', 'a')).toBeUndefined();
    await store.close();
    vi.restoreAllMocks();
  });

  it('keeps every collection through compactions that write from a NameTable index and a restart, with thousands of UUID names', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir, { compactAfterBytes: 1e9, compactSliceMs: 0 });
    const uuid = (i: number) => `${(i * 2_654_435_761 >>> 0).toString(16).padStart(8, '0')}-${String(i % 10_000).padStart(4, '0')}-4000-8000-${String(i).padStart(12, '0')}`;
    // 3 x 3,000 collections: the groups are packed in several pieces of 4,096 names and more.
    const cols = ['audit', 'tasks', 'checks'].flatMap((kind) => Array.from({ length: 3_000 }, (_, i) => `w/default/${kind}/${uuid(i)}`));
    store.commit(cols.map((col) => ({ op: 'add' as const, col, id: 'a', doc: { id: 'a', col } })));
    store.commit([{ op: 'put', col: 'w/default/meta', id: 'm', doc: { id: 'm' } }]);
    await store.compact(); // in memory -> the file; the index it writes is a NameTable
    // Changes between compactions: one collection read and changed, one dropped, one added.
    store.commit([
      { op: 'put', col: cols[10]!, id: 'b', doc: { id: 'b' } },
      { op: 'del', col: cols[20]!, id: 'a' },
      { op: 'put', col: `w/default/audit/${uuid(9_999)}`, id: 'a', doc: { id: 'a' } },
    ]);
    await store.compact(); // copies the collections nobody read from the file, through the table
    await store.close();
    const reopened = await JournalStore.open(dir);
    for (const [i, col] of cols.entries()) {
      if (i === 20) expect(reopened.size(col)).toBe(0);
      else expect(reopened.get(col, 'a'), col).toEqual({ id: 'a', col });
    }
    expect(reopened.get(cols[10]!, 'b')).toEqual({ id: 'b' });
    expect(reopened.get(`w/default/audit/${uuid(9_999)}`, 'a')).toEqual({ id: 'a' });
    expect(reopened.stats.collections).toBe(cols.length + 1); // one dropped, one added, and meta
    await reopened.close();
  });

  it('a collection dropped while a compaction was written does not come back from the new file', async () => {
    const dir = tempDir();
    const first = await JournalStore.open(dir);
    first.commit([
      { op: 'put', col: 'w/x/a', id: '1', doc: { id: '1' } },
      { op: 'put', col: 'w/y/b', id: '2', doc: { id: '2' } },
    ]);
    await first.close();
    const store = await JournalStore.open(dir); // both cold, in the index
    store.commit([{ op: 'put', col: 'w/z/c', id: '3', doc: { id: '3' } }]);
    const compaction = store.compact();
    await new Promise((r) => setImmediate(r)); // serialised; the write is under way
    store.commit([{ op: 'drop', prefix: 'w/x/' }]);
    await compaction;
    expect(store.size('w/x/a')).toBe(0);
    expect(store.stats).toMatchObject({ collections: 2, documents: 2 });
    expect(store.get('w/y/b', '2')).toEqual({ id: '2' });
    await store.close();
  });
});
