import { isPassFortError } from '../../core/errors.js';
import type { FlowCondition } from '../../config/customer-requests.js';
import type { DomainContext } from '../context.js';
import { CHECK_META, instructCheck, isCheckType } from '../checks.js';
import { flowForm } from './forms.js';
import { historyEntry, saveChanges } from './lifecycle.js';
import { getRequest, putRequest } from './store.js';
import type { CheckStartDoc, CustomerRequestDoc, FormDoc } from './types.js';

/**
 * Registration-flow semantics: checks start as forms come in (before the applicant
 * finishes), and a check's result may add a follow-up form. A FORMS request starts its
 * tasks' checks the same way.
 */

export interface CompletedCheckLike {
  id: string;
  check_type: string;
  result: string | null;
  output_data?: unknown;
}

const PASS_RESULTS = new Set(['Pass', '2+2']);
const nonEmpty = (x: unknown) => Array.isArray(x) && x.length > 0;

export function conditionHolds(condition: FlowCondition, check: Pick<CompletedCheckLike, 'result' | 'output_data'>): boolean {
  const out = (check.output_data ?? {}) as {
    ownership_structure?: { shareholders?: unknown; beneficial_owners?: unknown };
    officers?: Record<string, unknown>;
  };
  switch (condition) {
    case 'has_shareholders':
      return nonEmpty(out.ownership_structure?.shareholders);
    case 'has_beneficial_owners':
      return nonEmpty(out.ownership_structure?.beneficial_owners);
    case 'has_officers':
      return Object.values(out.officers ?? {}).some(nonEmpty);
    case 'result_pass':
      return check.result !== null && PASS_RESULTS.has(check.result);
    case 'result_not_pass':
      return check.result !== null && !PASS_RESULTS.has(check.result);
  }
}

/** The checks a submitted form starts. */
function checksFor(req: CustomerRequestDoc, form: FormDoc): { check_type: string; task_ids: string[] }[] {
  if (req.type === 'FLOW') return req.planned_checks.filter((c) => c.after_form === form.alias).map((c) => ({ check_type: c.check_type, task_ids: [] }));
  return form.task_checks.map((check_type) => ({ check_type, task_ids: form.task_id ? [form.task_id] : [] }));
}

/**
 * Starts the checks of a just-submitted form, in the same unit of work. Each is recorded
 * before it is instructed, because a synchronous check completes inside `instructCheck`
 * and its completion (onCheckCompleted) must find it.
 */
export function startChecksAfter(ctx: DomainContext, requestId: string, formId: string): void {
  const req = getRequest(ctx, requestId);
  const form = req.forms.find((f) => f.id === formId)!;
  for (const planned of checksFor(req, form)) {
    const entry: CheckStartDoc = {
      check_type: planned.check_type,
      form_id: formId,
      task_ids: planned.task_ids,
      check_id: null,
      state: 'STARTED',
      result: null,
      error: null,
      started_at: ctx.now,
      completed_at: null,
    };
    const withEntry = getRequest(ctx, requestId);
    const index = withEntry.checks.length;
    putRequest(ctx, { ...withEntry, checks: [...withEntry.checks, entry] });
    // Document checks verify the document this form just put on the profile.
    const needsDocument = isCheckType(planned.check_type) && CHECK_META[planned.check_type].requires.includes('document_id');
    const documentId = Object.values(form.documents).find((d) => d.document_id)?.document_id ?? undefined;
    let checkId: string | null = null;
    let error: string | null = null;
    try {
      const check = instructCheck(ctx, req.profile_id, {
        check_type: planned.check_type,
        ...(planned.task_ids.length ? { task_ids: planned.task_ids } : {}),
        ...(needsDocument && documentId ? { document_id: documentId } : {}),
      });
      checkId = (check as { id?: string } | undefined)?.id ?? null;
    } catch (err) {
      // A check the sandbox refuses (missing data, say) must not lose the customer's form.
      if (!isPassFortError(err)) throw err;
      error = err.message;
    }
    const fresh = getRequest(ctx, requestId);
    const current = fresh.checks[index]!;
    const updated: CheckStartDoc = error
      ? { ...current, state: 'NOT_STARTED', error }
      : { ...current, check_id: current.check_id ?? checkId };
    const draft: CustomerRequestDoc = {
      ...fresh,
      checks: fresh.checks.map((c, i) => (i === index ? updated : c)),
      history: [...fresh.history, historyEntry(ctx, error ? 'CHECK_NOT_STARTED' : 'CHECK_STARTED', { form_id: formId, detail: { check_type: planned.check_type, check_id: updated.check_id, ...(error ? { error } : {}) } })],
    };
    if (error) {
      // Nothing will ever answer the conditions that wait for this check.
      saveChanges(ctx, fresh, skipConditions(ctx, draft, planned.check_type));
    } else putRequest(ctx, draft);
    ctx.emit(error ? 'CUSTOMER_REQUEST_CHECK_NOT_STARTED' : 'CUSTOMER_REQUEST_CHECK_STARTED', {
      profile_id: req.profile_id,
      customer_request_id: requestId,
      form_id: formId,
      check_type: planned.check_type,
      check_id: updated.check_id,
      ...(error ? { error } : {}),
    });
  }
}

