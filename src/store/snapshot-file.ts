import fs from 'node:fs';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { checkIndexLists, ColdIndex, type HeldLists, type IndexLists, type PartReader } from './cold-index.js';
import type { ColdMap, ColdPart } from './memory-store.js';
import { Slice } from './slice.js';
import { StoreWriteError } from './store.js';
import { encodeThrough, readText } from './large-io.js';
import { NameTable } from './name-table.js';

/**
 * The snapshot file, as a lowdb adapter (lowdb's own TextFile writes it: a temporary file, then a
 * rename, so a crash leaves the old snapshot or the new one, never half of one).
 *
 * Format 4, all text:
 *
 *     {"format":"passfort-sandbox/4","generation":7}
 *     {"<id>":{…},"<id>":{…}}                      one line per collection part: its documents
 *     …
 *     {"names":[[…],[…]],"first":[[…]],"parts":[[…]],"sizes":[[…]]}
 *                                                  the index, as parallel lists: names sorted,
 *                                                  each one's first line, where its parts start
 *                                                  in `sizes`, and each part's document count
 *                                                  and length; each list in runs of INDEX_RUN
 *     {"index":<offset of the index line>}
 *
 * A start reads the header, the last line and the index, and nothing else: each collection is
 * read from the file and parsed when it is first used (MemoryStore.cold, a ColdIndex over the
 * lists: no object per collection until it is asked for). With 10,000 profiles
 * that is ~40,000 collections and 90 MB, of which a restart used to parse every byte. A
 * collection of more than PART_DOCS documents is written in parts of that many, so that the
 * newest page of profiles after a restart parses one part of ~300 KB, not all 6 MB.
 * Format 3 (the same with each list whole), format 2 (one line per collection and
 * `[name,count,offset,bytes]` in the index) and format 1 (one JSON object) are still read.
 */

export const FORMAT_1 = 'passfort-sandbox/1';
export const FORMAT_2 = 'passfort-sandbox/2';
export const FORMAT_3 = 'passfort-sandbox/3';
export const FORMAT_4 = 'passfort-sandbox/4';
/** The number of the format this version writes (FORMAT_4's); a file of a later one came from a newer version. */
const LATEST_FORMAT = Number(FORMAT_4.slice(FORMAT_4.lastIndexOf('/') + 1));
/**
 * Items per run of an index list. JSON.parse gathers an array's items in a buffer of 8 bytes
 * each before it makes the array: the names of 10,000 profiles' collections (~124,000) made it
 * 1 MB, a block glibc maps and unmaps on its own and, once freed, never again gives back below
 * that size (see large-io.ts). Runs of 8,192 keep that buffer at 64 KB.
 */
export const INDEX_RUN = 8192;
/** Documents per part of a large collection. */
export const PART_DOCS = 500;

export interface Snapshot {
  generation: number;
  collections: ColdMap;
  /** Format 1 (one JSON object holding everything, before format 2): documents already parsed. */
  parsed?: Record<string, Record<string, unknown>>;
}

/** Exactly `length` bytes at `offset`, or an error naming the file if it ends before. */
function readExactly(fd: number, file: string, offset: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  readInto(fd, file, offset, length, buf, 0);
  return buf;
}

const cutShort = (file: string) => new StoreWriteError(`${file} ended early (the snapshot was cut short)`, null);

function readInto(fd: number, file: string, offset: number, length: number, target: Buffer, at: number): void {
  for (let done = 0; done < length; ) {
    const n = fs.readSync(fd, target, at + done, length - done, offset + done);
    if (n === 0) throw cutShort(file);
    done += n;
  }
}

/** The file a snapshot was read from, kept open so that its collections can be read on use. */
class OpenSnapshot {
  constructor(
    readonly fd: number,
    readonly file: string,
  ) {}

  readonly part: PartReader = (count, offset, length) => new SnapshotPart(this, count, offset, length);
}

