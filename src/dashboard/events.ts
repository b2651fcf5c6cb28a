import { formatSse } from '../mock-api/control/events-stream.js';
import { eventTypeFilter, SSE_HEADERS, sseStream } from '../mock-api/control/sse.js';
import type { DashContext } from './context.js';

/**
 * `GET /dashboard/events`: the workspace's event stream for the dashboard's pages. It is
 * `GET /__sandbox/events` (same bus, same payloads, same `?types=` filter) opened with the
 * dashboard's cookie instead of the key in the URL, and with every event sent unnamed so
 * one `onmessage` handler in the page sees them all.
 */

const KEEP_ALIVE_MS = 15_000;
/** A tab that stops reading is dropped; EventSource reconnects and the page refreshes. */
const MAX_BACKLOG = 2_000;

export function dashboardEvents(c: DashContext): Response {
  const { ws, deps } = c.get('dash');
  const keep = eventTypeFilter(c.req.query('types'));
  const body = sseStream({
    maxBacklog: MAX_BACKLOG,
    keepAliveMs: KEEP_ALIVE_MS,
    open(send) {
      send(`event: ready\ndata: ${JSON.stringify({ workspace: ws.id, now: ws.clock.now().toISOString() })}\n\n`);
      return deps.bus.subscribe((e) => {
        if (e.workspace !== ws.id || (keep && !keep(e.type))) return;
        send(formatSse(e).replace(/^event: [^\n]*\n/m, ''));
      });
    },
  });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
