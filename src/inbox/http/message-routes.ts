import crypto from 'node:crypto';
import { Hono, type Context } from 'hono';
import { canonicalHeaderKey, rawHeaderLines, type ParsedMessage } from '../parse.js';
import { checkLinks } from '../link-check.js';
import { mailboxFailure, notFoundPage, resolveId, textError, type InboxContext } from './respond.js';

/**
 * One message: its summary (which marks it read), headers, source, parts, thumbnails, the
 * link check, the rendered HTML and text views. Every route takes `latest` (with an optional
 * `?query=`) for the newest message.
 */

export const UNSUPPORTED = {
  htmlCheck: 'The HTML check is not supported by passfort-sandbox',
  spamAssassin: 'SpamAssassin checks are not supported by passfort-sandbox',
  release: 'Releasing (relaying) messages is not supported by passfort-sandbox',
} as const;

export function messageJson(id: string, p: ParsedMessage, doc: { created: number; tags: readonly string[]; username: string; size: number; bcc: unknown }) {
  return {
    ID: id,
    MessageID: p.messageId,
    From: p.from,
    To: p.to,
    Cc: p.cc,
    Bcc: doc.bcc,
    ReplyTo: p.replyTo,
    ReturnPath: p.returnPath,
    Subject: p.subject,
    ListUnsubscribe: p.listUnsubscribe,
    Date: (p.date ?? new Date(doc.created)).toISOString(),
    Tags: [...doc.tags],
    Username: doc.username,
    Text: p.text,
    HTML: p.html,
    Size: doc.size,
    Inline: p.inline,
    Attachments: p.attachments,
  };
}

