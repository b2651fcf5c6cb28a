import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

/** V8's `gc`, once found (null: this Node has none). */
let cached: (() => void) | null | undefined;
/** Whether the user's own command line or NODE_OPTIONS already compacts on every full GC. */
const userCompacts = /compact-on-every-full-gc/.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`);

/**
 * A full, compacting garbage collection, now: for when the process knows it has just let go of
 * most of what it held and is quiet. After an idle compaction on 10,000 profiles (the documents
 * it wrote leave memory) the heap held ~200 MB for ~37 MB live. V8 gives that back only when its
 * memory reducer runs, ~12 s later, and an ordinary full collection keeps the pages it leaves
 * fragmented (heap 149 MB for 37 MB live): RSS stayed at ~300 MB for those 12 s. Compacting every
 * page takes ~60 ms there, and RSS is ~110 MB a second later.
 *
 * Node offers no call for this: the `gc` function of a context made after `--expose-gc` is set,
 * with `--compact-on-every-full-gc` set around it. A flag the user set keeps its value.
 * Returns false when this Node gives no such function. If the process stays quiet, the young
 * generation is given back later (`shrinkYoungWhenQuiet`).
 */
export function compactHeap(): boolean {
  const collect = collector();
  if (!collect) return false;
  if (!userCompacts) v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    collect();
  } finally {
    if (!userCompacts) v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
  void shrinkYoungWhenQuiet();
  return true;
}

/**
 * V8 shrinks the young generation (grown to 8 MB by a load, 16 MB at most) only at a full
 * collection made when it has allocated little over about the last 5 s, or under memory pressure.
 * The one right after an idle compaction comes just after a burst of allocation, so it kept its
 * size, and then nothing ran another: RSS stayed ~7 MB higher for as long as the process was idle
 * (replays of 3 x 5 s of POSTs on 10,000 profiles: 90 -> 83 MB and 97 -> 90 MB with one plain
 * collection 5 s after the compaction). If the event loop was quiet meanwhile, this makes one,
 * and tries again a little later (twice at most) if V8 still kept the size.
 */
export const YOUNG_SHRINK_AFTER_MS = 5_500;
const RETRY_MS = 2_500;
const RETRIES = 2;
/** Event loop utilization over a wait below which the process counts as quiet. */
const QUIET = 0.1;
let pending: { timer: NodeJS.Timeout; done: (shrunk: boolean) => void } | null = null;

const youngSize = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

/**
 * Resolves true once a collection made the young generation smaller; false if the process was
 * busy, V8 kept the size every time, this Node has no `gc`, or a later call took over.
 */
export function shrinkYoungWhenQuiet(afterMs = YOUNG_SHRINK_AFTER_MS): Promise<boolean> {
  const collect = collector();
  if (!collect) return Promise.resolve(false);
  if (pending) {
    clearTimeout(pending.timer);
    pending.done(false);
  }
  return new Promise((resolve) => {
    const attempt = (waitMs: number, left: number) => {
      const since = performance.eventLoopUtilization();
      const timer = setTimeout(() => {
        pending = null;
        if (performance.eventLoopUtilization(since).utilization >= QUIET) return resolve(false);
        const before = youngSize();
        collect();
        if (youngSize() < before) return resolve(true);
        if (left === 0) return resolve(false);
        attempt(RETRY_MS, left - 1);
      }, waitMs);
      timer.unref(); // a process that is done may exit
      pending = { timer, done: resolve };
    };
    attempt(afterMs, RETRIES);
  });
}

function collector(): (() => void) | null {
  if (cached !== undefined) return cached;
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return (cached = exposed as () => void);
  try {
    v8.setFlagsFromString('--expose-gc');
    const made = vm.runInNewContext('gc') as unknown;
    cached = typeof made === 'function' ? (made as () => void) : null;
  } catch {
    cached = null;
  }
  return cached;
}
