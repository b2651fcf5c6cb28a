import type { OutboxEvent } from '../workspace/events.js';
import { WEBHOOK_REPLAY_REQUESTED, WEBHOOK_TEST_EVENT, isWebhookEvent } from './event-types.js';

/** PassFort's webhook envelope. `timestamp` is unix seconds of when the event happened (workspace time). */
export interface Envelope {
  id: string;
  event: string;
  secret: string;
  timestamp: number;
  data: Record<string, unknown>;
}

/** An event ready to be wrapped: the outbox event it came from may be a trigger or replay wrapper. */
export interface Deliverable {
  id: string;
  event: string;
  /** Workspace time (ms) the event happened. */
  at: number;
  data: Record<string, unknown>;
}

export const MAX_BATCH = 100;

export function toEnvelope(item: Deliverable, secret: string): Envelope {
  return { id: item.id, event: item.event, secret, timestamp: Math.floor(item.at / 1000), data: item.data };
}

/** One envelope per POST without batching; a JSON array (even of one) with batching. */
export function requestBody(envelopes: readonly Envelope[], batching: boolean): string {
  if (batching) return JSON.stringify(envelopes);
  if (envelopes.length !== 1) throw new RangeError(`without batching a request carries exactly one event, got ${envelopes.length}`);
  return JSON.stringify(envelopes[0]);
}

export function requestHeaders(secret: string, body: string, userAgent: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': userAgent,
    // PassFort sends the secret twice; with no secret configured there is nothing to send.
    ...(secret ? { authorization: `Bearer ${secret}` } : {}),
  };
}

/**
 * What an outbox event becomes on the wire, or null when it is not sent: internal events,
 * and PassFort events the workspace did not enable. Triggered test events and replays are
 * sent whatever the filter says, because someone asked for them explicitly.
 */
export function resolveEvent(e: OutboxEvent, enabledEvents: readonly string[]): Deliverable | null {
  if (e.type === WEBHOOK_TEST_EVENT) {
    const d = e.data as { event?: unknown; data?: unknown };
    if (typeof d.event !== 'string') return null;
    return { id: e.id, event: d.event, at: e.at, data: (d.data as Record<string, unknown>) ?? {} };
  }
  if (e.type === WEBHOOK_REPLAY_REQUESTED) {
    const original = (e.data as { event?: OutboxEvent }).event;
    if (!original || typeof original.type !== 'string') return null;
    return { id: original.id, event: original.type, at: original.at, data: original.data };
  }
  if (!isWebhookEvent(e.type)) return null;
  if (enabledEvents.length > 0 && !enabledEvents.includes(e.type)) return null;
  return { id: e.id, event: e.type, at: e.at, data: e.data };
}

export interface BatchPlan {
  /** What goes into the next request, in seq order. */
  items: Deliverable[];
  /** The outbox events those items came from (same order). */
  sources: OutboxEvent[];
  /** The highest seq this request settles on success (skipped events included); null if nothing was walked. */
  through: number | null;
  skipped: number;
}

/**
 * The next request from the head of the queue: up to `max` deliverable events, walking over
 * events that are not sent. `pending` must be in seq order starting right after the cursor.
 */
export function planBatch(pending: readonly OutboxEvent[], max: number, resolve: (e: OutboxEvent) => Deliverable | null): BatchPlan {
  const items: Deliverable[] = [];
  const sources: OutboxEvent[] = [];
  let through: number | null = null;
  let skipped = 0;
  for (const e of pending) {
    const d = resolve(e);
    if (d === null) {
      skipped++;
      through = e.seq;
      continue;
    }
    if (items.length === max) break;
    items.push(d);
    sources.push(e);
    through = e.seq;
  }
  return { items, sources, through, skipped };
}
