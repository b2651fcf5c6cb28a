/**
 * Reads a workspace's stored events (its outbox) through the public API: the event stream
 * replays everything after `last_event_id=0`, then goes live. A zero clock move is a runtime
 * notice sent after the replay, so seeing it means the replay is complete.
 */

import { SseParser, type StreamEvent } from '../../src/harness/events.js';

/** A stored event: the stream's shape, with the id and sequence number only stored events have. */
export type StoredEvent = StreamEvent<Record<string, any>> & { id: string; seq: number };

export async function readOutbox(baseUrl: string, key: string, types: readonly string[] = [], timeoutMs = 15_000): Promise<StoredEvent[]> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  const filter = types.length ? `&types=${encodeURIComponent([...types, 'CLOCK_CHANGED'].join(','))}` : '';
  try {
    const res = await fetch(`${baseUrl}/__sandbox/events?last_event_id=0${filter}`, { headers: { apikey: key }, signal: ctrl.signal });
    if (res.status !== 200 || !res.body) throw new Error(`GET /__sandbox/events answered ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const events: StoredEvent[] = [];
    const parser = new SseParser();
    let marked = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended before the replay was complete');
      for (const { event: type, data } of parser.push(value)) {
        if (type === 'ready' && !marked) {
          marked = true;
          // The replay was queued in the same tick as `ready`; this notice comes after it.
          void fetch(`${baseUrl}/__sandbox/clock/advance`, {
            method: 'POST',
            headers: { apikey: key, 'content-type': 'application/json' },
            body: '{"by":0}',
          }).then((r) => r.arrayBuffer());
          continue;
        }
        if (!data) continue;
        const e = JSON.parse(data) as StoredEvent;
        if (e.seq === null) {
          if (type === 'CLOCK_CHANGED') {
            await reader.cancel();
            return events;
          }
          continue;
        }
        events.push(e);
      }
    }
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
}
