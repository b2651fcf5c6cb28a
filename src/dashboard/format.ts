import { formatDateTime, parseDateTime } from '../core/dates.js';

/**
 * Pure helpers the dashboard's pages share: times on the workspace clock, status words with
 * a tone and a symbol (so nothing is said by colour alone), enum names for people, and the
 * small summaries (webhook stalls, event lines) the timelines are made of.
 */

export type Tone = 'ok' | 'bad' | 'warn' | 'info' | 'neutral';

/** `YYYY-MM-DD hh:mm:ss` (UTC), as PassFort shows times; '—' for nothing. */
export function fmtTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? '—' : formatDateTime(ms);
}

/** ms from an ISO string or PassFort's `YYYY-MM-DD hh:mm:ss`; null when unreadable. */
export function toMs(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = typeof value === 'number' ? value : parseDateTime(value);
  return Number.isFinite(ms) ? ms : null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A length of time in words, to the two largest units: "90 days", "1 hour 5 minutes", "3 seconds". */
export function humanDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return plural(Math.round(abs), 'ms').replace(/ms?s$/, 'ms');
  if (abs < MINUTE) return plural(Math.round(abs / 1000), 'second');
  const parts: string[] = [];
  let rest = abs;
  for (const [unit, size] of [
    ['day', DAY],
    ['hour', HOUR],
    ['minute', MINUTE],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(plural(n, unit));
    rest -= n * size;
    if (parts.length === 2) break;
  }
  if (parts.length === 1 && abs >= DAY) return parts[0]!;
  return parts.join(' ');
}

/** "in 3 days", "5 minutes ago", "just now", against the workspace clock's `now`. */
export function relative(ms: number | null | undefined, now: number): string {
  if (ms === null || ms === undefined) return '';
  const diff = ms - now;
  if (Math.abs(diff) < 45_000) return 'just now';
  const rounded = Math.abs(diff) >= DAY ? Math.round(Math.abs(diff) / DAY) * DAY : Math.abs(diff) >= HOUR ? Math.round(Math.abs(diff) / HOUR) * HOUR : Math.round(Math.abs(diff) / MINUTE) * MINUTE;
  const words = humanDuration(rounded);
  return diff > 0 ? `in ${words}` : `${words} ago`;
}

const ACRONYMS: Record<string, string> = { pep: 'PEP', peps: 'PEPs', cra: 'CRA', uk: 'UK', id: 'ID' };

/** `INDIVIDUAL_VERIFY_IDENTITY` → "Individual verify identity"; `2+2` stays as it is. */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—';
  if (!/^[A-Z0-9_]+$/.test(value)) return value;
  const words = value
    .toLowerCase()
    .split('_')
    .filter(Boolean)
    .map((w) => ACRONYMS[w] ?? w)
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface StatusWord {
  label: string;
  tone: Tone;
  /** A symbol read with the label, so the state is not told by colour alone. */
  symbol: string;
}

const SYMBOL: Record<Tone, string> = { ok: '✓', bad: '✗', warn: '!', info: '○', neutral: '•' };

const TONES: Record<string, Tone> = {
  // customer requests and forms
  SENT: 'info',
  COMPLETED: 'ok',
  EXPIRED: 'warn',
  CANCELLED: 'neutral',
  // applications
  APPLIED: 'info',
  IN_REVIEW: 'warn',
  APPROVED: 'ok',
  REJECTED: 'bad',
  // tasks
  INCOMPLETE: 'info',
  COMPLETED_PASS: 'ok',
  COMPLETED_FAIL: 'bad',
  // checks
  PENDING: 'info',
  RUNNING: 'info',
  COMPLETE: 'neutral',
  // events
  UNRESOLVED: 'warn',
  MATCH: 'bad',
  MISMATCH: 'ok',
  IGNORE: 'neutral',
  CREATED_TASK: 'neutral',
  // profiles
  NORMAL: 'ok',
  SUSPENDED: 'warn',
  BANNED: 'bad',
  // emails
  QUEUED: 'info',
  FAILED: 'bad',
  // webhook queue
  idle: 'ok',
  delivering: 'info',
  stalled: 'bad',
  off: 'neutral',
};

const LABELS: Record<string, string> = {
  SENT: 'Sent',
  COMPLETED_PASS: 'Passed',
  COMPLETED_FAIL: 'Failed',
  INCOMPLETE: 'To do',
  IN_REVIEW: 'In review',
  idle: 'Delivering normally',
  delivering: 'Delivering',
  stalled: 'Stalled',
  off: 'Off',
};

export function statusWord(status: string | null | undefined): StatusWord {
  const s = status ?? '';
  const tone = TONES[s] ?? 'neutral';
  return { label: LABELS[s] ?? humanize(s), tone, symbol: SYMBOL[tone] };
}

const PASS_RESULTS = new Set(['Pass', '2+2']);
const SCREENING_HITS = new Set(['PEP', 'Sanction', 'Media', 'Refer']);

/** A check's outcome in words: its result when complete, else its state. */
export function checkOutcome(check: { state: string; result?: string | null }): StatusWord {
  if (check.state !== 'COMPLETE' || !check.result) return { label: humanize(check.state), tone: 'info', symbol: SYMBOL.info };
  const r = check.result;
  if (PASS_RESULTS.has(r)) return { label: r === 'Pass' ? 'Pass' : `Pass (${r})`, tone: 'ok', symbol: SYMBOL.ok };
  if (r === '1+1' || r === 'Partial') return { label: r, tone: 'warn', symbol: SYMBOL.warn };
  if (SCREENING_HITS.has(r)) return { label: r === 'Media' ? 'Adverse media' : r, tone: r === 'Refer' ? 'warn' : 'bad', symbol: SYMBOL[r === 'Refer' ? 'warn' : 'bad'] };
  return { label: r, tone: 'bad', symbol: SYMBOL.bad };
}

/** What a profile's checks add up to, for a list column and its filter. */
export type ChecksSummary = 'none' | 'pending' | 'passed' | 'failed' | 'hit';

export function summarizeChecks(checks: readonly { state: string; result?: string | null }[]): ChecksSummary {
  if (checks.length === 0) return 'none';
  if (checks.some((c) => c.state !== 'COMPLETE')) return 'pending';
  if (checks.some((c) => c.result && SCREENING_HITS.has(c.result))) return 'hit';
  if (checks.some((c) => !c.result || !(PASS_RESULTS.has(c.result) || c.result === '1+1' || c.result === 'Partial'))) return 'failed';
  return 'passed';
}

export const CHECKS_SUMMARY_WORDS: Record<ChecksSummary, StatusWord> = {
  none: { label: 'No checks', tone: 'neutral', symbol: SYMBOL.neutral },
  pending: { label: 'Running', tone: 'info', symbol: SYMBOL.info },
  passed: { label: 'All passed', tone: 'ok', symbol: SYMBOL.ok },
  failed: { label: 'Failed', tone: 'bad', symbol: SYMBOL.bad },
  hit: { label: 'Screening hit', tone: 'bad', symbol: SYMBOL.bad },
};

/** A webhook attempt as the deliveries log gives it (only what the summaries read). */
export interface AttemptLike {
  n: number;
  at: string;
  ok: boolean;
  attempt: number;
  status: number | null;
  error: string | null;
}

export interface Stall {
  /** ISO time of the first failed attempt. */
  from: string;
  /** ISO time of the attempt that got the 200, or null while still stalled. */
  to: string | null;
  failed_attempts: number;
  /** The first failure's reason. */
  error: string | null;
}

/**
 * The stalls a queue went through, read from its attempts (oldest first): a run of failures
 * ends with the next success. PassFort's panel shows only the current one; the log tells the
 * whole story, which is what a presenter wants to point at.
 */
export function stallsOf(attempts: readonly AttemptLike[]): Stall[] {
  const stalls: Stall[] = [];
  let current: Stall | null = null;
  for (const a of attempts) {
    if (!a.ok) {
      if (!current) {
        current = { from: a.at, to: null, failed_attempts: 0, error: a.error ?? (a.status !== null ? `HTTP ${a.status}` : null) };
        stalls.push(current);
      }
      current.failed_attempts++;
    } else if (current) {
      current.to = a.at;
      current = null;
    }
  }
  return stalls;
}

/** Words for search: lower case, split on spaces; a row matches when it holds every word. */
export function searchWords(q: string | null | undefined): string[] {
  return (q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

export function matchesWords(haystack: string, words: readonly string[]): boolean {
  const text = haystack.toLowerCase();
  return words.every((w) => text.includes(w));
}

/**
 * JSON for a `<pre>`, readable on a projector: two-space indented, but anything that fits on
 * one line of `width` characters (a name object, a list of ids) stays on one line.
 */
export function prettyJson(value: unknown, width = 72): string {
  const flat = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    if (Array.isArray(v)) return `[${v.map(flat).join(', ')}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${flat(x)}`).join(', ')}}`;
  };
  const write = (v: unknown, indent: string): string => {
    const one = flat(v);
    if (v === null || typeof v !== 'object' || indent.length + one.length <= width) return one;
    const inner = indent + '  ';
    if (Array.isArray(v)) return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(',\n')}\n${indent}}`;
  };
  try {
    return write(value, '');
  } catch {
    return String(value);
  }
}

/** A local path to go back to after login: only same-site paths, never `//host` or a scheme. */
export function safeNext(next: string | null | undefined, fallback = '/dashboard/profiles'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\r\n]/.test(next)) return fallback;
  return next;
}

/** Masks a secret for display: the first 4 characters and the length. */
export function maskSecret(secret: string | null | undefined): string {
  if (!secret) return '—';
  return `${secret.slice(0, 4)}${'•'.repeat(8)} (${secret.length} characters)`;
}
