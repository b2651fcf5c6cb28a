import { z } from 'zod';
import { CHECK_TYPES, TASK_TYPES } from './products.js';
import { DOCUMENT_CATEGORIES, DOCUMENT_TYPES } from '../schemas/documents.js';

/**
 * What an integrator sends PassFort to set up customer requests and registration flows
 * (see the customer-communication guide): requestable tasks, form templates, flow
 * templates, form themes and the email theme. Rules that span sections (references,
 * collected-data paths, placeholders) are in cross-check.ts.
 */

const alias = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'an alias is letters, digits, "_" and "-", starting with a letter or digit')
  .max(100);

export const hexColour = z
  .string()
  .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex colour like #1f4fd6 or #fff');

export const DOCUMENT_ELEMENTS = ['FRONT', 'BACK', 'SELFIE'] as const;
export type DocumentElement = (typeof DOCUMENT_ELEMENTS)[number];

export const documentTypeConfigSchema = z
  .strictObject({
    document_type: z.enum(DOCUMENT_TYPES, {
      error: (i) => `must be a PassFort document type (PASSPORT, DRIVING_LICENCE, STATE_ID, BANK_STATEMENT, …), got ${JSON.stringify(i.input)}`,
    }),
    label: z.string().min(1).optional().describe('What the customer sees; default: the type in words ("Driving licence").'),
    category: z.enum(DOCUMENT_CATEGORIES).optional().describe('PassFort\'s document category; default: PROOF_OF_ADDRESS for bank statements, PROOF_OF_IDENTITY otherwise.'),
    elements: z
      .array(z.enum(DOCUMENT_ELEMENTS, { error: (i) => `must be FRONT, BACK or SELFIE, got ${JSON.stringify(i.input)}` }))
      .min(1, 'a document type needs at least one element (FRONT, BACK, SELFIE)'),
  })
  .describe('A document type the customer may send, and the elements (images) it is made of');

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
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const questionSchema = z
  .strictObject({
    id: alias.describe('Unique within the form template; the key of the answer.'),
    label: z.string().min(1),
    type: z.enum(QUESTION_TYPES, { error: (i) => `must be one of ${QUESTION_TYPES.join(', ')}, got ${JSON.stringify(i.input)}` }),
    required: z.boolean().default(true),
    hint: z.string().optional(),
    path: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Where the answer goes in collected_data, dotted with list indexes (personal_details.dob, address_history[0].address). ' +
          'A path ending in [] writes a list: a text answer is split into words (personal_details.name.given_names[]). ' +
          'Without a path the answer stays on the form only.',
      ),
    options: z.array(z.strictObject({ value: z.string().min(1), label: z.string().min(1) })).optional().describe('For `select`: the choices.'),
    min: z.number().optional().describe('For `number`: bounds.'),
    max: z.number().optional(),
    max_length: z.number().int().min(1).max(100_000).optional().describe('For `text` and `textarea`: the longest answer accepted (default 1000 and 10000).'),
    document_types: z.array(documentTypeConfigSchema).optional().describe('For `document`: accepted document types and their elements.'),
  })
  .describe('One question of a form');

const setValueSchema = z
  .strictObject({ path: z.string().min(1), value: z.union([z.string(), z.number(), z.boolean()]) })
  .describe('A fixed value written to collected_data when the form is submitted (e.g. an associate\'s entity_type)');

export const formTemplateSchema = z
  .strictObject({
    alias,
    title: z.string().min(1),
    description: z.string().optional(),
    entity_type: z.enum(['INDIVIDUAL', 'COMPANY']).optional().describe('Which entity the form is about; inferred from the tasks and flows that use it when absent.'),
    sections: z
      .array(
        z.strictObject({
          title: z.string().optional(),
          description: z.string().optional(),
          questions: z.array(questionSchema).min(1, 'a section needs at least one question'),
        }),
      )
      .min(1, 'a form template needs at least one section'),
    set: z.array(setValueSchema).default([]),
  })
  .describe('A form: questions grouped in sections');

export const requestableTaskSchema = z
  .strictObject({
    task_type: z.enum(TASK_TYPES),
    alias: alias.optional().describe('The form\'s alias in a request; default: the task type in lower case.'),
    name: z.string().min(1).optional().describe('The form\'s title the customer sees; default: the task type in words.'),
    description: z.string().optional(),
    document_types: z.array(documentTypeConfigSchema).default([]).describe('Document types the customer may send for this task, and the elements each needs.'),
    form_template: alias.optional().describe('Questions to ask as well as (or instead of) documents.'),
    checks: z.array(z.enum(CHECK_TYPES)).default([]).describe('Checks started (on this task) when the customer submits the form.'),
  })
  .describe('A task that can be sent to the customer in a FORMS customer request');

export const FLOW_CONDITIONS = ['has_shareholders', 'has_officers', 'has_beneficial_owners', 'result_pass', 'result_not_pass'] as const;
export type FlowCondition = (typeof FLOW_CONDITIONS)[number];

