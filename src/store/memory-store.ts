import { deepFreeze, type Change, type Store, type StoreStats } from './store.js';

const EMPTY: ReadonlyMap<string, unknown> = new Map();

/** Everything in memory: the store for unit tests and `--memory`, and the base of the journal store. */
export class MemoryStore implements Store {
  protected readonly data = new Map<string, Map<string, unknown>>();
  protected compactions = 0;

  get<T>(col: string, id: string): T | undefined {
    return this.data.get(col)?.get(id) as T | undefined;
  }

  values<T>(col: string): IterableIterator<T> {
    return ((this.data.get(col) ?? EMPTY) as ReadonlyMap<string, T>).values();
  }

  size(col: string): number {
    return this.data.get(col)?.size ?? 0;
  }

  commit(changes: readonly Change[]): void {
    this.apply(changes);
  }

  /** Applies changes to memory; callers have made them durable first. */
  protected apply(changes: readonly Change[]): void {
    for (const change of changes) {
      if (change.op === 'put') {
        let col = this.data.get(change.col);
        if (!col) this.data.set(change.col, (col = new Map()));
        col.set(change.id, deepFreeze(change.doc));
      } else if (change.op === 'del') {
        const col = this.data.get(change.col);
        if (col) {
          col.delete(change.id);
          if (col.size === 0) this.data.delete(change.col);
        }
      } else {
        for (const name of [...this.data.keys()]) if (name.startsWith(change.prefix)) this.data.delete(name);
      }
    }
  }

  async compact(): Promise<void> {}

  async close(): Promise<void> {}

  get stats(): StoreStats {
    let documents = 0;
    for (const col of this.data.values()) documents += col.size;
    return { kind: 'memory', collections: this.data.size, documents, journalBytes: 0, compactions: this.compactions };
  }
}
