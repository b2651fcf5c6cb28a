import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { EventBus } from '../../core/event-bus.js';
import type { Store } from '../../store/store.js';
import { OUTBOX, type OutboxEvent, type SandboxEvent } from '../../workspace/events.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, passfortHook } from '../openapi.js';
import { eventTypeFilter, SSE_HEADERS, sseStream } from './sse.js';

/** Messages a slow reader may leave unread before the sandbox hangs up on it (it can reconnect with Last-Event-ID). */
export const SSE_MAX_BACKLOG = 10_000;
export const SSE_KEEP_ALIVE_MS = 15_000;

export function formatSse(e: Omit<SandboxEvent, 'workspace'> & { workspace?: string }): string {
  const payload = { id: e.id, seq: e.seq, type: e.type, at: new Date(e.at).toISOString(), data: e.data };
  // Only stored events get an SSE id: those are the ones a reconnect can catch up on.
  return `${e.seq !== null ? `id: ${e.seq}\n` : ''}event: ${e.type}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/**
 * `GET /__sandbox/events`: server-sent events of everything that happens in the workspace, the
 * stored domain events and the runtime notices (webhook attempts, stalls, clock moves). A client
 * that reconnects with `Last-Event-ID` first gets the stored events it missed.
 */
export function eventStreamRoutes(bus: EventBus<SandboxEvent>, store: Store, keepAliveMs = SSE_KEEP_ALIVE_MS) {
  return new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook }).openapi(
    createRoute({
      method: 'get',
      path: '/events',
      tags: ['Sandbox: events'],
      summary: 'Server-sent events: every domain event and runtime notice of the workspace',
      request: {
        query: z.object({
          types: z.string().optional().describe('comma-separated event types to keep; a trailing * matches a prefix (WEBHOOK_*)'),
          last_event_id: z.coerce.number().int().min(0).optional().describe('like the Last-Event-ID header: replay stored events after this seq'),
        }),
      },
      responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } } },
    }),
    (c) => {
      const ws = c.get('workspace');
      const query = c.req.valid('query');
      const keep = eventTypeFilter(query.types);
      const header = c.req.header('last-event-id');
      const lastId = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : query.last_event_id;
      const body = sseStream({
        maxBacklog: SSE_MAX_BACKLOG,
        keepAliveMs,
        overflowMessage: `event: overflow\ndata: {"reason":"the client read too slowly; reconnect with Last-Event-ID"}\n\n`,
        open(send) {
          send(`event: ready\ndata: ${JSON.stringify({ workspace: ws.id, now: ws.clock.now().toISOString(), types: query.types ?? null })}\n\n`);
          // Catch-up and subscription happen in the same tick, so nothing falls between them.
          if (lastId !== undefined) {
            for (const e of store.values<OutboxEvent>(ws.prefix + OUTBOX)) {
              if (e.seq > lastId && (!keep || keep(e.type))) send(formatSse(e));
            }
          }
          return bus.subscribe((e) => {
            if (e.workspace === ws.id && (!keep || keep(e.type))) send(formatSse(e));
          });
        },
      });
      return c.body(body, 200, { ...SSE_HEADERS });
    },
  );
}
