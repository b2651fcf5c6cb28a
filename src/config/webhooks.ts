import { z } from 'zod';
import { WEBHOOK_EVENT_NAMES, isWebhookEvent } from '../webhooks/event-types.js';

export const SINK_PATH_PREFIX = '/__sandbox/webhook-sink/';

/**
 * A webhook URL: absolute http(s), or the path of the built-in receiver on the sandbox itself
 * (`/__sandbox/webhook-sink/ci`), so a config file can point at it without knowing the port
 * (sandbox). Other sandbox paths are refused: events must not drive the sandbox's own API.
 */
export const webhookUrlSchema = z
  .string()
  .max(2048)
  .refine((u) => isHttpUrl(u) || (u.startsWith(SINK_PATH_PREFIX) && /^[^\s\\]+$/.test(u) && !u.includes('..')), {
    message: `must be an http:// or https:// URL, or the built-in receiver's path ${SINK_PATH_PREFIX}NAME`,
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
