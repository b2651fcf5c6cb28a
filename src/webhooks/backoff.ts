/**
 * The retry schedule of a stalled webhook queue. PassFort says only "exponential backoff until a
 * 200"; the sandbox picks 1 s doubling to a 1 h cap, without jitter so that tests and the
 * documented table agree to the millisecond. Delays are workspace time: moving the clock moves
 * retries.
 */

export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 60 * 60 * 1_000;

/** How long to wait after the `failures`-th consecutive failed attempt (1 = the first failure). */
export function retryDelayMs(failures: number): number {
  if (!Number.isFinite(failures) || failures < 1) return RETRY_BASE_MS;
  // 2^12 s already exceeds the cap; stop before the power grows absurd.
  const exp = Math.min(failures - 1, 12);
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** exp);
}

/** Delays after failures 1..n, for docs and the status view. */
export function retrySchedule(n: number): number[] {
  return Array.from({ length: n }, (_, i) => retryDelayMs(i + 1));
}
