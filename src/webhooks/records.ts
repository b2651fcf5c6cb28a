import type { Change, Store } from '../store/store.js';
import { COUNTERS, COUNTERS_ID, OUTBOX, type CountersDoc, type OutboxEvent } from '../workspace/events.js';
import type { BatchPlan } from './envelope.js';
import type { AttemptOutcome } from './transport.js';

/**
 * What the dispatcher keeps per workspace, in the workspace's own collections (so a reset
 * clears it with the outbox it refers to): the queue state and a log of every attempt.
 */

export const WEBHOOK_STATE = 'webhooks';
export const WEBHOOK_DELIVERIES = 'webhook_deliveries';
export const STATE_ID = 'state';

/** Attempts kept in the deliveries log (the oldest are pruned). */
export const DELIVERIES_KEPT = 1_000;
/** Settled outbox events kept for replay and SSE catch-up; older settled ones are pruned. */
export const OUTBOX_KEPT = 10_000;
/** Pruning runs once the excess reaches this many, so it is one write per this many events. */
export const PRUNE_SLACK = 500;

export interface QueueState {
  id: typeof STATE_ID;
  /** The last settled seq: delivered, or skipped because it is not sent. */
  cursor: number;
  last_processed: { event_id: string; event: string; seq: number; at: number } | null;
  /** Workspace time of the first failed attempt of the current stall. */
  stalled_since: number | null;
  /** Consecutive failed attempts since the last 200. */
  failed_attempts: number;
  next_retry_at: number | null;
  /** Attempts ever made (numbers the deliveries log). */
  attempts: number;
  delivered_events: number;
}

export const freshState = (): QueueState => ({
  id: STATE_ID,
  cursor: 0,
  last_processed: null,
  stalled_since: null,
  failed_attempts: 0,
  next_retry_at: null,
  attempts: 0,
  delivered_events: 0,
});

export interface DeliveryRecord {
  id: string;
  /** Attempt number in this workspace, from 1. */
  n: number;
  /** Workspace time the attempt started (ISO 8601). */
  at: string;
  url: string;
  batching: boolean;
  event_ids: string[];
  events: string[];
  seq_from: number;
  seq_to: number;
  /** Which try of the queue head this was (1 = first). */
  attempt: number;
  status: number | null;
  ok: boolean;
  latency_ms: number;
  error: string | null;
  response: string | null;
  /** When the next try is due (ISO 8601, workspace time); null after a success. */
  next_retry_at: string | null;
}

export const deliveryId = (n: number) => `d${String(n).padStart(12, '0')}`;

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function attemptRecord(
  n: number,
  attempt: number,
  plan: BatchPlan,
  startedAt: number,
  url: string,
  batching: boolean,
  outcome: AttemptOutcome,
  nextRetry: number | null,
): DeliveryRecord {
  return {
    id: deliveryId(n),
    n,
    at: iso(startedAt)!,
    url,
    batching,
    event_ids: plan.items.map((i) => i.id),
    events: plan.items.map((i) => i.event),
    seq_from: plan.sources[0]!.seq,
    seq_to: plan.sources.at(-1)!.seq,
    attempt,
    status: outcome.status,
    ok: outcome.ok,
    latency_ms: outcome.latency_ms,
    error: outcome.error,
    response: outcome.response,
    next_retry_at: iso(nextRetry),
  };
}

/**
 * Deletions that keep the attempt log and the settled part of the outbox within their limits.
 * They run in batches (slack) so pruning costs one bigger write now and then, not one per event.
 */
export function pruneChanges(store: Store, prefix: string, cursor: number, adding: number): Change[] {
  const changes: Change[] = [];
  const deliveries = prefix + WEBHOOK_DELIVERIES;
  let excess = store.size(deliveries) + adding - DELIVERIES_KEPT;
  if (excess >= PRUNE_SLACK / 5) {
    for (const d of store.values<DeliveryRecord>(deliveries)) {
      if (excess-- <= 0) break;
      changes.push({ op: 'del', col: deliveries, id: d.id });
    }
  }
  const outbox = prefix + OUTBOX;
  let over = store.size(outbox) - OUTBOX_KEPT;
  if (over >= PRUNE_SLACK) {
    // Only settled events go: an undelivered event is never pruned.
    for (const e of store.values<OutboxEvent>(outbox)) {
      if (over-- <= 0 || e.seq > cursor) break;
      changes.push({ op: 'del', col: outbox, id: e.id });
    }
  }
  return changes;
}

/**
 * A workspace's outbox events after the cursor, in seq order. When the workspace's event counter
 * says there are none (the usual case after a clean stop), the outbox, which holds the last
 * 10,000 events, is not read at all, so a restart does not parse it.
 */
export function pendingAfter(store: Store, prefix: string, cursor: number): OutboxEvent[] {
  const lastSeq = store.get<CountersDoc>(prefix + COUNTERS, COUNTERS_ID)?.event_seq ?? Infinity;
  if (lastSeq <= cursor) return [];
  const pending: OutboxEvent[] = [];
  for (const e of store.values<OutboxEvent>(prefix + OUTBOX)) if (e.seq > cursor) pending.push(e);
  return pending.sort((a, b) => a.seq - b.seq);
}

export interface DeliveryQuery {
  /** Only records after this delivery number. */
  since?: number;
  /** The last this many (after the other filters). */
  limit?: number;
  eventId?: string;
}

export function selectDeliveries(records: Iterable<DeliveryRecord>, query: DeliveryQuery): DeliveryRecord[] {
  const out: DeliveryRecord[] = [];
  for (const d of records) {
    if (query.since !== undefined && d.n <= query.since) continue;
    if (query.eventId !== undefined && !d.event_ids.includes(query.eventId)) continue;
    out.push(d);
  }
  return query.limit !== undefined ? out.slice(-query.limit) : out;
}
