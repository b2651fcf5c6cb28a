import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ErrorCode, PassFortError } from '../core/errors.js';
import type { WorkspaceRegistry } from '../workspace/registry.js';
import type { SandboxEnv } from './env.js';
import { errorJson, errorResponse } from './errors.js';
import { HttpMsg } from './messages.js';
import { passfortHook } from './openapi.js';
import { apiAuth, controlAuth } from './middleware/auth.js';
import { jsonGuard } from './middleware/json-guard.js';
import { journalRequests, type RequestJournal } from './middleware/request-journal.js';
import { profileRoutes } from './routes/profiles.js';
import { tagRoutes } from './routes/tags.js';
import { whoamiRoutes } from './routes/whoami.js';
import { applicationRoutes } from './routes/applications.js';
import { taskRoutes } from './routes/tasks.js';
import { checkRoutes } from './routes/checks.js';
import { eventRoutes } from './routes/events.js';
import { documentRoutes } from './routes/documents.js';
import { fileRoutes } from './routes/files.js';
import { auditRoutes } from './routes/audit.js';
import { collectionStepRoutes } from './routes/collection-steps.js';
import { collectKeyRoutes } from './routes/collect-keys.js';
import { searchRoutes } from './routes/search.js';
import { scenarioRoutes } from './control/scenarios.js';
import { docsPage } from './docs-page.js';
import { customerRequestRoutes } from './routes/customer-requests.js';
import { customerRequestControlRoutes } from './control/customer-requests.js';
import { collectionAuth } from './collection/auth.js';
import { collectionRoutes } from './collection/routes.js';
import { collectionUiRoutes } from '../collection/routes.js';
import { clockRoutes } from './control/clock.js';
import { Chaos, chaosMiddleware, chaosRoutes } from './control/chaos.js';
import { workspaceCreationRoutes, workspaceRoutes } from './control/workspaces.js';
import { webhookSinkRoutes } from './control/webhook-sink.js';
import { webhookRoutes } from './control/webhooks.js';
import { eventStreamRoutes } from './control/events-stream.js';
import { dashboardRoutes } from '../dashboard/routes.js';
import { SinkStore } from '../webhooks/sink-store.js';
import type { WebhookDispatcher } from '../webhooks/dispatcher.js';
import type { EventBus } from '../core/event-bus.js';
import type { SandboxEvent } from '../workspace/events.js';
import type { Store } from '../store/store.js';

export interface SandboxUrls {
  api: string;
  inbox: string;
  smtp: string;
}

export interface AppOptions {
  registry: WorkspaceRegistry;
  journal: RequestJournal;
  version: string;
  urls: () => SandboxUrls;
  /** Largest accepted request body (document images are base64, so this is generous). */
  bodyLimitBytes?: number;
  allowRemoteWorkspaces?: boolean;
  /** A monotonic ms clock for request timing (performance.now in production). */
  timer?: () => number;
  /** Webhook settings, status and buttons (`/__sandbox/webhooks…`) are served when given. */
  webhooks?: WebhookDispatcher;
  /** The built-in webhook receiver's memory (a fresh one when absent). */
  sinks?: SinkStore;
  /** `GET /__sandbox/events` (server-sent events) is served when given. */
  events?: { bus: EventBus<SandboxEvent>; store: Store };
  /** Credentials of the inbox, for the dashboard's inbox page (docs/dashboard.md). */
  inboxAuth?: { username: string; password: string } | null;
}

export const DEFAULT_BODY_LIMIT = 20 * 1024 * 1024;

/**
 * The route table of the sandbox's HTTP server. Public routes come first; everything after
 * an auth middleware needs the key it asks for. Route files are thin: validate, call the
 * domain, shape the response.
 */
