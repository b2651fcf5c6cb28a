import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { mailboxRoutes } from './mailbox-routes.js';
import { messageRoutes } from './message-routes.js';
import { miscRoutes } from './misc-routes.js';
import { notFoundPage, textError, type InboxContext } from './respond.js';
import { webPage } from './web-page.js';

/**
 * The inbox's HTTP server (its own port, like Mailpit's 8025): the Mailpit API v1, the
 * rendered views, the probes and the web page. Optional basic auth guards everything but the
 * probes, and answers as Mailpit does (401, `WWW-Authenticate: Basic realm="Login"`).
 */

export interface InboxAuth {
  username: string;
  password: string;
}

function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

/** Checks an `Authorization: Basic …` header against the configured credentials. */
export function basicAuthMatches(header: string | undefined, auth: InboxAuth | undefined): boolean {
  if (!auth) return true;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return false;
  // Evaluate both so the timing does not tell which one was wrong.
  const userOk = safeEqual(decoded.slice(0, colon), auth.username);
  const passOk = safeEqual(decoded.slice(colon + 1), auth.password);
  return userOk && passOk;
}

export const authorizeUpgrade = (auth: InboxAuth | undefined) => (req: IncomingMessage) =>
  basicAuthMatches(req.headers.authorization, auth);

export function createInboxApp(ctx: InboxContext & { auth?: InboxAuth }): Hono {
  const app = new Hono();

  app.onError((err, c) => {
    console.error('passfort-sandbox: inbox:', err);
    return textError(c, `internal error: ${err.message}`, 500);
  });
  app.notFound((c) => notFoundPage(c));

  app.use('*', async (c, next) => {
    c.header('Referrer-Policy', 'no-referrer');
    if (c.req.path === '/livez' || c.req.path === '/readyz' || basicAuthMatches(c.req.header('authorization'), ctx.auth)) return next();
    return c.text('Unauthorised.\n', 401, { 'WWW-Authenticate': 'Basic realm="Login"', 'Content-Type': 'text/plain; charset=utf-8' });
  });

  app.route('/', mailboxRoutes(ctx));
  app.route('/', messageRoutes(ctx));
  app.route('/', miscRoutes(ctx));

  const page = (c: import('hono').Context) => c.html(webPage(ctx.version));
  app.get('/', page);
  app.get('/search', page);
  app.get('/view/:id', page);

  return app;
}
