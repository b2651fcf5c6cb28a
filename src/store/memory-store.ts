import { CHECK_MODE } from '../core/check-mode.js';
import { topLevelKeys } from './part-keys.js';
import { deepFreeze, type Change, type Store, type StoreStats } from './store.js';

const EMPTY: ReadonlyMap<string, unknown> = new Map();
/** Documents are frozen as they are stored in check mode only (see core/check-mode.ts). */
const keep: <T>(doc: T) => T = CHECK_MODE ? deepFreeze : (doc) => doc;

/**
 * A collection not read yet: where to find the JSON text of its documents, in parts
 * (`{"<id>": doc, …}` each), in order. A restart on 10,000 profiles has ~40,000 collections, most
 * of which nobody reads before the next restart: reading, parsing and freezing all of them was
 * most of the start-up time and most of the memory. The text is also what a snapshot writes, so
 * an unused collection is copied as is. A large collection comes in several parts, so that a read
 * of a few of its documents by position (`slice`: the newest page of profiles) parses only the
 * parts that hold them.
 */
export interface ColdCollection {
  /** Documents, the tail's included (each once). */
  count: number;
  parts: ColdPart[];
  tail?: ColdTail;
}

/**
 * Documents added (op 'add') to a collection that has not been read: new profiles and events go
 * to the end of their collection without parsing it. The first POST after a restart on 10,000
 * profiles parsed all of them and the 10,000 events kept (~0.45 s, +33 MB), and that grew with the
 * data. The tail stays in memory until a compaction writes it after the parts; the documents
 * written leave it then (JournalStore), and are read from the file like the others.
 */
export interface ColdTail {
  docs: Map<string, unknown>;
  /** The same documents, in order (a page of the newest is a slice of it). */
  order: unknown[];
}

export interface ColdPart {
  count: number;
  /** Bytes of its text, known without reading it. */
  length: number;
  bytes(): Buffer;
  /**
   * Its text written into `target` at `at`, which has room for `length` bytes: the snapshot writer
   * fills one buffer with many parts instead of taking a Buffer from each (see SnapshotFile.write).
   */
  copyTo(target: Buffer, at: number): void;
}

/** Collections not read yet, by name: a Map, or a snapshot's index (ColdIndex). */
export interface ColdMap extends Iterable<[string, ColdCollection]> {
  readonly size: number;
  has(name: string): boolean;
  get(name: string): ColdCollection | undefined;
  set(name: string, collection: ColdCollection): unknown;
  delete(name: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<ColdCollection>;
}

/** Documents of parts read by `slice` or `get` before their whole collection was: parsed once. */
const parsedParts = new WeakMap<ColdPart, [string, unknown][]>();
/** Which part holds each document of a large collection not read yet, made on its first `get`. */
const partOfId = new WeakMap<ColdCollection, Map<string, ColdPart>>();

/** Everything in memory: the store for unit tests and `--memory`, and the base of the journal store. */
export class MemoryStore implements Store {
  /** Collections in use: documents by id, in insertion order. */
  protected readonly data = new Map<string, Map<string, unknown>>();
  /** Collections not parsed yet; a name is in `data` or here, never in both. */
  protected cold: ColdMap = new Map<string, ColdCollection>();
  /** When set (by the journal store), the names of the collections used since it was set. */
  protected touched: Set<string> | null = null;
  protected compactions = 0;
  /** The cold collections that have a tail, by name (the same objects as in `cold`). */
  protected readonly tailed = new Map<string, ColdCollection>();

  get<T>(col: string, id: string): T | undefined {
    const cold = this.data.has(col) ? undefined : this.cold.get(col);
    const added = cold?.tail?.docs.get(id);
    if (added !== undefined) {
      this.touched?.add(col);
      return added as T;
    }
    if (cold && cold.parts.length > 1) return this.#pointRead<T>(col, cold, id);
    return this.collection(col)?.get(id) as T | undefined;
  }

  /**
   * One document of a large collection not read yet, by id: the part holding it is parsed, not
   * the collection. A GET of one profile after a restart on 10,000 parsed all of them (~150 ms,
   * and they stayed in memory). The first such read finds every id's part by scanning the parts'
   * keys (topLevelKeys); an id in no part and not in the tail is not in the collection.
   */
  #pointRead<T>(col: string, cold: ColdCollection, id: string): T | undefined {
    this.touched?.add(col);
    let where = partOfId.get(cold);
    if (!where) {
      where = new Map();
      for (const part of cold.parts) for (const key of topLevelKeys(part.bytes())) where.set(key, part);
      partOfId.set(cold, where);
    }
    const part = where.get(id);
    return part && (this.#partDocs(part).find(([key]) => key === id)?.[1] as T | undefined);
  }

