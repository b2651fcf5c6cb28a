import { z } from 'zod';
import { TASK_TYPES } from '../config/products.js';
import { dateTime, uuid } from './common.js';
import { taskVariant } from './applications.js';

/** Tasks, task expiry and task notes. */

export const TASK_STATES = ['INCOMPLETE', 'COMPLETED_PASS', 'COMPLETED_FAIL'] as const;
export const taskType = z.enum(TASK_TYPES, {
  error: (issue) => (issue.input === undefined ? 'is required: a PassFort task type' : `${JSON.stringify(issue.input)} is not a PassFort task type`),
});
export const taskState = z.enum(TASK_STATES, {
  error: (issue) => `must be one of ${TASK_STATES.join(', ')}, got ${JSON.stringify(issue.input)}`,
});

const readOnly = {
  id: z.unknown().optional(),
  is_deleted: z.unknown().optional(),
  is_expired: z.unknown().optional(),
  is_skipped: z.unknown().optional(),
  creation_date: z.unknown().optional(),
  expiry_date: z.unknown().optional(),
  default_expiry_date: z.unknown().optional(),
  will_expire_at: z.unknown().optional(),
  custom_expiry: z.unknown().optional(),
  form_instance_ids: z.unknown().optional(),
};

export const addTaskBody = z.strictObject({
  type: taskType.optional(),
  variant: z.looseObject({ id: uuid, name: z.unknown().optional(), task_type: z.unknown().optional() }).optional(),
  state: z.unknown().optional(),
  is_complete: z.unknown().optional(),
  check_ids: z.unknown().optional(),
  ...readOnly,
});

export const updateTaskBody = z.strictObject({
  state: taskState.optional().describe('Newer API: INCOMPLETE, COMPLETED_PASS or COMPLETED_FAIL'),
  is_complete: z.boolean().optional().describe('Older API: true is COMPLETED_PASS, false is INCOMPLETE'),
  check_ids: z.array(uuid).optional().describe('The checks that count towards this task'),
  type: z.unknown().optional(),
  variant: z.unknown().optional(),
  ...readOnly,
});

export const EXPIRY_REASONS = ['DOCUMENT_EXPIRY', 'APPLICATION_ANNIVERSARY', 'OTHER'] as const;
export const expiryBody = z.strictObject({
  expire_at: dateTime.nullable().describe('When the task expires (YYYY-MM-DD hh:mm:ss, UTC); null restores the default expiry'),
  reason_categories: z.array(z.enum(EXPIRY_REASONS)).min(1, 'give at least one reason category'),
  reason_description: z.string().max(2000).optional(),
});

export const taskResource = z.looseObject({
  id: uuid,
  variant: taskVariant,
  type: z.enum(TASK_TYPES),
  state: taskState,
  is_complete: z.boolean(),
  is_deleted: z.boolean(),
  is_expired: z.boolean(),
  is_skipped: z.boolean(),
  creation_date: dateTime,
  check_ids: z.array(uuid),
  form_instance_ids: z.array(uuid),
  expiry_date: dateTime.optional(),
  default_expiry_date: dateTime.optional(),
  custom_expiry: z
    .looseObject({
      default_expiry_date: dateTime.nullable(),
      expiry_at: dateTime,
      reason_categories: z.array(z.enum(EXPIRY_REASONS)),
      reason_description: z.string().nullable(),
    })
    .optional(),
});

export const fileResource = z.looseObject({
  id: uuid,
  name: z.string().optional(),
  encrypted_data: z.looseObject({}).describe('Opaque: the bytes are never returned'),
  upload_date: dateTime.optional(),
  size_bytes: z.number().int().optional().describe('(sandbox) decoded size'),
  content_type: z.string().optional().describe('(sandbox) detected media type'),
});

export const createNoteBody = z.strictObject({
  text: z.string().min(1, 'must not be empty').max(20_000),
  attachments: z.array(z.looseObject({ id: uuid })).optional(),
});

export const noteResource = z.looseObject({
  id: uuid,
  created_on: dateTime,
  author_name: z.string(),
  author_name_customised: z.boolean(),
  author: z.looseObject({ id: uuid, name: z.string() }),
  text: z.string(),
  attachments: z.array(fileResource),
});