export function createApp(opts: AppOptions): OpenAPIHono<SandboxEnv> {
  const limit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const app = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook });

  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) => {
    const err = new PassFortError(404, ErrorCode.INVALID_INPUT_DATA, HttpMsg.unknownRoute(c.req.method, c.req.path), {
      method: c.req.method,
      path: c.req.path,
    });
    return errorJson(c, err);
  });

  // Bodies are read only after authentication, so a refused body is journalled for its workspace.
  const tooLarge = () => new PassFortError(413, ErrorCode.INVALID_INPUT_DATA, HttpMsg.bodyTooLarge(limit), { limit_bytes: limit });
  const checkStreamedBody = bodyLimit({
    maxSize: limit,
    onError: () => {
      throw tooLarge();
    },
  });
  // A declared Content-Length is enough (Node's parser holds the body to it); only chunked
  // bodies need the streaming check, which builds a full Request object and costs more.
  const limitBody: MiddlewareHandler = (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined) return checkStreamedBody(c, next);
    if (Number(length) > limit) throw tooLarge();
    return next();
  };
  app.use('*', journalRequests(opts.journal, opts.timer ?? (() => performance.now())));
  app.use('*', async (c, next) => {
    c.set('registry', opts.registry);
    await next();
  });

  // --- public ------------------------------------------------------------------------------
  app.get('/__sandbox/health', (c) => c.json({ status: 'ok', version: opts.version, urls: opts.urls() }));
  app.use('/__sandbox/workspaces', limitBody, jsonGuard);
  app.route('/__sandbox', workspaceCreationRoutes(opts.registry, opts.allowRemoteWorkspaces ?? false));
  // The webhook receiver is an endpoint like any integrator's: no key.
  app.use('/__sandbox/webhook-sink/*', limitBody);
  app.route('/__sandbox', webhookSinkRoutes(opts.sinks ?? new SinkStore()));
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'passfort-sandbox',
      version: opts.version,
      description: 'The PassFort API 4.0 as the sandbox serves it, plus the sandbox control API (/__sandbox).',
    },
  });
  app.get('/docs', (c) => c.html(docsPage(app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'passfort-sandbox', version: opts.version } }))));

  // --- the collection UI: /embed.js, the iframe app, /theme, the loaders (docs/collection-ui.md) ---
  app.route('/', collectionUiRoutes(opts.registry, { allowRemote: opts.allowRemoteWorkspaces ?? false }));

  // --- the dashboard: `/` and `/dashboard/…`, its own cookie login (docs/dashboard.md) ----------
  if (opts.events) {
    const { bus, store } = opts.events;
    app.route('/', dashboardRoutes({ registry: opts.registry, bus, store, journal: opts.journal, urls: opts.urls, inboxAuth: opts.inboxAuth ?? null, ...(opts.webhooks ? { webhooks: opts.webhooks } : {}) }));
  }

  // --- the collection back end (a customer request's own apikey; docs/collection-api.md) ----
  app.use('/collection/api/*', collectionAuth(opts.registry), limitBody, jsonGuard);
  app.route('/collection/api', collectionRoutes);

  // --- the PassFort API ----------------------------------------------------------------------
  const chaos = new Chaos();
  app.use('/4.0/*', apiAuth(opts.registry), chaosMiddleware(chaos), limitBody, jsonGuard);
  app.route('/4.0', whoamiRoutes);
  app.route('/4.0', profileRoutes);
  app.route('/4.0', tagRoutes);
  app.route('/4.0', customerRequestRoutes);
  app.route('/4.0', applicationRoutes);
  app.route('/4.0', taskRoutes);
  app.route('/4.0', checkRoutes);
  app.route('/4.0', eventRoutes);
  app.route('/4.0', documentRoutes);
  app.route('/4.0', fileRoutes);
  app.route('/4.0', auditRoutes);
  app.route('/4.0', collectionStepRoutes);
  app.route('/4.0', collectKeyRoutes);
  app.route('/4.0', searchRoutes);

  // --- the control API (workspace master key) ----------------------------------------------
  app.use('/__sandbox/*', controlAuth(opts.registry), limitBody, jsonGuard);
  app.route('/__sandbox', workspaceRoutes(opts.journal));
  app.route('/__sandbox', clockRoutes);
  app.route('/__sandbox', customerRequestControlRoutes);
  app.route('/__sandbox', scenarioRoutes);
  app.route('/__sandbox', chaosRoutes(chaos));
  if (opts.webhooks) app.route('/__sandbox', webhookRoutes(opts.webhooks));
  if (opts.events) app.route('/__sandbox', eventStreamRoutes(opts.events.bus, opts.events.store));

  return app;
}
