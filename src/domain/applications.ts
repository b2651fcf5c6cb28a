import { ErrorCode, PassFortError, invalidInput, notFound, transitionError } from '../core/errors.js';
import type { CheckType, ProductConfig } from '../config/products.js';
import type { DomainContext, JobHandlers } from './context.js';
import { applicationsOf } from './collections.js';
import { addAudit } from './audit.js';
import { Msg } from './messages.js';
import { SMART_POLICY } from './event-data.js';
import { getProfile } from './profiles.js';
import { findProduct, productView, variantOf } from './products.js';
import { ensureTask, expireTask, type TaskDoc } from './tasks.js';
import { instructCheck, defaultMode, type CheckMode } from './checks.js';
import {
  approvalBlockers,
  emitStatusChanged,
  recordStatus,
  refreshApplication,
  type ApplicationDoc,
  type ApplicationStatus,
} from './application-state.js';

/**
 * Product applications: a profile applying for a product. Adding one is the smart policy at
 * work: the product's tasks are created and their automatic checks run. Status follows
 * PassFort's documented transitions; REJECTED and CANCELLED are final, except that a
 * decision can be reverted (the old application is hidden and a new one carries its history).
 */

export const TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  APPLIED: ['APPROVED', 'REJECTED'],
  APPROVED: ['IN_REVIEW', 'CANCELLED'],
  IN_REVIEW: ['APPROVED', 'CANCELLED'],
  REJECTED: [],
  CANCELLED: [],
};

const OPEN: readonly ApplicationStatus[] = ['APPLIED', 'APPROVED', 'IN_REVIEW'];

/** The smart policy's own context: what it does is attributed to it, not to the caller's key. */
const asPolicy = (ctx: DomainContext): DomainContext => ({ ...ctx, actor: SMART_POLICY });

export interface AddApplicationInput {
  product: { alias?: string | undefined; id?: string | undefined };
  associated_role?: string | undefined;
}

export function listApplications(ctx: DomainContext, profileId: string): ApplicationDoc[] {
  getProfile(ctx, profileId);
  return ctx.repo.list<ApplicationDoc>(applicationsOf(profileId));
}

export function getApplication(ctx: DomainContext, profileId: string, applicationId: string): ApplicationDoc {
  getProfile(ctx, profileId);
  const app = ctx.repo.get<ApplicationDoc>(applicationsOf(profileId), applicationId);
  if (!app) throw notFound(Msg.applicationNotFound(applicationId, profileId), { application_id: applicationId, profile_id: profileId });
  return app;
}

function checkMode(product: ProductConfig, type: CheckType): CheckMode {
  return product.check_mode === 'default' ? defaultMode(type) : product.check_mode;
}

/** Runs the automatic checks of a task the policy just created. */
function runAutomaticChecks(ctx: DomainContext, product: ProductConfig, task: TaskDoc, checks: readonly CheckType[]): void {
  for (const type of checks) instructCheck(asPolicy(ctx), task.profile_id, { check_type: type, task_ids: [task.id] }, checkMode(product, type));
}

export function addApplication(ctx: DomainContext, profileId: string, input: AddApplicationInput): ApplicationDoc {
  const profile = getProfile(ctx, profileId);
  const product = findProduct(ctx, input.product);
  const entity = profile.collected_data.entity_type;
  if (product.entity_type !== entity) {
    throw invalidInput(Msg.productWrongEntity(product.alias, product.entity_type, entity), { field: input.product.alias !== undefined ? 'product.alias' : 'product.id' });
  }
  const view = productView(product);
  const open = ctx.repo.list<ApplicationDoc>(applicationsOf(profileId)).find((a) => !a.hidden && a.product.id === view.id && OPEN.includes(a.status));
  if (open) {
    throw new PassFortError(400, ErrorCode.DATA_PRESENT, Msg.applicationExists(product.alias, open.id, open.status), {
      field: 'product',
      application_id: open.id,
    });
  }
  const app: ApplicationDoc = {
    id: ctx.ids.uuid(),
    profile_id: profileId,
    product: view,
    ...(input.associated_role ? { associated_role: input.associated_role } : {}),
    status: 'APPLIED',
    flag: 'AUTOMATING',
    required_tasks: product.required_tasks.map((t) => variantOf(product, t)),
    history: [{ status: 'APPLIED', date: ctx.now, decisioner: null }],
    flag_history: [{ status: 'APPLIED', flag: 'AUTOMATING', date: ctx.now }],
    hidden: false,
    creation_date: ctx.now,
  };
  ctx.repo.put(applicationsOf(profileId), app);
  addAudit(ctx, profileId, 'added-product', `Applied for ${product.name} (${product.alias})`, { application_id: app.id, product_id: view.id, alias: product.alias });
  emitStatusChanged(ctx, app);
  const policy = asPolicy(ctx);
  product.required_tasks.forEach((t, i) => {
    const { task, created } = ensureTask(policy, profileId, app.required_tasks[i]!, t.expiry_days);
    if (created) runAutomaticChecks(ctx, product, task, t.automatic_checks);
  });
  return refreshApplication(ctx, ctx.repo.get<ApplicationDoc>(applicationsOf(profileId), app.id)!, true);
}

