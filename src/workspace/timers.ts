import type { VirtualClock } from '../core/clock.js';

interface Entry {
  key: string;
  at: number;
  order: number;
  fire: () => void;
}

/** setTimeout cannot wait longer than this; longer waits re-arm. */
const MAX_REAL_DELAY = 2 ** 31 - 1;

/**
 * Timers on a workspace clock. Work is due when the virtual time reaches `at`, whether
 * that happens because real time passed or because someone moved the clock. One real
 * timer is armed for the earliest entry; a frozen clock arms none.
 */
export class VirtualTimers {
  readonly #clock: VirtualClock;
  readonly #entries = new Map<string, Entry>();
  /** Min-heap by (at, order); replaced or cleared entries stay until they reach the top. */
  readonly #heap: Entry[] = [];
  #order = 0;
  #real: ReturnType<typeof setTimeout> | null = null;
  #armedAt: number | undefined;
  #running = false;
  #closed = false;

  constructor(clock: VirtualClock) {
    this.#clock = clock;
  }

  /** Sets (or replaces) the timer `key`. */
  set(key: string, at: number, fire: () => void): void {
    const entry = { key, at, order: this.#order++, fire };
    this.#entries.set(key, entry);
    this.#push(entry);
    this.arm();
  }

  clear(key: string): void {
    if (this.#entries.delete(key)) this.arm();
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** The earliest due time, if any. */
  next(): number | undefined {
    return this.#top()?.at;
  }

  #takeDue(until: number): Entry | undefined {
    const top = this.#top();
    if (!top || top.at > until) return undefined;
    this.#pop();
    this.#entries.delete(top.key);
    return top;
  }

  /** The live earliest entry, dropping stale heap nodes on the way. */
  #top(): Entry | undefined {
    while (this.#heap.length > 0) {
      const top = this.#heap[0]!;
      if (this.#entries.get(top.key) === top) return top;
      this.#pop();
    }
    return undefined;
  }

  static #less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  #push(entry: Entry): void {
    const h = this.#heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!VirtualTimers.#less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && VirtualTimers.#less(h[l]!, h[m]!)) m = l;
      if (r < h.length && VirtualTimers.#less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }

  /**
   * Fires everything due up to `until` (default: now), earliest first. `beforeEach` lets the
   * caller move the clock to each entry's time first, so work sees the time it was due at.
   */
  runDue(until = this.#clock.nowMs(), beforeEach?: (at: number) => void): number {
    if (this.#running) return 0; // a timer that moves the clock must not re-enter
    this.#running = true;
    let fired = 0;
    try {
      for (let e = this.#takeDue(until); e; e = this.#takeDue(until)) {
        beforeEach?.(e.at);
        fired++;
        try {
          e.fire();
        } catch (err) {
          console.error(`passfort-sandbox: timer ${e.key} failed:`, err);
        }
      }
    } finally {
      this.#running = false;
    }
    this.arm(true);
    return fired;
  }

  /** Re-arms the real timer after a change to the entries, or (with `clockMoved`) to the clock. */
  arm(clockMoved = false): void {
    const next = this.#closed || this.#clock.frozen ? undefined : this.next();
    if (!clockMoved && this.#real && next === this.#armedAt) return; // already armed for it
    if (this.#real) clearTimeout(this.#real);
    this.#real = null;
    this.#armedAt = next;
    if (next === undefined) return;
    const delay = Math.min(Math.max(0, next - this.#clock.nowMs()), MAX_REAL_DELAY);
    this.#real = setTimeout(() => {
      this.#real = null;
      this.runDue();
    }, delay);
    this.#real.unref?.();
  }

  close(): void {
    this.#closed = true;
    if (this.#real) clearTimeout(this.#real);
    this.#real = null;
    this.#entries.clear();
    this.#heap.length = 0;
  }

  get size(): number {
    return this.#entries.size;
  }
}
