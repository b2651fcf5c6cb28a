/**
 * Waiting without sleeping: poll a probe until it is satisfied, or fail with a message that
 * says what was awaited and what was seen instead. Defaults are CI-safe (30 s); a run on a
 * loaded CI machine is slower, never differently ordered, so a long ceiling costs nothing
 * when things work and explains itself when they do not.
 */

/** `PASSFORT_HARNESS_TIMEOUT_MS` overrides the default of 30 s for every wait of the harness. */
export function defaultTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PASSFORT_HARNESS_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : 30_000;
}

export interface WaitOptions {
  /** Give up after this many ms (default: `defaultTimeoutMs()`). */
  timeout?: number;
  /** First pause between probes in ms; it doubles up to `maxInterval` (default 20 → 250). */
  interval?: number;
  maxInterval?: number;
  /** Gives up early when the caller no longer cares (a test that ended). */
  signal?: AbortSignal;
}

export class WaitTimeoutError extends Error {
  constructor(
    readonly waitedFor: string,
    readonly lastSeen: string,
    readonly timeoutMs: number,
    /** How much looking was done: "57 checks", "12 events seen". */
    readonly effort?: string,
  ) {
    super(`Timed out after ${formatMs(timeoutMs)} waiting for ${waitedFor}; last saw ${lastSeen}${effort ? ` (${effort})` : ''}`);
    this.name = 'WaitTimeoutError';
  }
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** A short, single-line rendering of what a probe returned, for time-out messages. */
export function describeValue(value: unknown, max = 300): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  else if (value instanceof Error) text = `an error: ${value.message}`;
  else if (typeof value === 'string') text = JSON.stringify(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = text.replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    // A poll interval, not a fixed wait for an outcome: the loop re-checks the condition after it.
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Probes until `accept` says yes and returns the accepted value. A probe that throws counts as
 * "not yet" (the sandbox may still be starting a thing up) and its error is what the time-out
 * message reports if nothing better was seen. `describe` turns the last value into words.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  accept: (value: T) => boolean = (v) => Boolean(v),
  options: WaitOptions & { describe?: (value: T) => string } = {},
): Promise<T> {
  const timeout = options.timeout ?? defaultTimeoutMs();
  const deadline = performance.now() + timeout;
  let interval = options.interval ?? 20;
  const maxInterval = options.maxInterval ?? 250;
  let attempts = 0;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    attempts++;
    try {
      const value = await probe();
      if (accept(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    const left = deadline - performance.now();
    if (left <= 0 || options.signal?.aborted) {
      const seen =
        last === undefined
          ? 'nothing'
          : 'error' in last
            ? describeValue(last.error instanceof Error ? last.error : new Error(String(last.error)))
            : options.describe
              ? options.describe(last.value)
              : describeValue(last.value);
      throw new WaitTimeoutError(what, seen, timeout, `${attempts} ${attempts === 1 ? 'check' : 'checks'}`);
    }
    await pause(Math.min(interval, left), options.signal);
    interval = Math.min(interval * 2, maxInterval);
  }
}
