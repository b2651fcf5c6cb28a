import { z } from 'zod';

export const webhookSettingsSchema = z.strictObject({
  url: z
    .string()
    .url('must be an absolute URL')
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http or https URL')
    .nullable()
    .default(null),
  secret: z.string().max(512).default(''),
  /** Event types to send; empty means every event. */
  events: z.array(z.string().regex(/^[A-Z_]+$/, 'event types are upper-case names like CHECK_COMPLETED')).default([]),
  batching: z.boolean().default(false),
  enabled: z.boolean().default(true),
  /** Per-request timeout in ms (sandbox). */
  timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
});

export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;
