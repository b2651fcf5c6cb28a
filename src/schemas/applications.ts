import { z } from 'zod';
import { ASSOCIATED_ROLES, dateTime, uuid } from './common.js';
import { TASK_TYPES } from '../config/products.js';

/** Product applications: request bodies (what the sandbox accepts) and the resource it returns. */

export const APPLICATION_STATUSES = ['APPLIED', 'APPROVED', 'IN_REVIEW', 'REJECTED', 'CANCELLED'] as const;
export const APPLICATION_FLAGS = [
  'AUTOMATING',
  'DECIDED',
  'WAITING_ON_COLLECTION_STEPS',
  'WAITING_ON_CHECKS',
  'REQUIRES_MANUAL_TASK_COMPLETION',
  'READY_FOR_DECISION',
  'REQUIRES_RISK_SCORE',
  'RECALCULATING_RISK',
] as const;

const enumError = (values: readonly string[]) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `is required: one of ${values.join(', ')}` : `must be one of ${values.join(', ')}, got ${JSON.stringify(issue.input)}`;

export const applicationStatus = z.enum(APPLICATION_STATUSES, { error: enumError(APPLICATION_STATUSES) });
export const associatedRole = z.enum(ASSOCIATED_ROLES, { error: enumError(ASSOCIATED_ROLES) });

export const taskVariant = z.looseObject({
  id: uuid,
  name: z.string().optional(),
  task_type: z.enum(TASK_TYPES).optional(),
  alias: z.string().optional(),
  description: z.string().optional(),
});

export const productResource = z.looseObject({
  id: uuid,
  alias: z.string().describe('The product alias configured in the workspace (newer API field)'),
  name: z.string(),
  automatically_apply: z.boolean(),
  automatically_approve: z.boolean(),
  is_deleted: z.boolean(),
});

/** A product named by alias (preferred) or id; the other product fields are read-only and ignored. */
const productRef = z
  .strictObject({
    alias: z.string().min(1).optional(),
    id: uuid.optional(),
    name: z.unknown().optional(),
    automatically_apply: z.unknown().optional(),
    automatically_approve: z.unknown().optional(),
    is_deleted: z.unknown().optional(),
  })
  .refine((p) => p.alias !== undefined || p.id !== undefined, 'needs the product alias or id, e.g. {"alias": "personal_account"}');

/** Read-only fields of a ProductApplication: clients may send a resource back; they are ignored. */
const readOnly = {
  id: z.unknown().optional(),
  flag: z.unknown().optional(),
  required_tasks: z.unknown().optional(),
  history: z.unknown().optional(),
  flag_history: z.unknown().optional(),
  approval_blockers: z.unknown().optional(),
  hidden: z.unknown().optional(),
  assignments: z.unknown().optional(),
};

export const createApplicationBody = z.strictObject({
  product: productRef,
  associated_role: associatedRole.optional(),
  status: z.unknown().optional(),
  ...readOnly,
});

export const updateApplicationBody = z.strictObject({
  status: applicationStatus,
  comment: z.string().max(2000).optional().describe('(sandbox) stored in the history entry of the change'),
  product: z.unknown().optional(),
  associated_role: z.unknown().optional(),
  ...readOnly,
});

export const revertDecisionBody = z.strictObject({ comment: z.string().max(2000).optional() }).nullable();

const blocker = z.looseObject({
  blocker_type: z.enum(['INCOMPLETE_TASK', 'UNRESOLVED_EVENT', 'SUSPENDED_PROFILE', 'UNDETERMINED_RISK']),
  task_type: z.string().optional(),
  task_variant: taskVariant.optional(),
  event_id: uuid.optional(),
});

const user = z.looseObject({ id: uuid.optional(), name: z.string(), email: z.string().optional() });

export const productApplication = z.looseObject({
  id: uuid,
  product: productResource,
  associated_role: associatedRole.optional(),
  status: applicationStatus,
  flag: z.enum(APPLICATION_FLAGS),
  required_tasks: z.array(taskVariant),
  history: z.array(z.looseObject({ status: applicationStatus, date: dateTime, decisioner: user.optional(), comment: z.string().optional() })),
  flag_history: z.array(z.looseObject({ status: applicationStatus, flag: z.enum(APPLICATION_FLAGS), date: dateTime })),
  approval_blockers: z.array(blocker),
  hidden: z.boolean(),
  assignments: z.array(z.unknown()),
});