export const flowTemplateSchema = z
  .strictObject({
    alias,
    name: z.string().optional(),
    entity_type: z.enum(['INDIVIDUAL', 'COMPANY']),
    forms: z
      .array(
        z.strictObject({
          form: alias.describe('A form template alias'),
          when: z
            .strictObject({
              check_type: z.enum(CHECK_TYPES),
              condition: z.enum(FLOW_CONDITIONS, { error: (i) => `must be one of ${FLOW_CONDITIONS.join(', ')}, got ${JSON.stringify(i.input)}` }),
            })
            .optional().describe('Only ask this form when a check of this flow returns this.'),
        }),
      )
      .min(1, 'a flow needs at least one form'),
    checks: z.array(z.strictObject({ check_type: z.enum(CHECK_TYPES), after_form: alias })).default([]).describe('Checks started as soon as the named form is submitted, before the applicant finishes.'),
    product: alias.optional().describe('Product application added when the flow completes.'),
    redirect_url: z
      .string()
      .refine((u) => /^https?:\/\/[^\s]+$/i.test(u) || /^\/[^\s]*$/.test(u), 'must be an http(s) URL or a path starting with "/"')
      .optional().describe('Where the applicant goes when the flow is finished: an absolute http(s) URL, or a path on the sandbox.'),
  })
  .describe('A registration flow (a FLOW customer request)');

const DEFAULT_COLOURS = {
  primary: '#1f4fd6',
  button_text: '#ffffff',
  background: '#f4f6fb',
  surface: '#ffffff',
  text: '#1b2233',
  error: '#b3261e',
};

export const formThemeSchema = z
  .strictObject({
    alias,
    name: z.string().optional(),
    colors: z
      .strictObject({
        primary: hexColour.default(DEFAULT_COLOURS.primary).describe('Buttons, links, focus rings.'),
        button_text: hexColour.default(DEFAULT_COLOURS.button_text).describe('Text on primary buttons.'),
        background: hexColour.default(DEFAULT_COLOURS.background).describe('Page behind the card.'),
        surface: hexColour.default(DEFAULT_COLOURS.surface).describe('The card the form sits on.'),
        text: hexColour.default(DEFAULT_COLOURS.text),
        error: hexColour.default(DEFAULT_COLOURS.error),
      })
      .default(DEFAULT_COLOURS),
    font: z.string().min(1).default('system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'),
    logo_url: z
      .string()
      .refine((u) => /^https?:\/\/\S+$/i.test(u) || /^\/\S*$/.test(u) || /^data:image\//.test(u), 'must be an http(s) URL, a path starting with "/" or a data:image URI')
      .optional().describe('An http(s) URL, a path on the sandbox, or a data: URI.'),
    corner_radius: z.number().min(0).max(32).default(8),
    button_style: z.enum(['filled', 'outline', 'pill']).default('filled'),
  })
  .describe('A form theme (alias), chosen per customer request');

export const EMAIL_PLACEHOLDERS = {
  logo: '{{logo}}',
  editable_text: '{{editable_text}}',
  button: '{{button}}',
  footer: '{{footer}}',
  title: '{{title}}',
  fixed_text_before: '{{fixed_text_before}}',
  fixed_text_after: '{{fixed_text_after}}',
} as const;

export const emailThemeSchema = z
  .strictObject({
    subject: z.string().min(1).max(200).default('Please update your information'),
    sender_name: z.string().min(1).max(100).default('Onboarding team'),
    sender_address: z.email('must be an email address').default('onboarding@example.com'),
    template: z.enum(['default', 'custom']).default('default').describe('`default` is the out-of-the-box template; `custom` uses custom_html.'),
    custom_html: z
      .string()
      .optional()
      .describe(
        'For a custom template: HTML with the placeholders {{logo}}, {{editable_text}}, {{button}} and {{footer}} (required), ' +
          '{{title}}, {{fixed_text_before}}, {{fixed_text_after}} (optional).',
      ),
    logo_url: z.string().optional(),
    title: z.string().optional(),
    editable_text: z.string().min(1).max(2000).default('We need a little more information to finish setting up your account.').describe('One paragraph, no line breaks; the sender may replace it per request (`email.message`).'),
    fixed_text_before: z.string().optional(),
    fixed_text_after: z.string().optional(),
    button_color: hexColour.default('#1f4fd6').describe('The button always says "Update information"; only its colour changes.'),
    footer: z.string().default(''),
  })
  .describe('The request email (CONTRACT §6)');

export type DocumentTypeConfig = z.infer<typeof documentTypeConfigSchema>;
export type QuestionConfig = z.infer<typeof questionSchema>;
export type FormTemplateConfig = z.infer<typeof formTemplateSchema>;
export type RequestableTaskConfig = z.infer<typeof requestableTaskSchema>;
export type FlowTemplateConfig = z.infer<typeof flowTemplateSchema>;
export type FormThemeConfig = z.infer<typeof formThemeSchema>;
export type EmailThemeConfig = z.infer<typeof emailThemeSchema>;

/** Default alias of a requestable task: its type in lower case. */
export const taskAlias = (task: Pick<RequestableTaskConfig, 'alias' | 'task_type'>) => task.alias ?? task.task_type.toLowerCase();

/** `DRIVING_LICENCE` → `Driving licence`. */
export const humanize = (constant: string) => {
  const words = constant.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const documentCategoryOf = (d: Pick<DocumentTypeConfig, 'document_type' | 'category'>) =>
  d.category ?? (d.document_type === 'BANK_STATEMENT' ? 'PROOF_OF_ADDRESS' : 'PROOF_OF_IDENTITY');

/** COMPANY_* checks need company data; the rest are about individuals. */
export const entityTypeOfCheck = (checkType: string): 'INDIVIDUAL' | 'COMPANY' =>
  checkType.startsWith('COMPANY_') ? 'COMPANY' : 'INDIVIDUAL';

export const entityTypeOfTask = (taskType: string): 'INDIVIDUAL' | 'COMPANY' =>
  taskType.startsWith('COMPANY_') ? 'COMPANY' : 'INDIVIDUAL';
