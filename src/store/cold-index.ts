import { hashString } from '../core/ids.js';
import { NameList, type Names } from './name-table.js';
import type { ColdCollection, ColdMap, ColdPart } from './memory-store.js';

/** A snapshot's index as four parallel lists (see snapshot-file.ts; format 4 stores each in runs). */
export interface IndexLists {
  /** Collection names, sorted by UTF-16 code units (what `<` and the default sort use). */
  names: string[];
  /** Byte offset of each collection's first line. */
  first: number[];
  /** Where each collection's parts start in `sizes`, counted in parts; one more at the end. */
  parts: number[];
  /** Document count and byte length of every part, collection after collection. */
  sizes: number[];
}

/**
 * Which names a table may hold, as bits set by a hash of each name's end: a name whose bit is clear
 * is not in it. Most look-ups miss (a new profile asks for its tasks, checks, audit… ~50
 * times per POST under the built-in config, none of them in the file yet), and each miss was a
 * binary search of ~140,000 names after write loads on 10,000 profiles (~0.6 µs). 2^21 bits
 * (256 KB) keep false hits near 7 % at that size. Shared by copies, and made once FILTER_AFTER
 * look-ups have searched without it: a start asks for a few names, and making it there (hashing
 * the 40,000 names of 10,000 profiles) was the dearest step of a restart's first request.
 */
const FILTER_BITS = 21;
export const FILTER_AFTER = 256;
/** The hash covers a name's last characters: the varying part (ids end names), and cheap. */
const HASHED_END = 12;
const filters = new WeakMap<Names, Uint32Array>();
const searched = new WeakMap<Names, number>();

const toBit = (hash: number) => hash >>> (32 - FILTER_BITS);
const nameBit = (name: string) => toBit(hashString(name, name.length - HASHED_END));

/** The filter of these names, or undefined while they have been searched FILTER_AFTER times or fewer. */
function filterOf(names: Names): Uint32Array | undefined {
  let bits = filters.get(names);
  if (!bits) {
    const count = (searched.get(names) ?? 0) + 1;
    searched.set(names, count);
    if (count <= FILTER_AFTER) return undefined;
    const set = (bits = new Uint32Array(1 << (FILTER_BITS - 5)));
    names.forEachEndHash(HASHED_END, (hash) => {
      const h = toBit(hash);
      set[h >>> 5]! |= 1 << (h & 31);
    });
    filters.set(names, bits);
  }
  return bits;
}

/**
 * The lists as an index holds them: the names searchable (a NameList over a file's names, or the
 * compact NameTable a compaction makes for the index it writes). Each list is best made at its
 * exact size (`slice()` of a list built by pushing): spare room stays for as long as the index.
 */
export interface HeldLists {
  names: Names;
  first: number[];
  parts: number[];
  sizes: number[];
}

/** Reads a part's bytes from the open snapshot file. */
export type PartReader = (count: number, offset: number, length: number) => ColdPart;

/**
 * The collections of a snapshot nobody has read, as a map over its index lists. A restart on
 * 10,000 profiles has ~40,000 collections: a Map of them (and an object each) was ~30 ms of every
 * restart and most of them are never asked for. Here a name is found by binary search, and a
 * collection's object is made when it is first asked for (and then kept, so that what `slice`
 * parsed of it stays with it). Later `set`s and the objects made live in `#made`; a name's place
 * in the lists is `#gone` once it has left them (moved to `#made`, or deleted).
 */
export class ColdIndex implements ColdMap {
  readonly #lists: HeldLists;
  readonly #read: PartReader;
  readonly #gone: Uint8Array;
  #listed: number;
  readonly #made = new Map<string, ColdCollection>();

  constructor(lists: IndexLists | HeldLists, read: PartReader) {
    this.#lists = Array.isArray(lists.names) ? { ...(lists as IndexLists), names: new NameList(lists.names) } : (lists as HeldLists);
    this.#read = read;
    this.#gone = new Uint8Array(lists.names.length);
    this.#listed = lists.names.length;
  }

  get size(): number {
    return this.#listed + this.#made.size;
  }

  has(name: string): boolean {
    return this.#made.has(name) || this.#find(name) >= 0;
  }

  get(name: string): ColdCollection | undefined {
    const made = this.#made.get(name);
    if (made) return made;
    const i = this.#find(name);
    if (i < 0) return undefined;
    const collection = this.#collection(i);
    this.#drop(i);
    this.#made.set(name, collection);
    return collection;
  }

  set(name: string, collection: ColdCollection): this {
    const i = this.#find(name);
    if (i >= 0) this.#drop(i);
    this.#made.set(name, collection);
    return this;
  }

