import fs from 'node:fs';
import path from 'node:path';
// Time comes from the global `performance`, which tests replace with fake timers to simulate a
// pause; the event loop's use comes from perf_hooks, which always measures the real loop.
import { performance as loop, type EventLoopUtilization } from 'node:perf_hooks';
import { Low } from 'lowdb';
import { ColdIndex } from './cold-index.js';
import { MemoryStore, type ColdCollection, type ColdPart } from './memory-store.js';
import { SnapshotFile, type Snapshot } from './snapshot-file.js';
import { toParts } from './pending-part.js';
import { StoreWriteError, type Change, type StoreStats } from './store.js';
import { acquireLock, releaseLock } from './data-dir-lock.js';
import { writeText } from './large-io.js';

/**
 * A durable store: memory for reads, an append-only journal for writes, lowdb for the
 * compacted snapshot. See docs/design/storage.md for why.
 *
 * - `commit` appends one JSON line holding all of its changes with a synchronous write,
 *   so an acknowledged change is in the kernel before the caller answers; `kill -9`
 *   cannot lose it. (Power loss can, unless `fsync` is on.)
 * - A write costs the size of its changes, never the size of the data.
 * - When the journal outgrows the snapshot it is rotated and a new snapshot written,
 *   so replay at start stays bounded and the amortised cost per write stays constant.
 */

export interface JournalStoreOptions {
  /** Compact when the journal is larger than this and `growthFactor` times the last snapshot. */
  compactAfterBytes?: number;
  /**
   * How much the journal may outgrow the snapshot before a compaction rewrites everything.
   * Each compaction serialises the whole data set, so its cost per written byte is about
   * 1/growthFactor; start-up replays at most about growthFactor snapshots' worth of journal.
   */
  growthFactor?: number;
  /** fsync every commit: survives power loss, costs a disk flush per write. */
  fsync?: boolean;
  /**
   * How long a compaction serialises before it lets the event loop run (ms). It serialises every
   * collection in memory: with 10,000 profiles under the built-in config, ~3 s of work that used to
   * stop every request for that long. 0 yields after every part (tests).
   */
  compactSliceMs?: number;
  /**
   * A journal over `compactAfterBytes` is compacted once no write has come for this long (ms),
   * and the process was this quiet meanwhile, without waiting for it to reach `growthFactor`
   * snapshots. 0 turns it off.
   */
  idleCompactMs?: number;
  /**
   * How busy the event loop may have been during that pause (its utilization, 0 to 1) for it to
   * count: a read load writes nothing, and a compaction then would slow it.
   */
  idleBusyLimit?: number;
  /**
   * Called after a compaction that a pause started has finished: the process is quiet and has
   * just let go of the documents the compaction wrote (see EVICT_BYTES), so it is the moment to
   * give their memory back (the CLI passes compactHeap).
   */
  afterIdleCompaction?: () => void;
}

const SNAPSHOT = 'snapshot.json';
/**
 * After a compaction, collections it wrote up to this size that nobody used while it ran are
 * dropped from memory (a profile's tasks, checks, audit…: a few KB each, and ~40,000 of them per
 * 10,000 profiles); larger ones (the profiles and outbox collections) stay, since re-reading them
 * costs. One used again later (a check finishing 3 s after its profile was created) is read back
 * from the file: a few KB parsed. They used to wait for a second compaction: under a POST load on
 * 10,000 profiles that kept ~20,000 profiles' worth of them, ~190 MB of heap, after a compaction.
 *
 * After a compaction that a pause started, the larger ones leave too when nobody used them while
 * it ran: the process is idle, and then holds what a restart would. After POST loads on 10,000
 * profiles that is the events collection (parsed to trim it): heap 30.5 against 37.5 MB, RSS
 * 107-108 against 115-117 MB (two runs each). The first POST after it took 7.9 ms against ~2 ms,
 * parsing the events again.
 */
const EVICT_BYTES = 64 * 1024;
/**
 * A journal over compactAfterBytes is compacted after this long without a write, not only once
 * it has outgrown the snapshot twice. Between those, everything written since the last
 * compaction stays in memory (a burst of 12,000 profiles on 10,000: ~150 MB of live heap), a stop
 * compacts it while the user waits, and a restart after a crash replays it. A pause costs one
 * compaction, done in slices while requests go on.
 */
