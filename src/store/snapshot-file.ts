import fs from 'node:fs';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import type { ColdCollection, ColdPart } from './memory-store.js';
import { StoreWriteError } from './store.js';

/**
 * The snapshot file, as a lowdb adapter (lowdb's own TextFile writes it: a temporary file, then a
 * rename, so a crash leaves the old snapshot or the new one, never half of one).
 *
 * Format 3, all text:
 *
 *     {"format":"passfort-sandbox/3","generation":7}
 *     {"<id>":{…},"<id>":{…}}                      one line per collection part: its documents
 *     …
 *     [["<collection>",<offset>,<count>,<bytes>,…],…]  the index: each collection's first line,
 *                                                  then documents and length of each part
 *     {"index":<offset of the index line>}
 *
 * A start reads the header, the last line and the index, and nothing else: each collection is
 * read from the file and parsed when it is first used (MemoryStore.cold). With 10,000 profiles
 * that is ~40,000 collections and 90 MB, of which a restart used to parse every byte. A
 * collection of more than PART_DOCS documents is written in parts of that many, so that the
 * newest page of profiles after a restart parses one part of ~300 KB, not all 6 MB.
 * Format 2 (the same with one line per collection and `[name,count,offset,bytes]` in the index)
 * and format 1 (one JSON object) are still read.
 */

export const FORMAT_1 = 'passfort-sandbox/1';
export const FORMAT_2 = 'passfort-sandbox/2';
export const FORMAT_3 = 'passfort-sandbox/3';
/** Documents per part of a large collection. */
export const PART_DOCS = 500;

export interface Snapshot {
  generation: number;
  /** In file order. */
  collections: Map<string, ColdCollection>;
  /** Format 1 (one JSON object holding everything, before format 2): documents already parsed. */
  parsed?: Record<string, Record<string, unknown>>;
}

/** Exactly `length` bytes at `offset`, or an error naming the file if it ends before. */
function readExactly(fd: number, file: string, offset: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  for (let done = 0; done < length; ) {
    const n = fs.readSync(fd, buf, done, length - done, offset + done);
    if (n === 0) throw new StoreWriteError(`${file} ended early (the snapshot was cut short)`, null);
    done += n;
  }
  return buf;
}

/** The file a snapshot was read from, kept open so that its collections can be read on use. */
class OpenSnapshot {
  constructor(
    readonly fd: number,
    readonly file: string,
  ) {}

  /**
   * A collection whose parts are consecutive lines from `offset`; `sizes` holds each part's
   * document count and length in turn from `from` (the index entry after name and offset).
   */
  collection(offset: number, sizes: readonly unknown[], from: number, count: number): ColdCollection {
    return new IndexedCollection(this, offset, sizes as readonly number[], from, count);
  }
}

/**
 * A collection as its index entry says, with its parts made on first use: a restart on 10,000
 * profiles makes ~40,000 of these, one object each, and few are ever read.
 */
class IndexedCollection implements ColdCollection {
  #parts: ColdPart[] | null = null;

  constructor(
    readonly snapshot: OpenSnapshot,
    readonly offset: number,
    readonly sizes: readonly number[],
    readonly from: number,
    readonly count: number,
  ) {}

  get parts(): ColdPart[] {
    if (!this.#parts) {
      this.#parts = [];
      for (let i = this.from, at = this.offset; i < this.sizes.length; at += this.sizes[i + 1]! + 1, i += 2) {
        this.#parts.push(new SnapshotPart(this.snapshot, this.sizes[i]!, at, this.sizes[i + 1]!));
      }
    }
    return this.#parts;
  }
}

/** A class, not a closure: a restart on 10,000 profiles makes ~40,000 of them. */
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
}

/**
 * The documents in the parts `sizes` describes from `from` ((count, length) pairs), or -1 unless
 * they are whole numbers whose lines, from `offset`, end before `limit`.
 */
function countParts(sizes: unknown[], from: number, offset: number, limit: number): number {
  if (sizes.length - from < 2 || (sizes.length - from) % 2 !== 0) return -1;
  let end = offset;
  let documents = 0;
  for (let i = from; i < sizes.length; i += 2) {
    const [count, length] = [sizes[i], sizes[i + 1]];
    if (!Number.isInteger(count) || !Number.isInteger(length) || (count as number) < 0 || (length as number) < 0) return -1;
    end += (length as number) + 1;
    documents += count as number;
  }
  return end <= limit ? documents : -1;
}

