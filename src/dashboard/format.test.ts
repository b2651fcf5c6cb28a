import { describe, expect, it } from 'vitest';
import { checkOutcome, fmtTime, humanDuration, humanize, matchesWords, prettyJson, relative, safeNext, searchWords, stallsOf, statusWord, summarizeChecks, toMs } from './format.js';
import { describeEvent, describeJob } from './describe.js';

const T = Date.UTC(2026, 0, 15, 9, 0, 0);

describe('times', () => {
  it('formats as PassFort does, and reads both PassFort and ISO times', () => {
    expect(fmtTime(T)).toBe('2026-01-15 09:00:00');
    expect(fmtTime(null)).toBe('—');
    expect(toMs('2026-01-15 09:00:00')).toBe(T);
    expect(toMs('2026-01-15T09:00:00.000Z')).toBe(T);
    expect(toMs('not a time')).toBeNull();
  });

  it('says durations with the two largest units', () => {
    expect(humanDuration(90 * 86_400_000)).toBe('90 days');
    expect(humanDuration(3_900_000)).toBe('1 hour 5 minutes');
    expect(humanDuration(3000)).toBe('3 seconds');
    expect(humanDuration(86_400_000 + 3_600_000 + 60_000)).toBe('1 day 1 hour');
  });

  it('says times relative to the workspace clock', () => {
    expect(relative(T + 3 * 86_400_000, T)).toBe('in 3 days');
    expect(relative(T - 5 * 60_000, T)).toBe('5 minutes ago');
    expect(relative(T + 10_000, T)).toBe('just now');
    expect(relative(null, T)).toBe('');
  });
});

describe('words for states', () => {
  it('humanizes enum names and keeps other text', () => {
    expect(humanize('INDIVIDUAL_VERIFY_IDENTITY')).toBe('Individual verify identity');
    expect(humanize('2+2')).toBe('2+2');
    expect(humanize('PEPS_AND_SANCTIONS_SCREEN')).toBe('PEPs and sanctions screen');
    expect(humanize('PEP_FLAG')).toBe('PEP flag');
    expect(humanize(null)).toBe('—');
  });

  it('gives every status a label, a tone and a symbol', () => {
    expect(statusWord('COMPLETED_PASS')).toEqual({ label: 'Passed', tone: 'ok', symbol: '✓' });
    expect(statusWord('EXPIRED')).toMatchObject({ label: 'Expired', tone: 'warn' });
    expect(statusWord('stalled')).toMatchObject({ label: 'Stalled', tone: 'bad', symbol: '✗' });
    expect(statusWord('SOMETHING_NEW')).toMatchObject({ label: 'Something new', tone: 'neutral' });
  });

  it('reads check outcomes and sums up a profile', () => {
    expect(checkOutcome({ state: 'COMPLETE', result: '2+2' })).toMatchObject({ label: 'Pass (2+2)', tone: 'ok' });
    expect(checkOutcome({ state: 'COMPLETE', result: 'PEP' })).toMatchObject({ tone: 'bad' });
    expect(checkOutcome({ state: 'RUNNING', result: null })).toMatchObject({ label: 'Running', tone: 'info' });
    expect(summarizeChecks([])).toBe('none');
    expect(summarizeChecks([{ state: 'COMPLETE', result: 'Pass' }, { state: 'PENDING' }])).toBe('pending');
    expect(summarizeChecks([{ state: 'COMPLETE', result: 'Pass' }, { state: 'COMPLETE', result: 'Sanction' }])).toBe('hit');
    expect(summarizeChecks([{ state: 'COMPLETE', result: '2+2' }, { state: 'COMPLETE', result: 'Fail' }])).toBe('failed');
    expect(summarizeChecks([{ state: 'COMPLETE', result: '2+2' }, { state: 'COMPLETE', result: 'Pass' }])).toBe('passed');
  });
});

describe('webhook stalls', () => {
  const a = (n: number, ok: boolean, status: number | null = ok ? 200 : 500) => ({ n, at: `t${n}`, ok, attempt: 1, status, error: ok ? null : `HTTP ${status}: only 200 counts as delivered` });

  it('finds each run of failures and the success that ended it', () => {
    expect(stallsOf([a(1, true), a(2, false), a(3, false), a(4, true), a(5, false)])).toEqual([
      { from: 't2', to: 't4', failed_attempts: 2, error: 'HTTP 500: only 200 counts as delivered' },
      { from: 't5', to: null, failed_attempts: 1, error: 'HTTP 500: only 200 counts as delivered' },
    ]);
    expect(stallsOf([a(1, true)])).toEqual([]);
  });
});

describe('search and links', () => {
  it('matches every word, ignoring case', () => {
    expect(searchWords('  Alex  PEP ')).toEqual(['alex', 'pep']);
    expect(matchesWords('Alex Pep Wheeler', ['alex', 'pep'])).toBe(true);
    expect(matchesWords('Alex Wheeler', ['alex', 'pep'])).toBe(false);
  });

  it('only goes back to local paths after login', () => {
    expect(safeNext('/dashboard/inbox?q=x')).toBe('/dashboard/inbox?q=x');
    expect(safeNext('//evil.example/')).toBe('/dashboard/profiles');
    expect(safeNext('https://evil.example/')).toBe('/dashboard/profiles');
    expect(safeNext('/\\evil.example')).toBe('/dashboard/profiles');
    expect(safeNext(undefined)).toBe('/dashboard/profiles');
  });
});

describe('event lines', () => {
  it('describes domain events and notices in words', () => {
    expect(describeEvent('PRODUCT_STATUS_CHANGED', { product: { name: 'Personal Account' }, new_status: 'APPROVED', user: { name: 'Sandbox dashboard' } })).toBe(
      'Personal Account: application approved by Sandbox dashboard',
    );
    expect(describeEvent('CUSTOMER_REQUEST_CHANGED', { status: 'EXPIRED', previous_status: 'SENT' })).toBe('Customer request SENT → EXPIRED');
    expect(describeEvent('CUSTOMER_REQUEST_CHANGED', { status: 'SENT', previous_status: null })).toBe('Customer request created (SENT)');
    expect(describeEvent('CHECK_COMPLETED', { check_type: 'PEPS_AND_SANCTIONS_SCREEN', result: 'PEP' })).toBe('Check PEPs and sanctions screen completed: PEP');
    expect(describeEvent('WEBHOOK_QUEUE_RECOVERED', { failed_attempts: 1 })).toBe('Webhook queue recovered after 1 failed attempt');
    expect(describeEvent('SOMETHING_ELSE', {})).toBe('Something else');
    expect(describeJob('customer-request-expiry')).toContain('expire');
  });
});

describe('JSON for people', () => {
  it('keeps what fits on a line on one line, and indents the rest', () => {
    const text = prettyJson({ name: { given_names: ['Alex'], family_name: 'Wheeler' }, tags: [], long: 'x'.repeat(80) }, 60);
    expect(text).toBe(`{\n  "name": {"given_names": ["Alex"], "family_name": "Wheeler"},\n  "tags": [],\n  "long": "${'x'.repeat(80)}"\n}`);
    expect(JSON.parse(text)).toEqual({ name: { given_names: ['Alex'], family_name: 'Wheeler' }, tags: [], long: 'x'.repeat(80) });
    expect(JSON.parse(prettyJson({ 'k":': 'a":b","c' }))).toEqual({ 'k":': 'a":b","c' });
  });
});
