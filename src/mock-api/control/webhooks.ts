import { OpenAPIHono, z } from '@hono/zod-openapi';
import { webhookSettingsSchema } from '../../config/webhooks.js';
import { RETRY_BASE_MS, RETRY_CAP_MS } from '../../webhooks/backoff.js';
import type { WebhookDispatcher } from '../../webhooks/dispatcher.js';
import { WEBHOOK_EVENT_TYPES } from '../../webhooks/event-types.js';
import { DELIVERIES_KEPT } from '../../webhooks/records.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, jsonResponse, passfortHook } from '../openapi.js';

const tags = ['Sandbox: webhooks'];
const settingsView = webhookSettingsSchema.extend({
  source: z.enum(['api', 'config']).describe('(sandbox) whether the settings in force came from PUT /__sandbox/webhooks or from the config'),
});
const anyObject = z.looseObject({});
const retryPolicy = {
  schedule: 'exponential: 1 s after the first failed attempt, doubling after each further failure, capped at 1 h (workspace time)',
  base_ms: RETRY_BASE_MS,
  cap_ms: RETRY_CAP_MS,
};

/**
 * The fields a PATCH body names. The validator has already accepted the body, but it passes an
 * empty one sent without a Content-Type as `{}`, which the JSON parser would throw on.
 */
async function namedFields(text: Promise<string>): Promise<object> {
  try {
    const body: unknown = JSON.parse((await text) || '{}');
    return body !== null && typeof body === 'object' ? body : {};
  } catch {
    return {};
  }
}

/** `/__sandbox/webhooks…`: settings, the status panel, the attempt log, and the buttons. */
export function webhookRoutes(dispatcher: WebhookDispatcher) {
  return new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
    .openapi(
      createRoute({ method: 'get', path: '/webhooks', tags, summary: 'The webhook settings of the workspace', responses: { 200: jsonResponse(settingsView, 'Settings') } }),
      (c) => c.json(dispatcher.settings(c.get('workspace')), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/webhooks',
        tags,
        summary: 'Replace the webhook settings (fields left out take their defaults); kept across restarts',
        request: { body: jsonBody(webhookSettingsSchema) },
        responses: { 200: jsonResponse(settingsView, 'The settings now in force') },
      }),
      (c) => c.json(dispatcher.putSettings(c.get('workspace'), c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/webhooks',
        tags,
        summary: '(sandbox) Change some webhook settings, keeping the others',
        request: { body: jsonBody(webhookSettingsSchema.partial()) },
        responses: { 200: jsonResponse(settingsView, 'The settings now in force') },
      }),
      async (c) => {
        const ws = c.get('workspace');
        // The schema fills defaults for absent fields; a patch keeps only the fields the body names.
        const named = new Set(Object.keys(await namedFields(c.req.text())));
        const patch = Object.fromEntries(Object.entries(c.req.valid('json')).filter(([k]) => named.has(k)));
        return c.json(dispatcher.putSettings(ws, { ...ws.config.webhooks, ...patch }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/webhooks/events',
        tags,
        summary: 'The events PassFort sends as webhooks, with the sample data the trigger uses',
        responses: { 200: jsonResponse(z.array(anyObject), 'Event types') },
      }),
      (c) =>
        c.json(
          WEBHOOK_EVENT_TYPES.map((e) => ({
            event: e.type,
            name: e.name,
            deprecated: e.deprecated,
            payload: e.payloadConfirmed ? 'as published by PassFort' : '(sandbox) PassFort published no sample; shape invented',
            sample: e.sample(),
          })),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/webhooks/status',
        tags,
        summary: "The queue's state, as PassFort's webhook status panel shows it",
        responses: { 200: jsonResponse(anyObject, 'Status') },
      }),
      (c) => c.json({ ...dispatcher.status(c.get('workspace')), retry_policy: retryPolicy }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/webhooks/deliveries',
        tags,
        summary: `Every delivery attempt, oldest first (the newest ${DELIVERIES_KEPT} are kept)`,
        request: {
          query: z.object({
            since: z.coerce.number().int().min(0).optional().describe('only attempts with n greater than this'),
            limit: z.coerce.number().int().min(1).max(DELIVERIES_KEPT).optional().describe('only the newest this many'),
            event_id: z.string().optional().describe('only attempts that carried this event'),
            apikey: z.string().optional(),
          }),
        },
        responses: { 200: jsonResponse(z.array(anyObject), 'Attempts') },
      }),
      (c) => {
        const q = c.req.valid('query');
        return c.json(dispatcher.deliveries(c.get('workspace'), { since: q.since, limit: q.limit, eventId: q.event_id }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/webhooks/retry',
        tags,
        summary: 'Retry now: skip the backoff wait of a stalled queue',
        responses: { 200: jsonResponse(anyObject, 'Whether an attempt started, and the status') },
      }),
      (c) => {
        const { started } = dispatcher.retryNow(c.get('workspace'));
        return c.json({ started, status: dispatcher.status(c.get('workspace')) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/webhooks/replay',
        tags,
        summary: '(sandbox) Send one earlier event again (same id and payload), behind what is already queued',
        request: { body: jsonBody(z.strictObject({ event_id: z.string().min(1) })) },
        responses: { 202: jsonResponse(anyObject, 'Queued') },
      }),
      (c) => c.json(dispatcher.replay(c.get('workspace'), c.req.valid('json').event_id, c.get('actor')), 202),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/webhooks/trigger',
        tags,
        summary: '(sandbox) Queue a test event of any type with sample data (merged with `data`)',
        request: {
          body: jsonBody(
            z.strictObject({
              event: z.string().min(1),
              data: z.record(z.string(), z.unknown()).optional(),
              count: z.number().int().min(1).max(1000).default(1),
            }),
          ),
        },
        responses: { 202: jsonResponse(z.object({ queued: z.array(anyObject) }), 'Queued') },
      }),
      (c) => {
        const body = c.req.valid('json');
        return c.json({ queued: dispatcher.trigger(c.get('workspace'), body.event, body.data, body.count, c.get('actor')) }, 202);
      },
    );
}
