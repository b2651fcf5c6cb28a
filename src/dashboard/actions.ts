import type { Hono } from 'hono';
import { isPassFortError } from '../core/errors.js';
import { parseDuration } from '../core/dates.js';
import { isClockTime } from '../core/clock.js';
import { updateApplicationStatus } from '../domain/applications.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../domain/application-state.js';
import { cancelForm, completeRequest, createCustomerRequest } from '../domain/customer-requests/index.js';
import { profileDetail } from './data/profiles.js';
import { actionDone, DASHBOARD_USER, frameOf, type DashContext, type DashEnv } from './context.js';
import { humanDuration } from './format.js';
import { MAX_MESSAGE, requestFormPage, type RequestFormValues } from './pages/request-form.js';

/**
 * The dashboard's buttons. Each calls the same domain function as the matching API route,
 * inside one unit of work, acting as the "Sandbox dashboard" user (audit items and webhooks
 * say so), and answers a sentence for the page to show.
 */

/** `complete` does the customer's part, so the change is the customer's, as through the form. */
const SIMULATED_CUSTOMER = { kind: 'customer' as const, name: 'Customer (simulated from the sandbox dashboard)' };

const field = (form: Record<string, string | File | (string | File)[]>, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};
const fields = (form: Record<string, string | File | (string | File)[]>, name: string): string[] => {
  const v = form[name] ?? form[`${name}[]`];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

function failure(c: DashContext, err: unknown, redirect: string): Response {
  if (isPassFortError(err)) return actionDone(c, err.message, { ok: false, redirect });
  throw err;
}

export function mountActions(app: Hono<DashEnv>): void {
  app.post('/dashboard/profiles/:id/request', async (c) => {
    const d = c.get('dash');
    const id = c.req.param('id');
    const form = await c.req.parseBody({ all: true });
    const values: RequestFormValues = {
      taskIds: fields(form, 'task_ids'),
      to: field(form, 'to').trim(),
      message: field(form, 'message').replace(/\s*[\r\n]+\s*/g, ' ').trim(),
      theme: field(form, 'theme') || (d.ws.config.form_themes[0]?.alias ?? 'default'),
    };
    const errors: { field: string; message: string }[] = [];
    if (values.taskIds.length === 0) errors.push({ field: 'task_ids', message: 'Choose at least one task to ask the customer about.' });
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.to)) errors.push({ field: 'to', message: 'Enter the email address to send the request to, like name@example.com.' });
    if (values.message.length > MAX_MESSAGE) errors.push({ field: 'message', message: `Shorten the message to ${MAX_MESSAGE} characters or fewer.` });
    if (!errors.length) {
      try {
        const req = d.ws.run(
          (ctx) => createCustomerRequest(ctx, id, { type: 'FORMS', task_ids: values.taskIds, theme: { alias: values.theme }, email: { to: values.to, message: values.message || undefined } }),
          DASHBOARD_USER,
        );
        return actionDone(c, `Request sent to ${values.to}. The email is in the inbox.`, { redirect: `/dashboard/requests/${req.id}`, navigate: true });
      } catch (err) {
        if (!isPassFortError(err)) throw err;
        const f = String(err.info.field ?? '');
        errors.push({ field: f.startsWith('email') ? 'to' : f.startsWith('task') ? 'task_ids' : 'task_ids', message: err.message });
      }
    }
    const detail = d.ws.read((ctx) => profileDetail(ctx, id));
    if (!detail) return c.text('No such profile in this workspace', 404);
    return c.html(
      // 200: the form again with its error summary is a page to read, not a failed load.
      requestFormPage({ frame: frameOf(d), profileId: id, profileName: detail.name, tasks: detail.tasks, config: d.ws.config, values, errors, formUrl: d.ws.config.form_url ?? `${d.deps.urls().api}/onboarding` }),
    );
  });

  app.post('/dashboard/profiles/:id/applications/:aid/status', async (c) => {
    const d = c.get('dash');
    const { id, aid } = c.req.param();
    const status = field(await c.req.parseBody(), 'status') as ApplicationStatus;
    const back = `/dashboard/profiles/${id}`;
    if (!APPLICATION_STATUSES.includes(status)) return actionDone(c, `Unknown status "${status}"`, { ok: false, redirect: back });
    try {
      const app = d.ws.run((ctx) => updateApplicationStatus(ctx, id, aid, { status, comment: 'Decided on the sandbox dashboard' }), DASHBOARD_USER);
      return actionDone(c, `${app.product.name}: ${status === 'APPROVED' ? 'approved' : status === 'REJECTED' ? 'rejected' : status.toLowerCase()}.`, { redirect: back });
    } catch (err) {
      return failure(c, err, back);
    }
  });

  app.post('/dashboard/requests/:id/complete', (c) => {
    const d = c.get('dash');
    const id = c.req.param('id');
    const back = `/dashboard/requests/${id}`;
    try {
      const done = d.ws.run((ctx) => completeRequest(ctx, id, {}), SIMULATED_CUSTOMER);
      const n = done.submitted_form_ids.length;
      const msg = done.finished
        ? `The customer's part is done: ${n} form${n === 1 ? '' : 's'} submitted and finished.`
        : `${n} form${n === 1 ? '' : 's'} submitted; the request waits for a check to decide a follow-up form (move the clock a few seconds, then complete again).`;
      return actionDone(c, msg, { redirect: back });
    } catch (err) {
      return failure(c, err, back);
    }
  });

  app.post('/dashboard/requests/:id/forms/:fid/cancel', (c) => {
    const d = c.get('dash');
    const { id, fid } = c.req.param();
    const back = `/dashboard/requests/${id}`;
    try {
      const req = d.ws.run((ctx) => cancelForm(ctx, id, fid), DASHBOARD_USER);
      return actionDone(c, `Form cancelled. The request is ${req.status.toLowerCase()}.`, { redirect: back });
    } catch (err) {
      return failure(c, err, back);
    }
  });

  app.post('/dashboard/clock/advance', async (c) => {
    const d = c.get('dash');
    const by = field(await c.req.parseBody(), 'by');
    const ms = parseDuration(by);
    if (ms === null || ms <= 0) return actionDone(c, `Cannot read "${by}" as a duration; use 1d, 30d, 90d or PT1H.`, { ok: false, redirect: '/dashboard/clock' });
    if (!isClockTime(d.ws.clock.nowMs() + ms)) return actionDone(c, 'The clock cannot move that far.', { ok: false, redirect: '/dashboard/clock' });
    const from = d.ws.clock.nowMs();
    const seen: { key: string; type: string; at: number; data: Record<string, unknown> }[] = [];
    // Jobs fire synchronously inside the move, so everything they publish is caught here.
    const off = d.deps.bus.subscribe((e) => {
      if (e.workspace === d.ws.id) seen.push({ key: e.seq !== null ? `s${e.seq}` : `n${e.id}`, type: e.type, at: e.at, data: e.data });
    });
    let fired: number;
    try {
      fired = d.ws.advance(ms).fired;
    } finally {
      off();
    }
    d.runtime.recordMove(d.ws.id, { from, to: d.ws.clock.nowMs(), fired, events: seen });
    const changed = seen.filter((e) => e.key.startsWith('s')).length;
    // Back to the page the button was pressed on, if it is one of ours (a bad Referer is ignored).
    const referer = URL.canParse(c.req.header('referer') ?? '') ? new URL(c.req.header('referer')!) : null;
    return actionDone(c, `Moved the clock ${humanDuration(ms)}: ${fired} scheduled job${fired === 1 ? '' : 's'} ran, ${changed} event${changed === 1 ? '' : 's'}.`, {
      redirect: referer && referer.origin === new URL(c.req.url).origin ? referer.pathname : '/dashboard/clock',
    });
  });

  app.post('/dashboard/clock/freeze', (c) => {
    c.get('dash').ws.freeze();
    return actionDone(c, 'The clock is frozen: workspace time stands still until you move or resume it.', { redirect: '/dashboard/clock' });
  });
  app.post('/dashboard/clock/resume', (c) => {
    c.get('dash').ws.resume();
    return actionDone(c, 'The clock runs again from where it was.', { redirect: '/dashboard/clock' });
  });

  app.post('/dashboard/webhooks/retry', (c) => {
    const d = c.get('dash');
    if (!d.deps.webhooks) return actionDone(c, 'Webhook delivery is not running in this sandbox.', { ok: false, redirect: '/dashboard/webhooks' });
    const { started } = d.deps.webhooks.retryNow(d.ws);
    return actionDone(c, started ? 'Retrying now.' : 'Nothing to retry: the queue is not stalled.', { ok: started, redirect: '/dashboard/webhooks' });
  });

  app.post('/dashboard/webhooks/replay', async (c) => {
    const d = c.get('dash');
    const eventId = field(await c.req.parseBody(), 'event_id');
    if (!d.deps.webhooks) return actionDone(c, 'Webhook delivery is not running in this sandbox.', { ok: false, redirect: '/dashboard/webhooks' });
    try {
      const r = d.deps.webhooks.replay(d.ws, eventId, DASHBOARD_USER);
      return actionDone(c, `${r.event} queued again (same id), behind what is already waiting.`, { redirect: '/dashboard/webhooks' });
    } catch (err) {
      return failure(c, err, '/dashboard/webhooks');
    }
  });
}
