import type { WebhookSettings } from '../config/webhooks.js';
import type { Change, Store } from '../store/store.js';
import type { OutboxEvent } from '../workspace/events.js';
import type { Workspace } from '../workspace/workspace.js';
import { retryDelayMs } from './backoff.js';
import { MAX_BATCH, planBatch, requestBody, requestHeaders, resolveEvent, toEnvelope, type BatchPlan } from './envelope.js';
import {
  STATE_ID,
  WEBHOOK_DELIVERIES,
  WEBHOOK_STATE,
  attemptRecord,
  freshState,
  iso,
  pendingAfter,
  pruneChanges,
  selectDeliveries,
  type DeliveryQuery,
  type DeliveryRecord,
  type QueueState,
} from './records.js';
import type { AttemptOutcome, Transport } from './transport.js';

export interface QueueDeps {
  store: Store;
  transport: Transport;
  /** The sandbox's own base URL, for webhook URLs that are paths on the sandbox. */
  selfUrl: () => string;
  userAgent: string;
}

const RETRY_TIMER = 'webhooks:retry';
/** How long a cursor moved only over events that are not sent may stay unsaved (real ms). */
const CURSOR_FLUSH_MS = 1_000;
const RECENT_FAILURES = 10;

/**
 * One workspace's webhook queue: the outbox after the cursor, sent strictly in seq order. A
 * failed attempt stalls the queue until a retry gets a 200; retries wait on the workspace clock.
 * The cursor and the attempt log are committed after each attempt, so a restart resumes where
 * delivery stopped (at-least-once: the last batch may be sent again, nothing is skipped).
 */
export class WebhookQueue {
  readonly #ws: Workspace;
  readonly #deps: QueueDeps;
  #state: QueueState;
  /** Outbox events after the cursor, in seq order. */
  #pending: OutboxEvent[] = [];
  #lastQueued = 0;
  #needsRepair = false;
  #inFlight: { controller: AbortController; plan: BatchPlan; startedAt: number; settings: string; superseded: boolean } | null = null;
  #retryArmed = false;
  #scheduled: { cancel(): void } | null = null;
  /** Bumped by reset and close: outcomes of older attempts are ignored. */
  #generation = 0;
  #closed = false;
  #recentFailures: DeliveryRecord[] = [];
  /** The cursor moved over unsent events and is not saved yet (saved within CURSOR_FLUSH_MS). */
  #unsaved: ReturnType<typeof setTimeout> | null = null;

  constructor(ws: Workspace, deps: QueueDeps) {
    this.#ws = ws;
    this.#deps = deps;
    this.#state = this.#load();
  }

  get workspace(): Workspace {
    return this.#ws;
  }

