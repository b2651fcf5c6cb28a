import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { findRequest } from '../domain/customer-requests/index.js';
import type { SandboxEnv } from '../mock-api/env.js';
import type { WorkspaceRegistry } from '../workspace/registry.js';
import { APP_JS } from './app-script.js';
import { buildView, invalidView, openWithKey } from './app-view.js';
import { EMBED_JS } from './embed-script.js';
import { DEFAULT_FORM_PATH, dynamicLoader, formPaths, staticLoader } from './loaders.js';
import { UiMsg } from './messages.js';
import { loaderProblemPage, onboardingDonePage } from './sandbox-pages.js';
import { appCss } from './styles.js';
import { PREVIEW_CSS, PREVIEW_JS, themePreviewPage } from './theme-preview.js';
import { Card, EndPage } from './views/pages.js';
import { isLoopbackRequest } from '../mock-api/middleware/loopback.js';
import { htmlDocument } from '../mock-api/html-document.js';

/**
 * The collection experience's public routes (CONTRACT §8): `/embed.js`, the app inside the
 * iframe (`/collection/app…`), the theme preview (`/theme`), and the loaders at the form
 * URL (`/onboarding`, the configured `form_url` path) and `/onboarding/flow`. None takes a
 * key in its URL: the app gets the request's key from the embedding page by postMessage
 * and sends it in the `apikey` header.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A serialised origin, as `location.origin` gives it (or "null" for an opaque one). */
const ORIGIN = /^(null|https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?)$/i;
/** Paths that are never a form URL, whatever a config says. */
const RESERVED = /^\/($|4\.0(\/|$)|__sandbox(\/|$)|collection(\/|$)|theme(\/|$)|dashboard(\/|$)|embed\.js$|docs$|openapi\.json$|favicon\.ico$)/;

const NO_REFERRER = { 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' } as const;
const PRIVATE = { ...NO_REFERRER, 'Cache-Control': 'no-store' } as const;

const appCsp = (origin: string | null) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    'img-src * data: blob:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    // The app shows only inside the page that says it embeds it.
    ...(origin && origin !== 'null' ? [`frame-ancestors ${origin}`] : []),
  ].join('; ');

function appShell(opts: { requestId: string | null; origin: string; problem: string | null }): string {
  const problem = opts.problem === 'missing_parameters' ? { title: UiMsg.incompleteLink, hint: UiMsg.incompleteLinkHint } : null;
  const config = JSON.stringify({ origin: opts.origin, request_id: opts.requestId, problem: opts.problem }).replace(/</g, '\\u003c');
  return htmlDocument({
    title: problem ? problem.title : UiMsg.loading,
    referrer: 'no-referrer',
    head: (
      <>
        <link rel="stylesheet" href="/collection/app/app.css" />
        <script type="application/json" id="pf-config" dangerouslySetInnerHTML={{ __html: config }} />
        <script src="/collection/app/app.js" defer></script>
      </>
    ),
    children: (
      <>
        <div id="pf-root" class="pf-root">
          {problem ? (
            <Card institution="" logoUrl={null} state="invalid">
              <EndPage kind="problem" title={problem.title} hint={problem.hint} />
            </Card>
          ) : (
            <Card institution="" logoUrl={null} state="loading">
              <p class="pf-loading" role="status">
                <span class="pf-spinner" aria-hidden="true"></span>
                {UiMsg.loading}
              </p>
            </Card>
          )}
        </div>
        <template id="pf-standalone">
          <Card institution="" logoUrl={null} state="standalone">
            <EndPage kind="problem" title={UiMsg.notEmbedded} />
          </Card>
        </template>
      </>
    ),
  });
}

const selfUrl = (c: Context, path: string) => new URL(path, c.req.url).href;

const serveStatic = (c: Context) => c.html(staticLoader(selfUrl(c, '/embed.js')), 200, PRIVATE);

/** The static loader at each workspace's form URL path (other than `/onboarding`, which has its own route). */
function formUrlLoader(registry: WorkspaceRegistry): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && !RESERVED.test(c.req.path)) {
      const p = c.req.path.replace(/\/+$/, '') || '/';
      if (p !== DEFAULT_FORM_PATH && formPaths(registry).has(p)) return serveStatic(c);
    }
    await next();
  };
}