const IDLE_COMPACT_MS = 5_000;
/** The pause must also be one for the process: a GET load at ~5,000/s keeps the event loop ~100 % busy. */
const IDLE_BUSY_LIMIT = 0.25;
/** A stop compacts only a journal longer than this (or when there is no snapshot yet). */
const CLOSE_COMPACT_BYTES = 1024 * 1024;
const journalName = (gen: number) => `journal-${String(gen).padStart(6, '0')}.jsonl`;
const JOURNAL_RE = /^journal-(\d{6})\.jsonl$/;

export class JournalStore extends MemoryStore {
  #dir: string;
  #fd = -1;
  #generation = 0;
  #journalBytes = 0;
  #snapshotBytes = 0;
  #compacting: Promise<void> | null = null;
  #options: Required<JournalStoreOptions>;
  #db: Low<Snapshot | null>;
  #file: SnapshotFile;
  /** During a compaction: the collections it writes from memory, as they were then, and their parts. */
  #evictable = new Map<string, { docs: Map<string, unknown>; parts: ColdPart[] }>();
  /** During a compaction a pause started: every collection nobody used meanwhile leaves memory. */
  #evictAll = false;
  /** During a compaction: the cold collections with a tail, and how many of each tail's documents it writes. */
  #tailsWritten = new Map<ColdCollection, number>();
  #closed = false;
  /** performance.now() of the last commit, and the timer that looks for a pause after it. */
  #lastCommit = 0;
  #idleTimer: NodeJS.Timeout | null = null;
  /** The event loop's use when the timer was set, to tell a pause from a read load. */
  #loopSince: EventLoopUtilization = loop.eventLoopUtilization();

  private constructor(dir: string, options: JournalStoreOptions) {
    super();
    this.#dir = dir;
    this.#options = { compactAfterBytes: 16 * 1024 * 1024, growthFactor: 2, fsync: false, compactSliceMs: 10, idleCompactMs: IDLE_COMPACT_MS, idleBusyLimit: IDLE_BUSY_LIMIT, afterIdleCompaction: () => {}, ...options };
    this.#file = new SnapshotFile(path.join(dir, SNAPSHOT), (next) => {
      // The new file's index becomes the cold map: the previous file closes right after this.
      const before = this.cold;
      for (const name of before.keys()) if (!next.has(name)) this.collection(name); // cannot happen today: parse it while the old file is open
      // Collections nobody used while this compaction ran leave memory (the small ones, or all of
      // them after a pause: see EVICT_BYTES): what is in the file now is exactly what they hold,
      // and they are read back on their next use.
      const evicted = new Set<string>();
      for (const [name, { docs, parts }] of this.#evictable) {
        const small = parts.length === 1 && parts[0]!.length <= EVICT_BYTES;
        if ((small || this.#evictAll) && next.has(name) && !this.touched?.has(name) && this.data.get(name) === docs) {
          this.data.delete(name);
          evicted.add(name);
        }
      }
      // The file also holds what is in memory, and what was dropped while it was written.
      next.retain((name) => !this.data.has(name) && (evicted.has(name) || before.has(name)));
      this.cold = next;
      // What this compaction wrote of a tail is in the new file's parts now, and leaves memory (read
      // back from the file on use: a GET of one profile parses the part holding it); what was added
      // since the rotation stays as the tail of the new file's collection. Kept, the tails held every
      // profile and event added since the start: ~95 MB of heap per 10,000 profiles.
      for (const [name, cold] of [...this.tailed]) {
        const now = next.get(name);
        const tail = cold.tail!;
        this.tailed.delete(name);
        if (!now) continue; // cannot happen: it is cold, so in the new file (or was read whole above)
        const written = this.#tailsWritten.get(cold) ?? 0;
        let dropped = 0;
        for (const id of tail.docs.keys()) {
          if (dropped++ === written) break;
          tail.docs.delete(id);
        }
        tail.order.splice(0, written);
        if (tail.order.length === 0) continue;
        now.tail = tail;
        now.count += tail.order.length;
        this.tailed.set(name, now);
      }
    }, this.#options.compactSliceMs);
    this.#db = new Low<Snapshot | null>(this.#file, null);
  }

  static async open(dir: string, options: JournalStoreOptions = {}): Promise<JournalStore> {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (err) {
      throw new StoreWriteError(`data directory ${dir} is not writable (${(err as NodeJS.ErrnoException).code ?? err})`, err);
    }
    acquireLock(dir);
    const store = new JournalStore(dir, options);
    try {
      await store.#recover();
    } catch (err) {
      releaseLock(dir);
      throw err;
    }
    return store;
  }