function skipConditions(ctx: DomainContext, req: CustomerRequestDoc, checkType: string): CustomerRequestDoc {
  const stillStarted = req.checks.some((c) => c.check_type === checkType && c.state === 'STARTED');
  if (stillStarted) return req;
  return {
    ...req,
    conditions: req.conditions.map((c) => (c.state === 'WAITING' && c.check_type === checkType ? { ...c, state: 'SKIPPED', decided_at: ctx.now } : c)),
  };
}

/**
 * Conditions whose check can no longer start because the form that starts it was
 * cancelled or expired: nothing will answer them, so they are skipped.
 */
export function skipOrphanedConditions(ctx: DomainContext, req: CustomerRequestDoc): CustomerRequestDoc {
  const open = new Set(req.forms.filter((f) => f.status === 'SENT' || f.status === 'COMPLETED').map((f) => f.alias));
  const started = new Set(req.checks.filter((c) => c.state !== 'NOT_STARTED').map((c) => c.check_type));
  const conditions = req.conditions.map((c) => {
    if (c.state !== 'WAITING' || started.has(c.check_type)) return c;
    const starters = req.planned_checks.filter((p) => p.check_type === c.check_type);
    return starters.some((p) => open.has(p.after_form)) ? c : { ...c, state: 'SKIPPED' as const, decided_at: ctx.now };
  });
  return { ...req, conditions };
}

/** A check finished: record it on the request that started it, and decide the flow's conditions. */
export function recordCheckCompleted(ctx: DomainContext, req: CustomerRequestDoc, check: CompletedCheckLike): void {
  const index =
    req.checks.findIndex((c) => c.check_id === check.id) >= 0
      ? req.checks.findIndex((c) => c.check_id === check.id)
      : req.checks.findIndex((c) => c.check_type === check.check_type && c.state === 'STARTED' && c.check_id === null);
  if (index < 0) return; // not a check this request started
  const entry = req.checks[index]!;
  let draft: CustomerRequestDoc = {
    ...req,
    checks: req.checks.map((c, i) => (i === index ? { ...entry, check_id: check.id, state: 'COMPLETE' as const, result: check.result, completed_at: ctx.now } : c)),
    history: [...req.history, historyEntry(ctx, 'CHECK_COMPLETED', { form_id: entry.form_id, detail: { check_type: check.check_type, check_id: check.id, result: check.result } })],
  };
  if (req.status === 'SENT' && req.type === 'FLOW') {
    const templates = new Map(ctx.config.form_templates.map((t) => [t.alias, t]));
    const added: FormDoc[] = [];
    const conditions = draft.conditions.map((c) => {
      if (c.state !== 'WAITING' || c.check_type !== check.check_type) return c;
      const template = templates.get(c.form_alias);
      const ask = template !== undefined && conditionHolds(c.condition, check);
      if (ask) added.push(flowForm(ctx, template, { check_type: c.check_type, condition: c.condition, check_id: check.id }));
      return { ...c, state: ask ? ('ASKED' as const) : ('SKIPPED' as const), check_id: check.id, result: check.result, decided_at: ctx.now };
    });
    draft = {
      ...draft,
      conditions,
      forms: [...draft.forms, ...added],
      history: [
        ...draft.history,
        ...conditions
          .filter((c, i) => c !== draft.conditions[i])
          .map((c) => historyEntry(ctx, c.state === 'ASKED' ? 'FORM_ADDED' : 'FORM_SKIPPED', { detail: { form_alias: c.form_alias, check_type: c.check_type, condition: c.condition, result: check.result } })),
      ],
    };
  }
  saveChanges(ctx, req, draft);
}
