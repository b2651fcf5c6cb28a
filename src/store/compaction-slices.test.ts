import { describe, expect, it } from 'vitest';
import { readSnapshot, tempDirs } from '../../test/support/snapshot-file.js';
import { ColdIndex } from './cold-index.js';
import { JournalStore } from './journal-store.js';
import { Slice } from './slice.js';
import { sortedNames } from './snapshot-file.js';

/**
 * A compaction does its long parts (serialising, sorting the index's names) in slices with the
 * event loop running between them; what it writes must be what one piece of work would have.
 */

const tempDir = tempDirs('pfs-slices-');

describe('sortedNames', () => {
  it('sorts like the built-in sort, across many runs, prefixes and characters beyond ASCII', async () => {
    const names = new Set<string>(['a', 'ab', 'a/b', 'a0', 'Z', 'é', 'e\u0301', '😀', '\uffff', 'w/default/audit/x']);
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    while (names.size < 10_000) names.add(`w/${['default', 'b2'][next() % 2]}/${['audit', 'tasks', 'checks'][next() % 3]}/${next().toString(16)}`);
    const list = [...names];
    const slice = new Slice(0);
    const original = slice.next.bind(slice);
    let pieces = 0;
    slice.next = () => (pieces++, original());
    expect(await sortedNames(list, slice)).toEqual([...list].sort());
    expect(pieces).toBe(6); // runs of 4,096: three sorted; then runs 1+2 merged and 3 passed on; then the last merge
    expect(await sortedNames([], new Slice(0))).toEqual([]);
  });
});

describe('ColdIndex.copy', () => {
  it('keeps the collections as they were when copied, whatever the original does next', () => {
    const reader = (count: number, _offset: number, length: number) => ({ count, length, bytes: () => Buffer.alloc(length), copyTo: (target: Buffer, at: number) => void target.fill(0, at, at + length) });
    const index = new ColdIndex({ names: ['a', 'b', 'c'], first: [10, 20, 30], parts: [0, 1, 2, 3], sizes: [1, 5, 2, 5, 3, 5] }, reader);
    index.set('m', { count: 9, parts: [] });
    const copy = index.copy();
    index.get('a'); // read: leaves the original's lists
    index.delete('b');
    index.delete('m');
    index.set('n', { count: 1, parts: [] });
    expect([...copy].map(([name, c]) => [name, c.count]).sort()).toEqual([['a', 1], ['b', 2], ['c', 3], ['m', 9]]);
    expect([...index.keys()].sort()).toEqual(['a', 'c', 'n']);
  });
});

describe('a sliced compaction', () => {
  it('writes an index of more names than one sort run, in order, and reads every collection back', async () => {
    const dir = tempDir();
    const first = await JournalStore.open(dir, { compactAfterBytes: 1e9, compactSliceMs: 0 });
    const names = Array.from({ length: 9_000 }, (_, i) => `w/x/${((i * 7_919) % 9_000).toString(36)}`);
    first.commit(names.map((col, i) => ({ op: 'put' as const, col, id: 'a', doc: { id: 'a', i } })));
    await first.close(); // compacts: everything in memory
    const second = await JournalStore.open(dir, { compactAfterBytes: 1e9, compactSliceMs: 0 });
    second.commit([{ op: 'put', col: 'w/y/new', id: 'b', doc: { id: 'b' } }]);
    expect(second.get('w/x/0', 'a')).toEqual({ id: 'a', i: 0 }); // read: in memory; the rest stay unread
    await second.compact(); // unread ones from the copied index, the others serialised
    await second.close();
    const snapshot = readSnapshot(dir); // checks the names are sorted
    expect(snapshot.lines.size).toBe(9_001);
    const third = await JournalStore.open(dir);
    names.forEach((col, i) => expect(third.get(col, 'a')).toEqual({ id: 'a', i }));
    expect(third.get('w/y/new', 'b')).toEqual({ id: 'b' });
    await third.close();
  });
});
