import { formatSse } from '../mock-api/control/events-stream.js';
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

export function typeMatcher(raw: string | undefined): ((type: string) => boolean) | null {
  const parts = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.length) return null;
  const exact = new Set(parts.filter((p) => !p.endsWith('*')));
  const prefixes = parts.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
  return (type) => exact.has(type) || prefixes.some((p) => type.startsWith(p));
}

export function dashboardEvents(c: DashContext): Response {
  const { ws, deps } = c.var.dash;
  const keep = typeMatcher(c.req.query('types'));
  const encoder = new TextEncoder();
  let off: (() => void) | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const stop = () => {
    closed = true;
    off?.();
    if (ping) clearInterval(ping);
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const send = (text: string) => {
          if (closed) return;
          if ((controller.desiredSize ?? 0) < -MAX_BACKLOG) {
            stop();
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(text));
        };
        send('retry: 2000\n\n');
        send(`event: ready\ndata: ${JSON.stringify({ workspace: ws.id, now: ws.clock.now().toISOString() })}\n\n`);
        off = deps.bus.subscribe((e) => {
          if (e.workspace !== ws.id || (keep && !keep(e.type))) return;
          send(formatSse(e).replace(/^event: [^\n]*\n/m, ''));
        });
        ping = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
        ping.unref?.();
      },
      cancel: stop,
    },
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' },
  });
}
