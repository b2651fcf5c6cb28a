import type { DomainContext } from '../context.js';
import { attribution } from '../attribution.js';
import { customerRef, getProfile } from '../profiles.js';
import { putRequest } from './store.js';
import type { ConditionDoc, CustomerRequestDoc, FormDoc, FormStatus, HistoryEntry, RequestStatus } from './types.js';
import { onRequestCompleted } from './completion.js';

/**
 * The life of a request (CONTRACT §4.1, the guide's "Customer request statuses"): it stays
 * SENT until every form is terminal (and, in a flow, no check is still deciding whether to
 * ask a follow-up form); then it takes the state of the last form to become terminal, a
 * last CANCELLED form making it EXPIRED (sandbox).
 */

export const isTerminal = (s: FormStatus) => s !== 'SENT';

export function deriveRequestStatus(
  forms: readonly Pick<FormDoc, 'status' | 'terminal_seq'>[],
  conditions: readonly Pick<ConditionDoc, 'state' | 'terminal_seq'>[] = [],
): RequestStatus {
  if (forms.some((f) => f.status === 'SENT') || conditions.some((c) => c.state === 'WAITING')) return 'SENT';
  let last: { status: FormStatus; seq: number } | null = null;
  for (const f of forms) {
    if (f.terminal_seq !== null && (!last || f.terminal_seq > last.seq)) last = { status: f.status, seq: f.terminal_seq };
  }
  for (const c of conditions) {
    if (c.state === 'EXPIRED' && c.terminal_seq !== null && (!last || c.terminal_seq > last.seq)) last = { status: 'EXPIRED', seq: c.terminal_seq };
  }
  if (!last) return 'SENT';
  return last.status === 'COMPLETED' ? 'COMPLETED' : 'EXPIRED';
}

/** `is_completed` of the API: true once nothing can be edited any more. */
export const isCompleted = (status: RequestStatus) => status === 'COMPLETED' || status === 'EXPIRED';

export const expiryJobId = (requestId: string) => `customer-request-expiry:${requestId}`;

export function historyEntry(ctx: DomainContext, event: string, rest: Omit<HistoryEntry, 'at' | 'event' | 'actor'> = {}): HistoryEntry {
  return { at: ctx.now, event, actor: ctx.actor.name, ...rest };
}

/** A form moved to `to` (a new object; stored documents are frozen). */
export function withFormStatus(ctx: DomainContext, req: CustomerRequestDoc, formId: string, to: FormStatus): CustomerRequestDoc {
  const form = req.forms.find((f) => f.id === formId);
  if (!form || form.status === to) return req;
  const terminal = isTerminal(to);
  const seq = terminal ? req.seq + 1 : req.seq;
  const updated: FormDoc = {
    ...form,
    status: to,
    terminal_seq: terminal ? seq : null,
    terminal_at: terminal ? ctx.now : null,
    submitted_at: to === 'COMPLETED' ? ctx.now : form.submitted_at,
  };
  return {
    ...req,
    seq,
    forms: req.forms.map((f) => (f.id === formId ? updated : f)),
    history: [...req.history, historyEntry(ctx, 'FORM_STATE_CHANGED', { form_id: formId, from: form.status, to })],
  };
}

/**
 * The one place a request is written after it changed: it derives the request's status,
 * emits FORM_STATE_CHANGED for each form that changed (or appeared) and one
 * CUSTOMER_REQUEST_CHANGED, stops the expiry job once the request is over, and runs what
 * completion brings (a flow's product application).
 */
export function saveChanges(ctx: DomainContext, before: CustomerRequestDoc | null, draft: CustomerRequestDoc): CustomerRequestDoc {
  const status = deriveRequestStatus(draft.forms, draft.conditions);
  const previous = before?.status ?? null;
  let req: CustomerRequestDoc = draft;
  if (status !== draft.status) {
    req = {
      ...draft,
      status,
      terminal_at: status === 'SENT' ? null : ctx.now,
      history: [...draft.history, historyEntry(ctx, 'REQUEST_STATE_CHANGED', { from: draft.status, to: status })],
    };
  }
  putRequest(ctx, req, before === null);
  if (isCompleted(req.status) && !(before && isCompleted(before.status))) ctx.cancel(expiryJobId(req.id));

  const profile = getProfile(ctx, req.profile_id);
  const base = { profile_id: req.profile_id, customer_ref: customerRef(profile), customer_request_id: req.id };
  const who = attribution(ctx.actor);
  const beforeForms = new Map((before?.forms ?? []).map((f) => [f.id, f.status]));
  let formsChanged = before === null || before.forms.length !== req.forms.length;
  for (const form of req.forms) {
    const was = beforeForms.get(form.id) ?? null;
    if (was === form.status) continue;
    formsChanged = true;
    ctx.emit('FORM_STATE_CHANGED', { ...base, form_id: form.id, task_id: form.task_id, status: form.status, previous_status: was, ...who });
  }
  if (formsChanged || previous !== req.status) {
    ctx.emit('CUSTOMER_REQUEST_CHANGED', {
      ...base,
      status: req.status,
      previous_status: previous,
      forms: req.forms.map((f) => ({ id: f.id, status: f.status })),
      ...who,
    });
  }
  if (req.status === 'COMPLETED' && previous !== 'COMPLETED') return onRequestCompleted(ctx, req);
  return req;
}
