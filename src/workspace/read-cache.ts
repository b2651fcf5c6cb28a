import type { Change } from '../store/store.js';

/** The dependency on one document (a `get`), as opposed to a whole collection (a `list`). */
export const docDep = (col: string, id: string) => `${col}\u0000${id}`;

/**
 * Results of read-only domain functions (a profile as `GET /4.0/profiles/{id}` shows it: its
 * applications, tasks and checks, serialised), kept until a commit changes a document or a
 * collection they read. What a function read is recorded while it runs (Workspace.readCached);
 * one that reads the clock, ids or the caller is not kept, since its result could differ with
 * nothing stored having changed.
 *
 * Bounded: past `limit` entries, or past `maxChars` characters of kept strings, the oldest goes
 * first (a page of 200 profiles is ~80 KB of JSON: 2,000 of those would be 160 MB, where 2,000
 * profile views are ~9 MB). A key is only kept from its second read
 * on (`admit`): recording what a read uses and indexing it cost about a quarter of a profile read
 * (measured: every one of 10,000 profiles in turn, 3,086 reads/s kept against 4,113 not), which
 * only pays when the same key is read again.
 */
export class ReadCache {
  readonly #entries = new Map<string, { value: unknown; deps: readonly string[]; chars: number }>();
  readonly #byDep = new Map<string, Set<string>>();
  /** Keys read once and not kept yet, oldest first. */
  readonly #seen = new Set<string>();
  #chars = 0;

  constructor(
    readonly limit = 2_000,
    readonly maxChars = 16 * 1024 * 1024,
  ) {}

  get(key: string): { value: unknown } | undefined {
    return this.#entries.get(key);
  }

  /** True if `key` was read before (it is worth keeping now); otherwise remembers this read. */
  admit(key: string): boolean {
    if (this.#seen.delete(key)) return true;
    this.#remember(key);
    return false;
  }

  #remember(key: string): void {
    this.#seen.add(key);
    if (this.#seen.size > 2 * this.limit) this.#seen.delete(this.#seen.values().next().value!);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Characters of the strings kept (other values count as none). */
  get chars(): number {
    return this.#chars;
  }

  set(key: string, value: unknown, deps: ReadonlySet<string>): void {
    this.#delete(key);
    const chars = typeof value === 'string' ? value.length : 0;
    if (chars > this.maxChars) return;
    while (this.#entries.size > 0 && (this.#entries.size >= this.limit || this.#chars + chars > this.maxChars)) {
      this.#delete(this.#entries.keys().next().value!);
    }
    const list = [...deps];
    this.#entries.set(key, { value, deps: list, chars });
    this.#chars += chars;
    for (const dep of list) {
      let keys = this.#byDep.get(dep);
      if (!keys) this.#byDep.set(dep, (keys = new Set()));
      keys.add(key);
    }
  }

  /** Forgets every entry that read something these changes touch. */
  invalidate(changes: readonly Change[]): void {
    if (this.#entries.size === 0) return;
    for (const change of changes) {
      if (change.op === 'drop') return this.clear();
      this.#deleteDep(change.col);
      this.#deleteDep(docDep(change.col, change.id));
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#chars = 0;
    this.#byDep.clear();
    this.#seen.clear();
  }

  #deleteDep(dep: string): void {
    const keys = this.#byDep.get(dep);
    if (!keys) return;
    for (const key of [...keys]) {
      this.#delete(key);
      this.#remember(key); // it was worth keeping: keep its next read
    }
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#chars -= entry.chars;
    for (const dep of entry.deps) {
      const keys = this.#byDep.get(dep);
      keys?.delete(key);
      if (keys?.size === 0) this.#byDep.delete(dep);
    }
  }
}
