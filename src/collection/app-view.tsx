import type { Child } from 'hono/jsx';
import type { Workspace } from '../workspace/workspace.js';
import type { WorkspaceRegistry } from '../workspace/registry.js';
import { findRequest, presentCollectionRequest, type CustomerRequestDoc } from '../domain/customer-requests/index.js';
import { UiMsg } from './messages.js';
import { neutralTheme, resolveTheme } from './theme.js';
import type { ViewRequest } from './view-types.js';
import { Card, EndPage, SubmittedPage, WaitingPage } from './views/pages.js';
import { Step } from './views/step.js';

/**
 * What the iframe shows for a request, rendered on the server: the state, the page's HTML,
 * and the theme as CSS custom properties (the script sets them once on the document).
 */

export type AppState = 'form' | 'waiting' | 'unfinished' | 'submitted' | 'expired' | 'invalid';

export interface AppView {
  state: AppState;
  request_id: string | null;
  status: string | null;
  title: string;
  theme: Record<string, string>;
  form: { id: string; alias: string; title: string } | null;
  step: number | null;
  total: number | null;
  redirect_url: string | null;
  html: string;
}

/**
 * Finds the request a customer's key opens: the key must be that request's own key. A key
 * past its request's deadline still opens it, to say "This request has expired.".
 */
export function openWithKey(registry: WorkspaceRegistry, key: string | undefined, requestId: string): { workspace: Workspace; request: CustomerRequestDoc } | null {
  if (!key) return null;
  const principal = registry.authenticate(key);
  if (!principal) return null;
  if (principal.kind !== 'request' && principal.kind !== 'expired') return null;
  if (principal.kind === 'request' && principal.requestId !== requestId) return null;
  const request = principal.workspace.read((ctx) => findRequest(ctx, requestId));
  if (!request || request.apikey !== key) return null;
  return { workspace: principal.workspace, request };
}

export function invalidView(requestId: string | null, title: string = UiMsg.invalidLink, hint: string = UiMsg.invalidLinkHint): AppView {
  const theme = resolveTheme(neutralTheme());
  return {
    state: 'invalid',
    request_id: requestId,
    status: null,
    title,
    theme: theme.vars,
    form: null,
    step: null,
    total: null,
    redirect_url: null,
    html: (
      <Card institution="" logoUrl={null} state="invalid">
        <EndPage kind="problem" title={title} hint={hint} />
      </Card>
    ).toString(),
  };
}

/** `finished`: the customer has just pressed Finish in this page, so a finished request says "submitted", not "expired". */
export function buildView(workspace: Workspace, request: CustomerRequestDoc, opts: { finished: boolean }): AppView {
  const view = workspace.read((ctx) => presentCollectionRequest(ctx, request)) as unknown as ViewRequest;
  const theme = resolveTheme(view.theme);
  const base = { request_id: view.id, status: view.status, theme: theme.vars, redirect_url: null, form: null, step: null, total: null };
  const card = (state: AppState, body: Child) =>
    (
      <Card institution={view.institution.name} logoUrl={theme.logoUrl} state={state}>
        {body}
      </Card>
    ).toString();

  if (view.status === 'COMPLETED' && !view.finished) {
    return { ...base, state: 'unfinished', title: UiMsg.submitted, html: card('unfinished', <WaitingPage />) };
  }
  if (view.status === 'COMPLETED' && opts.finished) {
    return { ...base, state: 'submitted', title: UiMsg.submitted, redirect_url: view.redirect_url, html: card('submitted', <SubmittedPage redirectUrl={view.redirect_url} />) };
  }
  if (view.status !== 'SENT') {
    return { ...base, state: 'expired', title: UiMsg.expired, html: card('expired', <EndPage kind="expired" title={UiMsg.expired} hint={UiMsg.expiredHint} />) };
  }
  const form = view.forms.find((f) => f.id === view.current_form_id);
  if (!form) {
    return { ...base, state: 'waiting', title: UiMsg.waitingTitle, html: card('waiting', <WaitingPage />) };
  }
  const total = Math.max(view.progress.total, view.progress.submitted + 1);
  const step = view.progress.submitted + 1;
  const openForms = view.forms.filter((f) => f.status === 'SENT');
  const last = openForms.length === 1 && view.waiting_for.length === 0;
  return {
    ...base,
    state: 'form',
    title: form.title,
    form: { id: form.id, alias: form.alias, title: form.title },
    step,
    total,
    html: card('form', <Step form={form} step={step} total={total} last={last} />),
  };
}
