import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorCode, PassFortError } from '../../core/errors.js';
import { WebhookMsg } from '../../webhooks/messages.js';
import type { SinkStore } from '../../webhooks/sink-store.js';
import type { SandboxEnv } from '../env.js';
import { MAX_JSON_DEPTH, maxDepth } from '../middleware/json-guard.js';
import { createRoute, jsonBody, jsonResponse, passfortHook } from '../openapi.js';

const tags = ['Sandbox: webhook sink'];
const name = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, WebhookMsg.badSinkName.replace(/^name: /, ''));
const params = z.object({ name });
const record = z.object({ received_at: z.string(), headers: z.record(z.string(), z.string()), body: z.unknown() });
const count = z.number().int().min(1).max(1_000_000).nullable().default(null).describe('how many calls it answers; null = until cleared');
const fault = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('status'), status: z.number().int().min(100).max(599).default(500), count }),
  z.strictObject({ mode: z.literal('delay'), delay_ms: z.number().int().min(0).max(600_000), count }),
  z.strictObject({ mode: z.literal('drop'), count }),
]);
const faultView = z.object({ fault: z.unknown(), faulted_calls: z.number() });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function parseBody(text: string): unknown {
  // Absurdly deep JSON is kept as text so that listing it later cannot exhaust the stack.
  if (text === '' || maxDepth(text) > MAX_JSON_DEPTH) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The built-in webhook receiver (CONTRACT §5), public like a real endpoint: it takes any body
 * and records it, unless a fault set for the sink answers first. The route table puts the
 * body-size limit in front of it.
 */
export function webhookSinkRoutes(sinks: SinkStore) {
  return new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
    .openapi(
      createRoute({
        method: 'post',
        path: '/webhook-sink/{name}',
        tags,
        summary: 'Receive a webhook (any body) and record it; answers 200 unless a fault is set',
        request: { params },
        responses: {
          200: jsonResponse(z.object({ received: z.boolean() }), 'Recorded'),
          500: jsonResponse(z.looseObject({ received: z.boolean() }), 'The status a fault set for the sink (any 1xx–5xx), not recorded'),
        },
      }),
      async (c) => {
        const { name } = c.req.valid('param');
        const raw = await c.req.arrayBuffer();
        const action = sinks.takeFault(name);
        if (action?.kind === 'drop') {
          const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket;
          if (!socket) throw new PassFortError(400, ErrorCode.INVALID_INPUT_DATA, WebhookMsg.sinkDropUnsupported, {});
          socket.destroy();
          return c.json({ received: false }, 500); // never written: the socket is gone
        }
        if (action?.kind === 'status') {
          return c.json({ received: false, sandbox_fault: { mode: 'status', status: action.status } }, action.status as 500);
        }
        const text = new TextDecoder().decode(raw);
        // Recorded on arrival: a slow handler has still seen the event, even if the sender gives up waiting.
        sinks.record(name, Object.fromEntries(c.req.raw.headers), parseBody(text), raw.byteLength);
        if (action?.kind === 'delay') await sleep(action.ms);
        return c.json({ received: true }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/webhook-sink/{name}',
        tags,
        summary: 'What arrived at the sink, oldest first',
        request: { params },
        responses: { 200: jsonResponse(z.array(record), 'Received requests') },
      }),
      (c) => c.json(sinks.list(c.req.valid('param').name) as z.infer<typeof record>[], 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/webhook-sink/{name}',
        tags,
        summary: '(sandbox) Forget what arrived at the sink (a fault stays set)',
        request: { params },
        responses: { 200: jsonResponse(z.object({ deleted: z.number() }), 'How many records were forgotten') },
      }),
      (c) => c.json({ deleted: sinks.clear(c.req.valid('param').name) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/webhook-sink/{name}/fault',
        tags,
        summary: '(sandbox) The fault the sink plays, and how many calls it answered',
        request: { params },
        responses: { 200: jsonResponse(faultView, 'Fault') },
      }),
      (c) => c.json(sinks.fault(c.req.valid('param').name), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/webhook-sink/{name}/fault',
        tags,
        summary: '(sandbox) Make the sink answer an error status, answer late, or drop the connection',
        request: { params, body: jsonBody(fault) },
        responses: { 200: jsonResponse(faultView, 'Fault set') },
      }),
      (c) => c.json(sinks.setFault(c.req.valid('param').name, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/webhook-sink/{name}/fault',
        tags,
        summary: '(sandbox) Clear the fault: the sink answers 200 again',
        request: { params },
        responses: { 200: jsonResponse(faultView, 'Fault cleared') },
      }),
      (c) => c.json(sinks.clearFault(c.req.valid('param').name), 200),
    );
}
