import { Hono } from 'hono';
import { inboxClient } from '../inbox/client.js';
import { allRequests, findRequest, getRequest, type CustomerRequestDoc } from '../domain/customer-requests/index.js';
import { emailsOfRequest, EMAILS, type EmailDoc } from '../domain/emails.js';
import { displayName, type ProfileDoc } from '../domain/profiles.js';
import { PROFILES } from '../domain/collections.js';
import { JOBS } from '../workspace/events.js';
import type { Job } from '../domain/context.js';
import { DASHBOARD_JS } from './assets/client-script.js';
import { DASHBOARD_CSS } from './assets/styles.js';
import { mountLogin, requireWorkspace, securityHeaders } from './auth.js';
import { frameOf, takeFlash, type DashContext, type DashEnv, type DashboardDeps } from './context.js';
import { dashboardEvents } from './events.js';
import { ICON_SVG } from './layout.js';
import { mountActions } from './actions.js';
import { profileDetail, profileRows } from './data/profiles.js';
import { ofProfile, outboxTimeline, webhookOutcomes } from './data/timeline.js';
import { profilesPage } from './pages/profiles.js';
import { profilePage } from './pages/profile.js';
import { requestsPage } from './pages/requests.js';
import { requestPage } from './pages/request.js';
import { requestFormPage } from './pages/request-form.js';
import { EMAIL_HTML_CSP, emailHtmlDocument, inboxPage } from './pages/inbox.js';
import { webhooksPage, type WebhookStatusView } from './pages/webhooks.js';
import { clockPage, jobLabel } from './pages/clock.js';
import { logPage } from './pages/log.js';
import { notFoundPage } from './pages/not-found.js';
import { mountScenarios } from './scenarios/routes.js';
import { mountStory } from './story/routes.js';

/**
 * The dashboard (docs/dashboard.md): `/` and `/dashboard/…` on the sandbox's port. Pages
 * are rendered here from the workspace's own documents; buttons go through the same domain
 * functions as the API (actions.ts); live updates come from the workspace's event stream.
 */

const ASSET_HEADERS = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };

export function customerLink(d: DashContext['var']['dash'], req: CustomerRequestDoc): string {
  const base = d.ws.config.form_url ?? `${d.deps.urls().api}/onboarding`;
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}request_id=${encodeURIComponent(req.id)}&apikey=${encodeURIComponent(req.apikey)}`;
}

export function dashboardRoutes(deps: DashboardDeps): Hono<DashEnv> {
  const app = new Hono<DashEnv>();
  app.use('/', securityHeaders);
  app.use('/dashboard', securityHeaders);
  app.use('/dashboard/*', securityHeaders);

  app.get('/dashboard/assets/app.js', (c) => c.body(DASHBOARD_JS, 200, { ...ASSET_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/dashboard/assets/app.css', (c) => c.body(DASHBOARD_CSS, 200, { ...ASSET_HEADERS, 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/dashboard/assets/icon.svg', (c) => c.body(ICON_SVG, 200, { ...ASSET_HEADERS, 'Content-Type': 'image/svg+xml' }));

  mountLogin(app, deps);
  app.use('/dashboard/*', requireWorkspace(deps));
  app.get('/dashboard/events', (c) => dashboardEvents(c));

  app.get('/dashboard/profiles', (c) => {
    const d = c.get('dash');
    const q = c.req.query();
    const rows = d.ws.read((ctx) => profileRows(ctx));
    const filters = { type: q.type ?? '', application: q.application ?? '', checks: q.checks ?? '', request: q.request ?? '' };
    return c.html(profilesPage({ frame: frameOf(d), rows, filters, q: q.q ?? '', apiUrl: d.deps.urls().api, flash: takeFlash(c) }));
  });

  app.get('/dashboard/profiles/:id', (c) => {
    const d = c.get('dash');
    const id = c.req.param('id');
    const deliveries = d.deps.webhooks?.deliveries(d.ws, {}) ?? [];
    const found = d.ws.read((ctx) => {
      const detail = profileDetail(ctx, id);
      return detail ? { detail, timeline: outboxTimeline(ctx, ofProfile(id), webhookOutcomes(deliveries)) } : null;
    });
    if (!found) return notFound(c, 'No such profile in this workspace', '/dashboard/profiles', 'Back to the profiles');
    const requestable = new Set(d.ws.config.tasks.map((t) => t.task_type as string));
    return c.html(profilePage({ frame: frameOf(d), detail: found.detail, timeline: found.timeline, requestableTaskTypes: requestable, flash: takeFlash(c) }));
  });

  app.get('/dashboard/profiles/:id/request', (c) => {
    const d = c.get('dash');
    const id = c.req.param('id');
    const detail = d.ws.read((ctx) => profileDetail(ctx, id));
    if (!detail) return notFound(c, 'No such profile in this workspace', '/dashboard/profiles', 'Back to the profiles');
    const requestable = new Set(d.ws.config.tasks.map((t) => t.task_type as string));
    const wanted = c.req.query('task');
    const first = detail.tasks.find((t) => !t.is_expired && requestable.has(t.type) && t.state !== 'COMPLETED_PASS') ?? detail.tasks.find((t) => !t.is_expired && requestable.has(t.type));
    const email = (detail.profile.collected_data as { contact_details?: { email?: string }; metadata?: { contact_details?: { email?: string } } });
    return c.html(
      requestFormPage({
        frame: frameOf(d),
        profileId: id,
        profileName: detail.name,
        tasks: detail.tasks,
        config: d.ws.config,
        values: {
          taskIds: wanted ? [wanted] : first ? [first.id] : [],
          to: email.contact_details?.email ?? email.metadata?.contact_details?.email ?? '',
          message: d.ws.config.email_theme.editable_text ?? '',
          theme: d.ws.config.form_themes[0]?.alias ?? 'default',
        },
        errors: [],
        formUrl: d.ws.config.form_url ?? `${d.deps.urls().api}/onboarding`,
      }),
    );
  });

  app.get('/dashboard/requests', (c) => {
    const d = c.get('dash');
    const q = c.req.query();
    const rows = d.ws.read((ctx) => {
      const emails = ctx.repo.list<EmailDoc>(EMAILS);
      return allRequests(ctx)
        .reverse()
        .map((req) => {
          const p = ctx.repo.get<ProfileDoc>(PROFILES, req.profile_id);
          const email = emails.filter((e) => e.request_id === req.id).at(-1);
          return { req, profileName: (p && displayName(p.collected_data)) || '(no name yet)', emailStatus: email ? (email.status === 'SENT' ? 'Sent' : email.attempts.some((a) => !a.ok) ? 'Failing' : 'Queued') : null };
        });
    });
    return c.html(requestsPage({ frame: frameOf(d), rows, status: q.status ?? '', type: q.type ?? '', q: q.q ?? '', apiUrl: d.deps.urls().api, flash: takeFlash(c) }));
  });

  app.get('/dashboard/requests/:id', (c) => {
    const d = c.get('dash');
    const id = c.req.param('id');
    const outcomes = webhookOutcomes(d.deps.webhooks?.deliveries(d.ws, {}) ?? []);
    const found = d.ws.read((ctx) => {
      let req: CustomerRequestDoc;
      try {
        req = getRequest(ctx, id);
      } catch {
        return null;
      }
      const p = ctx.repo.get<ProfileDoc>(PROFILES, req.profile_id);
      const webhooks = outboxTimeline(ctx, (e) => e.type === 'CUSTOMER_REQUEST_CHANGED' && (e.data as { customer_request_id?: string }).customer_request_id === id, outcomes);
      return { req, profileName: (p && displayName(p.collected_data)) || '(no name yet)', emails: emailsOfRequest(ctx, id), webhooks };
    });
    if (!found) return notFound(c, 'No such customer request in this workspace', '/dashboard/requests', 'Back to the requests');
    return c.html(requestPage({ frame: frameOf(d), ...found, customerLink: customerLink(d, found.req), flash: takeFlash(c) }));
  });

  app.get('/dashboard/inbox', async (c) => {
    const d = c.get('dash');
    const q = (c.req.query('q') ?? '').trim();
    const selectedId = c.req.query('id');
    const tag = `tag:ws-${d.ws.id}`;
    const client = inboxClient({ urls: d.deps.urls(), inboxAuth: d.deps.inboxAuth ?? null });
    let messages: Awaited<ReturnType<typeof client.searchMessages>>['messages'] = [];
    let total = 0;
    let error: string | null = null;
    let selected = null;
    try {
      const found = await client.searchMessages({ query: q ? `${tag} ${q}` : tag, limit: 200 });
      messages = found.messages;
      total = found.messages_count;
      // The newest message opens by default, named in the address so live refreshes keep it open.
      if (!selectedId && messages[0]) return c.redirect(`/dashboard/inbox?id=${encodeURIComponent(messages[0].ID)}${q ? `&q=${encodeURIComponent(q)}` : ''}`, 302);
      const pick = selectedId;
      if (pick) {
        const m = await client.getMessageSummary(pick).catch(() => null);
        if (m && m.Tags.some((t) => t.toLowerCase() === `ws-${d.ws.id}`.toLowerCase())) {
          selected = m;
          // Reading it marked it read (as in Mailpit); the list was fetched just before.
          messages = messages.map((x) => (x.ID === m.ID ? { ...x, Read: true } : x));
        }
        else if (selectedId) error = 'That message is not in this workspace\'s inbox (or was deleted).';
      }
    } catch (err) {
      error = `The inbox at ${d.deps.urls().inbox} did not answer the search (${(err as Error).message}). ${q ? 'Check the search words.' : 'Is it running?'}`;
    }
    return c.html(inboxPage({ frame: frameOf(d), q, messages, total, selected, error, inboxUrl: d.deps.urls().inbox, apiUrl: d.deps.urls().api }), error && !messages.length && q ? 400 : 200);
  });

  app.get('/dashboard/inbox/:id/html', async (c) => {
    const d = c.get('dash');
    const client = inboxClient({ urls: d.deps.urls(), inboxAuth: d.deps.inboxAuth ?? null });
    const m = await client.getMessageSummary(c.req.param('id')).catch(() => null);
    if (!m || !m.Tags.some((t) => t.toLowerCase() === `ws-${d.ws.id}`.toLowerCase())) return c.text('Not found in this workspace', 404);
    return c.body(emailHtmlDocument(m.HTML || '<p>(no HTML part)</p>'), 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': EMAIL_HTML_CSP,
      'Cache-Control': 'no-store',
    });
  });

  app.get('/dashboard/webhooks', (c) => {
    const d = c.get('dash');
    const hooks = d.deps.webhooks;
    const status = (hooks ? hooks.status(d.ws) : { state: 'off' }) as unknown as WebhookStatusView;
    const settings = hooks ? hooks.settings(d.ws) : { ...d.ws.config.webhooks, source: 'config' };
    const deliveries = hooks ? hooks.deliveries(d.ws, {}) : [];
    return c.html(webhooksPage({ frame: frameOf(d), status, settings: settings as never, deliveries, show: c.req.query('show') ?? '', apiUrl: d.deps.urls().api }));
  });

  app.get('/dashboard/clock', (c) => {
    const d = c.get('dash');
    const jobs = d.ws.read((ctx) => {
      const profile = (id: string) => {
        const p = ctx.repo.get<ProfileDoc>(PROFILES, id);
        return p ? displayName(p.collected_data) || null : null;
      };
      const request = (id: string) => {
        const r = findRequest(ctx, id);
        return r ? profile(r.profile_id) : null;
      };
      return [...d.deps.store.values<Job>(d.ws.prefix + JOBS)].sort((a, b) => a.at - b.at).map((j) => ({ ...j, ...jobLabel(j, { request, profile }) }));
    });
    const next = d.ws.timers.next();
    return c.html(clockPage({ frame: frameOf(d), offsetMs: d.ws.clock.offsetMs(), nextDue: next ?? null, jobs, moves: d.runtime.clockMoves.get(d.ws.id) ?? [] }));
  });

  app.get('/dashboard/log', (c) => {
    const d = c.get('dash');
    return c.html(logPage({ frame: frameOf(d), entries: d.deps.journal.list(d.ws.id), q: c.req.query('q') ?? '', apiUrl: d.deps.urls().api }));
  });

  mountActions(app);
  mountScenarios(app);
  mountStory(app);
  app.get('/dashboard/*', (c) => notFound(c, 'This page does not exist', '/dashboard/profiles', 'Go to the profiles'));
  return app;
}

function notFound(c: DashContext, title: string, back: string, label: string) {
  return c.html(notFoundPage({ frame: frameOf(c.get('dash')), title, back, label }), 404);
}