/** Rewrites `cid:` references to the part URLs, so the HTML view shows inline images. */
export function linkInlineImages(id: string, p: ParsedMessage): string {
  let html = p.html;
  for (const a of [...p.inline, ...p.attachments]) {
    if (!a.ContentID) continue;
    const escaped = a.ContentID.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(=["']?)cid:${escaped}(["'\\s/>;])`, 'gi');
    html = html.replace(re, (_m, pre: string, post: string) => `${pre}/api/v1/message/${id}/part/${a.PartID}${post}`);
  }
  return html;
}

/** What `?embed=1` adds in Mailpit: links open outside the frame, and the height is posted to the parent. */
const EMBED_SCRIPT = 'window.addEventListener("load",function(){parent.postMessage({messageHeight:document.body.scrollHeight},"*")})';
const EMBED_HASH = `'sha256-${crypto.createHash('sha256').update(EMBED_SCRIPT).digest('base64')}'`;

function embed(html: string): string {
  const withTargets = html.replace(/<a\s/gi, '<a target="_blank" rel="noreferrer noopener" ');
  const doc = /<html[\s>]/i.test(withTargets) ? withTargets : `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${withTargets}</body></html>`;
  const script = `<script>${EMBED_SCRIPT}</script>`;
  return /<\/body>/i.test(doc) ? doc.replace(/<\/body>/i, `${script}</body>`) : doc + script;
}

export function messageRoutes(ctx: InboxContext): Hono {
  const { mailbox } = ctx;
  const app = new Hono();

  async function withMessage(c: Context, fn: (id: string) => Promise<Response> | Response): Promise<Response> {
    let id: string;
    try {
      id = resolveId(c, mailbox);
    } catch (err) {
      return mailboxFailure(c, err);
    }
    return fn(id);
  }

  app.get('/api/v1/message/:id', (c) =>
    withMessage(c, async (id) => {
      const parsed = await mailbox.parsed(id);
      mailbox.setRead([id], true);
      const doc = mailbox.get(id);
      if (!doc) return notFoundPage(c); // deleted while parsing
      return c.json(messageJson(id, parsed, doc));
    }),
  );

  app.get('/api/v1/message/:id/headers', (c) =>
    withMessage(c, (id) => {
      const headers: Record<string, string[]> = {};
      for (const { key, value } of rawHeaderLines(mailbox.raw(id))) (headers[canonicalHeaderKey(key)] ??= []).push(value);
      const sorted = Object.fromEntries(Object.keys(headers).sort().map((k) => [k, headers[k]!]));
      return c.json(sorted);
    }),
  );

  app.get('/api/v1/message/:id/raw', (c) =>
    withMessage(c, (id) => {
      const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
      if (c.req.query('dl') === '1') headers['Content-Disposition'] = `attachment; filename="${id}.eml"`;
      return c.body(new Uint8Array(mailbox.raw(id)), 200, headers);
    }),
  );

  app.get('/api/v1/message/:id/part/:partID', (c) =>
    withMessage(c, async (id) => {
      const part = (await mailbox.parsed(id)).parts.get(c.req.param('partID'));
      if (!part) return notFoundPage(c);
      let contentType = part.info.ContentType || 'application/octet-stream';
      let disposition = 'inline';
      // Never let a part run as a page on the inbox's origin.
      if (/^(text\/html|text\/xml|application\/xhtml\+xml|image\/svg\+xml|application\/xml|text\/xsl)/i.test(contentType)) {
        contentType = 'application/octet-stream';
        disposition = 'attachment';
      }
      const name = encodeURIComponent(part.info.FileName || part.info.ContentID || `part-${part.info.PartID}`);
      return c.body(new Uint8Array(part.content), 200, {
        'Content-Type': contentType,
        'Content-Disposition': `${disposition}; filename="${name}"`,
      });
    }),
  );

  app.get('/api/v1/message/:id/part/:partID/thumb', (c) =>
    withMessage(c, async (id) => {
      const part = (await mailbox.parsed(id)).parts.get(c.req.param('partID'));
      if (!part) return notFoundPage(c);
      // The image decoders (pngjs, jpeg-js) load with the first thumbnail, not at every start.
      const { thumbnail } = await import('../thumbnail.js');
      return c.body(new Uint8Array(thumbnail(part.content, part.info.ContentType)), 200, { 'Content-Type': 'image/jpeg' });
    }),
  );

  app.get('/api/v1/message/:id/link-check', (c) =>
    withMessage(c, async (id) => {
      const follow = ['true', '1'].includes(c.req.query('follow') ?? '');
      return c.json(await checkLinks(await mailbox.parsed(id), follow));
    }),
  );

  app.get('/api/v1/message/:id/html-check', (c) => textError(c, UNSUPPORTED.htmlCheck));
  app.get('/api/v1/message/:id/sa-check', (c) => textError(c, UNSUPPORTED.spamAssassin));
  app.post('/api/v1/message/:id/release', (c) => textError(c, UNSUPPORTED.release));

  // Rendered views for UI tests: /view/{ID}.html and /view/{ID}.txt
  app.get('/view/:file', async (c, next) => {
    const m = /^(.+)\.(html|txt)$/.exec(c.req.param('file'));
    if (!m) return next();
    let id = m[1]!;
    try {
      id = id === 'latest' ? mailbox.latestId(c.req.query('query'), c.req.query('tz') || undefined) : id;
      if (!mailbox.get(id)) return textError(c, 'Message not found', 404);
    } catch (err) {
      return mailboxFailure(c, err);
    }
    const parsed = await mailbox.parsed(id);
    if (m[2] === 'txt') return c.text(parsed.text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    if (!parsed.html) return textError(c, 'This message does not contain a HTML part', 404);
    const embedded = c.req.query('embed') === '1';
    const html = embedded ? embed(linkInlineImages(id, parsed)) : linkInlineImages(id, parsed);
    // The email's own scripts never run on the inbox's origin; only the embed helper may.
    return c.html(html, 200, { 'Content-Security-Policy': `script-src ${embedded ? EMBED_HASH : "'none'"}` });
  });

  app.get('/view/latest', (c) => {
    try {
      return c.redirect(`/view/${mailbox.latestId(c.req.query('query'), c.req.query('tz') || undefined)}`, 302);
    } catch {
      return c.redirect('/', 302);
    }
  });

  return app;
}
