/**
 * The server-sent-events plumbing shared by `GET /__sandbox/events` and the dashboard's
 * `GET /dashboard/events`: both stream the same bus to a reader that may stall, so both need
 * the same backpressure cut-off, keep-alive and clean-up, and must not drift apart.
 */

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  // Tells nginx-style proxies in front of the sandbox not to buffer the stream.
  'x-accel-buffering': 'no',
} as const;

/** `?types=`: comma-separated exact names, or `WEBHOOK_*` style prefixes; null keeps everything. */
export function eventTypeFilter(raw: string | undefined): ((type: string) => boolean) | null {
  const parts = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const exact = new Set(parts.filter((p) => !p.endsWith('*')));
  const prefixes = parts.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
  return (type) => exact.has(type) || prefixes.some((p) => type.startsWith(p));
}

export interface SseStreamOptions {
  /** Messages a slow reader may leave unread before the stream hangs up on it. */
  maxBacklog: number;
  keepAliveMs: number;
  /** Sent as the last message when the reader falls too far behind; absent: just close. */
  overflowMessage?: string;
  /**
   * Called once the stream opens (after the `retry:` line) with the function that queues a
   * message; sends what the client needs first and returns the bus unsubscribe.
   */
  open(send: (text: string) => void): () => void;
}

export function sseStream(opts: SseStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let off: (() => void) | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const stop = () => {
    closed = true;
    off?.();
    off = undefined;
    if (ping) clearInterval(ping);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const send = (text: string) => {
          if (closed) return;
          // highWaterMark 1 makes desiredSize count unread messages, so a stalled tab or client
          // cannot make the sandbox hold an unbounded queue.
          if ((controller.desiredSize ?? 0) < -opts.maxBacklog) {
            stop();
            if (opts.overflowMessage !== undefined) controller.enqueue(encoder.encode(opts.overflowMessage));
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(text));
        };
        send('retry: 2000\n\n');
        const unsubscribe = opts.open(send);
        // A catch-up that already overflowed closed the stream: nothing will call cancel, so
        // the subscription must not outlive it.
        if (closed) return unsubscribe();
        off = unsubscribe;
        ping = setInterval(() => send(': keep-alive\n\n'), opts.keepAliveMs);
        ping.unref?.();
      },
      cancel: stop,
    },
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
}
