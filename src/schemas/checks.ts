import { z } from 'zod';
import { CHECK_TYPES } from '../config/products.js';
import { dateTime, uuid } from './common.js';

/** Checks: instructing one, updating its tasks, and the CheckResource returned. */

export const checkType = z.enum(CHECK_TYPES, {
  error: (issue) =>
    issue.input === undefined
      ? `is required: one of ${CHECK_TYPES.join(', ')}`
      : `${JSON.stringify(issue.input)} is not a check type; use one of ${CHECK_TYPES.join(', ')}`,
});

export const ukBankAccount = z.strictObject({
  type: z.literal('UK_ACCOUNT'),
  country: z.literal('GBR'),
  sort_code: z.string().regex(/^\d{6}$|^\d{2}-\d{2}-\d{2}$/, 'must be 6 digits, or 12-34-56'),
  account_number: z.string().regex(/^\d{8}$/, 'must be 8 digits'),
});

/** Read-only CheckResource fields: a client may send a check back; they are ignored. */
const readOnly = {
  id: z.unknown().optional(),
  state: z.unknown().optional(),
  result: z.unknown().optional(),
  performed_on: z.unknown().optional(),
  errors: z.unknown().optional(),
  instructed_externally: z.unknown().optional(),
  providers: z.unknown().optional(),
  input_data: z.unknown().optional(),
  output_data: z.unknown().optional(),
};

export const instructCheckBody = z.strictObject({
  check_type: checkType,
  variant: z
    .strictObject({ id: uuid.optional(), alias: z.string().optional(), name: z.unknown().optional() })
    .optional()
    .describe('The check variant, by id or (newer API) alias; the sandbox has one variant per check type'),
  task_ids: z.array(uuid).optional().describe('Tasks this check counts towards'),
  document_id: uuid.optional().describe('DOCUMENT_VERIFICATION, COMPANY_DOCUMENT_VERIFICATION: a document in collected_data.documents'),
  source: z.enum(['JUMIO', 'ONFIDO']).optional().describe('DOCUMENT_FETCH'),
  reference: z.string().min(1).optional().describe('DOCUMENT_FETCH'),
  source_id: z.string().min(1).optional().describe('COMPANY_FILING_PURCHASE: a filing source_id from COMPANY_FILINGS'),
  form_id: z.string().optional().describe('INDIVIDUAL_MANUAL_FORM, COMPANY_MANUAL_FORM'),
  disable_initial_screen: z.boolean().optional().describe('Screening: only set up monitoring'),
  disable_monitoring: z.boolean().optional().describe('Screening: no ongoing monitoring'),
  bank_account: ukBankAccount.optional().describe('(sandbox) CRA_BANK_ACCOUNT_VERIFICATION: the account to verify'),
  ...readOnly,
});

export const checkModeQuery = z.object({
  mode: z
    .enum(['sync', 'async'], { error: (i) => `must be sync or async, got ${JSON.stringify(i.input)}` })
    .optional()
    .describe('Default: sync for IDENTITY_CHECK, async for every other type'),
  apikey: z.string().optional(),
});

export const updateCheckBody = z.strictObject({
  task_ids: z.array(uuid).optional(),
  check_type: z.string().optional(),
  result: z.string().optional(),
  state: z.string().optional(),
  id: z.unknown().optional(),
  variant: z.unknown().optional(),
  performed_on: z.unknown().optional(),
  errors: z.unknown().optional(),
  instructed_externally: z.unknown().optional(),
  providers: z.unknown().optional(),
  input_data: z.unknown().optional(),
  output_data: z.unknown().optional(),
  document_id: z.unknown().optional(),
  source: z.unknown().optional(),
  reference: z.unknown().optional(),
  source_id: z.unknown().optional(),
  form_id: z.unknown().optional(),
  disable_initial_screen: z.unknown().optional(),
  disable_monitoring: z.unknown().optional(),
});

export const errorObject = z.looseObject({ code: z.number().int(), message: z.string(), source: z.enum(['ENGINE', 'API', 'PROVIDER']), info: z.unknown() });

export const checkResource = z.looseObject({
  id: uuid,
  check_type: checkType,
  variant: z.looseObject({ id: uuid, name: z.string() }),
  state: z.enum(['PENDING', 'RUNNING', 'COMPLETE']),
  performed_on: dateTime.optional(),
  errors: z.array(errorObject),
  task_ids: z.array(uuid),
  instructed_externally: z.boolean(),
  providers: z.array(z.looseObject({ provider_name: z.string(), is_monitored: z.boolean() })),
  input_data: z.looseObject({ entity_type: z.enum(['INDIVIDUAL', 'COMPANY']) }),
  output_data: z.unknown().optional().describe('Only once COMPLETE (absent when the result is Error)'),
  result: z.string().optional().describe('Only once COMPLETE: 2+2, 1+1, Pass, Fail, Refer, PEP, Sanction, Media, Partial or Error by type'),
});
