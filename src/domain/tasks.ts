import { ErrorCode, PassFortError, invalidInput, notFound, transitionError } from '../core/errors.js';
import { formatDateTime } from '../core/dates.js';
import { TASK_TYPES, type TaskType } from '../config/products.js';
import type { DomainContext, Job } from './context.js';
import { checksOf, tasksOf } from './collections.js';
import { addAudit } from './audit.js';
import { Msg } from './messages.js';
import { eventBase, SMART_POLICY } from './event-data.js';
import { getProfile } from './profiles.js';
import { adHocVariant, findVariant, requiredTaskFor, type TaskVariantView } from './products.js';
import { refreshApplications } from './application-state.js';

/**
 * Tasks: what must be done for a profile's applications. A task is INCOMPLETE until the
 * smart policy (its checks passed) or a person completes it as COMPLETED_PASS or
 * COMPLETED_FAIL. When a task expires, PassFort keeps it (`is_expired`) and adds a fresh
 * version of the same variant; integrators use the version with `is_expired: false`.
 */

export const TASK_STATES = ['INCOMPLETE', 'COMPLETED_PASS', 'COMPLETED_FAIL'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const EXPIRY_REASONS = ['DOCUMENT_EXPIRY', 'APPLICATION_ANNIVERSARY', 'OTHER'] as const;

export interface CustomExpiry {
  expire_at: number;
  reason_categories: string[];
  reason_description: string | null;
}

export interface TaskDoc {
  id: string;
  profile_id: string;
  variant: TaskVariantView;
  type: TaskType;
  state: TaskState;
  is_complete: boolean;
  is_deleted: boolean;
  is_expired: boolean;
  is_skipped: boolean;
  /** ms, workspace time. */
  creation_date: number;
  check_ids: string[];
  form_instance_ids: string[];
  /** When the variant's own expiry ends this version (ms), or null. */
  default_expiry_at: number | null;
  custom_expiry: CustomExpiry | null;
  /** The version this one replaced when its predecessor expired. */
  replaces_task_id: string | null;
}

export const TASK_EXPIRY_JOB = 'task-expiry';
const DAY_MS = 86_400_000;
const PASS_RESULTS = new Set(['Pass', '2+2']);

export const expiryJobId = (profileId: string, taskId: string) => `${TASK_EXPIRY_JOB}:${profileId}:${taskId}`;
export const expiresAt = (t: TaskDoc): number | null => t.custom_expiry?.expire_at ?? t.default_expiry_at;
export const isActive = (t: TaskDoc) => !t.is_expired && !t.is_deleted;

export function listTasks(ctx: DomainContext, profileId: string): TaskDoc[] {
  getProfile(ctx, profileId);
  return ctx.repo.list<TaskDoc>(tasksOf(profileId));
}

export function getTask(ctx: DomainContext, profileId: string, taskId: string): TaskDoc {
  getProfile(ctx, profileId);
  const task = ctx.repo.get<TaskDoc>(tasksOf(profileId), taskId);
  if (!task) throw notFound(Msg.taskNotFound(taskId, profileId), { task_id: taskId, profile_id: profileId });
  return task;
}

function entityOfTaskType(type: string): 'INDIVIDUAL' | 'COMPANY' {
  return type.startsWith('INDIVIDUAL') ? 'INDIVIDUAL' : 'COMPANY';
}

/** Creates a task and arms its expiry; `actor` lets the smart policy take the credit. */
export function createTask(
  ctx: DomainContext,
  profileId: string,
  variant: TaskVariantView,
  opts: { expiryDays?: number | undefined; replaces?: string; actor?: DomainContext['actor'] } = {},
): TaskDoc {
  const task: TaskDoc = {
    id: ctx.ids.uuid(),
    profile_id: profileId,
    variant,
    type: variant.task_type,
    state: 'INCOMPLETE',
    is_complete: false,
    is_deleted: false,
    is_expired: false,
    is_skipped: false,
    creation_date: ctx.now,
    check_ids: [],
    form_instance_ids: [],
    default_expiry_at: opts.expiryDays ? ctx.now + opts.expiryDays * DAY_MS : null,
    custom_expiry: null,
    replaces_task_id: opts.replaces ?? null,
  };
  ctx.repo.put(tasksOf(profileId), task);
  if (task.default_expiry_at !== null) armExpiry(ctx, task);
  addAudit(ctx, profileId, 'added-a-task', `Task "${variant.name}" (${variant.task_type}) added`, {
    task_id: task.id,
    task_type: task.type,
    ...(opts.replaces ? { replaces_task_id: opts.replaces } : {}),
  });
  ctx.emit('TASK_CREATED', {
    ...eventBase(ctx, profileId, opts.actor),
    task_id: task.id,
    task_type: task.type,
    variant: { id: variant.id, name: variant.name },
    state: task.state,
  });
  return task;
}

/** The profile's active task of this type, or a new one: products that need the same task share it. */
export function ensureTask(
  ctx: DomainContext,
  profileId: string,
  variant: TaskVariantView,
  expiryDays: number | undefined,
): { task: TaskDoc; created: boolean } {
  const existing = ctx.repo.list<TaskDoc>(tasksOf(profileId)).find((t) => isActive(t) && t.type === variant.task_type);
  if (existing) return { task: existing, created: false };
  return { task: createTask(ctx, profileId, variant, { expiryDays, actor: SMART_POLICY }), created: true };
}

export interface AddTaskInput {
  type?: string;
  variant?: { id?: string; alias?: string };
}

/** `POST /profiles/{id}/tasks`: an ad-hoc task, by type or by a configured variant. */
export function addTask(ctx: DomainContext, profileId: string, input: AddTaskInput): TaskDoc {
  const profile = getProfile(ctx, profileId);
  let variant: TaskVariantView | undefined;
  if (input.variant?.id !== undefined) {
    variant = findVariant(ctx, input.variant.id);
    if (!variant) throw invalidInput(Msg.unknownTaskVariant(input.variant.id), { field: 'variant.id' });
  }
  const type = input.type ?? variant?.task_type;
  if (type === undefined) throw new PassFortError(400, ErrorCode.MISSING_REQUIRED_FIELDS, Msg.taskTypeMissing, { field: 'type' });
  if (!(TASK_TYPES as readonly string[]).includes(type)) throw invalidInput(Msg.unknownTaskType(type), { field: 'type' });
  if (variant && variant.task_type !== type) {
    throw invalidInput(Msg.taskTypeVariantMismatch(type, variant.task_type), { field: 'type' });
  }
  const entity = profile.collected_data.entity_type;
  if (entityOfTaskType(type) !== entity) throw invalidInput(Msg.taskTypeWrongEntity(type, entity), { field: 'type' });
  const active = ctx.repo.list<TaskDoc>(tasksOf(profileId)).find((t) => isActive(t) && t.type === type);
  if (active) {
    throw new PassFortError(400, ErrorCode.DATA_PRESENT, Msg.taskAlreadyActive(type, active.id), { field: 'type', task_id: active.id });
  }
  const chosen = variant ?? adHocVariant(type as TaskType);
  const task = createTask(ctx, profileId, chosen, { expiryDays: requiredTaskFor(ctx, chosen.id)?.expiry_days });
  refreshApplications(ctx, profileId);
  return task;
}

export interface UpdateTaskInput {
  state?: TaskState;
  is_complete?: boolean;
  check_ids?: string[];
}

/** `POST /profiles/{id}/tasks/{task_id}`: complete, reopen, or relink checks. */
export function updateTask(ctx: DomainContext, profileId: string, taskId: string, input: UpdateTaskInput): TaskDoc {
  let task = getTask(ctx, profileId, taskId);
  let target = input.state;
  if (input.is_complete !== undefined) {
    const fromFlag: TaskState = input.is_complete ? 'COMPLETED_PASS' : 'INCOMPLETE';
    if (target !== undefined && (target !== 'INCOMPLETE') !== input.is_complete) {
      throw invalidInput(Msg.taskStateConflict(target, input.is_complete), { field: 'is_complete' });
    }
    target ??= fromFlag;
  }
  if (input.check_ids !== undefined) task = linkChecks(ctx, task, input.check_ids);
  if (target !== undefined && target !== task.state) task = setTaskState(ctx, task, target);
  refreshApplications(ctx, profileId);
  return task;
}

function linkChecks(ctx: DomainContext, task: TaskDoc, checkIds: string[]): TaskDoc {
  const col = checksOf(task.profile_id);
  const checks = checkIds.map((id, i) => {
    const check = ctx.repo.get<{ id: string; task_ids: string[] }>(col, id);
    if (!check) throw invalidInput(Msg.checkNotOnProfile(id, task.profile_id), { field: `check_ids[${i}]` });
    return check;
  });
  const wanted = new Set(checkIds);
  // Keep both sides of the link in step: a check lists its tasks, a task its checks.
  for (const id of task.check_ids) {
    if (wanted.has(id)) continue;
    const check = ctx.repo.get<{ id: string; task_ids: string[] }>(col, id);
    if (check) ctx.repo.put(col, { ...check, task_ids: check.task_ids.filter((t) => t !== task.id) });
  }
  for (const check of checks) {
    if (!check.task_ids.includes(task.id)) ctx.repo.put(col, { ...check, task_ids: [...check.task_ids, task.id] });
  }
  const updated: TaskDoc = { ...task, check_ids: [...wanted] };
  ctx.repo.put(tasksOf(task.profile_id), updated);
  addAudit(ctx, task.profile_id, 'updated-check', `Checks of task "${task.variant.name}" set to ${checkIds.length}`, {
    task_id: task.id,
    check_ids: [...wanted],
  });
  return updated;
}

/**
 * The task state machine: INCOMPLETE ↔ COMPLETED_PASS | COMPLETED_FAIL. A completed task is
 * reopened before it can take the other outcome, and an expired or deleted version is
 * history: it cannot change.
 */
export function setTaskState(ctx: DomainContext, task: TaskDoc, target: TaskState, actor = ctx.actor): TaskDoc {
  if (!isActive(task)) {
    throw transitionError(Msg.taskNotActive(task.id, task.is_expired ? 'expired' : 'deleted'), {
      field: 'state',
      task_id: task.id,
      from: task.state,
      to: target,
    });
  }
  if (task.state !== 'INCOMPLETE' && target !== 'INCOMPLETE') {
    throw transitionError(Msg.taskIllegalTransition(task.state, target), {
      field: 'state',
      from: task.state,
      to: target,
      allowed: ['INCOMPLETE'],
    });
  }
  const updated: TaskDoc = { ...task, state: target, is_complete: target !== 'INCOMPLETE' };
  ctx.repo.put(tasksOf(task.profile_id), updated);
  const by = actor.kind === 'smart_policy' ? ' by the smart policy' : '';
  if (target === 'INCOMPLETE') {
    addAudit(ctx, task.profile_id, 'uncompleted-a-task', `Task "${task.variant.name}" reopened${by}`, { task_id: task.id, from: task.state });
  } else {
    addAudit(ctx, task.profile_id, 'completed-a-task', `Task "${task.variant.name}" completed as ${target}${by}`, {
      task_id: task.id,
      state: target,
    });
  }
  ctx.emit('TASK_STATE_CHANGED', {
    ...eventBase(ctx, task.profile_id, actor),
    task_id: task.id,
    task_type: task.type,
    old_state: task.state,
    new_state: target,
    is_complete: updated.is_complete,
  });
  return updated;
}

/**
 * After a check finishes: a task whose checks all finished with a pass (the latest of each
 * check type counts, so a manual approval supersedes the original) completes by itself.
 * Anything else leaves it for a person, as PassFort's smart policy does.
 */
export function autoCompleteTasks(ctx: DomainContext, profileId: string, taskIds: readonly string[]): void {
  for (const id of taskIds) {
    const task = ctx.repo.get<TaskDoc>(tasksOf(profileId), id);
    if (!task || !isActive(task) || task.state !== 'INCOMPLETE' || task.check_ids.length === 0) continue;
    const latest = new Map<string, { state: string; result: string | null }>();
    for (const checkId of task.check_ids) {
      const check = ctx.repo.get<{ id: string; check_type: string; state: string; result: string | null }>(checksOf(profileId), checkId);
      if (check) latest.set(check.check_type, check);
    }
    const all = [...latest.values()];
    if (all.length > 0 && all.every((c) => c.state === 'COMPLETE' && c.result !== null && PASS_RESULTS.has(c.result))) {
      setTaskState(ctx, task, 'COMPLETED_PASS', SMART_POLICY);
    }
  }
}

/** Records a form instance on a task (customer requests link their forms this way). */
export function addFormInstanceToTask(ctx: DomainContext, profileId: string, taskId: string, formInstanceId: string): TaskDoc {
  const task = getTask(ctx, profileId, taskId);
  if (task.form_instance_ids.includes(formInstanceId)) return task;
  const updated: TaskDoc = { ...task, form_instance_ids: [...task.form_instance_ids, formInstanceId] };
  ctx.repo.put(tasksOf(profileId), updated);
  return updated;
}

/** Links a check to tasks (both sides). Unknown task ids were refused before this is called. */
export function attachCheckToTasks(ctx: DomainContext, profileId: string, checkId: string, taskIds: readonly string[]): void {
  for (const id of taskIds) {
    const task = ctx.repo.get<TaskDoc>(tasksOf(profileId), id);
    if (task && !task.check_ids.includes(checkId)) ctx.repo.put(tasksOf(profileId), { ...task, check_ids: [...task.check_ids, checkId] });
  }
}

// --- expiry ----------------------------------------------------------------------------------

export interface ExpiryInput {
  expire_at: number | null;
  reason_categories: string[];
  reason_description?: string | undefined;
}

/** `POST …/tasks/{id}/expiry`: a custom expiry date, or `null` to go back to the default. */
export function setTaskExpiry(ctx: DomainContext, profileId: string, taskId: string, input: ExpiryInput): TaskDoc {
  const task = getTask(ctx, profileId, taskId);
  if (!isActive(task)) throw transitionError(Msg.taskNotActive(task.id, task.is_expired ? 'expired' : 'deleted'), { field: 'expire_at' });
  if (input.reason_categories.length === 0) {
    throw new PassFortError(400, ErrorCode.MISSING_REQUIRED_FIELDS, Msg.expiryReasonsMissing, { field: 'reason_categories' });
  }
  if (input.expire_at !== null && input.expire_at <= ctx.now) {
    throw invalidInput(Msg.expiryInPast(formatDateTime(input.expire_at), formatDateTime(ctx.now)), { field: 'expire_at' });
  }
  const custom: CustomExpiry | null =
    input.expire_at === null
      ? null
      : { expire_at: input.expire_at, reason_categories: input.reason_categories, reason_description: input.reason_description ?? null };
  const updated: TaskDoc = { ...task, custom_expiry: custom };
  ctx.repo.put(tasksOf(profileId), updated);
  if (expiresAt(task) !== null || expiresAt(updated) !== null) armExpiry(ctx, updated);
  addAudit(
    ctx,
    profileId,
    'comment',
    custom ? `Task "${task.variant.name}" set to expire at ${formatDateTime(custom.expire_at)}` : `Task "${task.variant.name}" back to its default expiry`,
    { task_id: task.id, expire_at: custom ? formatDateTime(custom.expire_at) : null, reason_categories: input.reason_categories },
  );
  return updated;
}

function armExpiry(ctx: DomainContext, task: TaskDoc): void {
  const at = expiresAt(task);
  const id = expiryJobId(task.profile_id, task.id);
  if (at === null) ctx.cancel(id);
  else ctx.schedule({ id, at, kind: TASK_EXPIRY_JOB, payload: { profile_id: task.profile_id, task_id: task.id } });
}

/**
 * The expiry job: the version is kept as history and a fresh INCOMPLETE version of the same
 * variant replaces it, with the variant's automatic checks run again (re-verification).
 */
export function expireTask(ctx: DomainContext, job: Job, rerun: (ctx: DomainContext, task: TaskDoc) => void): void {
  const profileId = String(job.payload.profile_id);
  const taskId = String(job.payload.task_id);
  const task = ctx.repo.get<TaskDoc>(tasksOf(profileId), taskId);
  if (!task || !isActive(task)) return;
  const at = expiresAt(task);
  if (at === null || at > ctx.now) return; // the expiry moved since the job was armed
  ctx.repo.put(tasksOf(profileId), { ...task, is_expired: true });
  const next = createTask(ctx, profileId, task.variant, {
    expiryDays: requiredTaskFor(ctx, task.variant.id)?.expiry_days,
    replaces: task.id,
    actor: SMART_POLICY,
  });
  rerun(ctx, next);
  refreshApplications(ctx, profileId);
}

// --- presentation ----------------------------------------------------------------------------

export function presentTask(task: TaskDoc) {
  const at = expiresAt(task);
  return {
    id: task.id,
    variant: task.variant,
    type: task.type,
    state: task.state,
    is_complete: task.is_complete,
    is_deleted: task.is_deleted,
    is_expired: task.is_expired,
    is_skipped: task.is_skipped,
    creation_date: formatDateTime(task.creation_date),
    check_ids: task.check_ids,
    form_instance_ids: task.form_instance_ids,
    ...(at !== null ? { expiry_date: formatDateTime(at), will_expire_at: formatDateTime(at) } : {}),
    ...(task.default_expiry_at !== null ? { default_expiry_date: formatDateTime(task.default_expiry_at) } : {}),
    ...(task.custom_expiry
      ? {
          custom_expiry: {
            default_expiry_date: task.default_expiry_at !== null ? formatDateTime(task.default_expiry_at) : null,
            expiry_at: formatDateTime(task.custom_expiry.expire_at),
            reason_categories: task.custom_expiry.reason_categories,
            reason_description: task.custom_expiry.reason_description,
          },
        }
      : {}),
  };
}

export type TaskView = ReturnType<typeof presentTask>;