  delete(name: string): boolean {
    if (this.#made.delete(name)) return true;
    const i = this.#find(name);
    if (i < 0) return false;
    this.#drop(i);
    return true;
  }

  /**
   * A copy that later changes to this one do not reach: a compaction writes the collections as
   * they were at its start, while requests go on reading (and so moving) them. Sharing the lists
   * makes it cheap: no object per collection until the copy is iterated.
   */
  copy(): ColdIndex {
    const copy = new ColdIndex(this.#lists, this.#read);
    copy.#gone.set(this.#gone);
    copy.#listed = this.#listed;
    for (const [name, collection] of this.#made) copy.#made.set(name, collection);
    return copy;
  }

  /**
   * Keeps only the collections whose names pass `keep`, in one pass over the lists. A compaction
   * takes out of the new index every collection that is in memory (~100,000 after a heavy load):
   * a delete each, with its binary search, was most of the ~200 ms that swap stops everything.
   */
  retain(keep: (name: string) => boolean): void {
    for (const name of this.#made.keys()) if (!keep(name)) this.#made.delete(name); // deleting while iterating a Map is safe
    const { names } = this.#lists;
    for (let i = 0; i < names.length; i++) if (!this.#gone[i] && !keep(names.at(i))) this.#drop(i);
  }

  *keys(): IterableIterator<string> {
    yield* this.#made.keys();
    const { names } = this.#lists;
    for (let i = 0; i < names.length; i++) if (!this.#gone[i]) yield names.at(i);
  }

  /** Objects made for listed collections here are not kept: a compaction walks all of them once. */
  *entries(): IterableIterator<[string, ColdCollection]> {
    yield* this.#made;
    const { names } = this.#lists;
    for (let i = 0; i < names.length; i++) if (!this.#gone[i]) yield [names.at(i), this.#collection(i)];
  }

  *values(): IterableIterator<ColdCollection> {
    for (const [, collection] of this.entries()) yield collection;
  }

  [Symbol.iterator](): IterableIterator<[string, ColdCollection]> {
    return this.entries();
  }

  /** Its place in the lists, or -1 if it is not there (or has left them). */
  #find(name: string): number {
    const { names } = this.#lists;
    const bits = filterOf(names);
    if (bits) {
      const h = nameBit(name);
      if ((bits[h >>> 5]! & (1 << (h & 31))) === 0) return -1;
    }
    const i = names.indexOf(name);
    return i >= 0 && !this.#gone[i] ? i : -1;
  }

  #drop(i: number): void {
    this.#gone[i] = 1;
    this.#listed--;
  }

  #collection(i: number): ColdCollection {
    const { first, parts: starts, sizes } = this.#lists;
    const parts: ColdPart[] = [];
    let count = 0;
    for (let p = starts[i]!, at = first[i]!; p < starts[i + 1]!; p++) {
      parts.push(this.#read(sizes[2 * p]!, at, sizes[2 * p + 1]!));
      count += sizes[2 * p]!;
      at += sizes[2 * p + 1]! + 1;
    }
    return { count, parts };
  }
}

/**
 * Checks lists read from a file: their shapes, names in strict order, and every part's line
 * between `start` and `end` (byte offsets). The first problem, or null.
 */
export function checkIndexLists(lists: Partial<IndexLists> | null, start: number, end: number): string | null {
  if (!lists || typeof lists !== 'object') return 'its index is not an object';
  const { names, first, parts, sizes } = lists;
  if (!Array.isArray(names) || !Array.isArray(first) || !Array.isArray(parts) || !Array.isArray(sizes)) return 'its index lacks a list';
  if (first.length !== names.length || parts.length !== names.length + 1 || parts[0] !== 0 || sizes.length !== 2 * parts[names.length]!) {
    return 'its index lists do not fit together';
  }
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (typeof name !== 'string' || (i > 0 && !(names[i - 1]! < name))) return `bad index entry for ${String(name)} (names out of order)`;
    let at = first[i]!;
    if (!Number.isInteger(at) || at < start || !Number.isInteger(parts[i + 1]) || !(parts[i + 1]! > parts[i]!)) return `bad index entry for ${name}`;
    for (let p = parts[i]!; p < parts[i + 1]!; p++) {
      const [count, length] = [sizes[2 * p], sizes[2 * p + 1]];
      if (!Number.isInteger(count) || !Number.isInteger(length) || count! < 0 || length! < 0) return `bad index entry for ${name}`;
      at += length! + 1;
    }
    if (at > end) return `bad index entry for ${name} (past the index)`;
  }
  return null;
}