const TAIL_BYTES = 64;

export class SnapshotFile implements Adapter<Snapshot | null> {
  readonly #file: string;
  readonly #text: TextFile;
  readonly #rewritten: (collections: Map<string, ColdCollection>) => void;
  #open: OpenSnapshot | null = null;

  /**
   * `rewritten` gets every collection as it now is in the new file, right after a write and
   * before the previous file is closed: collections that still refer to the previous file must
   * be replaced by these then, in the same turn, or they could not be read any more.
   */
  constructor(file: string, rewritten: (collections: Map<string, ColdCollection>) => void) {
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
      const snapshot = this.#readOpen(fd);
      // Format 1 was parsed whole; nothing refers to the file afterwards.
      if (snapshot.parsed) fs.closeSync(fd);
      return snapshot;
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  #readOpen(fd: number): Snapshot {
    const size = fs.fstatSync(fd).size;
    const readAt = (offset: number, length: number) => readExactly(fd, this.#file, offset, length).toString('utf8');
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
    if ((header.format !== FORMAT_2 && header.format !== FORMAT_3) || typeof header.generation !== 'number') throw notOurs();
    const tail = readAt(Math.max(0, size - TAIL_BYTES), Math.min(size, TAIL_BYTES));
    const lastLine = tail.slice(tail.lastIndexOf('\n', tail.length - 2) + 1, -1);
    let indexAt: number;
    let index: unknown[][];
    try {
      indexAt = (JSON.parse(lastLine) as { index: number }).index;
      index = JSON.parse(readAt(indexAt, size - lastLine.length - 1 - indexAt)) as typeof index;
    } catch {
      throw damaged('its index is missing or unreadable');
    }
    if (!Array.isArray(index)) throw damaged('its index is not a list');
    const open = new OpenSnapshot(fd, this.#file);
    const v2 = header.format === FORMAT_2;
    const collections = new Map<string, ColdCollection>();
    for (const entry of index) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw damaged(`bad index entry ${JSON.stringify(entry)?.slice(0, 80)}`);
      // Format 3: [name, offset, count, bytes, count, bytes, …]; format 2: [name, count, offset, bytes].
      const [offset, sizes, from] = v2 ? [entry[2], [entry[1], entry[3]], 0] : [entry[1], entry, 2];
      const count = Number.isInteger(offset) && (offset as number) > headEnd ? countParts(sizes as unknown[], from, offset as number, indexAt) : -1;
      if (count < 0) throw damaged(`bad index entry for ${entry[0]}`);
      collections.set(entry[0], open.collection(offset as number, sizes as unknown[], from, count));
    }
    this.#open = open;
    return { generation: header.generation, collections };
  }

  /** Every collection's bytes are taken before the first await: later changes are not in it. */
  async write(data: Snapshot | null): Promise<void> {
    if (!data) return;
    const parts: Buffer[] = [Buffer.from(`${JSON.stringify({ format: FORMAT_3, generation: data.generation })}\n`)];
    let offset = parts[0]!.length;
    const index: (string | number)[][] = [];
    const newline = Buffer.from('\n');
    for (const [name, collection] of data.collections) {
      const entry: (string | number)[] = [name, offset];
      for (const part of collection.parts) {
        const bytes = part.bytes();
        entry.push(part.count, bytes.length);
        parts.push(bytes, newline);
        offset += bytes.length + 1;
      }
      index.push(entry);
    }
    const indexLine = Buffer.from(`${JSON.stringify(index)}\n`);
    parts.push(indexLine, Buffer.from(`${JSON.stringify({ index: offset })}\n`));
    // steno passes what it is given to fs.writeFile, which writes a Buffer as it is.
    await this.#text.write(Buffer.concat(parts) as unknown as string);
    const previous = this.#open;
    const open = (this.#open = new OpenSnapshot(fs.openSync(this.#file, 'r'), this.#file));
    this.#rewritten(new Map(index.map((entry) => [entry[0] as string, open.collection(entry[1] as number, entry, 2, data.collections.get(entry[0] as string)!.count)])));
    if (previous) fs.closeSync(previous.fd);
  }

  close(): void {
    if (this.#open) fs.closeSync(this.#open.fd);
    this.#open = null;
  }
}
