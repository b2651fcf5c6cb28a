import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSnapshot, tempDirs } from '../../test/support/snapshot-file.js';
import { JournalStore } from './journal-store.js';
import { encodeThrough } from './large-io.js';
import { FORMAT_4, INDEX_RUN, PART_DOCS } from './snapshot-file.js';

/**
 * Large collections are written in parts of PART_DOCS documents, and `slice` reads a range of
 * positions from a collection not read yet by parsing only the parts that hold it (the newest
 * page of profiles after a restart).
 */

const tempDir = tempDirs('pfs-parts-');
afterEach(() => vi.restoreAllMocks());

const N = PART_DOCS * 2 + 37;
const doc = (i: number) => ({ id: `id${i}`, n: i });
const ids = (docs: { id: string }[]) => docs.map((d) => d.id);

/** A data directory whose snapshot holds `N` documents in `big` (3 parts) and one in `small`. */
async function filled(): Promise<string> {
  const dir = tempDir();
  const store = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
  for (let i = 0; i < N; i += 100) {
    store.commit(Array.from({ length: Math.min(100, N - i) }, (_, k) => ({ op: 'put' as const, col: 'big', id: `id${i + k}`, doc: doc(i + k) })));
  }
  store.commit([{ op: 'put', col: 'small', id: 's', doc: { id: 's' } }]);
  await store.close(); // compacts: no snapshot yet
  return dir;
}

/** A snapshot file written by hand: its header, part lines and the index made from their byte offsets. */
function writeSnapshot(dir: string, head: { format: string; generation: number }, lines: string[], index: (offsets: number[]) => unknown): void {
  let text = `${JSON.stringify(head)}\n`;
  const offsets = lines.map((line) => {
    const at = Buffer.byteLength(text);
    text += `${line}\n`;
    return at;
  });
  const indexAt = Buffer.byteLength(text);
  fs.writeFileSync(path.join(dir, 'snapshot.json'), `${text}${JSON.stringify(index(offsets))}\n${JSON.stringify({ index: indexAt })}\n`);
}