/** A class, not a closure per part. */
class SnapshotPart implements ColdPart {
  constructor(
    readonly snapshot: OpenSnapshot,
    readonly count: number,
    readonly offset: number,
    readonly length: number,
  ) {}

  bytes(): Buffer {
    return readExactly(this.snapshot.fd, this.snapshot.file, this.offset, this.length);
  }

  copyTo(target: Buffer, at: number): void {
    readInto(this.snapshot.fd, this.snapshot.file, this.offset, this.length, target, at);
  }
}

/**
 * Index lists from [name, first offset, count, length, count, length, …] entries, in any order,
 * one per name; `sort` puts the names in order (sortedNames when the event loop must go on).
 */
async function toLists(entries: (string | number)[][], sort: (names: string[]) => string[] | Promise<string[]>): Promise<IndexLists> {
  const byName = new Map(entries.map((entry) => [entry[0] as string, entry]));
  // Every entry's name, repeats too: a damaged index that names a collection twice must still fail checkIndexLists.
  const lists: IndexLists = { names: await sort(entries.map((entry) => entry[0] as string)), first: [], parts: [0], sizes: [] };
  for (const name of lists.names) {
    const entry = byName.get(name)!;
    lists.first.push(entry[1] as number);
    for (let i = 2; i < entry.length; i++) lists.sizes.push(entry[i] as number);
    lists.parts.push(lists.sizes.length / 2);
  }
  return lists;
}

const LISTS = ['names', 'first', 'parts', 'sizes'] as const;

/** The index lists as format 4 writes them: each one in runs of INDEX_RUN items. */
function inRuns(lists: IndexLists): Record<(typeof LISTS)[number], unknown[][]> {
  const runs = (list: unknown[]) => Array.from({ length: Math.ceil(list.length / INDEX_RUN) }, (_, i) => list.slice(i * INDEX_RUN, (i + 1) * INDEX_RUN));
  return { names: runs(lists.names), first: runs(lists.first), parts: runs(lists.parts), sizes: runs(lists.sizes) };
}

/** Format 4's runs joined back into lists; anything else as it came, for checkIndexLists to refuse. */
function joinRuns(index: unknown): unknown {
  if (!index || typeof index !== 'object') return index;
  const out: Record<string, unknown> = {};
  for (const key of LISTS) {
    const runs = (index as Record<string, unknown>)[key];
    if (!Array.isArray(runs) || !runs.every((run) => Array.isArray(run))) return {}; // "lacks a list"
    const list: unknown[] = [];
    for (const run of runs as unknown[][]) for (const item of run) list.push(item);
    out[key] = list.slice(); // at its exact size (see HeldLists)
  }
  return out;
}

/** Names sorted in runs of this many, then merged. */
const SORT_RUN = 4096;

/**
 * Names in UTF-16 order (what `<` and the built-in sort use), with the event loop let run
 * between pieces: runs sorted by the built-in sort, then merged two by two. ~100,000 collection
 * names sharing long prefixes took ~180 ms to sort in one go, during which nothing else ran.
 */
