import { describe, expect, it } from 'vitest';
import { RETRY_CAP_MS, retryDelayMs, retrySchedule } from './backoff.js';

describe('retry backoff', () => {
  it('starts at one second and doubles', () => {
    expect(retrySchedule(6)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000]);
  });

  it('caps at one hour from the 13th failure on', () => {
    expect(retryDelayMs(12)).toBe(2_048_000);
    expect(retryDelayMs(13)).toBe(RETRY_CAP_MS);
    expect(retryDelayMs(1_000)).toBe(RETRY_CAP_MS);
  });

  it('treats nonsense counts as a first failure', () => {
    expect(retryDelayMs(0)).toBe(1_000);
    expect(retryDelayMs(Number.NaN)).toBe(1_000);
  });

  it('waits 2^n - 1 seconds in total after n failures, so an hour down sees 12 attempts', () => {
    const waited = (n: number) => retrySchedule(n).reduce((a, b) => a + b, 0);
    expect(waited(11)).toBe(2_047_000);
    expect(waited(12)).toBe(4_095_000);
  });
});