function assertVisible(app: ApplicationDoc): void {
  if (app.hidden) throw transitionError(Msg.applicationHidden(app.id), { application_id: app.id });
}

/** `POST …/applications/{id}` with a `status`: the documented transitions only. */
export function updateApplicationStatus(
  ctx: DomainContext,
  profileId: string,
  applicationId: string,
  input: { status: ApplicationStatus; comment?: string | undefined },
): ApplicationDoc {
  const app = getApplication(ctx, profileId, applicationId);
  assertVisible(app);
  if (input.status === app.status) return app;
  const allowed = TRANSITIONS[app.status];
  if (!allowed.includes(input.status)) {
    throw transitionError(Msg.applicationIllegalTransition(app.status, input.status, allowed), {
      field: 'status',
      from: app.status,
      to: input.status,
      allowed,
    });
  }
  if (input.status === 'APPROVED') {
    const blockers = approvalBlockers(ctx, app);
    if (blockers.length > 0) {
      throw new PassFortError(400, ErrorCode.CONSTRAINTS_NOT_SATISFIED, Msg.approvalBlocked(blockers.map((b) => b.blocker_type)), {
        field: 'status',
        approval_blockers: blockers,
      });
    }
  }
  return refreshApplication(ctx, recordStatus(ctx, app, input.status, { comment: input.comment }));
}

/**
 * `…/revert_decision`: undoes a rejection or cancellation. The old application is hidden and a
 * new one takes its history without the last decision, as PassFort's "unreject" does.
 */
export function revertDecision(ctx: DomainContext, profileId: string, applicationId: string, comment?: string): ApplicationDoc {
  const app = getApplication(ctx, profileId, applicationId);
  assertVisible(app);
  if (app.status !== 'REJECTED' && app.status !== 'CANCELLED') {
    throw transitionError(Msg.revertNotDecided(app.status), { field: 'status', status: app.status, allowed_from: ['REJECTED', 'CANCELLED'] });
  }
  const other = ctx.repo
    .list<ApplicationDoc>(applicationsOf(profileId))
    .find((a) => !a.hidden && a.id !== app.id && a.product.id === app.product.id && OPEN.includes(a.status));
  if (other) throw new PassFortError(400, ErrorCode.DATA_PRESENT, Msg.applicationExists(app.product.alias, other.id, other.status), { application_id: other.id });
  const history = app.history.slice(0, -1);
  const status = history[history.length - 1]?.status ?? 'APPLIED';
  ctx.repo.put(applicationsOf(profileId), { ...app, hidden: true });
  const revived: ApplicationDoc = {
    ...app,
    id: ctx.ids.uuid(),
    status,
    history,
    flag: 'AUTOMATING',
    flag_history: [...app.flag_history, { status, flag: 'AUTOMATING', date: ctx.now }],
    hidden: false,
  };
  ctx.repo.put(applicationsOf(profileId), revived);
  addAudit(ctx, profileId, 'revert-decision', `Decision ${app.status} on ${app.product.name} reverted to ${status}${comment ? `: ${comment}` : ''}`, {
    application_id: revived.id,
    reverted_application_id: app.id,
    ...(comment ? { comment } : {}),
  });
  emitStatusChanged(ctx, revived);
  return refreshApplication(ctx, revived, true);
}

/** When a task expires, its fresh version re-runs the variant's automatic checks. */
function rerunChecks(ctx: DomainContext, task: TaskDoc): void {
  for (const product of ctx.config.products) {
    const idx = product.required_tasks.findIndex((t) => variantOf(product, t).id === task.variant.id);
    if (idx >= 0) return runAutomaticChecks(ctx, product, task, product.required_tasks[idx]!.automatic_checks);
  }
}

/** Job handlers of this module, for src/domain/jobs.ts. */
export const applicationJobHandlers: JobHandlers = { 'task-expiry': (ctx, job) => expireTask(ctx, job, rerunChecks) };