describe('JournalStore: large collections in parts', () => {
  it('writes a collection of more than PART_DOCS documents as parts of PART_DOCS, in order', async () => {
    const dir = await filled();
    const { header, lines } = readSnapshot(dir);
    expect(header).toEqual({ format: FORMAT_4, generation: 1 });
    const big = lines.get('big')!;
    expect(big.parts.map((p) => p.count)).toEqual([PART_DOCS, PART_DOCS, 37]);
    expect(big.parts.flatMap((p) => Object.keys(JSON.parse(p.json) as object))).toEqual(Array.from({ length: N }, (_, i) => `id${i}`));
    expect(lines.get('small')!.parts).toHaveLength(1);
  });

  it('after a restart, reads the last positions by parsing only the last part, and leaves the collection unread', async () => {
    const dir = await filled();
    const store = await JournalStore.open(dir);
    const parse = vi.spyOn(JSON, 'parse');
    const newest = store.slice<{ id: string }>('big', N - 5, N);
    const first = parse.mock.calls.map(([text]) => text as string);
    // Across a part boundary: two parts, of which the last was parsed already.
    const across = store.slice<{ id: string }>('big', PART_DOCS * 2 - 2, PART_DOCS * 2 + 2);
    const second = parse.mock.calls.slice(first.length).map(([text]) => text as string);
    parse.mockRestore();
    expect(ids(newest)).toEqual(Array.from({ length: 5 }, (_, i) => `id${N - 5 + i}`));
    // Parsed: the last part only (37 documents), not all 1,037.
    expect(first.map((text) => Object.keys(JSON.parse(text) as object).length)).toEqual([37]);
    expect(ids(across)).toEqual([998, 999, 1000, 1001].map((i) => `id${i}`));
    expect(second.map((text) => Object.keys(JSON.parse(text) as object).length)).toEqual([PART_DOCS]);
    expect(store.stats.inMemory).toBe(0);
    await store.close();
  });

  it('a full read or a write after a partial read holds every document once, in order', async () => {
    const dir = await filled();
    const store = await JournalStore.open(dir);
    const part = store.slice<{ id: string; n: number }>('big', N - 1, N)[0]!;
    expect([...store.values('big')]).toHaveLength(N);
    expect(store.get('big', part.id)).toBe(part); // the documents the slice gave are the ones kept
    store.commit([{ op: 'put', col: 'big', id: 'id0', doc: { id: 'id0', n: -1 } }, { op: 'put', col: 'big', id: 'new', doc: { id: 'new', n: N } }]);
    await store.close();
    const again = await JournalStore.open(dir);
    const all = [...again.values<{ id: string; n: number }>('big')];
    expect(all).toHaveLength(N + 1);
    expect(all[0]).toEqual({ id: 'id0', n: -1 });
    expect(ids(all.slice(-2))).toEqual([`id${N - 1}`, 'new']);
    await again.close();
  });

  it('a compaction copies the parts of a collection nobody read as the same bytes', async () => {
    const dir = await filled();
    const before = readSnapshot(dir).lines.get('big')!.parts.map((p) => p.json);
    const store = await JournalStore.open(dir);
    store.slice('big', 0, 1); // read by position only: still copied as it was
    store.commit([{ op: 'put', col: 'other', id: 'o', doc: { id: 'o' } }]);
    await store.compact();
    expect(readSnapshot(dir).lines.get('big')!.parts.map((p) => p.json)).toEqual(before);
    expect(ids(store.slice('big', N - 2, N))).toEqual([`id${N - 2}`, `id${N - 1}`]); // read from the new file
    await store.close();
  });

  it('writes a snapshot larger than its write chunks (1 MB) whole, and reads every document back', async () => {
    const dir = tempDir();
    const store = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
    const pad = (i: number) => String(i % 10).repeat(100_000);
    for (let i = 0; i < 30; i++) store.commit([{ op: 'put', col: `c${i % 3}`, id: `d${i}`, doc: { id: `d${i}`, pad: pad(i) } }]);
    await store.close(); // compacts: ~3 MB, three chunks or more
    expect(fs.statSync(path.join(dir, 'snapshot.json')).size).toBeGreaterThan(3_000_000);
    const again = await JournalStore.open(dir);
    again.commit([{ op: 'put', col: 'c0', id: 'x', doc: { id: 'x' } }]);
    await again.compact(); // c1 and c2 unread: copied from the previous file while it is written
    await again.close();
    const third = await JournalStore.open(dir);
    expect(third.stats).toMatchObject({ collections: 3, documents: 31 });
    for (let i = 0; i < 30; i++) expect(third.get<{ pad: string }>(`c${i % 3}`, `d${i}`)?.pad).toBe(pad(i));
    await third.close();
  });

  it('still reads a format 2 snapshot (one line per collection) and rewrites it as format 4', async () => {
    const dir = tempDir();
    const line = JSON.stringify({ b: { id: 'b' }, a: { id: 'a' } });
    writeSnapshot(dir, { format: 'passfort-sandbox/2', generation: 2 }, [line], ([at]) => [['p', 2, at, line.length]]);
    const store = await JournalStore.open(dir);
    expect(store.size('p')).toBe(2);
    expect(ids(store.slice('p', 1, 2))).toEqual(['a']);
    store.commit([{ op: 'put', col: 'p', id: 'c', doc: { id: 'c' } }]);
    await store.compact();
    await store.close();
    const { header: written, lines } = readSnapshot(dir);
    expect(written).toEqual({ format: FORMAT_4, generation: 3 });
    expect(Object.keys(JSON.parse(lines.get('p')!.json) as object)).toEqual(['b', 'a', 'c']);
  });

  it('still reads a format 3 snapshot (each index list whole) and rewrites it as format 4', async () => {
    const dir = tempDir();
    const line = JSON.stringify({ b: { id: 'b' }, a: { id: 'a' } });
    writeSnapshot(dir, { format: 'passfort-sandbox/3', generation: 5 }, [line], ([at]) => ({ names: ['p'], first: [at], parts: [0, 1], sizes: [2, line.length] }));
    const store = await JournalStore.open(dir);
    expect(ids(store.slice('p', 0, 2))).toEqual(['b', 'a']);
    store.commit([{ op: 'put', col: 'p', id: 'c', doc: { id: 'c' } }]);
    await store.compact();
    await store.close();
    const { header: written, lines } = readSnapshot(dir);
    expect(written).toEqual({ format: FORMAT_4, generation: 6 });
    expect(Object.keys(JSON.parse(lines.get('p')!.json) as object)).toEqual(['b', 'a', 'c']);
  });

  it('writes each index list in runs of INDEX_RUN items, and reads them back', async () => {
    const dir = tempDir();
    const n = INDEX_RUN + 10;
    const store = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
    store.commit(Array.from({ length: n }, (_, i) => ({ op: 'put' as const, col: `c${i}`, id: 'x', doc: { id: 'x', i } })));
    await store.close();
    const text = fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8').split('\n');
    const runs = JSON.parse(text[text.length - 3]!) as Record<string, unknown[][]>;
    expect(runs.names!.map((run) => run.length)).toEqual([INDEX_RUN, 10]);
    expect(runs.sizes!.map((run) => run.length)).toEqual([INDEX_RUN, INDEX_RUN, 2 * n - 2 * INDEX_RUN]);
    expect(readSnapshot(dir).lines.size).toBe(n);
    const again = await JournalStore.open(dir);
    expect(again.get<{ i: number }>(`c${n - 1}`, 'x')?.i).toBe(n - 1);
    expect(again.get<{ i: number }>('c0', 'x')?.i).toBe(0);
    expect(again.stats).toMatchObject({ collections: n, documents: n });
    await again.close();
  });

  it('refuses a format 4 snapshot whose index list is not in runs', async () => {
    const dir = tempDir();
    const line = JSON.stringify({ a: { id: 'a' } });
    writeSnapshot(dir, { format: FORMAT_4, generation: 2 }, [line], ([at]) => ({ names: ['p'], first: [[at]], parts: [[0, 1]], sizes: [[1, line.length]] }));
    await expect(JournalStore.open(dir)).rejects.toThrow(/is damaged \(its index lacks a list\)/);
  });

  it('refuses a format 2 snapshot whose index names a collection twice', async () => {
    const dir = tempDir();
    const line = JSON.stringify({ a: { id: 'a' } });
    writeSnapshot(dir, { format: 'passfort-sandbox/2', generation: 2 }, [line, line], ([first, second]) => [
      ['p', 1, first, line.length],
      ['p', 1, second, line.length],
    ]);
    await expect(JournalStore.open(dir)).rejects.toThrow(/is damaged \(bad index entry for p \(names out of order\)\)/);
  });

  it('writes parts across its 1 MB chunks, a part larger than a chunk, and parts copied from the old file, byte for byte', async () => {
    // The writer fills one buffer with many parts (SnapshotFile.write); every way a part can meet
    // a chunk's end must come out as the same documents, in the same places.
    const dir = tempDir();
    const big = 'x'.repeat(1_500_000); // one document larger than a chunk
    const medium = (i: number) => ({ id: `m${i}`, text: `${'\u00e9'.repeat(20_000)}${i}` }); // ~40 KB each, two bytes a character
    let store = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
    for (let i = 0; i < 60; i++) store.commit([{ op: 'put', col: `c${i}`, id: `m${i}`, doc: medium(i) }]);
    store.commit([{ op: 'put', col: 'huge', id: 'h', doc: { id: 'h', big } }]);
    for (let i = 60; i < 90; i++) store.commit([{ op: 'put', col: `c${i}`, id: `m${i}`, doc: medium(i) }]);
    await store.close();
    const first = readSnapshot(dir);
    expect(first.lines.get('huge')!.parts[0]!.json.length).toBeGreaterThan(1024 * 1024);

    // Reopened: nothing read, so a compaction copies every part from the old file into the new.
    store = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
    store.commit([{ op: 'put', col: 'touched', id: 't', doc: { id: 't' } }]);
    await store.compact();
    const second = readSnapshot(dir);
    for (const [name, line] of first.lines) expect(second.lines.get(name)!.parts.map((part) => part.json)).toEqual(line.parts.map((part) => part.json));
    for (let i = 0; i < 90; i++) expect(store.get(`c${i}`, `m${i}`)).toEqual(medium(i));
    expect(store.get<{ big: string }>('huge', 'h')!.big).toBe(big);
    await store.close();

    // And read back after a restart from what the copy wrote.
    store = await JournalStore.open(dir);
    for (let i = 0; i < 90; i += 7) expect(store.get(`c${i}`, `m${i}`)).toEqual(medium(i));
    expect(store.get<{ big: string }>('huge', 'h')!.big).toBe(big);
    expect(store.get('touched', 't')).toEqual({ id: 't' });
    await store.close();
  });

  it('writes an index line larger than a chunk through it, a surrogate pair at a piece boundary included', async () => {
    // The piece is a third of the 1 MB chunk; this text puts an emoji across that boundary.
    const piece = Math.floor((1024 * 1024) / 3);
    const text = `${'a'.repeat(piece - 1)}\u{1F600}${'\u00e9'.repeat(piece)}\u{1F600}z`;
    const chunk = Buffer.alloc(1024 * 1024);
    const pieces: Buffer[] = [];
    for (const written of encodeThrough(chunk, text)) pieces.push(Buffer.from(written)); // copied before the next: the chunk is reused
    expect(pieces.length).toBeGreaterThan(2);
    expect(Buffer.concat(pieces).equals(Buffer.from(text))).toBe(true);

    // ~22,000 collections named with non-ASCII letters and emoji: an index line of ~1.7 MB.
    const dir = tempDir();
    const name = (i: number) => `w/\u00e9quipe-\u{1F600}/audit/${String(i).padStart(40, '0')}`;
    let store = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
    for (let i = 0; i < 22_000; i += 500) store.commit(Array.from({ length: 500 }, (_, k) => ({ op: 'put' as const, col: name(i + k), id: 'a', doc: { id: 'a', i: i + k } })));
    await store.close();
    const index = fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8').trimEnd().split('\n').at(-2)!;
    expect(Buffer.byteLength(index)).toBeGreaterThan(1024 * 1024);
    store = await JournalStore.open(dir);
    for (let i = 0; i < 22_000; i += 997) expect(store.get(name(i), 'a')).toEqual({ id: 'a', i });
    expect(store.stats.collections).toBe(22_000);
    await store.close();
  });
});
