import { describe, expect, it } from 'vitest';
import { formatDateTime, parseDateTime, parseDuration } from './dates.js';

describe('formatDateTime', () => {
  it('writes PassFort DateTime in UTC', () => {
    expect(formatDateTime(Date.UTC(2018, 0, 15, 11, 39, 17))).toBe('2018-01-15 11:39:17');
  });
});

describe('parseDateTime', () => {
  it.each([
    ['2018-01-15 11:39:17', Date.UTC(2018, 0, 15, 11, 39, 17)],
    ['2018-01-15T11:39:17Z', Date.UTC(2018, 0, 15, 11, 39, 17)],
    ['2018-01-15T11:39:17.250+01:00', Date.UTC(2018, 0, 15, 10, 39, 17, 250)],
    ['2018-01-15', Date.UTC(2018, 0, 15)],
  ])('reads %s', (text, ms) => expect(parseDateTime(text)).toBe(ms));

  it.each(['yesterday', '2018-13', ''])('rejects %j', (text) => expect(parseDateTime(text)).toBeNaN());
});

describe('parseDuration', () => {
  it.each([
    ['90d', 90 * 86_400_000],
    ['PT1H', 3_600_000],
    ['P1DT12H', 36 * 3_600_000],
    ['1h30m', 90 * 60_000],
    ['500ms', 500],
    ['45', 45_000],
    [30, 30_000],
    ['P2W', 14 * 86_400_000],
  ] as const)('reads %j', (input, ms) => expect(parseDuration(input)).toBe(ms));

  it.each(['', 'soon', '5 parsecs', 'P', 'PT', -5, '1h garbage'])('rejects %j', (input) =>
    expect(parseDuration(input as string)).toBeNull(),
  );
});
