import type { Slice } from './slice.js';

/** A sorted list of collection names, as a ColdIndex searches it. */
export interface Names {
  readonly length: number;
  /** The name at position `i` (0 ≤ i < length). */
  at(i: number): string;
  /** The position of `name`, or -1. */
  indexOf(name: string): number;
  /** Calls `hash` with where each name's last `tail` characters are, in order. */
  forEachEnd(tail: number, hash: (text: string, from: number, to: number) => void): void;
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

  forEachEnd(tail: number, hash: (text: string, from: number, to: number) => void): void {
    for (const name of this.#names) hash(name, name.length - tail, name.length);
  }
}

/**
 * The same, held compactly. Nearly every name is a prefix shared by thousands
 * (`w/default/audit/`) and a profile's UUID: after write loads on 10,000 profiles a snapshot's
 * index named ~133,000 collections, and as a string each they were ~10 MB of heap for as long as
 * the index was in use (the largest thing in memory after a compaction). Here consecutive names
 * of one prefix and one length are a group, and a group's suffixes are one string: 36 bytes a
 * name instead of ~72 and its slot in an array.
 *
 * It takes ~10 ms to make from 133,000 names, so a start (which needs the index at once) uses a
 * NameList, and a compaction makes a table for the index it writes (`build`, in slices).
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
    for (let start = 0; start < names.length; ) start = group(names, start, groups);
    return new NameTable(groups, names.length);
  }

  /** `from`, letting the event loop run between pieces (a compaction's index). */
  static async build(names: readonly string[], slice: Slice): Promise<NameTable> {
    const groups: Group[] = [];
    for (let start = 0; start < names.length; ) {
      await slice.next();
      start = group(names, start, groups);
    }
    return new NameTable(groups, names.length);
  }

  /** A new string each time, which does not keep the table's strings alive (see `detached`). */
  at(i: number): string {
    const group = this.#groupOf(i);
    const from = (i - group.start) * group.width;
    return group.prefix + detached(group.suffixes, from, from + group.width);
  }

  indexOf(name: string): number {
    const cut = cutOf(name);
    const groups = this.#byPrefix.get(name.slice(0, cut));
    if (!groups) return -1;
    const width = name.length - cut;
    for (const group of groups) {
      if (group.width !== width) continue;
      let lo = 0;
      let hi = group.count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const order = compareAt(name, cut, group.suffixes, mid * width, width);
        if (order === 0) return group.start + mid;
        if (order > 0) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return -1;
  }

  /** Where a suffix holds a name's end, its place in the suffix string: the name is not made. */
  forEachEnd(tail: number, hash: (text: string, from: number, to: number) => void): void {
    for (const group of this.#groups) {
      if (group.width < tail || group.width === 0) {
        for (let k = 0; k < group.count; k++) {
          const name = this.at(group.start + k);
          hash(name, name.length - tail, name.length);
        }
        continue;
      }
      for (let end = group.width; end <= group.suffixes.length; end += group.width) hash(group.suffixes, end - tail, end);
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
  /** Its names' suffixes, in order, one after the other. */
  suffixes: string;
}

const SLASH = 47;
/** A UUID's length: the usual end of a name. */
const ID = 36;

/**
 * Where a name's prefix ends: after a `/` that is ID characters from its end, or else after its
 * last `/`. The first case is one character to look at, for nearly every name; either way, the
 * table cuts a name it holds and a name it is asked for at the same place.
 */
function cutOf(name: string): number {
  const at = name.length - ID - 1;
  return at >= 0 && name.charCodeAt(at) === SLASH ? at + 1 : name.lastIndexOf('/') + 1;
}

/** Adds the group that starts at `start` (names of its prefix and length); returns where the next starts. */
function group(names: readonly string[], start: number, groups: Group[]): number {
  const first = names[start]!;
  const cut = cutOf(first);
  const prefix = detached(first, 0, cut);
  // Sorted names that start alike are next to each other: where those with this prefix end is
  // found by a few comparisons, not one per name.
  const end = prefixEnd(names, start, prefix);
  let next = start + 1;
  while (next < end && names[next]!.length === first.length && cutOf(names[next]!) === cut) next++;
  const suffixes = new Array<string>(next - start);
  for (let i = start; i < next; i++) suffixes[i - start] = names[i]!.slice(cut);
  // join makes one new flat string: the group keeps none of the names it was made from.
  groups.push({ prefix, width: first.length - cut, start, count: next - start, suffixes: suffixes.join('') });
  return next;
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
