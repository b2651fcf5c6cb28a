import { hashString } from '../core/ids.js';
import type { Slice } from './slice.js';

/** A sorted list of collection names, as a ColdIndex searches it. */
export interface Names {
  readonly length: number;
  /** The name at position `i` (0 ≤ i < length). */
  at(i: number): string;
  /** The position of `name`, or -1. */
  indexOf(name: string): number;
  /** Calls `take` with `hashString` of each name's last `tail` characters, in order. */
  forEachEndHash(tail: number, take: (hash: number) => void): void;
}

/** Names sorted by UTF-16 code units (what `<` compares), as a file's index gave them: one string each. */
export class NameList implements Names {
  readonly #names: readonly string[];

  constructor(names: readonly string[]) {
    this.#names = names;
  }

  get length(): number {
    return this.#names.length;
  }

  at(i: number): string {
    if (!(i >= 0 && i < this.#names.length)) throw new RangeError(`no name at ${i} (the list has ${this.#names.length})`);
    return this.#names[i]!;
  }

  indexOf(name: string): number {
    const names = this.#names;
    let lo = 0;
    let hi = names.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = names[mid]!;
      if (at === name) return mid;
      if (at < name) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  forEachEndHash(tail: number, take: (hash: number) => void): void {
    for (const name of this.#names) take(hashString(name, name.length - tail));
  }
}

/**
 * The same, held compactly. Nearly every name is a prefix shared by thousands
 * (`w/default/audit/`) and a profile's UUID: after write loads on 10,000 profiles a snapshot's
 * index named ~133,000 collections, and as a string each they were ~10 MB of heap for as long as
 * the index was in use (the largest thing in memory after a compaction). Here consecutive names
 * of one prefix and one length are a group, and a group's suffixes are one string: 36 bytes a
 * name instead of ~72 and its slot in an array, or 16 when they are all UUIDs (as lower-case hex,
 * the usual case), packed as a byte a character.
 *
 * It takes ~43 ms to make from 140,000 names (~9 without packing), so a start (which needs the
 * index at once) uses a NameList, and a compaction makes a table for the index it writes
 * (`build`, in slices).
 */
export class NameTable implements Names {
  readonly length: number;
  /** In name order; each holds the positions [start, start + count). */
  readonly #groups: Group[];
  /** The groups of each prefix (one, unless names of another length sort between them). */
  readonly #byPrefix = new Map<string, Group[]>();
  /** The group `at` used last: a walk over every name finds each one's group without searching. */
  #last: Group | undefined;

  private constructor(groups: Group[], length: number) {
    this.#groups = groups;
    this.length = length;
    for (const group of groups) {
      const same = this.#byPrefix.get(group.prefix);
      if (same) same.push(group);
      else this.#byPrefix.set(group.prefix, [group]);
    }
  }

  /** From names sorted by UTF-16 code units (what `<` compares); the order is not checked. */
  static from(names: readonly string[]): NameTable {
    const groups: Group[] = [];
    for (let start = 0; start < names.length; ) for (const step of group(names, start, groups)) start = step ?? start;
    return new NameTable(groups, names.length);
  }

  /** `from`, letting the event loop run between pieces of PIECE_NAMES names (a compaction's index). */
  static async build(names: readonly string[], slice: Slice): Promise<NameTable> {
    const groups: Group[] = [];
    for (let start = 0; start < names.length; ) {
      for (const step of group(names, start, groups)) {
        await slice.next();
        start = step ?? start;
      }
    }
    return new NameTable(groups, names.length);
  }

  /** Characters its groups' suffix strings hold (one byte each: all are below 256). */
  get suffixChars(): number {
    let chars = 0;
    for (const group of this.#groups) chars += group.suffixes.length;
    return chars;
  }

  /** A new string each time, which does not keep the table's strings alive (see `detached`). */
  at(i: number): string {
    const group = this.#groupOf(i);
    if (group.packed) return group.prefix + unpack(group.suffixes, (i - group.start) * UUID_BYTES);
    const from = (i - group.start) * group.width;
    return group.prefix + detached(group.suffixes, from, from + group.width);
  }

  indexOf(name: string): number {
    const cut = cutOf(name);
    const groups = this.#byPrefix.get(name.slice(0, cut));
    if (!groups) return -1;
    const width = name.length - cut;
    let packed: string | null | undefined;
    for (const group of groups) {
      if (group.width !== width) continue;
      // A packed group holds UUIDs only: a suffix that is not one is not there.
      if (group.packed && (packed ??= pack(name, cut)) === null) continue;
      const key = group.packed ? packed! : name;
      const from = group.packed ? 0 : cut;
      const step = group.packed ? UUID_BYTES : width;
      let lo = 0;
      let hi = group.count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const order = compareAt(key, from, group.suffixes, mid * step, step);
        if (order === 0) return group.start + mid;
        if (order > 0) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return -1;
  }

  /** Hashed where the suffixes hold each name's end: names are made only for suffixes shorter than `tail`. */
  forEachEndHash(tail: number, take: (hash: number) => void): void {
    for (const group of this.#groups) {
      if (group.packed && tail % 2 === 0 && tail <= 2 * UUID_TAIL_BYTES) {
        // The hex of the last bytes, hashed as hashString hashes characters.
        for (let end = UUID_BYTES; end <= group.suffixes.length; end += UUID_BYTES) take(hexHash(group.suffixes, end - tail / 2, end));
      } else if (group.width < tail || group.width === 0 || group.packed) {
        for (let k = 0; k < group.count; k++) {
          const name = this.at(group.start + k);
          take(hashString(name, name.length - tail));
        }
      } else {
        for (let end = group.width; end <= group.suffixes.length; end += group.width) take(hashString(group.suffixes, end - tail, end));
      }
    }
  }

  #groupOf(i: number): Group {
    const last = this.#last;
    if (last && i >= last.start && i < last.start + last.count) return last;
    const groups = this.#groups;
    let lo = 0;
    let hi = groups.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (groups[mid]!.start <= i) lo = mid;
      else hi = mid - 1;
    }
    const group = groups[lo];
    if (!group || !(i >= group.start && i < group.start + group.count)) throw new RangeError(`no name at ${i} (the table has ${this.length})`);
    return (this.#last = group);
  }
}

interface Group {
  prefix: string;
  /** Characters of each suffix. */
  width: number;
  /** Position of its first name in the table. */
  start: number;
  count: number;
  /** Its names' suffixes, in order, one after the other; packed, UUID_BYTES characters each. */
  suffixes: string;
  /** Every suffix a lower-case UUID, held as its 16 bytes. */
  packed: boolean;
}

const SLASH = 47;
/** A UUID's length: the usual end of a name. */
const UUID_LENGTH = 36;
const UUID_BYTES = 16;
/** Bytes of a UUID's last dash-free run of hex (12 characters). */
const UUID_TAIL_BYTES = 6;
/** Where a UUID's dashes are, by character. */
const DASHES = [8, 13, 18, 23];
/** Character code of each hex digit's value (lower case): what pack reads and unpack and hexHash write. */
const HEX_CODES = Array.from({ length: 16 }, (_, n) => (n < 10 ? 48 + n : 87 + n));

/** Value of a lower-case hex digit's character code, or -1. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * The 16 bytes of the lower-case UUID at `name[from…]`, one character each (a one-byte string), or
 * null if there is none. Bytes compare as their hex does, so packed suffixes keep the names' order.
 */
const bytes: number[] = new Array<number>(UUID_BYTES).fill(0);
function pack(name: string, from: number): string | null {
  if (name.length - from !== UUID_LENGTH) return null;
  for (let at = from, dash = 0, b = 0; at < name.length; ) {
    if (at - from === DASHES[dash]) {
      if (name.charCodeAt(at) !== 45) return null;
      dash++;
      at++;
      continue;
    }
    const hi = nibble(name.charCodeAt(at));
    const lo = nibble(name.charCodeAt(at + 1));
    if (hi < 0 || lo < 0) return null;
    bytes[b++] = (hi << 4) | lo;
    at += 2;
  }
  return String.fromCharCode(...bytes);
}

const codes: number[] = new Array<number>(UUID_LENGTH).fill(45);
/** The UUID whose bytes start at `text[at]`, as a new flat string. */
function unpack(text: string, at: number): string {
  for (let c = 0, b = at, dash = 0; c < UUID_LENGTH; b++) {
    if (c === DASHES[dash]) {
      c++; // the dash stays in place
      dash++;
    }
    const byte = text.charCodeAt(b);
    codes[c++] = HEX_CODES[byte >>> 4]!;
    codes[c++] = HEX_CODES[byte & 15]!;
  }
  return String.fromCharCode(...codes);
}

/** hashString of the hex of `text[from…to)`'s bytes, without making it. */
function hexHash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    const b = text.charCodeAt(i);
    h = Math.imul(h ^ HEX_CODES[b >>> 4]!, 0x01000193);
    h = Math.imul(h ^ HEX_CODES[b & 15]!, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Where a name's prefix ends: after a `/` that is UUID_LENGTH characters from its end, or else after its
 * last `/`. The first case is one character to look at, for nearly every name; either way, the
 * table cuts a name it holds and a name it is asked for at the same place.
 */
function cutOf(name: string): number {
  const at = name.length - UUID_LENGTH - 1;
  return at >= 0 && name.charCodeAt(at) === SLASH ? at + 1 : name.lastIndexOf('/') + 1;
}

/** Names a piece of `build` packs or cuts before the event loop may run: a group can hold 100,000. */
const PIECE_NAMES = 4096;

/**
 * Adds the group that starts at `start` (names of its prefix and length). Yields undefined after
 * each PIECE_NAMES names, and last where the next group starts.
 */
function* group(names: readonly string[], start: number, groups: Group[]): Generator<number | undefined> {
  const first = names[start]!;
  const cut = cutOf(first);
  const prefix = detached(first, 0, cut);
  // Sorted names that start alike are next to each other: where those with this prefix end is
  // found by a few comparisons, not one per name.
  const end = prefixEnd(names, start, prefix);
  let next = start + 1;
  while (next < end && names[next]!.length === first.length && cutOf(names[next]!) === cut) next++;
  const suffixes = new Array<string>(next - start);
  let packed = first.length - cut === UUID_LENGTH;
  for (let i = start; i < next && packed; i++) {
    const bytes = pack(names[i]!, cut);
    if (bytes === null) packed = false;
    else suffixes[i - start] = bytes;
    if ((i - start) % PIECE_NAMES === PIECE_NAMES - 1) yield undefined;
  }
  if (!packed) for (let i = start; i < next; i++) suffixes[i - start] = names[i]!.slice(cut);
  // join makes one new flat string: the group keeps none of the names it was made from.
  groups.push({ prefix, width: first.length - cut, start, count: next - start, suffixes: suffixes.join(''), packed });
  yield next;
}

/** The first position after `start` whose name does not start with `prefix` (names[start] does). */
function prefixEnd(names: readonly string[], start: number, prefix: string): number {
  let step = 1;
  while (start + step < names.length && names[start + step]!.startsWith(prefix)) step *= 2;
  let lo = start + (step >>> 1); // starts with it
  let hi = Math.min(start + step, names.length); // does not, or is the end
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (names[mid]!.startsWith(prefix)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Sign of `name.slice(cut)` compared with `text.slice(at, at + width)` (both `width` long), by UTF-16 code units. */
function compareAt(name: string, cut: number, text: string, at: number, width: number): number {
  for (let k = 0; k < width; k++) {
    const d = name.charCodeAt(cut + k) - text.charCodeAt(at + k);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * V8 makes a substring of 13 characters or more as a view into the string it was cut from, which
 * would keep a group's whole suffix string (~1 MB) alive for as long as the name is, past the
 * index it came from. Pieces of 12 or fewer are copies.
 */
const PIECE = 12;
function detached(text: string, from: number, to: number): string {
  let out = '';
  for (let at = from; at < to; at += PIECE) out += text.slice(at, Math.min(at + PIECE, to));
  return out;
}
