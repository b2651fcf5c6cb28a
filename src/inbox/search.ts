/**
 * Mailpit's search syntax over the stored message summaries. A query is split into words
 * (double quotes group a phrase and are removed); each word is a filter and all must match.
 * `-word` or `!word` negates. Prefixes: `to:`, `from:`, `cc:`, `bcc:`, `reply-to:`,
 * `addressed:`, `subject:`, `message-id:`, `tag:`, `is:read|unread|tagged`,
 * `has:attachment(s)|inline`, `before:`/`after:` (dates, in `tz` when given, else UTC),
 * `larger:`/`smaller:` (sizes like 20kb, 1.5MB); anything else is free text.
 *
 * Where Mailpit silently ignores a date or a time zone it cannot read, the sandbox refuses the
 * query with a SearchError naming the problem (it answers 400), so a test never passes by
 * accident on a filter that did nothing.
 */

export interface SearchableMessage {
  created: number;
  read: boolean;
  tags: readonly string[];
  subject: string;
  messageId: string;
  size: number;
  attachments: number;
  inline: number;
  /** Lower-cased address text per header, for the address filters. */
  addr: { to: string; from: string; cc: string; bcc: string; replyTo: string };
  /** Cleaned, lower-cased words (see cleanSearchText). */
  search: string;
}

export class SearchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchError';
  }
}

export type Filter =
  | { kind: 'address'; field: keyof SearchableMessage['addr'] | 'addressed'; value: string; exclude: boolean }
  | { kind: 'subject' | 'message-id' | 'tag' | 'text'; value: string; exclude: boolean }
  | { kind: 'is'; value: 'read' | 'unread' | 'tagged'; exclude: boolean }
  | { kind: 'has'; value: 'attachment' | 'inline'; exclude: boolean }
  | { kind: 'after' | 'before' | 'larger' | 'smaller'; value: number; exclude: boolean };

/** Splits on white space outside double quotes and drops the quotes (Mailpit's ArgsParser). */
export function splitQuery(query: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (const ch of query) {
    if (ch === '"') {
      quoted = !quoted;
      started = true;
      continue;
    }
    if (!quoted && /\s/.test(ch)) {
      if (started) out.push(current);
      current = '';
      started = false;
      continue;
    }
    current += ch;
    started = true;
  }
  if (started) out.push(current);
  return out.filter((w) => w !== '');
}

