import { STATUS_CODES } from 'node:http';
import type { ParsedMessage } from './parse.js';

/**
 * Mailpit's link check: every http(s) link in the HTML (`a[href]`, stylesheet links,
 * `img[src]`) and in the text part, each asked with a HEAD request (redirects followed only
 * when asked). A status of 400 or more, or no answer, counts as an error. Tests use it to
 * prove the request link in the email answers.
 */

export interface LinkResult {
  URL: string;
  StatusCode: number;
  Status: string;
}

const TEXT_LINK = /\b(?:http|https):\/\/[-\w@:%_+'!.~#?,&/=;]+/gi;
const ATTR = /<(a|link|img)\b[^>]*?\s(href|src)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi;

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
}

export function extractLinks(msg: Pick<ParsedMessage, 'html' | 'text'>): string[] {
  const links: string[] = [];
  for (const m of msg.html.matchAll(ATTR)) {
    const tag = m[1]!.toLowerCase();
    const attr = m[2]!.toLowerCase();
    if ((tag === 'img') !== (attr === 'src')) continue;
    if (tag === 'link' && !/\brel\s*=\s*["']?stylesheet/i.test(m[0])) continue;
    const value = decodeEntities((m[4] ?? m[5] ?? m[6] ?? '').trim());
    if (/^https?:\/\//i.test(value)) links.push(value);
  }
  for (const m of msg.text.matchAll(TEXT_LINK)) links.push(m[0]);
  return [...new Set(links)];
}

async function head(url: string, follow: boolean, timeoutMs: number): Promise<LinkResult> {
  try {
    const res = await fetch(url, {
      method: 'HEAD',
      redirect: follow ? 'follow' : 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'passfort-sandbox link check (Mailpit-compatible)' },
    });
    return { URL: url, StatusCode: res.status, Status: STATUS_CODES[res.status] ?? '' };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (err as Error).message;
    return { URL: url, StatusCode: 0, Status: reason };
  }
}

export async function checkLinks(
  msg: Pick<ParsedMessage, 'html' | 'text'>,
  follow: boolean,
  timeoutMs = 10_000,
): Promise<{ Errors: number; Links: LinkResult[] }> {
  const links = extractLinks(msg);
  const results: LinkResult[] = [];
  // Five at a time, like Mailpit.
  for (let i = 0; i < links.length; i += 5) results.push(...(await Promise.all(links.slice(i, i + 5).map((l) => head(l, follow, timeoutMs)))));
  return { Errors: results.filter((l) => l.StatusCode >= 400 || l.StatusCode === 0).length, Links: results };
}
