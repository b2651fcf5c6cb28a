import { describe, expect, it } from 'vitest';
import { defaultTimeoutMs, describeValue, formatMs, waitFor, WaitTimeoutError } from './wait.js';

describe('waitFor', () => {
  it('returns the first value the condition accepts, probing again until then', async () => {
    let n = 0;
    const value = await waitFor('n to reach 3', () => ++n, (v) => v >= 3, { timeout: 5_000 });
    expect(value).toBe(3);
    expect(n).toBe(3);
  });

  it('accepts a truthy value by default, and awaits async probes', async () => {
    let calls = 0;
    expect(await waitFor('a value', async () => (++calls > 1 ? 'ready' : ''), undefined, { timeout: 5_000 })).toBe('ready');
  });

  it('times out with what it waited for, what it saw last and how many checks it made', async () => {
    let n = 0;
    const err = await waitFor('the request to be EXPIRED', () => ({ status: 'SENT', n: ++n }), (v) => v.status === 'EXPIRED', { timeout: 60 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    const e = err as WaitTimeoutError;
    expect(e.message).toMatch(/^Timed out after 60 ms waiting for the request to be EXPIRED; last saw \{"status":"SENT","n":\d+\} \(\d+ checks\)$/);
    expect(e.waitedFor).toBe('the request to be EXPIRED');
    expect(e.lastSeen).toContain('"status":"SENT"');
    expect(e.timeoutMs).toBe(60);
  });

  it('uses `describe` for the last value in the message', async () => {
    const err = (await waitFor('a green light', () => 'red', (v) => v === 'green', { timeout: 30, describe: (v) => `the light at ${v}` }).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('last saw the light at red');
  });

  it('treats a throwing probe as "not yet" and reports its error when nothing better was seen', async () => {
    let n = 0;
    expect(await waitFor('the third try', () => {
      if (++n < 3) throw new Error('ECONNREFUSED');
      return n;
    }, undefined, { timeout: 5_000 })).toBe(3);
    const err = await waitFor('a sandbox', () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:8400');
    }, undefined, { timeout: 30 }).catch((e: Error) => e);
    expect(err.message).toContain('last saw an error: connect ECONNREFUSED 127.0.0.1:8400');
  });

  it('probes at least once even with a zero time-out, and stops early when aborted', async () => {
    let n = 0;
    await expect(waitFor('never', () => ++n, () => false, { timeout: 0 })).rejects.toThrow(/\(1 check\)/);
    const abort = new AbortController();
    const pending = waitFor('never', () => false, (v) => v, { timeout: 60_000, signal: abort.signal });
    abort.abort();
    await expect(pending).rejects.toBeInstanceOf(WaitTimeoutError);
  });
});

describe('describeValue and formatMs', () => {
  it('renders values on one line, shortened', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue('a\n  b')).toBe('"a\\n b"');
    expect(describeValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(describeValue(new Error('boom'))).toBe('an error: boom');
    expect(describeValue('x'.repeat(500), 20)).toHaveLength(20);
    expect(describeValue('x'.repeat(500), 20).endsWith('…')).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('[object Object]');
  });

  it('formats durations', () => {
    expect(formatMs(250)).toBe('250 ms');
    expect(formatMs(30_000)).toBe('30 s');
    expect(formatMs(1_500)).toBe('1.5 s');
  });

  it('defaults to 30 s, overridable by PASSFORT_HARNESS_TIMEOUT_MS', () => {
    expect(defaultTimeoutMs({})).toBe(30_000);
    expect(defaultTimeoutMs({ PASSFORT_HARNESS_TIMEOUT_MS: '5000' })).toBe(5_000);
    expect(defaultTimeoutMs({ PASSFORT_HARNESS_TIMEOUT_MS: 'soon' })).toBe(30_000);
  });
});
