import { ErrorCode, PassFortError, invalidInput, notFound, transitionError } from '../../core/errors.js';
import { derivedId } from '../products.js';
import type { CheckType } from '../../config/products.js';
import type { DomainContext, Job, JobHandlers } from '../context.js';
import { checksOf, tasksOf } from '../collections.js';
import { addAudit } from '../audit.js';
import { Msg } from '../messages.js';
import { eventBase, SMART_POLICY } from '../event-data.js';
import { getProfile } from '../profiles.js';
import { refreshApplications } from '../application-state.js';
import { attachCheckToTasks, autoCompleteTasks } from '../tasks.js';
import { raiseScreeningEvents } from '../events.js';
import { outstandingSteps } from '../collection-steps.js';
import { onCheckCompleted } from '../customer-requests/reactions.js';
import { CHECK_META, ASYNC_COMPLETE_AFTER_MS, ASYNC_RUNNING_AFTER_MS, defaultMode, isCheckType, type CheckDoc, type CheckMode } from './types.js';
import { computeOutput } from './outputs.js';

/**
 * The check state machine. A check is instructed PENDING; a sync check completes inside the
 * same request; an async one shows RUNNING from 1 s and completes at 3 s of workspace time
 * (one job on the workspace clock). A check waits in PENDING while the profile has
 * collection steps. Completed checks are immutable: approve/reject make manual copies.
 */

export const CHECK_COMPLETE_JOB = 'check-complete';
export const PROVIDER = 'Sandbox Demo Provider';

export const checkVariant = (t: CheckType) => ({ id: derivedId(`check-variant:${t}`), name: `${CHECK_META[t].name} (sandbox demo)` });
export const checkVariantAlias = (t: CheckType) => t.toLowerCase();

export interface InstructInput {
  check_type: string;
  task_ids?: string[] | undefined;
  variant?: { id?: string | undefined; alias?: string | undefined } | undefined;
  document_id?: string | undefined;
  source?: 'JUMIO' | 'ONFIDO' | undefined;
  reference?: string | undefined;
  source_id?: string | undefined;
  form_id?: string | undefined;
  disable_initial_screen?: boolean | undefined;
  disable_monitoring?: boolean | undefined;
  bank_account?: CheckDoc['params']['bank_account'] | undefined;
}

export function listChecks(ctx: DomainContext, profileId: string): CheckDoc[] {
  getProfile(ctx, profileId);
  return ctx.repo.list<CheckDoc>(checksOf(profileId));
}

export function getCheck(ctx: DomainContext, profileId: string, checkId: string): CheckDoc {
  getProfile(ctx, profileId);
  const check = ctx.repo.get<CheckDoc>(checksOf(profileId), checkId);
  if (!check) throw notFound(Msg.checkNotFound(checkId, profileId), { check_id: checkId, profile_id: profileId });
  return check;
}

const missing = (field: string, type: string) =>
  new PassFortError(400, ErrorCode.MISSING_REQUIRED_FIELDS, Msg.checkInputMissing(type, field), { field });

function validateTaskIds(ctx: DomainContext, profileId: string, ids: readonly string[], field = 'task_ids'): void {
  ids.forEach((id, i) => {
    if (!ctx.repo.get(tasksOf(profileId), id)) throw invalidInput(Msg.taskNotFound(id, profileId), { field: `${field}[${i}]` });
  });
}

