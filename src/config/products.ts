import { z } from 'zod';

/**
 * Products and their smart policy, as an integrator configures them with PassFort:
 * which tasks an application needs and which checks run by themselves.
 */

export const TASK_TYPES = [
  'INDIVIDUAL_VERIFY_IDENTITY',
  'INDIVIDUAL_VERIFY_ADDRESS',
  'INDIVIDUAL_VERIFY_SOURCE_OF_FUNDS',
  'INDIVIDUAL_ASSESS_MEDIA_AND_POLITICAL_AND_SANCTIONS_EXPOSURE',
  'INDIVIDUAL_ASSESS_POLITICAL_AND_SANCTIONS_EXPOSURE',
  'INDIVIDUAL_ASSESS_POLITICAL_EXPOSURE',
  'INDIVIDUAL_ASSESS_SANCTIONS_EXPOSURE',
  'INDIVIDUAL_VERIFY_BANK_ACCOUNT',
  'INDIVIDUAL_MANUAL_TASK',
  'COMPANY_VERIFY_IDENTITY',
  'COMPANY_VERIFY_CHARITY',
  'COMPANY_IDENTIFY_AUTHORIZED_PERSONS',
  'COMPANY_IDENTIFY_AUTHORISED_PERSONS',
  'COMPANY_IDENTIFY_OFFICERS',
  'COMPANY_IDENTIFY_TRUSTEES',
  'COMPANY_IDENTIFY_BENEFICIAL_OWNERS',
  'COMPANY_REVIEW_FILINGS',
  'COMPANY_ASSESS_SANCTIONS_EXPOSURE',
  'COMPANY_ASSESS_MEDIA_EXPOSURE',
  'COMPANY_ASSESS_MEDIA_AND_SANCTIONS_EXPOSURE',
  'COMPANY_MANUAL_TASK',
  'COMPANY_VERIFY_BANK_ACCOUNT',
  'COMPANY_VERIFY_TAX_STATUS',
  'COMPANY_ASSESS_OWNERSHIP',
  'COMPANY_ASSESS_WEBSITE_CONTENT',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const CHECK_TYPES = [
  'IDENTITY_CHECK',
  'DOCUMENT_VERIFICATION',
  'DOCUMENT_FETCH',
  'PEPS_AND_SANCTIONS_SCREEN',
  'CRA_BANK_ACCOUNT_VERIFICATION',
  'COMPANY_REGISTRY',
  'COMPANY_CHARITIES_REGISTRY',
  'COMPANY_OWNERSHIP',
  'COMPANY_FILINGS',
  'COMPANY_FILING_PURCHASE',
  'COMPANY_PEPS_AND_SANCTIONS_SCREEN',
  'INDIVIDUAL_MANUAL_FORM',
  'COMPANY_MANUAL_FORM',
  'COMPANY_DOCUMENT_VERIFICATION',
] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

const alias = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, 'an alias is letters, digits, "_" and "-"');

export const requiredTaskSchema = z.strictObject({
  task_type: z.enum(TASK_TYPES),
  alias: alias.optional(),
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  /** Checks the smart policy runs as soon as the task exists. */
  automatic_checks: z.array(z.enum(CHECK_TYPES)).default([]),
  /**
   * Days after creation when the task expires and a fresh version replaces it (re-verification),
   * on the workspace clock. Absent: the task never expires unless given a custom expiry.
   */
  expiry_days: z.number().int().min(1).max(3650).optional(),
});

/** Checks that need inputs a product cannot supply (a document id, a fetch reference, a filing). */
const NEEDS_INPUT: readonly CheckType[] = ['DOCUMENT_VERIFICATION', 'DOCUMENT_FETCH', 'COMPANY_FILING_PURCHASE', 'COMPANY_DOCUMENT_VERIFICATION'];
/** Task and check types for companies all start with COMPANY_; the rest are for individuals. */
const entityOf = (name: string) => (name.startsWith('COMPANY') ? 'COMPANY' : 'INDIVIDUAL');

export const productSchema = z.strictObject({
  alias,
  name: z.string().min(1),
  /** Fixed id; generated from the alias when absent, so it is stable across restarts. */
  id: z.uuid().optional(),
  entity_type: z.enum(['INDIVIDUAL', 'COMPANY']),
  automatically_apply: z.boolean().default(false),
  automatically_approve: z.boolean().default(false),
  required_tasks: z.array(requiredTaskSchema).default([]),
  /**
   * How the smart policy runs automatic checks: `default` as the API would (identity checks
   * synchronously, everything else asynchronously on the workspace clock), or all `sync`
   * (results in the create response: handy in CI) or all `async`. *(sandbox)*
   */
  check_mode: z.enum(['default', 'sync', 'async']).default('default'),
}).superRefine((p, ctx) => {
  // Caught at start, not on the first profile: the smart policy must be able to run what it is given.
  p.required_tasks.forEach((t, i) => {
    if (entityOf(t.task_type) !== p.entity_type) {
      ctx.addIssue({ code: 'custom', path: ['required_tasks', i, 'task_type'], message: `${t.task_type} is not a task for ${p.entity_type} profiles` });
    }
    t.automatic_checks.forEach((c, j) => {
      const path = ['required_tasks', i, 'automatic_checks', j];
      if (NEEDS_INPUT.includes(c)) ctx.addIssue({ code: 'custom', path, message: `${c} needs inputs a product cannot give (run it through the API)` });
      else if (entityOf(c) !== p.entity_type) {
        ctx.addIssue({ code: 'custom', path, message: `${c} does not run on ${p.entity_type} profiles` });
      }
    });
  });
});

export type ProductConfig = z.infer<typeof productSchema>;
export type RequiredTaskConfig = z.infer<typeof requiredTaskSchema>;