  values<T>(col: string): IterableIterator<T> {
    return ((this.collection(col) ?? EMPTY) as ReadonlyMap<string, T>).values();
  }

  size(col: string): number {
    return this.data.get(col)?.size ?? this.cold.get(col)?.count ?? 0;
  }

  commit(changes: readonly Change[]): void {
    this.apply(changes);
  }

  /** A collection's documents, parsed from its text on first use. */
  protected collection(name: string): Map<string, unknown> | undefined {
    const map = this.data.get(name);
    if (map) {
      this.touched?.add(name);
      return map;
    }
    const cold = this.cold.get(name);
    if (!cold) return undefined; // not recorded: names of collections that do not exist would pile up
    this.touched?.add(name);
    const parsed = new Map<string, unknown>();
    for (const part of cold.parts) for (const [id, doc] of this.#partDocs(part)) parsed.set(id, doc);
    // Those already in the parts keep their place (and become the objects in memory).
    if (cold.tail) for (const [id, doc] of cold.tail.docs) parsed.set(id, doc);
    this.tailed.delete(name);
    this.cold.delete(name);
    this.data.set(name, parsed);
    return parsed;
  }

  /**
   * The documents at positions [start, end) of a collection's insertion order. A collection not
   * read yet stays so: only the parts holding those positions are parsed.
   */
  slice<T>(col: string, start: number, end: number): T[] {
    const cold = this.data.has(col) ? undefined : this.cold.get(col);
    if (!cold) {
      const out: T[] = [];
      let at = 0;
      for (const doc of this.values<T>(col)) {
        if (at >= end) break;
        if (at++ >= start) out.push(doc);
      }
      return out;
    }
    this.touched?.add(col);
    const out: T[] = [];
    let first = 0;
    for (const part of cold.parts) {
      const next = first + part.count;
      if (next > start && first < end) {
        const docs = this.#partDocs(part);
        for (let i = Math.max(start - first, 0); i < Math.min(end - first, docs.length); i++) out.push(docs[i]![1] as T);
      }
      first = next;
    }
    const tail = cold.tail;
    if (tail) {
      // Positions past the parts are the tail's documents not written yet.
      for (let i = Math.max(start - first, 0); i < Math.min(end - first, tail.order.length); i++) out.push(tail.order[i] as T);
    }
    return out;
  }

  #partDocs(part: ColdPart): [string, unknown][] {
    let docs = parsedParts.get(part);
    if (!docs) {
      docs = Object.entries(JSON.parse(part.bytes().toString('utf8')) as Record<string, unknown>);
      for (const entry of docs) keep(entry[1]);
      parsedParts.set(part, docs);
    }
    return docs;
  }

  /** Applies changes to memory; callers have made them durable first. */
  protected apply(changes: readonly Change[]): void {
    for (const change of changes) {
      if (change.op === 'add' && this.#addToCold(change.col, change.id, change.doc)) continue;
      if (change.op === 'put' || change.op === 'add') {
        let col = this.collection(change.col);
        if (!col) {
          this.data.set(change.col, (col = new Map()));
          this.touched?.add(change.col); // new: in use
        }
        col.set(change.id, keep(change.doc));
      } else if (change.op === 'del') {
        const col = this.collection(change.col);
        if (col) {
          col.delete(change.id);
          if (col.size === 0) this.data.delete(change.col);
        }
      } else {
        for (const names of [this.data, this.cold, this.tailed]) {
          for (const name of [...names.keys()]) if (name.startsWith(change.prefix)) names.delete(name);
        }
      }
    }
  }

  /** An add to a collection not read yet goes to its tail; false if the collection is not cold. */
  #addToCold(name: string, id: string, doc: unknown): boolean {
    const cold = this.data.has(name) ? undefined : this.cold.get(name);
    if (!cold) return false;
    // Added twice (it was promised new): the whole collection, as for a put.
    if (cold.tail?.docs.has(id)) return false;
    if (!cold.tail) {
      cold.tail = { docs: new Map(), order: [] };
      this.tailed.set(name, cold);
    }
    const kept = keep(doc);
    cold.tail.docs.set(id, kept);
    cold.tail.order.push(kept);
    cold.count++;
    this.touched?.add(name);
    return true;
  }

  async compact(): Promise<void> {}

  async close(): Promise<void> {}

  get stats(): StoreStats {
    let documents = 0;
    for (const col of this.data.values()) documents += col.size;
    for (const col of this.cold.values()) documents += col.count;
    return { kind: 'memory', collections: this.data.size + this.cold.size, inMemory: this.data.size, documents, journalBytes: 0, compactions: this.compactions };
  }
}
