import { z } from 'zod';
import { WEBHOOK_EVENT_NAMES, isWebhookEvent } from '../webhooks/event-types.js';

/**
 * A webhook URL: absolute http(s), or a path on the sandbox itself (`/__sandbox/webhook-sink/ci`),
 * so a config file can point at the built-in receiver without knowing the port (sandbox).
 */
export const webhookUrlSchema = z
  .string()
  .max(2048)
  .refine((u) => isHttpUrl(u) || /^\/[^/\\]/.test(u), {
    message: 'must be an http:// or https:// URL (or a path on this sandbox such as /__sandbox/webhook-sink/NAME)',
  });

function isHttpUrl(u: string): boolean {
  if (!/^https?:\/\//i.test(u)) return false;
  try {
    return new URL(u).hostname !== '';
  } catch {
    return false;
  }
}

export const webhookEventNameSchema = z
  .string()
  .refine(isWebhookEvent, { message: `is not a PassFort webhook event; known events: ${WEBHOOK_EVENT_NAMES.join(', ')}` });

/** The `webhooks` config section and the body of `PUT /__sandbox/webhooks`. */
export const webhookSettingsSchema = z.strictObject({
  /** Where to POST; null turns delivery off (events are then not queued for later). */
  url: webhookUrlSchema.nullable().default(null),
  /** Sent as `secret` in each envelope and as `Authorization: Bearer <secret>`. */
  secret: z.string().max(512).default(''),
  /** Event types to send; empty means every PassFort event. */
  events: z.array(webhookEventNameSchema).max(100).default([]),
  /** Up to 100 envelopes per POST as a JSON array. */
  batching: z.boolean().default(false),
  enabled: z.boolean().default(true),
  /** Per-request timeout in real milliseconds (sandbox). */
  timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
  /** With batching: how long the first queued event waits for company before the POST (sandbox). */
  batch_window_ms: z.number().int().min(0).max(10_000).default(50),
});

export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;