/** `POST /profiles/{id}/checks`: validates, records and runs a check. */
export function instructCheck(ctx: DomainContext, profileId: string, input: InstructInput, mode?: CheckMode): CheckDoc {
  const profile = getProfile(ctx, profileId);
  if (!isCheckType(input.check_type)) throw invalidInput(Msg.unknownCheckType(input.check_type), { field: 'check_type' });
  const type = input.check_type;
  const meta = CHECK_META[type];
  const entity = profile.collected_data.entity_type;
  if (meta.entity !== entity) throw invalidInput(Msg.checkWrongEntity(type, meta.entity, entity), { field: 'check_type' });
  const variant = checkVariant(type);
  if (input.variant?.id !== undefined && input.variant.id !== variant.id) {
    throw invalidInput(Msg.unknownCheckVariant(type, input.variant.id, variant.id), { field: 'variant.id' });
  }
  if (input.variant?.alias !== undefined && input.variant.alias !== checkVariantAlias(type)) {
    throw invalidInput(Msg.unknownCheckVariantAlias(type, input.variant.alias, checkVariantAlias(type)), { field: 'variant.alias' });
  }
  for (const field of meta.requires) if (input[field] === undefined || input[field] === '') throw missing(field, type);
  if (input.document_id !== undefined && meta.requires.includes('document_id')) {
    const docs = profile.collected_data.documents ?? [];
    if (!docs.some((d) => d.id === input.document_id)) throw invalidInput(Msg.documentNotOnProfile(input.document_id, profileId), { field: 'document_id' });
  }
  const taskIds = [...new Set(input.task_ids ?? [])];
  validateTaskIds(ctx, profileId, taskIds);
  const chosen = mode ?? defaultMode(type);
  const waiting = outstandingSteps(ctx, profileId).length > 0;
  const check: CheckDoc = {
    id: ctx.ids.uuid(),
    profile_id: profileId,
    check_type: type,
    state: 'PENDING',
    mode: chosen,
    result: null,
    errors: [],
    task_ids: taskIds,
    instructed_externally: false,
    input_data: profile.collected_data,
    output_data: null,
    creation_date: ctx.now,
    running_at: null,
    performed_on: null,
    waiting_on_collection_steps: waiting,
    params: pickParams(input),
    manual_decision: null,
  };
  ctx.repo.put(checksOf(profileId), check);
  attachCheckToTasks(ctx, profileId, check.id, taskIds);
  addAudit(ctx, profileId, 'instructed-check', `${type} instructed (${chosen})${waiting ? ', waiting on collection steps' : ''}`, {
    check_id: check.id,
    check_type: type,
    mode: chosen,
  });
  const started = waiting ? check : start(ctx, check);
  if (started.state !== 'COMPLETE') refreshApplications(ctx, profileId);
  return started;
}

function pickParams(input: InstructInput): CheckDoc['params'] {
  const out: CheckDoc['params'] = {};
  for (const key of ['document_id', 'source', 'reference', 'source_id', 'form_id', 'disable_initial_screen', 'disable_monitoring', 'bank_account'] as const) {
    if (input[key] !== undefined) (out as Record<string, unknown>)[key] = input[key];
  }
  return out;
}

/** Runs now (sync) or arms the completion job (async). */
function start(ctx: DomainContext, check: CheckDoc): CheckDoc {
  if (check.mode === 'sync') return completeCheck(ctx, check);
  const scheduled: CheckDoc = { ...check, waiting_on_collection_steps: false, running_at: ctx.now + ASYNC_RUNNING_AFTER_MS };
  ctx.repo.put(checksOf(check.profile_id), scheduled);
  ctx.schedule({
    id: `${CHECK_COMPLETE_JOB}:${check.profile_id}:${check.id}`,
    at: ctx.now + ASYNC_COMPLETE_AFTER_MS,
    kind: CHECK_COMPLETE_JOB,
    payload: { profile_id: check.profile_id, check_id: check.id },
  });
  return scheduled;
}

/** When the profile's collection steps are all done, the checks waiting for them start. */
export function releaseWaitingChecks(ctx: DomainContext, profileId: string): void {
  for (const check of ctx.repo.list<CheckDoc>(checksOf(profileId))) {
    if (check.state === 'PENDING' && check.waiting_on_collection_steps) {
      // They run on the data collected since, as PassFort runs them once the data is there.
      start(ctx, { ...check, waiting_on_collection_steps: false, input_data: getProfile(ctx, profileId).collected_data });
    }
  }
}

export function completeCheckJob(ctx: DomainContext, job: Job): void {
  const check = ctx.repo.get<CheckDoc>(checksOf(String(job.payload.profile_id)), String(job.payload.check_id));
  if (check && check.state !== 'COMPLETE') completeCheck(ctx, check);
}

/** Job handlers of this module, for src/domain/jobs.ts. */
export const checkJobHandlers: JobHandlers = { 'check-complete': (ctx, job) => completeCheckJob(ctx, job) };

/** Decides the outcome, stores it, and tells everyone who cares, in this unit of work. */
export function completeCheck(ctx: DomainContext, check: CheckDoc): CheckDoc {
  const outcome = computeOutput(ctx, check);
  const done: CheckDoc = {
    ...check,
    state: 'COMPLETE',
    result: outcome.result,
    output_data: outcome.output_data,
    errors: outcome.errors,
    performed_on: ctx.now,
    waiting_on_collection_steps: false,
  };
  return finish(ctx, done, outcome.events);
}