  #col(name: string): string {
    return this.#ws.prefix + name;
  }

  #load(): QueueState {
    const { store } = this.#deps;
    const state = store.get<QueueState>(this.#col(WEBHOOK_STATE), STATE_ID) ?? freshState();
    this.#recentFailures = [];
    for (const d of store.values<DeliveryRecord>(this.#col(WEBHOOK_DELIVERIES))) {
      if (!d.ok) this.#recentFailures = [d, ...this.#recentFailures].slice(0, RECENT_FAILURES);
    }
    this.#state = state;
    this.#rebuild();
    return state;
  }

  /** Picks up after a start: a stalled queue waits for its stored retry time, anything else sends. */
  resume(): void {
    if (this.#state.next_retry_at !== null && this.#pending.length > 0) this.#armRetry(this.#state.next_retry_at);
    else this.kick();
  }

  /** Re-reads the pending events from the outbox: the authority when the bus order looked odd. */
  #rebuild(): void {
    const pending = pendingAfter(this.#deps.store, this.#ws.prefix, this.#state.cursor);
    this.#pending = pending;
    this.#lastQueued = pending.at(-1)?.seq ?? this.#state.cursor;
    this.#needsRepair = false;
  }

  /** A committed domain event of this workspace (from the bus). */
  onEvent(e: OutboxEvent): void {
    if (this.#closed) return;
    if (e.seq === this.#lastQueued + 1) this.#pending.push(e);
    else if (e.seq > this.#lastQueued + 1) {
      // A gap: a nested unit of work published out of order; the outbox knows the truth.
      this.#pending.push(e);
      this.#needsRepair = true;
    } else if (e.seq > this.#state.cursor) this.#needsRepair = true;
    this.#lastQueued = Math.max(this.#lastQueued, e.seq);
    this.kick();
  }

  /** Starts sending soon, unless an attempt is in flight or the queue waits for a retry. */
  kick(): void {
    if (this.#closed || this.#inFlight || this.#retryArmed || this.#scheduled || this.#pending.length === 0) return;
    const settings = this.#ws.config.webhooks;
    // Let the current burst of events land first; with batching, wait the batch window.
    if (settings.batching && settings.batch_window_ms > 0 && this.#deliverable(settings)) {
      const t = setTimeout(() => this.#pump(), settings.batch_window_ms);
      t.unref?.();
      this.#scheduled = { cancel: () => clearTimeout(t) };
    } else {
      const t = setImmediate(() => this.#pump());
      this.#scheduled = { cancel: () => clearImmediate(t) };
    }
  }

  #deliverable(s: WebhookSettings): boolean {
    return s.enabled && s.url !== null;
  }

  #pump(): void {
    this.#scheduled = null;
    if (this.#closed || this.#inFlight || this.#retryArmed) return;
    if (this.#needsRepair) this.#rebuild();
    if (this.#pending.length === 0) return;
    const settings = this.#ws.config.webhooks;
    const on = this.#deliverable(settings);
    const plan = planBatch(this.#pending, settings.batching ? MAX_BATCH : 1, on ? (e) => resolveEvent(e, settings.events) : () => null);
    if (plan.items.length === 0) {
      // Nothing in the queue is sent (internal events, or delivery off): settle it without a request.
      // That also ends a stall (say, the URL was removed while the receiver was down).
      if (plan.through === null) return;
      const prev = this.#state;
      const next = { ...prev, cursor: plan.through, stalled_since: null, failed_attempts: 0, next_retry_at: null };
      // Internal events at API speed would otherwise cost a write each: save that cursor a little later.
      if (prev.stalled_since !== null) this.#commit(next, []);
      else this.#commitSoon(next);
      this.#drop(plan.through);
      if (prev.stalled_since !== null) {
        this.#ws.notify('WEBHOOK_QUEUE_RECOVERED', {
          stalled_since: iso(prev.stalled_since),
          stalled_ms: this.#ws.clock.nowMs() - prev.stalled_since,
          failed_attempts: prev.failed_attempts,
          reason: 'the stalled events are no longer sent (delivery off or event filtered out)',
        });
      }
      return;
    }
    this.#send(plan, settings);
  }

  #targetUrl(url: string): string {
    return url.startsWith('/') ? this.#deps.selfUrl().replace(/\/+$/, '') + url : url;
  }

  #send(plan: BatchPlan, settings: WebhookSettings): void {
    const url = this.#targetUrl(settings.url!);
    const body = requestBody(
      plan.items.map((i) => toEnvelope(i, settings.secret)),
      settings.batching,
    );
    const headers = requestHeaders(settings.secret, body, this.#deps.userAgent);
    const controller = new AbortController();
    const startedAt = this.#ws.clock.nowMs();
    const generation = this.#generation;
    const flight = { controller, plan, startedAt, settings: JSON.stringify(settings), superseded: false };
    this.#inFlight = flight;
    this.#deps.transport
      .post(url, headers, body, settings.timeout_ms, controller.signal)
      .then((outcome) => {
        if (generation !== this.#generation) return;
        this.#inFlight = null;
        if (flight.superseded && !outcome.ok) this.#settleSuperseded(plan, outcome, startedAt, url, settings.batching);
        else this.#settleAttempt(plan, outcome, startedAt, url, settings.batching);
      })
      .catch((err) => {
        // The transport never rejects; if it does, treat it as a failed attempt rather than wedge the queue.
        if (generation !== this.#generation) return;
        this.#inFlight = null;
        const outcome: AttemptOutcome = { status: null, ok: false, latency_ms: 0, error: String(err), response: null, response_truncated: false };
        this.#settleAttempt(plan, outcome, startedAt, url, settings.batching);
      });
  }

  /** An attempt cut short because the settings changed: logged, not held against the receiver; sent again now. */
  #settleSuperseded(plan: BatchPlan, outcome: AttemptOutcome, startedAt: number, url: string, batching: boolean): void {
    const n = this.#state.attempts + 1;
    const record = attemptRecord(n, this.#state.failed_attempts + 1, plan, startedAt, url, batching, {
      ...outcome,
      error: 'cancelled: the webhook settings changed while waiting for an answer; sent again with the new settings',
    }, null);
    this.#commit({ ...this.#state, attempts: n }, [record]);
    this.#pump();
  }

  #settleAttempt(plan: BatchPlan, outcome: AttemptOutcome, startedAt: number, url: string, batching: boolean): void {
    const now = this.#ws.clock.nowMs();
    const prev = this.#state;
    const n = prev.attempts + 1;
    const attempt = prev.failed_attempts + 1;
    const nextRetry = outcome.ok ? null : now + retryDelayMs(attempt);
    const record = attemptRecord(n, attempt, plan, startedAt, url, batching, outcome, nextRetry);
    const summary = {
      delivery_id: record.id,
      url,
      event_ids: record.event_ids,
      events: record.events,
      seq_from: record.seq_from,
      seq_to: record.seq_to,
      attempt,
      status: outcome.status,
      latency_ms: outcome.latency_ms,
    };
    if (outcome.ok) {
      const last = plan.items.at(-1)!;
      const state: QueueState = {
        ...prev,
        cursor: plan.through!,
        last_processed: { event_id: last.id, event: last.event, seq: plan.sources.at(-1)!.seq, at: now },
        stalled_since: null,
        failed_attempts: 0,
        next_retry_at: null,
        attempts: n,
        delivered_events: prev.delivered_events + plan.items.length,
      };
      this.#commit(state, [record]);
      this.#drop(plan.through);
      this.#ws.notify('WEBHOOK_DELIVERED', summary);
      if (prev.stalled_since !== null) {
        this.#ws.notify('WEBHOOK_QUEUE_RECOVERED', {
          stalled_since: iso(prev.stalled_since),
          stalled_ms: now - prev.stalled_since,
          failed_attempts: prev.failed_attempts,
        });
      }
      this.#pump();
      return;
    }
    const state: QueueState = {
      ...prev,
      stalled_since: prev.stalled_since ?? startedAt,
      failed_attempts: attempt,
      next_retry_at: nextRetry,
      attempts: n,
    };
    this.#commit(state, [record]);
    this.#recentFailures = [record, ...this.#recentFailures].slice(0, RECENT_FAILURES);
    if (prev.stalled_since === null) {
      this.#ws.notify('WEBHOOK_QUEUE_STALLED', { since: iso(startedAt), seq: record.seq_from, event_id: record.event_ids[0], error: outcome.error });
    }
    this.#ws.notify('WEBHOOK_DELIVERY_FAILED', { ...summary, error: outcome.error, next_retry_at: record.next_retry_at });
    this.#armRetry(nextRetry!);
  }

  #armRetry(at: number): void {
    this.#retryArmed = true;
    this.#ws.timers.set(RETRY_TIMER, at, () => {
      this.#retryArmed = false;
      this.#pump();
    });
  }

  /** Forgets pending events up to `through` (settled). */
  #drop(through: number | null): void {
    if (through === null) return;
    let i = 0;
    while (i < this.#pending.length && this.#pending[i]!.seq <= through) i++;
    this.#pending.splice(0, i);
  }

  #commitSoon(state: QueueState): void {
    this.#state = state;
    if (this.#unsaved) return;
    this.#unsaved = setTimeout(() => {
      this.#unsaved = null;
      this.#commit(this.#state, []);
    }, CURSOR_FLUSH_MS);
    this.#unsaved.unref?.();
  }

  /** Saves a cursor that is only in memory (before settings change hands, and at stop). */
  #flush(): void {
    if (this.#unsaved) this.#commit(this.#state, []);
  }

  #commit(state: QueueState, records: DeliveryRecord[]): void {
    if (this.#unsaved) clearTimeout(this.#unsaved);
    this.#unsaved = null;
    const changes: Change[] = [{ op: 'put', col: this.#col(WEBHOOK_STATE), id: STATE_ID, doc: state }];
    for (const r of records) changes.push({ op: 'put', col: this.#col(WEBHOOK_DELIVERIES), id: r.id, doc: r });
    changes.push(...pruneChanges(this.#deps.store, this.#ws.prefix, state.cursor, records.length));
    try {
      this.#deps.store.commit(changes);
    } catch (err) {
      // The disk refused: delivery goes on from memory; after a restart the events are sent again (at-least-once).
      console.error('passfort-sandbox: could not save webhook delivery state:', err);
    }
    this.#state = state;
  }

  /** Skips the backoff wait: the next attempt starts now (PassFort's "Retry now"). */
  retryNow(): boolean {
    if (this.#closed || this.#inFlight) return false;
    if (this.#retryArmed) {
      this.#ws.timers.clear(RETRY_TIMER);
      this.#retryArmed = false;
    }
    this.#scheduled?.cancel();
    this.#scheduled = null;
    const before = this.#state.attempts;
    this.#pump();
    return this.#inFlight !== null || this.#state.attempts !== before;
  }

  /** The settings changed: a stalled queue tries at once with the new ones, and an attempt still waiting on the old ones is cut short. */
  settingsChanged(): void {
    // What was skipped under the old settings stays skipped, even across a crash.
    this.#flush();
    const flight = this.#inFlight;
    if (flight) {
      if (flight.settings !== JSON.stringify(this.#ws.config.webhooks)) {
        flight.superseded = true;
        flight.controller.abort();
      }
      return;
    }
    if (this.#retryArmed) this.retryNow();
    else this.kick();
  }

  /** The workspace was reset: its outbox, cursor and log are gone; start over. */
  reset(): void {
    if (this.#unsaved) clearTimeout(this.#unsaved);
    this.#unsaved = null;
    this.#abort();
    this.#state = freshState();
    this.#recentFailures = [];
    this.#rebuild();
  }

  close(): void {
    this.#flush();
    this.#abort();
    this.#closed = true;
  }

  #abort(): void {
    this.#generation++;
    this.#inFlight?.controller.abort();
    this.#inFlight = null;
    this.#scheduled?.cancel();
    this.#scheduled = null;
    if (this.#retryArmed) this.#ws.timers.clear(RETRY_TIMER);
    this.#retryArmed = false;
  }

  // --- views --------------------------------------------------------------------------------

  status() {
    const s = this.#state;
    const settings = this.#ws.config.webhooks;
    const on = this.#deliverable(settings);
    const head = this.#pending[0];
    const now = this.#ws.clock.nowMs();
    const state = !on ? 'off' : s.stalled_since !== null ? 'stalled' : this.#inFlight || this.#pending.length > 0 ? 'delivering' : 'idle';
    return {
      state,
      url: settings.url,
      batching: settings.batching,
      last_processed: s.last_processed ? { ...s.last_processed, at: iso(s.last_processed.at) } : null,
      next_retry_at: this.#retryArmed ? iso(s.next_retry_at) : null,
      stalled_since: iso(s.stalled_since),
      stalled_for_ms: s.stalled_since === null ? null : Math.max(0, now - s.stalled_since),
      failed_attempts: s.failed_attempts,
      recent_failures: this.#recentFailures,
      in_flight: this.#inFlight !== null,
      pending_events: this.#pending.length,
      next_event: head ? { event_id: head.id, event: head.type, seq: head.seq } : null,
      delivered_events: s.delivered_events,
      attempts: s.attempts,
      cursor: s.cursor,
    };
  }

  deliveries(query: DeliveryQuery = {}): DeliveryRecord[] {
    return selectDeliveries(this.#deps.store.values<DeliveryRecord>(this.#col(WEBHOOK_DELIVERIES)), query);
  }
}
