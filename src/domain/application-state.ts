import { formatDateTime } from '../core/dates.js';
import type { Actor, DomainContext } from './context.js';
import { applicationsOf, checksOf, eventsOf, tasksOf } from './collections.js';
import { addAudit } from './audit.js';
import { eventBase, SMART_POLICY } from './event-data.js';
import { getProfile } from './profiles.js';
import type { ProductView, TaskVariantView } from './products.js';
import { outstandingSteps } from './collection-steps.js';

/**
 * The derived side of a product application: its approval blockers and its one `flag`
 * (PassFort returns the first that applies, in the documented order), kept current after
 * every change that can move them, with PRODUCT_BADGE_CHANGED when the flag changes.
 */

export const APPLICATION_STATUSES = ['APPLIED', 'APPROVED', 'IN_REVIEW', 'REJECTED', 'CANCELLED'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ApplicationFlag =
  | 'AUTOMATING'
  | 'DECIDED'
  | 'WAITING_ON_COLLECTION_STEPS'
  | 'WAITING_ON_CHECKS'
  | 'REQUIRES_MANUAL_TASK_COMPLETION'
  | 'READY_FOR_DECISION'
  | 'REQUIRES_RISK_SCORE'
  | 'RECALCULATING_RISK';

export interface HistoryEntry {
  status: ApplicationStatus;
  /** ms, workspace time. */
  date: number;
  decisioner: { id?: string; name: string; email?: string } | null;
  comment?: string;
}

export interface ApplicationDoc {
  id: string;
  profile_id: string;
  product: ProductView;
  associated_role?: string;
  status: ApplicationStatus;
  flag: ApplicationFlag;
  required_tasks: TaskVariantView[];
  history: HistoryEntry[];
  flag_history: { status: ApplicationStatus; flag: ApplicationFlag; date: number }[];
  hidden: boolean;
  creation_date: number;
}

export type ApprovalBlocker =
  | { blocker_type: 'INCOMPLETE_TASK'; task_type: string; task_variant: TaskVariantView; task_id?: string }
  | { blocker_type: 'UNRESOLVED_EVENT'; event_id: string }
  | { blocker_type: 'SUSPENDED_PROFILE' };

export const DECIDED_STATUSES: readonly ApplicationStatus[] = ['APPROVED', 'REJECTED', 'CANCELLED'];

interface TaskLike {
  id: string;
  type: string;
  state: string;
  is_expired: boolean;
  is_deleted: boolean;
  check_ids: string[];
  variant: TaskVariantView;
}

/** The profile's active task for each task type the application requires. */
function tasksOfApplication(ctx: DomainContext, app: ApplicationDoc): { variant: TaskVariantView; task: TaskLike | undefined }[] {
  const active = ctx.repo.list<TaskLike>(tasksOf(app.profile_id)).filter((t) => !t.is_expired && !t.is_deleted);
  return app.required_tasks.map((variant) => ({ variant, task: active.find((t) => t.type === variant.task_type) }));
}

export function approvalBlockers(ctx: DomainContext, app: ApplicationDoc): ApprovalBlocker[] {
  const blockers: ApprovalBlocker[] = [];
  for (const { variant, task } of tasksOfApplication(ctx, app)) {
    // PassFort approves only when every task passed; a failed task blocks as an incomplete one.
    if (!task || task.state !== 'COMPLETED_PASS') {
      blockers.push({ blocker_type: 'INCOMPLETE_TASK', task_type: variant.task_type, task_variant: variant, ...(task ? { task_id: task.id } : {}) });
    }
  }
  for (const e of ctx.repo.list<{ id: string; resolution: string }>(eventsOf(app.profile_id))) {
    if (e.resolution === 'UNRESOLVED') blockers.push({ blocker_type: 'UNRESOLVED_EVENT', event_id: e.id });
  }
  if (getProfile(ctx, app.profile_id).status !== 'NORMAL') blockers.push({ blocker_type: 'SUSPENDED_PROFILE' });
  return blockers;
}

export function computeFlag(ctx: DomainContext, app: ApplicationDoc): ApplicationFlag {
  if (DECIDED_STATUSES.includes(app.status)) return 'DECIDED';
  if (outstandingSteps(ctx, app.profile_id).length > 0) return 'WAITING_ON_COLLECTION_STEPS';
  const tasks = tasksOfApplication(ctx, app);
  const checks = checksOf(app.profile_id);
  const waiting = tasks.some(({ task }) =>
    task?.check_ids.some((id) => {
      const check = ctx.repo.get<{ id: string; state: string }>(checks, id);
      return check !== undefined && check.state !== 'COMPLETE';
    }),
  );
  if (waiting) return 'WAITING_ON_CHECKS';
  if (tasks.some(({ task }) => !task || task.state === 'INCOMPLETE')) return 'REQUIRES_MANUAL_TASK_COMPLETION';
  return 'READY_FOR_DECISION';
}

export const productRef = (p: ProductView) => ({ alias: p.alias, id: p.id, name: p.name });

/** Records a status change with its history entry, audit item and PRODUCT_STATUS_CHANGED. */
export function recordStatus(
  ctx: DomainContext,
  app: ApplicationDoc,
  status: ApplicationStatus,
  opts: { actor?: Actor; comment?: string | undefined } = {},
): ApplicationDoc {
  const actor = opts.actor ?? ctx.actor;
  const decisioner = actor.kind === 'user' ? { name: actor.name, ...(actor.id ? { id: actor.id } : {}), ...(actor.email ? { email: actor.email } : {}) } : null;
  const entry: HistoryEntry = { status, date: ctx.now, decisioner, ...(opts.comment ? { comment: opts.comment } : {}) };
  const updated: ApplicationDoc = { ...app, status, history: [...app.history, entry] };
  ctx.repo.put(applicationsOf(app.profile_id), updated);
  const automatic = actor.kind === 'smart_policy';
  addAudit(
    ctx,
    app.profile_id,
    automatic ? 'auto-decision' : 'profile-application-status-changed',
    `Application for ${app.product.name} changed from ${app.status} to ${status}${automatic ? ' by the smart policy' : ''}`,
    { application_id: app.id, old_status: app.status, new_status: status, ...(opts.comment ? { comment: opts.comment } : {}) },
  );
  emitStatusChanged(ctx, updated, actor);
  return updated;
}

/** PRODUCT_STATUS_CHANGED with exactly the keys of PassFort's published sample. */
export function emitStatusChanged(ctx: DomainContext, app: ApplicationDoc, actor: Actor = ctx.actor): void {
  const base = eventBase(ctx, app.profile_id, actor);
  ctx.emit('PRODUCT_STATUS_CHANGED', {
    apikey: base.apikey,
    application_id: app.id,
    customer_ref: base.customer_ref,
    new_status: app.status,
    product: productRef(app.product),
    profile_id: app.profile_id,
    user: base.user,
  });
}

const NEEDS_A_PERSON: readonly ApplicationFlag[] = ['REQUIRES_MANUAL_TASK_COMPLETION', 'READY_FOR_DECISION'];

/**
 * Brings one application's flag up to date; emits what changed. An application still being
 * set up (AUTOMATING) is left alone until its creator finishes it with `settle`, so half-made
 * task lists never raise a badge or a manual-action webhook.
 */
export function refreshApplication(ctx: DomainContext, app: ApplicationDoc, settle = false): ApplicationDoc {
  if (app.flag === 'AUTOMATING' && !settle) return app;
  let current = app;
  const flag = computeFlag(ctx, current);
  if (flag !== current.flag) {
    const old = current.flag;
    current = { ...current, flag, flag_history: [...current.flag_history, { status: current.status, flag, date: ctx.now }] };
    ctx.repo.put(applicationsOf(app.profile_id), current);
    const base = eventBase(ctx, app.profile_id, SMART_POLICY);
    ctx.emit('PRODUCT_BADGE_CHANGED', {
      ...base,
      application_id: app.id,
      product: productRef(app.product),
      status: current.status,
      old_flag: old,
      new_flag: flag,
    });
    const autoApproves = flag === 'READY_FOR_DECISION' && app.product.automatically_approve && current.status === 'APPLIED';
    if (NEEDS_A_PERSON.includes(flag) && !(autoApproves && approvalBlockers(ctx, current).length === 0)) {
      ctx.emit('MANUAL_ACTION_REQUIRED', {
        ...base,
        application_id: app.id,
        product: productRef(app.product),
        status: current.status,
        flag,
      });
    }
  }
  if (
    current.flag === 'READY_FOR_DECISION' &&
    current.status === 'APPLIED' &&
    current.product.automatically_approve &&
    approvalBlockers(ctx, current).length === 0
  ) {
    current = recordStatus(ctx, current, 'APPROVED', { actor: SMART_POLICY });
    return refreshApplication(ctx, current);
  }
  return current;
}

/** Brings every visible application of the profile up to date. */
export function refreshApplications(ctx: DomainContext, profileId: string): void {
  for (const app of ctx.repo.list<ApplicationDoc>(applicationsOf(profileId))) {
    if (!app.hidden) refreshApplication(ctx, app);
  }
}

export function presentApplication(ctx: DomainContext, app: ApplicationDoc) {
  return {
    id: app.id,
    product: app.product,
    ...(app.associated_role ? { associated_role: app.associated_role } : {}),
    status: app.status,
    flag: app.flag,
    required_tasks: app.required_tasks,
    history: app.history.map((h) => ({
      status: h.status,
      date: formatDateTime(h.date),
      ...(h.decisioner ? { decisioner: h.decisioner } : {}),
      ...(h.comment ? { comment: h.comment } : {}),
    })),
    flag_history: app.flag_history.map((f) => ({ status: f.status, flag: f.flag, date: formatDateTime(f.date) })),
    // Blockers matter while a decision is open (and after approval, to show what lapsed).
    approval_blockers: app.hidden || app.status === 'REJECTED' || app.status === 'CANCELLED' ? [] : approvalBlockers(ctx, app),
    hidden: app.hidden,
    assignments: [],
  };
}

export type ApplicationView = ReturnType<typeof presentApplication>;
