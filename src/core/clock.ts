/**
 * The workspace clock: real time plus an offset, optionally frozen. It never reads the
 * wall clock itself; a WallClock is injected so tests (and the domain) stay deterministic.
 */

export interface WallClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface ClockState {
  /** Added to the wall clock while running. */
  offsetMs: number;
  /** When frozen, the virtual time (ms since epoch) it is frozen at. */
  frozenAtMs: number | null;
}

export interface ClockView {
  nowMs(): number;
  now(): Date;
}

/**
 * The times a workspace clock can show: from the Unix epoch to the end of year 9999. PassFort's
 * dates (`YYYY-MM-DD hh:mm:ss`) and webhook timestamps (Unix seconds) have no room outside it,
 * and JavaScript dates end at ±8.64e15 ms.
 */
export const MIN_CLOCK_MS = 0;
export const MAX_CLOCK_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function isClockTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_CLOCK_MS && ms <= MAX_CLOCK_MS;
}

export class VirtualClock implements ClockView {
  #wall: WallClock;
  #state: ClockState;

  constructor(wall: WallClock, state: ClockState = { offsetMs: 0, frozenAtMs: null }) {
    this.#wall = wall;
    this.#state = { ...state };
  }

  nowMs(): number {
    return this.#state.frozenAtMs ?? this.#wall.now() + this.#state.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** How far virtual time is from real time right now. */
  offsetMs(): number {
    return this.nowMs() - this.#wall.now();
  }

  get frozen(): boolean {
    return this.#state.frozenAtMs !== null;
  }

  state(): ClockState {
    return { ...this.#state };
  }

  /** Moves virtual time forward; a frozen clock stays frozen at the new time. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock can only move forward, got ${ms} ms`);
    if (!isClockTime(this.nowMs() + ms)) throw new RangeError(`clock cannot move past ${new Date(MAX_CLOCK_MS).toISOString()}`);
    if (this.#state.frozenAtMs !== null) this.#state.frozenAtMs += ms;
    else this.#state.offsetMs += ms;
  }

  /** Sets virtual time; moving backwards is allowed (the scheduler only fires what is due). */
  set(ms: number): void {
    if (!isClockTime(ms)) throw new RangeError(`not a time the clock can show: ${ms}`);
    if (this.#state.frozenAtMs !== null) this.#state.frozenAtMs = ms;
    else this.#state.offsetMs = ms - this.#wall.now();
  }

  freeze(): void {
    if (this.#state.frozenAtMs === null) this.#state.frozenAtMs = this.nowMs();
  }

  resume(): void {
    if (this.#state.frozenAtMs === null) return;
    this.#state.offsetMs = this.#state.frozenAtMs - this.#wall.now();
    this.#state.frozenAtMs = null;
  }
}

/** A hand-driven wall clock for tests. */
export class ManualWallClock implements WallClock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  tick(ms: number): void {
    this.ms += ms;
  }
}
