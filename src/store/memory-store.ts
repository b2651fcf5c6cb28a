import { CHECK_MODE } from '../core/check-mode.js';
import { deepFreeze, type Change, type Store, type StoreStats } from './store.js';

const EMPTY: ReadonlyMap<string, unknown> = new Map();
/** Documents are frozen as they are stored in check mode only (see core/check-mode.ts). */
const keep: <T>(doc: T) => T = CHECK_MODE ? deepFreeze : (doc) => doc;

/**
 * A collection not read yet: where to find the JSON text of its documents (`{"<id>": doc, …}`).
 * A restart on 10,000 profiles has ~40,000 collections, most of which nobody reads before the
 * next restart: reading, parsing and freezing all of them was most of the start-up time and most
 * of the memory. The text is also what a snapshot writes, so an unused collection is copied as is.
 */
export interface ColdCollection {
  count: number;
  bytes(): Buffer;
}

/** Everything in memory: the store for unit tests and `--memory`, and the base of the journal store. */
export class MemoryStore implements Store {
  /** Collections in use: documents by id, in insertion order. */
  protected readonly data = new Map<string, Map<string, unknown>>();
  /** Collections not parsed yet; a name is in `data` or here, never in both. */
  protected readonly cold = new Map<string, ColdCollection>();
  /** When set (by the journal store), the names of the collections used since it was set. */
  protected touched: Set<string> | null = null;
  protected compactions = 0;

  get<T>(col: string, id: string): T | undefined {
    return this.collection(col)?.get(id) as T | undefined;
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
    for (const [id, doc] of Object.entries(JSON.parse(cold.bytes().toString('utf8')) as Record<string, unknown>)) parsed.set(id, keep(doc));
    this.cold.delete(name);
    this.data.set(name, parsed);
    return parsed;
  }

  /** Applies changes to memory; callers have made them durable first. */
  protected apply(changes: readonly Change[]): void {
    for (const change of changes) {
      if (change.op === 'put') {
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
        for (const names of [this.data, this.cold]) {
          for (const name of [...names.keys()]) if (name.startsWith(change.prefix)) names.delete(name);
        }
      }
    }
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