export async function sortedNames(names: string[], slice: Slice): Promise<string[]> {
  let runs: string[][] = [];
  for (let i = 0; i < names.length; i += SORT_RUN) {
    await slice.next();
    runs.push(names.slice(i, i + SORT_RUN).sort());
  }
  while (runs.length > 1) {
    const merged: string[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      await slice.next();
      merged.push(i + 1 < runs.length ? merge(runs[i]!, runs[i + 1]!) : runs[i]!);
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

function merge(a: string[], b: string[]): string[] {
  const out: string[] = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

const TAIL_BYTES = 64;
const WRITE_CHUNK = 1024 * 1024;
const NEWLINE = Buffer.from('\n');
const NEWLINE_BYTE = 10;

export class SnapshotFile implements Adapter<Snapshot | null> {
  readonly #file: string;
  readonly #text: TextFile;
  readonly #rewritten: (collections: ColdIndex) => void;
  #open: OpenSnapshot | null = null;
  /** The buffer every write fills chunk by chunk; made at the first write and kept. */
  #chunk: Buffer | null = null;

  /**
   * `rewritten` gets every collection as it now is in the new file, right after a write and
   * before the previous file is closed: collections that still refer to the previous file must
   * be replaced by these then, in the same turn, or they could not be read any more.
   */
  constructor(
    file: string,
    rewritten: (collections: ColdIndex) => void,
    /** How long a write indexes before it lets the event loop run (ms; see Slice and JournalStoreOptions.compactSliceMs). */
    readonly sliceMs: number,
  ) {
    this.#file = file;
    this.#text = new TextFile(file);
    this.#rewritten = rewritten;
  }

  async read(): Promise<Snapshot | null> {
    let fd: number;
    try {
      fd = fs.openSync(this.#file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      const snapshot = await this.#readOpen(fd);
      // Format 1 was parsed whole; nothing refers to the file afterwards.
      if (snapshot.parsed) fs.closeSync(fd);
      return snapshot;
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  async #readOpen(fd: number): Promise<Snapshot> {
    const size = fs.fstatSync(fd).size;
    const readAt = (offset: number, length: number) => readText(fd, offset, length, () => cutShort(this.#file));
    const notOurs = () => new StoreWriteError(`${this.#file} is not a passfort-sandbox snapshot`, null);
    const damaged = (why: string) => new StoreWriteError(`${this.#file} is damaged (${why}); restore it or start with a new --data-dir`, null);
    const head = readAt(0, Math.min(size, 256));
    const headEnd = head.indexOf('\n');
    let header: { format?: unknown; generation?: unknown };
    try {
      header = JSON.parse(headEnd < 0 ? head : head.slice(0, headEnd)) as typeof header;
    } catch {
      header = {};
    }
    // Format 1 is one JSON object on one line, read and parsed whole.
    if (header.format === FORMAT_1 || (headEnd < 0 && head.startsWith(`{"format":"${FORMAT_1}"`))) {
      const whole = JSON.parse(readAt(0, size)) as { generation: number; collections: Record<string, Record<string, unknown>> };
      return { generation: whole.generation, collections: new Map(), parsed: whole.collections };
    }
    const later = typeof header.format === 'string' ? /^passfort-sandbox\/(\d+)$/.exec(header.format) : null;
    if (later && Number(later[1]) > LATEST_FORMAT) {
      // A data directory a newer version wrote: say so, rather than that it is not ours.
      throw new StoreWriteError(`${this.#file} was written by a newer passfort-sandbox (snapshot format ${later[1]}; this version reads 1 to ${LATEST_FORMAT}): upgrade, or start with a new --data-dir`, null);
    }
    if ((header.format !== FORMAT_2 && header.format !== FORMAT_3 && header.format !== FORMAT_4) || typeof header.generation !== 'number') throw notOurs();
    const tail = readAt(Math.max(0, size - TAIL_BYTES), Math.min(size, TAIL_BYTES));
    const lastLine = tail.slice(tail.lastIndexOf('\n', tail.length - 2) + 1, -1);
    let indexAt: number;
    let index: unknown;
    try {
      indexAt = (JSON.parse(lastLine) as { index: number }).index;
      index = JSON.parse(readAt(indexAt, size - lastLine.length - 1 - indexAt)) as unknown;
    } catch {
      throw damaged('its index is missing or unreadable');
    }
    if (header.format === FORMAT_4) index = joinRuns(index);
    if (header.format === FORMAT_2) {
      // [[name, count, offset, bytes], …]: one part each.
      if (!Array.isArray(index) || !index.every((e) => Array.isArray(e) && e.length === 4)) throw damaged('its index is not a list of entries');
      index = await toLists(
        index.map(([name, count, offset, length]) => [name, offset, count, length]),
        (names) => names.sort(),
      );
    }
    const problem = checkIndexLists(index as Partial<IndexLists> | null, headEnd + 1, indexAt);
    if (problem) throw damaged(problem);
    const open = new OpenSnapshot(fd, this.#file);
    this.#open = open;
    return { generation: header.generation, collections: new ColdIndex(index as IndexLists, open.part) };
  }

  /**
   * Written in chunks of about WRITE_CHUNK bytes, never joined into one buffer: a snapshot of
   * 10,000 profiles is ~90 MB, which joined (with every unused collection's bytes read first)
   * was ~240 MB more memory at each compaction. A part's bytes are made as it is written, then
   * dropped: the bytes of collections nobody read are read from the previous file, which stays
   * open until this write is done; those in memory are serialised then from the documents the
   * caller took (see JournalStore), so later changes are not in them. Serialising them all first
   * held every part at once: ~110 MB of buffers at a compaction during a POST load on 10,000
   * profiles, memory the process kept afterwards. The index comes last, so each part's offset and
   * length are known by the time it is written.
   */
  async write(data: Snapshot | null): Promise<void> {
    if (!data) return;
    const slice = new Slice(this.sliceMs);
    let held: HeldLists | null = null;
    // One buffer, filled with parts and handed over a chunk at a time: fs.writeFile asks for the
    // next chunk only once it has written the last, so the same bytes can be filled again. A
    // Buffer per part (~140,000 parts per compaction with 10,000 profiles, most of a few KB) left
    // glibc's heap fragmented: after POST loads on 10,000 profiles and 40 s idle, 46 MB of RSS
    // was memory freed but kept (malloc_trim gave it back: 150 -> 104 MB).
    const chunk = (this.#chunk ??= Buffer.allocUnsafeSlow(WRITE_CHUNK));
    async function* chunks(): AsyncGenerator<Buffer> {
      const entries: (string | number)[][] = [];
      let used = chunk.write(`${JSON.stringify({ format: FORMAT_4, generation: data!.generation })}\n`);
      let offset = used;
      for (const [name, collection] of data!.collections) {
        const entry: (string | number)[] = [name, offset];
        for (const part of collection.parts) {
          await slice.next();
          const length = part.length;
          if (used + length + 1 > WRITE_CHUNK && used > 0) {
            yield chunk.subarray(0, used);
            used = 0;
          }
          if (length + 1 > WRITE_CHUNK) {
            // Larger than the buffer (a few hundred KB is usual): written from its own bytes.
            yield part.bytes();
            yield NEWLINE;
          } else {
            part.copyTo(chunk, used);
            used += length;
            chunk[used++] = NEWLINE_BYTE;
          }
          entry.push(part.count, length);
          offset += length + 1;
        }
        entries.push(entry);
      }
      const lists = await toLists(entries, (names) => sortedNames(names, slice));
      if (used > 0) yield chunk.subarray(0, used);
      yield* encodeThrough(chunk, `${JSON.stringify(inRuns(lists))}\n${JSON.stringify({ index: offset })}\n`);
      // What the new index holds: its names compact, its lists at their exact size.
      held = { names: await NameTable.build(lists.names, slice), first: lists.first.slice(), parts: lists.parts.slice(), sizes: lists.sizes.slice() };
    }
    // steno hands what it is given to fs.writeFile, which writes an async iterable of Buffers chunk by chunk.
    await this.#text.write(chunks() as unknown as string);
    const previous = this.#open;
    const open = (this.#open = new OpenSnapshot(fs.openSync(this.#file, 'r'), this.#file));
    this.#rewritten(new ColdIndex(held!, open.part));
    // The old file was replaced by the rename: closing its last descriptor frees it, which for a
    // snapshot of 100+ MB took 30-60 ms on the main thread. Nothing reads it after the swap above.
    if (previous) await new Promise<void>((resolve) => fs.close(previous.fd, () => resolve()));
  }

  close(): void {
    if (this.#open) fs.closeSync(this.#open.fd);
    this.#open = null;
  }
}
