/**
 * The start-up lines of `npm run bench:compare`. Each tool is started `times` times, the tools
 * taking turns, so that a change in how busy the machine is falls on all of them alike. One more
 * start of each, before those, is not in the median but is reported on its own: a run's first
 * start pays for cold disk caches, and the sandbox's first start after a build also compiles
 * without V8's code cache (and writes it).
 */
export interface Starter<T> {
  name: string;
  start(): Promise<T>;
  stop(running: T): Promise<void>;
  /** ms from spawn to the first good answer of that start. */
  ms(running: T): number;
  /** Already running (a restart line): stopped before the first start. */
  running?: T;
  /** A figure taken from each timed start once it is up (memory, say), before the next tool starts. */
  sample?(running: T): Promise<number>;
}

export interface Starts<T> {
  /** The start before the timed ones. */
  first: number;
  ms: number[];
  /** What `sample` gave for each timed start (empty without `sample`). */
  samples: number[];
  /** The last start, left running. */
  running: T;
}

export async function timeStarts<T>(starters: Starter<T>[], times: number): Promise<Map<string, Starts<T>>> {
  const out = new Map<string, Starts<T>>();
  const current = new Map<string, T | undefined>(starters.map((s) => [s.name, s.running]));
  for (let round = 0; round <= times; round++) {
    for (const s of starters) {
      const before = current.get(s.name);
      if (before !== undefined) await s.stop(before);
      const now = await s.start();
      current.set(s.name, now);
      const ms = s.ms(now);
      const entry = out.get(s.name);
      if (!entry) out.set(s.name, { first: ms, ms: [], samples: [], running: now });
      else {
        entry.ms.push(ms);
        if (s.sample) entry.samples.push(await s.sample(now));
        entry.running = now;
      }
    }
  }
  return out;
}
