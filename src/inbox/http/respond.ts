import type { Context } from 'hono';
import { MailboxError, type Mailbox } from '../mailbox.js';
import { SearchError } from '../search.js';
import type { Chaos } from '../chaos.js';

/**
 * Mailpit answers errors as plain text (400 for a bad request, 404 `404 page not found` for an
 * unknown id) and success as 200, either JSON or the text `ok`. These helpers keep every route
 * in that style so clients written for Mailpit (which check for exactly 200) behave the same.
 */

export interface InboxContext {
  mailbox: Mailbox;
  chaos: Chaos;
  version: string;
  /** Largest message accepted (SMTP and the send API). */
  maxSize: number;
  /** Where the inbox keeps its data, for /api/v1/info ("memory" when nothing is on disk). */
  database: string;
  startedAt: number;
}

export const textError = (c: Context, message: string, status: 400 | 404 | 413 | 500 = 400) =>
  c.text(message, status, { 'Content-Type': 'text/plain; charset=utf-8' });

export const notFoundPage = (c: Context) => textError(c, '404 page not found', 404);

export const ok = (c: Context) => c.text('ok', 200, { 'Content-Type': 'text/plain; charset=utf-8' });

/** Mailbox and search errors as Mailpit-style text; anything else is rethrown. */
export function mailboxFailure(c: Context, err: unknown) {
  if (err instanceof MailboxError) return err.status === 404 ? textError(c, err.message, 404) : textError(c, err.message);
  if (err instanceof SearchError) return textError(c, `Error: ${err.message}`);
  throw err;
}

/** `{id}` or `latest` (optionally the latest matching `?query=`, in `?tz=`). Throws MailboxError 404 / SearchError. */
export function resolveId(c: Context, mailbox: Mailbox): string {
  const id = c.req.param('id') ?? '';
  if (id === 'latest') return mailbox.latestId(c.req.query('query'), c.req.query('tz') || undefined);
  if (!mailbox.get(id)) throw new MailboxError('Message not found', 404);
  return id;
}

/** Reads a JSON body; an empty body is `undefined`. Throws MailboxError on malformed JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new MailboxError(`invalid JSON body: ${(err as Error).message}`);
  }
}

export function stringArray(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new MailboxError(`${field} must be an array of strings`);
  return value as string[];
}

export function intParam(value: string | undefined, fallback: number, min: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= min ? n : fallback;
}
