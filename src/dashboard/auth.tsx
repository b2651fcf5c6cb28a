import type { Context, MiddlewareHandler } from 'hono';
import { forgetKey, readKey, rememberKey, dashboardRuntime, type DashEnv, type DashboardDeps } from './context.js';
import { safeNext } from './format.js';
import { htmlDocument } from '../mock-api/html-document.js';

/**
 * Who may see what: a workspace's pages need that workspace's master key, entered once and
 * kept in an HttpOnly cookie (scripts cannot read it). Buttons are POSTs accepted only from
 * the dashboard's own pages (Origin / Sec-Fetch-Site), and every page is sent with a CSP
 * that runs no inline script and no script from anywhere else.
 */

export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // Same-origin requests keep their referrer (and Origin on POSTs); links out send none.
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Content-Type-Options', 'nosniff');
  if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', DASHBOARD_CSP);
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  if (!c.res.headers.has('X-Frame-Options') && !c.res.headers.get('Content-Security-Policy')?.includes("frame-ancestors 'self'")) c.header('X-Frame-Options', 'DENY');
};

/**
 * A POST from another site (a page the user visits while the sandbox runs) is refused.
 * Browsers say where a request comes from in Sec-Fetch-Site; without it (an old browser),
 * the Origin header must be ours. Clients that send neither (curl) are not browsers.
 */
export function sameOriginPost(c: Context): boolean {
  if (c.req.method !== 'POST') return true;
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = c.req.header('origin');
  return !origin || origin === new URL(c.req.url).origin;
}

export function requireWorkspace(deps: DashboardDeps): MiddlewareHandler<DashEnv> {
  return async (c, next) => {
    if (!sameOriginPost(c)) return c.text('Refused: dashboard actions are accepted only from the dashboard itself.', 403);
    const key = readKey(c);
    const principal = key ? deps.registry.authenticate(key) : undefined;
    if (!key || !principal || principal.kind !== 'master') {
      if (key) forgetKey(c);
      if (c.req.method === 'GET' && !c.req.path.startsWith('/dashboard/events')) {
        const url = new URL(c.req.url);
        return c.redirect(`/dashboard/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      return c.text('Sign in again: open the dashboard and enter the workspace key.', 401);
    }
    // A live page refreshes itself with the key of the moment. Signed in to another workspace since
    // (in this tab or another), its page is not this workspace's: 205 tells it so, rather than
    // answer what would be a 404 here, or another workspace's page at the same address.
    const shown = c.req.header('x-dashboard-workspace');
    if (c.req.header('x-dashboard-refresh') === '1' && shown && shown !== principal.workspace.id) {
      return c.body(null, 205, { 'Cache-Control': 'no-store' });
    }
    c.set('dash', { ws: principal.workspace, key, deps, runtime: dashboardRuntime(deps.registry) });
    await next();
  };
}

function loginPage(opts: { next: string; error: string | null; apiUrl: string }): string {
  return htmlDocument({
    title: 'Open a workspace · passfort-sandbox',
    head: (
      <>
        <link rel="icon" href="/dashboard/assets/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/dashboard/assets/app.css" />
      </>
    ),
    children: (
      <>
        <main class="content" id="content">
          <div class="card login">
            <div class="card-body">
              <p>
                <span class="sandbox-badge">Sandbox</span>
              </p>
              <h1>passfort-sandbox dashboard</h1>
              <p class="lead">Profiles, customer requests, the inbox, webhooks and the clock of one workspace, live.</p>
              {opts.error ? (
                <div class="error-summary" role="alert" tabindex={-1}>
                  <h2>That key did not open a workspace</h2>
                  <ul>
                    <li>
                      <a href="#key">{opts.error}</a>
                    </li>
                  </ul>
                </div>
              ) : null}
              <form method="post" action="/dashboard/login">
                <input type="hidden" name="next" value={opts.next} />
                <div class="field">
                  <label for="key">Workspace master API key</label>
                  <p class="hint" id="key-hint">
                    The sandbox prints the default workspace's key when it starts (<code>apikey=…</code>); <code>POST /__sandbox/workspaces</code> answers a new
                    workspace's key.
                  </p>
                  <input
                    class="input"
                    id="key"
                    name="key"
                    type="password"
                    autocomplete="off"
                    spellcheck={false}
                    required
                    aria-describedby="key-hint"
                    aria-invalid={opts.error ? 'true' : undefined}
                  />
                </div>
                <button class="btn btn-primary" type="submit">
                  Open the dashboard
                </button>
              </form>
              <p class="hint login-note">
                The key stays in this browser as an HttpOnly cookie for {opts.apiUrl}; "Switch workspace" forgets it. A workspace's pages show only that
                workspace's data.
              </p>
            </div>
          </div>
        </main>
      </>
    ),
  });
}

export const LOGIN_ERRORS = {
  unknown: 'The sandbox knows no workspace with this key. Copy the apikey=… from the line the sandbox printed at start.',
  notMaster: "This is a scoped key (a customer request's or a collect key). The dashboard needs the workspace's master key.",
} as const;

/** `GET /`, `GET|POST /dashboard/login`, `POST /dashboard/logout`. */
export function mountLogin(app: import('hono').Hono<DashEnv>, deps: DashboardDeps): void {
  const signIn = (c: Context, key: string | undefined, next: string) => {
    const principal = key ? deps.registry.authenticate(key.trim()) : undefined;
    if (!principal || principal.kind !== 'master') {
      const error = principal && principal.kind !== 'expired' ? LOGIN_ERRORS.notMaster : LOGIN_ERRORS.unknown;
      // 200: the sign-in page again with its error is a page to read, not a failed load.
      return c.html(loginPage({ next, error, apiUrl: new URL(c.req.url).origin }));
    }
    rememberKey(c, key!.trim());
    return c.redirect(next, 303);
  };

  app.get('/', (c) => {
    const key = readKey(c);
    const p = key ? deps.registry.authenticate(key) : undefined;
    if (p?.kind === 'master') return c.redirect('/dashboard/profiles', 302);
    return c.html(loginPage({ next: '/dashboard/profiles', error: null, apiUrl: new URL(c.req.url).origin }));
  });
  app.get('/dashboard', (c) => c.redirect('/', 302));
  // The demo prints this link with the key, so a click opens the dashboard at once.
  app.get('/dashboard/login', (c) => {
    const next = safeNext(c.req.query('next'));
    const key = c.req.query('key');
    if (key !== undefined) return signIn(c, key, next);
    return c.html(loginPage({ next, error: null, apiUrl: new URL(c.req.url).origin }));
  });
  app.post('/dashboard/login', async (c) => {
    if (!sameOriginPost(c)) return c.text('Refused: sign in from the dashboard page itself.', 403);
    const form = await c.req.parseBody();
    return signIn(c, typeof form.key === 'string' ? form.key : undefined, safeNext(typeof form.next === 'string' ? form.next : undefined));
  });
  app.post('/dashboard/logout', (c) => {
    if (!sameOriginPost(c)) return c.text('Refused.', 403);
    forgetKey(c);
    return c.redirect('/', 303);
  });
}
