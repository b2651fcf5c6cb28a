/**
 * The one store interface. Reads are synchronous lookups in memory; every write goes
 * through `commit`, which is atomic (all changes or none) and, for a durable store,
 * on disk before it returns. Nobody may edit a stored document in place (a snapshot and
 * the read cache share them without copying); in check mode they are frozen, so a test that
 * does fails (core/check-mode.ts).
 */

export type Change =
  | { op: 'put'; col: string; id: string; doc: unknown }
  /**
   * A put of a document whose id the collection has never held (a fresh UUID): the store does not
   * look. It goes to the end of a large collection without reading the collection from disk.
   */
  | { op: 'add'; col: string; id: string; doc: unknown }
  | { op: 'del'; col: string; id: string }
  /** Removes every collection whose name starts with `prefix` (workspace reset). */
  | { op: 'drop'; prefix: string };

export interface Store {
  get<T>(col: string, id: string): T | undefined;
  /** Documents of a collection in insertion order (a put of an existing id keeps its place). */
  values<T>(col: string): IterableIterator<T>;
  size(col: string): number;
  /**
   * The documents at positions [start, end) of `values(col)`. Same as slicing `values`, but a
   * large collection not read yet is only parsed where those positions are.
   */
  slice<T>(col: string, start: number, end: number): T[];
  /** The one mutation path. Throws StoreWriteError when the change could not be made durable; nothing is applied then. */
  commit(changes: readonly Change[]): void;
  /** Writes a compacted snapshot now (also done automatically as the journal grows). */
  compact(): Promise<void>;
  close(): Promise<void>;
  readonly stats: StoreStats;
}

export interface StoreStats {
  kind: 'memory' | 'journal';
  collections: number;
  /** Collections parsed and held in memory; the others are read from the snapshot when used. */
  inMemory: number;
  documents: number;
  journalBytes: number;
  compactions: number;
}

export class StoreWriteError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'StoreWriteError';
  }
}

export { deepFreeze } from '../core/freeze.js';
