import { Hono, type Context } from 'hono';
import { MailboxError, toSummary, type MessageDoc } from '../mailbox.js';
import { parseSearchDate } from '../search.js';
import { intParam, jsonBody, mailboxFailure, ok, stringArray, textError, type InboxContext } from './respond.js';

/**
 * The mailbox as a whole: list, search, read status, delete, tags (Mailpit's API v1).
 * Lists are newest first; `start`/`limit` page them (limit 50 by default, as in Mailpit).
 */
export function mailboxRoutes(ctx: InboxContext): Hono {
  const { mailbox } = ctx;
  const app = new Hono();

  function page(docs: readonly MessageDoc[], start: number, limit: number) {
    return docs.slice(start, limit > 0 ? start + limit : undefined).map(toSummary);
  }

  function beforeFilter(value: string | undefined): (m: MessageDoc) => boolean {
    if (!value) return () => true;
    const at = parseSearchDate(value, undefined);
    return at === null ? () => true : (m) => m.created < at;
  }

  /** The list answer of both /messages and /search: Mailpit gives them the same shape. */
  function listing(c: Context, docs: readonly MessageDoc[]) {
    const start = intParam(c.req.query('start'), 0, 0);
    const limit = intParam(c.req.query('limit'), 50, 0);
    const kept = docs.filter(beforeFilter(c.req.query('before')));
    const stats = mailbox.stats();
    const messages = page(kept, start, limit);
    return c.json({
      total: stats.total,
      unread: stats.unread,
      count: messages.length,
      messages_count: kept.length,
      messages_unread: kept.filter((m) => !m.read).length,
      start,
      tags: mailbox.allTags(),
      messages,
    });
  }

  /** A JSON object body; no body reads as `{}`. */
  async function objectBody(c: Context): Promise<Record<string, unknown>> {
    const body = (await jsonBody(c)) ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new MailboxError('the body must be a JSON object');
    return body as Record<string, unknown>;
  }

  app.get('/api/v1/messages', (c) => listing(c, mailbox.all()));

  app.get('/api/v1/search', (c) => {
    const query = (c.req.query('query') ?? '').trim();
    if (!query) return textError(c, 'Error: no search query');
    try {
      return listing(c, mailbox.search(query, c.req.query('tz') || undefined));
    } catch (err) {
      return mailboxFailure(c, err);
    }
  });

  app.delete('/api/v1/search', (c) => {
    const query = (c.req.query('query') ?? '').trim();
    if (!query) return textError(c, 'Error: no search query');
    try {
      const ids = mailbox.search(query, c.req.query('tz') || undefined).map((m) => m.id);
      mailbox.delete(ids);
      return ok(c);
    } catch (err) {
      return mailboxFailure(c, err);
    }
  });

  // Read status: IDs, or a search, or (neither) every message.
  app.put('/api/v1/messages', async (c) => {
    try {
      const body = await objectBody(c);
      const ids = stringArray(body.IDs, 'IDs');
      const search = typeof body.Search === 'string' ? body.Search.trim() : '';
      if (body.Read !== undefined && typeof body.Read !== 'boolean') throw new MailboxError('Read must be true or false');
      const read = body.Read === true;
      if (ids.length > 0 && search) throw new MailboxError('You may specify either IDs or a search query, not both');
      if (search) mailbox.setRead(mailbox.search(search, c.req.query('tz') || undefined).map((m) => m.id), read, false);
      else if (ids.length === 0) mailbox.setRead(mailbox.all().map((m) => m.id), read, false);
      else {
        const unknown = ids.find((id) => !mailbox.get(id));
        if (unknown) throw new MailboxError(`Message not found: ${unknown}`);
        mailbox.setRead(ids, read);
      }
      return ok(c);
    } catch (err) {
      return mailboxFailure(c, err);
    }
  });

  // No IDs (or no body) deletes everything, as in Mailpit; malformed JSON deletes nothing.
  app.delete('/api/v1/messages', async (c) => {
    try {
      const body = (await jsonBody(c)) as Record<string, unknown> | undefined;
      const ids = body && typeof body === 'object' && !Array.isArray(body) ? stringArray(body.IDs, 'IDs') : [];
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        throw new MailboxError('the body must be a JSON object');
      }
      if (ids.length === 0) mailbox.deleteAll();
      else mailbox.delete(ids);
      return ok(c);
    } catch (err) {
      return mailboxFailure(c, err);
    }
  });

  app.get('/api/v1/tags', (c) => c.json(mailbox.allTags()));

  app.put('/api/v1/tags', async (c) => {
    try {
      const body = await objectBody(c);
      mailbox.setTags(stringArray(body.IDs, 'IDs'), stringArray(body.Tags, 'Tags'));
      return ok(c);
    } catch (err) {
      return mailboxFailure(c, err);
    }
  });

  app.put('/api/v1/tags/:tag', async (c) => {
    try {
      const body = ((await jsonBody(c)) ?? {}) as Record<string, unknown>;
      if (typeof body?.Name !== 'string') throw new MailboxError('Name must be the new tag name');
      mailbox.renameTag(c.req.param('tag'), body.Name);
      return ok(c);
    } catch (err) {
      return mailboxFailure(c, err);
    }
  });

  app.delete('/api/v1/tags/:tag', (c) => {
    try {
      mailbox.deleteTag(c.req.param('tag'));
      return ok(c);
    } catch (err) {
      return mailboxFailure(c, err);
    }
  });

  return app;
}