const clean = (s: string) =>
  s
    .replace(/(\r?\n|\t|>|<|"|,|;|\(|\))/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')
    .toLowerCase();

const ADDRESS_PREFIXES: [string, Extract<Filter, { kind: 'address' }>['field']][] = [
  ['to:', 'to'],
  ['from:', 'from'],
  ['cc:', 'cc'],
  ['bcc:', 'bcc'],
  ['reply-to:', 'replyTo'],
  ['addressed:', 'addressed'],
];

export function parseSize(v: string): number {
  const m = /^(\d+)(\.\d+)?\s?([a-z]{1,2})?$/.exec(v.toLowerCase());
  if (!m) return 0;
  const n = Number(`${m[1]}${m[2] ?? ''}`);
  const unit = m[3] ?? '';
  if (unit === '') return Math.floor(n);
  if (unit === 'k' || unit === 'kb') return Math.floor(n * 1024);
  if (unit === 'm' || unit === 'mb') return Math.floor(n * 1024 * 1024);
  return 0;
}

/** Offset of `tz` from UTC at instant `ms`, in ms. */
function zoneOffset(ms: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

export function checkTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new SearchError(`invalid time zone "${tz}" (use an IANA name such as Europe/London)`);
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Reads the date forms people type into `before:`/`after:`; a date without a zone is in `tz`. */
export function parseSearchDate(value: string, tz: string | undefined): number | null {
  const v = value.trim();
  if (/^\d{10}$/.test(v)) return Number(v) * 1000;
  if (/^\d{13}$/.test(v)) return Number(v);
  let y: number, mo: number, d: number;
  let h = 0,
    mi = 0,
    s = 0;
  let explicitZone: string | undefined;
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(v);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4]) [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    explicitZone = m[7];
  } else if ((m = /^(\d{1,2})[- ]([a-z]{3})[a-z]*[- ,]+(\d{4})$/i.exec(v))) {
    [d, mo, y] = [Number(m[1]), MONTHS.indexOf(m[2]!.toLowerCase()) + 1, Number(m[3])];
  } else if ((m = /^([a-z]{3})[a-z]*[- ](\d{1,2})(?:st|nd|rd|th)?,?[- ](\d{4})$/i.exec(v))) {
    [mo, d, y] = [MONTHS.indexOf(m[1]!.toLowerCase()) + 1, Number(m[2]), Number(m[3])];
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(wall).getUTCDate() !== d) return null; // 31 February and friends
  if (explicitZone) {
    if (/^z$/i.test(explicitZone)) return wall;
    const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(explicitZone)!;
    const offset = (Number(zm[2]) * 60 + Number(zm[3])) * 60_000 * (zm[1] === '-' ? -1 : 1);
    return wall - offset;
  }
  if (!tz) return wall;
  // The instant whose wall-clock time in tz is `wall` (two passes settle DST edges).
  let guess = wall - zoneOffset(wall, tz);
  guess = wall - zoneOffset(guess, tz);
  return guess;
}

/** Parses a query into filters. Throws SearchError for a date, size or time zone it cannot read. */
export function parseSearch(query: string, tz?: string): Filter[] {
  if (tz) checkTimeZone(tz);
  const filters: Filter[] = [];
  for (let w of splitQuery(query)) {
    if (clean(w) === '') continue;
    let exclude = false;
    if (w.length > 1 && (w.startsWith('-') || w.startsWith('!'))) {
      exclude = true;
      w = w.slice(1);
    }
    if (!/[a-zA-Z0-9]/.test(w)) continue;
    const lw = w.toLowerCase();
    const address = ADDRESS_PREFIXES.find(([p]) => lw.startsWith(p));
    if (address) {
      const value = clean(w.slice(address[0].length));
      if (value) filters.push({ kind: 'address', field: address[1], value, exclude });
    } else if (lw.startsWith('subject:')) {
      const value = w.slice(8).toLowerCase();
      if (value) filters.push({ kind: 'subject', value, exclude });
    } else if (lw.startsWith('message-id:')) {
      const value = clean(w.slice(11));
      if (value) filters.push({ kind: 'message-id', value, exclude });
    } else if (lw.startsWith('tag:')) {
      const value = w.slice(4).trim().toLowerCase();
      if (value) filters.push({ kind: 'tag', value, exclude });
    } else if (lw === 'is:read' || lw === 'is:unread' || lw === 'is:tagged') {
      filters.push({ kind: 'is', value: lw.slice(3) as 'read' | 'unread' | 'tagged', exclude });
    } else if (lw === 'has:attachment' || lw === 'has:attachments') {
      filters.push({ kind: 'has', value: 'attachment', exclude });
    } else if (lw === 'has:inline' || lw === 'has:inlines') {
      filters.push({ kind: 'has', value: 'inline', exclude });
    } else if (lw.startsWith('after:') || lw.startsWith('before:')) {
      const kind = lw.startsWith('after:') ? 'after' : 'before';
      const raw = w.slice(kind.length + 1).trim();
      if (!raw) continue;
      const at = parseSearchDate(raw, tz);
      if (at === null) throw new SearchError(`invalid ${kind}: date "${raw}" (use YYYY-MM-DD, YYYY-MM-DD HH:MM or a Unix timestamp)`);
      filters.push({ kind, value: at, exclude });
    } else if ((lw.startsWith('larger:') || lw.startsWith('smaller:')) && parseSize(lw.slice(lw.indexOf(':') + 1).trim()) > 0) {
      const kind = lw.startsWith('larger:') ? 'larger' : 'smaller';
      filters.push({ kind, value: parseSize(lw.slice(kind.length + 1).trim()), exclude });
    } else {
      filters.push({ kind: 'text', value: clean(w), exclude });
    }
  }
  return filters;
}

function test(m: SearchableMessage, f: Filter): boolean {
  switch (f.kind) {
    case 'address':
      if (f.field === 'addressed') return Object.values(m.addr).some((a) => a.includes(f.value));
      return m.addr[f.field].includes(f.value);
    case 'subject':
      return m.subject.toLowerCase().includes(f.value);
    case 'message-id':
      return m.messageId.toLowerCase().includes(f.value);
    case 'tag':
      return m.tags.some((t) => t.toLowerCase() === f.value);
    case 'is':
      return f.value === 'read' ? m.read : f.value === 'unread' ? !m.read : m.tags.length > 0;
    case 'has':
      return f.value === 'attachment' ? m.attachments > 0 : m.inline > 0;
    case 'after':
      return m.created >= f.value;
    case 'before':
      return m.created <= f.value;
    case 'larger':
      return m.size > f.value;
    case 'smaller':
      return m.size < f.value;
    case 'text':
      return m.search.includes(f.value);
  }
}

export function matches(m: SearchableMessage, filters: readonly Filter[]): boolean {
  for (const f of filters) if (test(m, f) === f.exclude) return false;
  return true;
}
