import type { Change, Store } from '../store/store.js';
import type { Doc, Repo } from '../domain/context.js';

const DELETED = Symbol('deleted');
type Pending = Doc | typeof DELETED;

/**
 * A workspace-scoped transaction over the store: reads see the store plus this unit's own
 * writes; nothing reaches the store until `changes()` is committed by the runtime.
 */
export class UnitOfWork implements Repo {
  readonly #store: Store;
  readonly #prefix: string;
  readonly #writes = new Map<string, Map<string, Pending>>();
  /** Ids written with `add`, by collection: committed as adds. */
  readonly #added = new Map<string, Set<string>>();
  /** Writes to collections outside the workspace (the global key table). */
  readonly #global: Change[] = [];

  constructor(store: Store, prefix: string) {
    this.#store = store;
    this.#prefix = prefix;
  }

  get<T extends Doc>(col: string, id: string): T | undefined {
    const pending = this.#writes.get(col)?.get(id);
    if (pending === DELETED) return undefined;
    if (pending !== undefined) return pending as T;
    return this.#store.get<T>(this.#prefix + col, id);
  }

  list<T extends Doc>(col: string): T[] {
    const pending = this.#writes.get(col);
    const base = [...this.#store.values<T>(this.#prefix + col)];
    if (!pending) return base;
    const out: T[] = [];
    const seen = new Set<string>();
    for (const doc of base) {
      seen.add(doc.id);
      const p = pending.get(doc.id);
      if (p === DELETED) continue;
      out.push((p ?? doc) as T);
    }
    for (const [id, p] of pending) if (!seen.has(id) && p !== DELETED) out.push(p as T);
    return out;
  }

  slice<T extends Doc>(col: string, start: number, end: number): T[] {
    // With writes of its own to the collection, positions are the merged list's.
    if (this.#writes.has(col)) return this.list<T>(col).slice(start, end);
    return this.#store.slice<T>(this.#prefix + col, start, end);
  }

  count(col: string): number {
    const pending = this.#writes.get(col);
    if (!pending) return this.#store.size(this.#prefix + col);
    return this.list(col).length;
  }

  put<T extends Doc>(col: string, doc: T): void {
    if (typeof doc.id !== 'string' || doc.id === '') throw new TypeError(`a document in ${col} needs a string id`);
    let pending = this.#writes.get(col);
    if (!pending) this.#writes.set(col, (pending = new Map()));
    pending.set(doc.id, doc);
  }

  add<T extends Doc>(col: string, doc: T): void {
    this.put(col, doc);
    let added = this.#added.get(col);
    if (!added) this.#added.set(col, (added = new Set()));
    added.add(doc.id);
  }

  del(col: string, id: string): void {
    const added = this.#added.get(col);
    if (added?.delete(id)) {
      // Added and deleted in this unit: the store never sees it.
      this.#writes.get(col)!.delete(id);
      return;
    }
    let pending = this.#writes.get(col);
    if (!pending) this.#writes.set(col, (pending = new Map()));
    pending.set(id, DELETED);
  }

  putGlobal(col: string, id: string, doc: unknown): void {
    this.#global.push({ op: 'put', col, id, doc });
  }

  delGlobal(col: string, id: string): void {
    this.#global.push({ op: 'del', col, id });
  }

  get dirty(): boolean {
    return this.#writes.size > 0 || this.#global.length > 0;
  }

  /** The changes to commit, with workspace collection names made absolute. */
  changes(): Change[] {
    const out: Change[] = [];
    for (const [col, docs] of this.#writes) {
      const added = this.#added.get(col);
      for (const [id, doc] of docs) {
        const name = this.#prefix + col;
        out.push(doc === DELETED ? { op: 'del', col: name, id } : { op: added?.has(id) ? 'add' : 'put', col: name, id, doc });
      }
    }
    return out.concat(this.#global);
  }

  /** Ids written to one collection (the runtime uses it to update timers for `jobs`). */
  written(col: string): Map<string, Doc | null> {
    const out = new Map<string, Doc | null>();
    for (const [id, doc] of this.#writes.get(col) ?? []) out.set(id, doc === DELETED ? null : doc);
    return out;
  }
}
