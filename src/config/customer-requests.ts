import { z } from 'zod';
import { CHECK_TYPES, TASK_TYPES } from './products.js';

/**
 * What an integrator sends PassFort to set up customer requests and registration flows
 * (see the customer-communication guide): requestable tasks, form templates, flow
 * templates, form themes and the email theme.
 */

const alias = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, 'an alias is letters, digits, "_" and "-"');

export const DOCUMENT_ELEMENTS = ['FRONT', 'BACK', 'SELFIE'] as const;
export type DocumentElement = (typeof DOCUMENT_ELEMENTS)[number];

export const QUESTION_TYPES = [
  'text',
  'textarea',
  'date',
  'country',
  'email',
  'phone',
  'select',
  'number',
  'boolean',
  'address',
  'document',
] as const;

export const questionSchema = z.strictObject({
  id: alias,
  label: z.string().min(1),
  type: z.enum(QUESTION_TYPES),
  required: z.boolean().default(true),
  hint: z.string().optional(),
  /** Where the answer goes in `collected_data`, dotted (`personal_details.name.family_name`). */
  path: z.string().min(1).optional(),
  options: z.array(z.strictObject({ value: z.string(), label: z.string() })).optional(),
  /** For `document` questions: accepted document types and their elements. */
  document_types: z
    .array(z.strictObject({ document_type: z.string(), elements: z.array(z.enum(DOCUMENT_ELEMENTS)).min(1) }))
    .optional(),
});

export const formTemplateSchema = z.strictObject({
  alias,
  title: z.string().min(1),
  description: z.string().optional(),
  type: z.enum(['UPDATE_COLLECTED_DATA', 'DOCUMENT_CHECK', 'MANUAL_DECISION']).default('UPDATE_COLLECTED_DATA'),
  sections: z.array(z.strictObject({ title: z.string().optional(), questions: z.array(questionSchema).min(1) })).min(1),
});

export const requestableTaskSchema = z.strictObject({
  task_type: z.enum(TASK_TYPES),
  name: z.string().min(1).optional(),
  /** Document types the customer may send for this task, and what each needs. */
  document_types: z
    .array(z.strictObject({ document_type: z.string().min(1), elements: z.array(z.enum(DOCUMENT_ELEMENTS)).min(1) }))
    .default([]),
  /** A form template to ask for instead of (or as well as) documents. */
  form_template: alias.optional(),
  /** Checks to run when the form is submitted. */
  checks: z.array(z.enum(CHECK_TYPES)).default([]),
});

export const flowTemplateSchema = z.strictObject({
  alias,
  name: z.string().optional(),
  entity_type: z.enum(['INDIVIDUAL', 'COMPANY']),
  forms: z
    .array(
      z.strictObject({
        form: alias,
        /** Only ask this form when a check result says so. */
        when: z
          .strictObject({
            check_type: z.enum(CHECK_TYPES),
            condition: z.enum(['has_shareholders', 'has_officers', 'result_not_pass', 'result_pass']),
          })
          .optional(),
      }),
    )
    .min(1),
  /** Checks started as soon as the named form is submitted. */
  checks: z.array(z.strictObject({ check_type: z.enum(CHECK_TYPES), after_form: alias })).default([]),
  /** Product application added when the flow completes. */
  product: alias.optional(),
  /** Where the applicant goes when the flow is finished: an absolute URL, or a path on the sandbox. */
  redirect_url: z
    .string()
    .refine((u) => /^https?:\/\/[^\s]+$/i.test(u) || /^\/[^\s]*$/.test(u), 'must be an http(s) URL or a path starting with "/"')
    .optional(),
});

export const formThemeSchema = z.strictObject({
  alias,
  name: z.string().optional(),
  colors: z
    .strictObject({
      primary: z.string().default('#1f4fd6'),
      background: z.string().default('#f4f6fb'),
      surface: z.string().default('#ffffff'),
      text: z.string().default('#1b2233'),
      error: z.string().default('#b3261e'),
    })
    .default({ primary: '#1f4fd6', background: '#f4f6fb', surface: '#ffffff', text: '#1b2233', error: '#b3261e' }),
  font: z.string().default('system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'),
  logo_url: z.string().optional(),
  corner_radius: z.number().min(0).max(32).default(8),
  button_style: z.enum(['filled', 'outline', 'pill']).default('filled'),
});

export const emailThemeSchema = z.strictObject({
  subject: z.string().min(1).default('Please update your information'),
  sender_name: z.string().min(1).default('Onboarding team'),
  sender_address: z.email().default('onboarding@example.com'),
  template: z.enum(['default', 'custom']).default('default'),
  /** For a custom template: HTML with the placeholders {{logo}}, {{editable_text}}, {{button}}, {{footer}}. */
  custom_html: z.string().optional(),
  logo_url: z.string().optional(),
  title: z.string().optional(),
  editable_text: z.string().default('We need a little more information to finish setting up your account.'),
  fixed_text_before: z.string().optional(),
  fixed_text_after: z.string().optional(),
  button_color: z.string().default('#1f4fd6'),
  footer: z.string().default(''),
});

export type QuestionConfig = z.infer<typeof questionSchema>;
export type FormTemplateConfig = z.infer<typeof formTemplateSchema>;
export type RequestableTaskConfig = z.infer<typeof requestableTaskSchema>;
export type FlowTemplateConfig = z.infer<typeof flowTemplateSchema>;
export type FormThemeConfig = z.infer<typeof formThemeSchema>;
export type EmailThemeConfig = z.infer<typeof emailThemeSchema>;
