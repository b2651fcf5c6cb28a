import fs from 'node:fs';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import type { ColdCollection } from './memory-store.js';
import { StoreWriteError } from './store.js';

/**
 * The snapshot file, as a lowdb adapter (lowdb's own TextFile writes it: a temporary file, then a
 * rename, so a crash leaves the old snapshot or the new one, never half of one).
 *
 * Format 2, all text:
 *
 *     {"format":"passfort-sandbox/2","generation":7}
 *     {"<id>":{…},"<id>":{…}}                      one line per collection: its documents
 *     …
 *     [["<collection>",<count>,<offset>,<bytes>],…]  the index
 *     {"index":<offset of the index line>}
 *
 * A start reads the header, the last line and the index, and nothing else: each collection is
 * read from the file and parsed when it is first used (MemoryStore.cold). With 10,000 profiles
 * that is ~40,000 collections and 90 MB, of which a restart used to parse every byte.
 */

export const FORMAT_1 = 'passfort-sandbox/1';
export const FORMAT_2 = 'passfort-sandbox/2';

export interface Snapshot {
  generation: number;
  collections: { name: string; collection: ColdCollection }[];
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

  collection(count: number, offset: number, length: number): ColdCollection {
    return { count, bytes: () => readExactly(this.fd, this.file, offset, length) };
  }
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
      return { generation: whole.generation, collections: [], parsed: whole.collections };
    }
    if (header.format !== FORMAT_2 || typeof header.generation !== 'number') throw notOurs();
    const tail = readAt(Math.max(0, size - TAIL_BYTES), Math.min(size, TAIL_BYTES));
    const lastLine = tail.slice(tail.lastIndexOf('\n', tail.length - 2) + 1, -1);
    let indexAt: number;
    let index: [string, number, number, number][];
    try {
      indexAt = (JSON.parse(lastLine) as { index: number }).index;
      index = JSON.parse(readAt(indexAt, size - lastLine.length - 1 - indexAt)) as typeof index;
    } catch {
      throw damaged('its index is missing or unreadable');
    }
    if (!Array.isArray(index)) throw damaged('its index is not a list');
    const open = new OpenSnapshot(fd, this.#file);
    const collections = index.map(([name, count, offset, length]) => {
      if (typeof name !== 'string' || !Number.isInteger(count) || !(offset >= headEnd && offset + length <= indexAt)) throw damaged(`bad index entry for ${String(name)}`);
      return { name, collection: open.collection(count, offset, length) };
    });
    this.#open = open;
    return { generation: header.generation, collections };
  }

  /** Every collection's bytes are taken before the first await: later changes are not in it. */
  async write(data: Snapshot | null): Promise<void> {
    if (!data) return;
    const parts: Buffer[] = [Buffer.from(`${JSON.stringify({ format: FORMAT_2, generation: data.generation })}\n`)];
    let offset = parts[0]!.length;
    const index: [string, number, number, number][] = [];
    const newline = Buffer.from('\n');
    for (const { name, collection } of data.collections) {
      const bytes = collection.bytes();
      index.push([name, collection.count, offset, bytes.length]);
      parts.push(bytes, newline);
      offset += bytes.length + 1;
    }
    const indexLine = Buffer.from(`${JSON.stringify(index)}\n`);
    parts.push(indexLine, Buffer.from(`${JSON.stringify({ index: offset })}\n`));
    // steno passes what it is given to fs.writeFile, which writes a Buffer as it is.
    await this.#text.write(Buffer.concat(parts) as unknown as string);
    const previous = this.#open;
    const open = (this.#open = new OpenSnapshot(fs.openSync(this.#file, 'r'), this.#file));
    this.#rewritten(new Map(index.map(([name, count, at, length]) => [name, open.collection(count, at, length)])));
    if (previous) fs.closeSync(previous.fd);
  }

  close(): void {
    if (this.#open) fs.closeSync(this.#open.fd);
    this.#open = null;
  }
}
