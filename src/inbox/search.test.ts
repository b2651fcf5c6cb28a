import { describe, expect, it } from 'vitest';
import { matches, parseSearch, parseSearchDate, parseSize, SearchError, splitQuery, type SearchableMessage } from './search.js';

const DAY = 86_400_000;
const JAN10 = Date.UTC(2026, 0, 10, 12, 0, 0);

function msg(overrides: Partial<SearchableMessage> & { id: string }): SearchableMessage & { id: string } {
  return {
    created: JAN10,
    read: false,
    tags: [],
    subject: '',
    messageId: '',
    size: 1000,
    attachments: 0,
    inline: 0,
    addr: { to: '', from: '', cc: '', bcc: '', replyTo: '' },
    search: '',
    ...overrides,
  };
}

const mailbox = [
  msg({
    id: 'welcome',
    subject: 'Welcome to Sandbox Bank',
    addr: { to: ' <alex@example.com>', from: 'sandbox bank <onboarding@bank.example>', cc: '', bcc: '', replyTo: '' },
    tags: ['ws-default'],
    search: 'welcome to sandbox bank please update your information',
    messageId: 'abc-1@bank.example',
  }),
  msg({
    id: 'report',
    subject: 'Monthly report',
    read: true,
    attachments: 2,
    size: 50_000,
    created: JAN10 - 5 * DAY,
    addr: { to: 'bob <bob@example.com>', from: 'alice <alice@corp.example>', cc: 'dave <dave@corp.example>', bcc: '', replyTo: '' },
    tags: ['Reports', 'ws-other'],
    search: 'monthly report figures attached report.csv',
  }),
  msg({
    id: 'inline',
    subject: 'Newsletter: "big news"',
    inline: 1,
    created: JAN10 + 3 * DAY,
    addr: { to: 'reader <reader@example.com>', from: 'news <news@news.example>', cc: '', bcc: 'hidden <hidden@example.com>', replyTo: 'replies <r@news.example>' },
    search: 'big news today hello world',
  }),
];

const ids = (query: string, tz?: string) => mailbox.filter((m) => matches(m, parseSearch(query, tz))).map((m) => m.id);

describe('splitQuery', () => {
  it.each([
    ['to:alex subject:welcome', ['to:alex', 'subject:welcome']],
    ['"hello world" news', ['hello world', 'news']],
    ['subject:"big news"', ['subject:big news']],
    ['  spaced   out  ', ['spaced', 'out']],
    ['"unterminated phrase', ['unterminated phrase']],
    ['', []],
  ])('%j → %j', (query, words) => expect(splitQuery(query)).toEqual(words));
});

describe('Mailpit search filters', () => {
  it.each<[string, string[]]>([
    ['to:alex@example.com', ['welcome']],
    ['to:example.com', ['welcome', 'report', 'inline']],
    ['from:alice', ['report']],
    ['from:ALICE', ['report']],
    ['cc:dave', ['report']],
    ['bcc:hidden', ['inline']],
    ['reply-to:replies', ['inline']],
    ['addressed:hidden@example.com', ['inline']],
    ['subject:welcome', ['welcome']],
    ['subject:"monthly report"', ['report']],
    ['message-id:abc-1', ['welcome']],
    ['tag:ws-default', ['welcome']],
    ['tag:reports', ['report']],
    ['tag:report', []],
    ['is:read', ['report']],
    ['is:unread', ['welcome', 'inline']],
    ['is:tagged', ['welcome', 'report']],
    ['has:attachment', ['report']],
    ['has:attachments', ['report']],
    ['has:inline', ['inline']],
    ['larger:10kb', ['report']],
    ['smaller:10kb', ['welcome', 'inline']],
    ['"hello world"', ['inline']],
    ['hello', ['inline']],
    ['report', ['report']],
    ['-report', ['welcome', 'inline']],
    ['!report', ['welcome', 'inline']],
    ['-is:read', ['welcome', 'inline']],
    ['-has:attachment', ['welcome', 'inline']],
    ['-tag:ws-default', ['report', 'inline']],
    ['-from:alice -from:news', ['welcome']],
    ['to:example.com is:unread -has:inline', ['welcome']],
    ['after:2026-01-09', ['welcome', 'inline']],
    ['before:2026-01-09', ['report']],
    ['after:2026-01-11 before:2026-01-14', ['inline']],
    ['-after:2026-01-09', ['report']],
    ['after:1767960000', ['welcome', 'inline']],
    ['nothing-matches-this', []],
    ['- ! -- ?!', ['welcome', 'report', 'inline']],
  ])('%s', (query, expected) => expect(ids(query)).toEqual(expected));

  it('reads dates in the time zone given', () => {
    // 12:00 UTC on 10 January is 01:00 on 11 January in Auckland (UTC+13 in summer).
    expect(ids('after:"2026-01-11 00:30"', 'Pacific/Auckland')).toEqual(['welcome', 'inline']);
    expect(ids('after:"2026-01-11 01:30"', 'Pacific/Auckland')).toEqual(['inline']);
    expect(ids('after:"2026-01-11 00:30"')).toEqual(['inline']); // the same words read as UTC
  });

  it.each([
    ['before:yesterday-ish', /invalid before: date "yesterday-ish"/],
    ['after:2026-02-31', /invalid after: date "2026-02-31"/],
    ['after:2026-13-01', /invalid after: date/],
  ])('refuses %s', (query, message) => {
    expect(() => parseSearch(query)).toThrow(SearchError);
    expect(() => parseSearch(query)).toThrow(message);
  });

  it('refuses an unknown time zone', () => {
    expect(() => parseSearch('after:2026-01-01', 'Mars/Olympus')).toThrow(/invalid time zone "Mars\/Olympus"/);
  });
});

describe('dates and sizes', () => {
  it.each<[string, number | null]>([
    ['2026-01-10', Date.UTC(2026, 0, 10)],
    ['2026/01/10', Date.UTC(2026, 0, 10)],
    ['2026-01-10 08:30', Date.UTC(2026, 0, 10, 8, 30)],
    ['2026-01-10T08:30:15Z', Date.UTC(2026, 0, 10, 8, 30, 15)],
    ['2026-01-10T08:30:00+02:00', Date.UTC(2026, 0, 10, 6, 30)],
    ['10-Jan-2026', Date.UTC(2026, 0, 10)],
    ['Jan 10, 2026', Date.UTC(2026, 0, 10)],
    ['1767960000', 1767960000_000],
    ['not a date', null],
  ])('%s', (value, expected) => expect(parseSearchDate(value, undefined)).toBe(expected));

  it.each<[string, number]>([
    ['100', 100],
    ['2kb', 2048],
    ['1.5m', 1572864],
    ['3MB', 3145728],
    ['10gb', 0],
    ['abc', 0],
  ])('size %s', (value, bytes) => expect(parseSize(value)).toBe(bytes));
});