export function collectionUiRoutes(registry: WorkspaceRegistry, options: { allowRemote?: boolean } = {}) {
  const app = new Hono<SandboxEnv>();

  app.use('*', formUrlLoader(registry));

  app.get('/embed.js', (c) =>
    c.body(EMBED_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*', ...NO_REFERRER }),
  );
  app.get('/collection/app/app.js', (c) => c.body(APP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', ...NO_REFERRER }));
  app.get('/collection/app/app.css', (c) => c.body(appCss(), 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache', ...NO_REFERRER }));

  app.get('/collection/app', (c) => {
    const requestId = c.req.query('request_id') ?? null;
    const origin = c.req.query('origin') ?? '';
    const problem = c.req.query('problem') === 'missing_parameters' ? 'missing_parameters' : null;
    const validOrigin = ORIGIN.test(origin);
    if ((requestId !== null && !UUID.test(requestId)) || (!validOrigin && origin !== '')) {
      return c.html(appShell({ requestId: null, origin: '', problem: 'missing_parameters' }), 400, { ...PRIVATE, 'Content-Security-Policy': appCsp(null) });
    }
    const shell = appShell({ requestId, origin: validOrigin ? origin : '', problem: problem ?? (requestId ? null : 'missing_parameters') });
    return c.html(shell, 200, { ...PRIVATE, 'Content-Security-Policy': appCsp(validOrigin ? origin : null) });
  });

  // The page for the request's current state. The key comes in the `apikey` header only.
  app.get('/collection/app/requests/:request_id/view', (c) => {
    const requestId = c.req.param('request_id');
    const opened = UUID.test(requestId) ? openWithKey(registry, c.req.header('apikey'), requestId) : null;
    if (!opened) return c.json(invalidView(UUID.test(requestId) ? requestId : null), 401, PRIVATE);
    c.set('workspace', opened.workspace);
    return c.json(buildView(opened.workspace, opened.request, { finished: c.req.query('finished') === '1' }), 200, PRIVATE);
  });

  app.get('/theme', (c) => {
    const html = themePreviewPage(registry, c.req.query());
    return c.html(html, 200, {
      ...NO_REFERRER,
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data: blob:; form-action 'self'; base-uri 'none'",
    });
  });
  app.get('/theme/preview.css', (c) => c.body(PREVIEW_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', ...NO_REFERRER }));
  app.get('/theme/preview.js', (c) => c.body(PREVIEW_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', ...NO_REFERRER }));

  app.get(DEFAULT_FORM_PATH, serveStatic);
  app.get(`${DEFAULT_FORM_PATH}/done`, (c) => c.html(onboardingDonePage(), 200, NO_REFERRER));
  // As an integrator's server would: the request's id and key written into the dynamic loader.
  app.get(`${DEFAULT_FORM_PATH}/flow`, (c) => {
    // This page hands out a request's key to whoever knows the request id: fine on the machine
    // the sandbox runs on, not for anyone on the network (request ids travel in webhooks).
    if (!options.allowRemote && !isLoopbackRequest(c)) {
      return c.html(
        loaderProblemPage('Only on this machine', 'This try-it page fills in a request’s key, so it only answers on the machine the sandbox runs on. Serve the dynamic loader from your own server instead.'),
        403,
        PRIVATE,
      );
    }
    const requestId = c.req.query('request_id') ?? '';
    if (!UUID.test(requestId)) {
      return c.html(loaderProblemPage('Which customer request?', 'Add ?request_id=<the id of a customer request> to this address.'), 400, PRIVATE);
    }
    for (const ws of registry.list()) {
      const request = ws.read((ctx) => findRequest(ctx, requestId));
      if (request) return c.html(dynamicLoader(selfUrl(c, '/embed.js'), request.id, request.apikey), 200, PRIVATE);
    }
    return c.html(loaderProblemPage('No such customer request', `No workspace of this sandbox has a customer request ${requestId}.`), 404, PRIVATE);
  });

  return app;
}
