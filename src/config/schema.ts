import { z } from 'zod';
import { productSchema } from './products.js';
import {
  emailThemeSchema,
  flowTemplateSchema,
  formTemplateSchema,
  formThemeSchema,
  requestableTaskSchema,
} from './customer-requests.js';
import { webhookSettingsSchema } from './webhooks.js';

/** `passfort-sandbox.config.json`: one workspace's configuration (CONTRACT §10). */
export const workspaceConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  /** What `GET /4.0/whoami` reports. */
  institution: z.strictObject({ name: z.string().min(1) }).default({ name: 'Sandbox Institution' }),
  /** The page customers open from the email; null means the sandbox's own `/onboarding`. */
  form_url: z.string().url().nullable().default(null),
  expiry_days: z.number().int().min(1).max(3650).default(90),
  products: z.array(productSchema).default([]),
  tasks: z.array(requestableTaskSchema).default([]),
  form_templates: z.array(formTemplateSchema).default([]),
  flow_templates: z.array(flowTemplateSchema).default([]),
  form_themes: z.array(formThemeSchema).default([]),
  email_theme: emailThemeSchema.default(emailThemeSchema.parse({})),
  webhooks: webhookSettingsSchema.default(webhookSettingsSchema.parse({})),
});

export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;
export type WorkspaceConfigInput = z.input<typeof workspaceConfigSchema>;
