import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { EventBus } from '../core/event-bus.js';
import type { Actor } from '../domain/context.js';
import { PROFILES } from '../domain/collections.js';
import { allRequests } from '../domain/customer-requests/index.js';
import type { SandboxEnv } from '../mock-api/env.js';
import type { SandboxUrls } from '../mock-api/app.js';
import type { RequestJournal } from '../mock-api/middleware/request-journal.js';
import type { Store } from '../store/store.js';
import type { WebhookDispatcher } from '../webhooks/dispatcher.js';
import type { SandboxEvent } from '../workspace/events.js';
import type { WorkspaceRegistry } from '../workspace/registry.js';
import type { Workspace } from '../workspace/workspace.js';
import type { Frame } from './layout.js';
import { dashboardRuntime, type DashboardRuntime } from './runtime.js';

/** What the dashboard is given by the app: the same parts the control API uses. */
export interface DashboardDeps {
  registry: WorkspaceRegistry;
  bus: EventBus<SandboxEvent>;
  store: Store;
  journal: RequestJournal;
  webhooks?: WebhookDispatcher;
  urls: () => SandboxUrls;
  /** Credentials of the inbox (embedded or an external Mailpit), for `inboxClient`. */
  inboxAuth?: { username: string; password: string } | null;
}

/** The signed-in workspace of a request. Kept apart from `c.get('workspace')`, which the request journal records. */
export interface Dash {
  ws: Workspace;
  key: string;
  deps: DashboardDeps;
  runtime: DashboardRuntime;
}

export type DashEnv = { Variables: SandboxEnv['Variables'] & { dash: Dash } };
export type DashContext = Context<DashEnv>;

/** Who acts when someone presses a button on the dashboard: a PassFort user, as in the portal. */
export const DASHBOARD_USER: Actor = { kind: 'user', name: 'Sandbox dashboard', id: 'sandbox-dashboard' };

/** One cookie per sandbox port: two sandboxes on 127.0.0.1 must not read each other's key. */
export function cookieName(c: Context): string {
  const url = new URL(c.req.url);
  return `pfsb_dashboard_${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}

export function readKey(c: Context): string | undefined {
  return getCookie(c, cookieName(c)) || undefined;
}

export function rememberKey(c: Context, key: string): void {
  setCookie(c, cookieName(c), key, { httpOnly: true, sameSite: 'Lax', path: '/', secure: new URL(c.req.url).protocol === 'https:' });
}

export function forgetKey(c: Context): void {
  deleteCookie(c, cookieName(c), { path: '/' });
}

/** A one-shot message for the page after a redirect (kept out of the URL, where anyone could write one). */
export function setFlash(c: Context, text: string, ok = true): void {
  setCookie(c, 'pfsb_flash', `${ok ? 'ok' : 'bad'}:${encodeURIComponent(text.slice(0, 300))}`, { httpOnly: true, sameSite: 'Lax', path: '/dashboard', maxAge: 30 });
}

export function takeFlash(c: Context): { text: string; ok: boolean } | null {
  const raw = getCookie(c, 'pfsb_flash');
  if (!raw) return null;
  deleteCookie(c, 'pfsb_flash', { path: '/dashboard' });
  const ok = raw.startsWith('ok:');
  try {
    return { text: decodeURIComponent(raw.slice(3)), ok };
  } catch {
    return null;
  }
}

export function frameOf(d: Dash): Frame {
  const { ws } = d;
  const counts = ws.read((ctx) => ({ profiles: ctx.repo.count(PROFILES), openRequests: allRequests(ctx).filter((r) => r.status === 'SENT').length }));
  const webhookState = d.deps.webhooks ? String(d.deps.webhooks.status(ws).state) : 'off';
  return { workspaceName: ws.name, workspaceId: ws.id, nowMs: ws.clock.nowMs(), frozen: ws.clock.frozen, counts, webhookState };
}

export const isAsync = (c: Context) => c.req.header('x-dashboard-async') === '1';

/**
 * The answer to a button: for the script, a sentence (and where to go next, if anywhere) with
 * `X-Dashboard-Ok` saying whether it worked (always HTTP 200: a refusal is an answer the page
 * shows, not a failed load); without the script, a redirect back with a one-shot message.
 */
export function actionDone(c: Context, message: string, opts: { ok?: boolean; redirect: string; navigate?: boolean }): Response {
  const ok = opts.ok ?? true;
  if (isAsync(c)) {
    const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'X-Dashboard-Ok': ok ? '1' : '0' };
    if (opts.navigate) headers['X-Dashboard-Location'] = opts.redirect;
    return c.text(message, 200, headers);
  }
  setFlash(c, message, ok);
  return c.redirect(opts.redirect, 303);
}

export { dashboardRuntime };