  async #recover(): Promise<void> {
    await this.#db.read();
    const snapshot = this.#db.data;
    this.#db.data = null; // the store holds the collections from here on
    let generation = 0;
    if (snapshot) {
      generation = snapshot.generation;
      // Taken as it is (a restart on 10,000 profiles has ~40,000): the store starts with nothing else.
      this.cold = snapshot.collections;
      for (const [col, docs] of Object.entries(snapshot.parsed ?? {})) {
        this.apply(Object.entries(docs).map(([id, doc]) => ({ op: 'put', col, id, doc }) as const));
      }
      this.#snapshotBytes = fs.statSync(path.join(this.#dir, SNAPSHOT)).size;
    }
    const journals = fs
      .readdirSync(this.#dir)
      .map((name) => JOURNAL_RE.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    for (const gen of journals) {
      const file = path.join(this.#dir, journalName(gen));
      if (gen < generation) {
        fs.rmSync(file, { force: true }); // already folded into the snapshot
        continue;
      }
      const goodBytes = this.#replay(file);
      // A torn last line (crash mid-write) is cut off so new appends start on a clean line.
      if (goodBytes !== fs.statSync(file).size) fs.truncateSync(file, goodBytes);
    }
    this.#generation = Math.max(generation, journals.at(-1) ?? 0);
    const current = path.join(this.#dir, journalName(this.#generation));
    this.#fd = fs.openSync(current, 'a');
    this.#journalBytes = fs.fstatSync(this.#fd).size;
  }

  /** Applies every complete line; returns how many bytes were good. */
  #replay(file: string): number {
    const buf = fs.readFileSync(file);
    let start = 0;
    let good = 0;
    while (start < buf.length) {
      const end = buf.indexOf(10, start);
      if (end === -1) break; // no newline: torn
      const line = buf.subarray(start, end).toString('utf8');
      let changes: Change[];
      try {
        changes = (JSON.parse(line) as { c: Change[] }).c;
      } catch {
        break; // torn or garbage: everything after it is suspect
      }
      this.apply(changes);
      start = end + 1;
      good = start;
    }
    return good;
  }

  override commit(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    if (this.#closed) throw new StoreWriteError('the store is closed', null);
    // Written as a string: a Buffer per commit (~18 KB with the built-in config) was ~120 MB of
    // garbage outside the heap after 10,000 profiles, which V8 frees late and the OS sees as RSS.
    const line = `${JSON.stringify({ c: changes })}\n`;
    let bytes: number;
    try {
      bytes = writeText(this.#fd, line);
      if (this.#options.fsync) fs.fsyncSync(this.#fd);
    } catch (err) {
      // Cut a partial line off so the next record starts clean; memory stays unchanged.
      try {
        fs.ftruncateSync(this.#fd, this.#journalBytes);
      } catch {
        /* nothing more we can do; recovery drops the torn tail */
      }
      const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new StoreWriteError(`could not write to the data directory ${this.#dir}: ${code}`, err);
    }
    this.#journalBytes += bytes;
    this.apply(changes);
    if (this.#compacting !== null || this.#journalBytes <= this.#options.compactAfterBytes) return;
    if (this.#journalBytes > this.#options.growthFactor * this.#snapshotBytes) this.#compactInBackground();
    else if (this.#options.idleCompactMs > 0) {
      this.#lastCommit = performance.now();
      if (!this.#idleTimer) this.#lookAgainIn(this.#options.idleCompactMs);
    }
  }

  #compactInBackground(idle = false): void {
    void this.#compact(idle)
      .then(() => {
        if (idle && !this.#closed) this.#options.afterIdleCompaction();
      })
      .catch((err) => console.error(`passfort-sandbox: compaction failed: ${err}`));
  }

  /**
   * Compacts a journal that has waited for a pause in the writes (see IDLE_COMPACT_MS); while
   * writes go on, it looks again when the pause would be long enough.
   */
  #whenIdle(): void {
    this.#idleTimer = null;
    if (this.#closed || this.#compacting !== null || this.#journalBytes <= this.#options.compactAfterBytes) return;
    const quiet = performance.now() - this.#lastCommit;
    const busy = loop.eventLoopUtilization(this.#loopSince).utilization;
    if (quiet < this.#options.idleCompactMs) this.#lookAgainIn(this.#options.idleCompactMs - quiet);
    else if (busy > this.#options.idleBusyLimit) this.#lookAgainIn(this.#options.idleCompactMs);
    else this.#compactInBackground(true);
  }

  #lookAgainIn(ms: number): void {
    this.#loopSince = loop.eventLoopUtilization();
    this.#idleTimer = setTimeout(() => this.#whenIdle(), ms).unref();
  }

  /** Compacts everything committed so far (after any compaction already under way). */
  override compact(): Promise<void> {
    return this.#compact(false);
  }

  #compact(idle: boolean): Promise<void> {
    const previous = this.#compacting ?? Promise.resolve();
    const run: Promise<void> = previous
      .catch(() => {})
      .then(() => this.#compactNow(idle))
      .finally(() => {
        if (this.#compacting === run) this.#compacting = null;
      });
    this.#compacting = run;
    return run;
  }

  async #compactNow(idle: boolean): Promise<void> {
    if (this.#closed) return;
    const previous = this.#generation;
    const next = previous + 1;
    // Rotate first: writes from now on go to the new journal, which the new snapshot does not contain.
    const fd = fs.openSync(path.join(this.#dir, journalName(next)), 'a');
    fs.closeSync(this.#fd);
    this.#fd = fd;
    this.#generation = next;
    this.#journalBytes = 0;
    // Which collections are used while it runs: those stay in memory. Recorded only then: between
    // compactions nobody asks, and the set held the name of every collection used since the last.
    this.touched = new Set();
    this.#evictAll = idle;
    // The snapshot holds the collections as they are now, at the rotation. Serialising them takes
    // long (see compactSliceMs) and requests run in between, so what it will write is taken now:
    // each in-memory collection's entries (references: nobody edits a stored document in place),
    // and a copy of the index of those nobody has read since the start (requests may read, and so
    // move, them meanwhile), which are copied as the bytes they are in the previous snapshot; that
    // file stays open until the new one is written.
    const inMemory = [...this.data].map(([name, docs]) => ({ name, docs, entries: [...docs] }));
    const collections: Snapshot['collections'] = this.cold instanceof ColdIndex ? this.cold.copy() : new Map(this.cold);
    // A cold collection's tail is written after its parts: the documents not written yet, as they are now.
    const tails = [...this.tailed].map(([name, cold]) => {
      const tail = cold.tail!;
      this.#tailsWritten.set(cold, tail.order.length);
      return { name, count: cold.count, parts: cold.parts, entries: [...tail.docs] };
    });
    try {
      for (const { name, docs, entries } of inMemory) {
        const parts = toParts(entries);
        collections.set(name, { count: entries.length, parts });
        this.#evictable.set(name, { docs, parts });
      }
      for (const { name, count, parts, entries } of tails) collections.set(name, { count, parts: [...parts, ...toParts(entries)] });
      this.#db.data = { generation: next, collections };
      await this.#db.write();
    } finally {
      this.#evictable.clear();
      this.#evictAll = false;
      this.touched = null;
      this.#tailsWritten.clear();
      this.#db.data = null; // do not keep a second reference to everything
    }
    this.#snapshotBytes = fs.statSync(path.join(this.#dir, SNAPSHOT)).size;
    // Off the main thread: unlinking a journal of ~180 MB took ~160 ms here, every request waiting.
    // A crash before it is done leaves a journal older than the snapshot, which a start deletes.
    await fs.promises.rm(path.join(this.#dir, journalName(previous)), { force: true });
    this.compactions++;
  }

  override async close(): Promise<void> {
    if (this.#closed) return;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    if (this.#compacting) await this.#compacting;
    // A short journal is replayed at the next start in a few milliseconds; rewriting every
    // collection for it would make each stop as slow as a compaction (~0.5 s with 10,000 profiles).
    if (this.#journalBytes > CLOSE_COMPACT_BYTES || (this.#journalBytes > 0 && this.#snapshotBytes === 0)) await this.compact();
    this.#closed = true;
    fs.closeSync(this.#fd);
    this.#file.close();
    releaseLock(this.#dir);
  }

  override get stats(): StoreStats {
    return { ...super.stats, kind: 'journal', journalBytes: this.#journalBytes, compactions: this.compactions };
  }
}