function finish(ctx: DomainContext, done: CheckDoc, events: Parameters<typeof raiseScreeningEvents>[3]): CheckDoc {
  const profileId = done.profile_id;
  ctx.repo.put(checksOf(profileId), done);
  if (events.length > 0) raiseScreeningEvents(ctx, profileId, done.id, events);
  ctx.emit('CHECK_COMPLETED', {
    ...eventBase(ctx, profileId, done.manual_decision ? ctx.actor : SMART_POLICY),
    check_id: done.id,
    check_type: done.check_type,
    result: done.result,
    state: done.state,
    task_ids: done.task_ids,
  });
  onCheckCompleted(ctx, profileId, { id: done.id, check_type: done.check_type, result: done.result, output_data: done.output_data });
  autoCompleteTasks(ctx, profileId, done.task_ids);
  refreshApplications(ctx, profileId);
  return done;
}

/**
 * `…/approve` and `…/reject`: a new COMPLETE check copied from a completed one, with a manual
 * result. Approve gives the type's passing result; reject gives "Fail", or for screening
 * (which has no Fail) confirms the original hit ("Refer" when there was none).
 */
export function decideCheck(ctx: DomainContext, profileId: string, checkId: string, decision: 'APPROVED' | 'REJECTED'): CheckDoc {
  const original = getCheck(ctx, profileId, checkId);
  if (original.state !== 'COMPLETE') {
    throw transitionError(Msg.checkNotComplete(checkId, presentState(ctx, original)), { check_id: checkId, state: presentState(ctx, original) });
  }
  const meta = CHECK_META[original.check_type];
  const result =
    decision === 'APPROVED'
      ? meta.pass
      : meta.results.includes('Fail')
        ? 'Fail'
        : original.result && original.result !== 'Pass' && original.result !== 'Error'
          ? original.result
          : 'Refer';
  const copy: CheckDoc = {
    ...original,
    id: ctx.ids.uuid(),
    result,
    errors: [],
    creation_date: ctx.now,
    performed_on: ctx.now,
    running_at: null,
    instructed_externally: false,
    manual_decision: { decision, original_check_id: original.id },
  };
  attachCheckToTasks(ctx, profileId, copy.id, copy.task_ids);
  addAudit(ctx, profileId, 'manual-decision', `${original.check_type} ${decision === 'APPROVED' ? 'approved' : 'rejected'} manually (result ${result})`, {
    check_id: copy.id,
    original_check_id: original.id,
    result,
  });
  return finish(ctx, copy, []);
}

/** `POST …/checks/{id}`: checks are immutable except for the tasks they count towards. */
export function updateCheck(
  ctx: DomainContext,
  profileId: string,
  checkId: string,
  input: { task_ids?: string[] | undefined; check_type?: string | undefined; result?: string | undefined; state?: string | undefined },
): CheckDoc {
  const check = getCheck(ctx, profileId, checkId);
  if (input.check_type !== undefined && input.check_type !== check.check_type) {
    throw invalidInput(Msg.checkImmutable('check_type'), { field: 'check_type' });
  }
  if (input.result !== undefined && input.result !== check.result) throw invalidInput(Msg.checkImmutable('result'), { field: 'result' });
  if (input.state !== undefined && input.state !== presentState(ctx, check)) throw invalidInput(Msg.checkImmutable('state'), { field: 'state' });
  if (input.task_ids === undefined) return check;
  const wanted = [...new Set(input.task_ids)];
  validateTaskIds(ctx, profileId, wanted);
  const col = tasksOf(profileId);
  for (const id of check.task_ids) {
    if (wanted.includes(id)) continue;
    const task = ctx.repo.get<{ id: string; check_ids: string[] }>(col, id);
    if (task) ctx.repo.put(col, { ...task, check_ids: task.check_ids.filter((c) => c !== checkId) });
  }
  attachCheckToTasks(ctx, profileId, checkId, wanted);
  const updated: CheckDoc = { ...check, task_ids: wanted };
  ctx.repo.put(checksOf(profileId), updated);
  addAudit(ctx, profileId, 'updated-check', `${check.check_type} now counts towards ${wanted.length} task(s)`, { check_id: checkId, task_ids: wanted });
  if (updated.state === 'COMPLETE') autoCompleteTasks(ctx, profileId, wanted);
  refreshApplications(ctx, profileId);
  return updated;
}

export const providersOf = (c: CheckDoc) => [{ provider_name: PROVIDER, is_monitored: CHECK_META[c.check_type].screening && !c.params.disable_monitoring }];

/** RUNNING is the stored PENDING once the workspace clock passes `running_at`. */
export function presentState(ctx: DomainContext, c: CheckDoc): 'PENDING' | 'RUNNING' | 'COMPLETE' {
  if (c.state === 'COMPLETE') return 'COMPLETE';
  return c.running_at !== null && ctx.now >= c.running_at ? 'RUNNING' : 'PENDING';
}

