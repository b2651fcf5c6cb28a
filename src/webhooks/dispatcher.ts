import { ErrorCode, PassFortError, invalidInput, notFound } from '../core/errors.js';
import type { EventBus } from '../core/event-bus.js';
import type { WebhookSettings } from '../config/webhooks.js';
import type { Actor } from '../domain/context.js';
import type { Store } from '../store/store.js';
import { OUTBOX, type OutboxEvent, type SandboxEvent } from '../workspace/events.js';
import type { WorkspaceRegistry } from '../workspace/registry.js';
import type { Workspace } from '../workspace/workspace.js';
import { resolveEvent } from './envelope.js';
import { WEBHOOK_REPLAY_REQUESTED, WEBHOOK_TEST_EVENT, webhookEventType } from './event-types.js';
import { WebhookMsg } from './messages.js';
import { WebhookQueue } from './queue.js';
import { forgetStaleNote, putSettings, restoreSettings, settingsSource } from './settings.js';
import { createHttpTransport, type Transport } from './transport.js';

export interface DispatcherOptions {
  registry: WorkspaceRegistry;
  bus: EventBus<SandboxEvent>;
  store: Store;
  /** The sandbox's own base URL (known once it listens), for webhook URLs that are paths. */
  selfUrl: () => string;
  transport?: Transport;
  version?: string;
}

/**
 * Delivers every workspace's outbox to its webhook URL, one independent queue per workspace
 * (a stalled queue delays nobody else). It listens on the bus only to learn that there is
 * something new; what it sends always comes from the committed outbox.
 */
export class WebhookDispatcher {
  readonly #opts: DispatcherOptions;
  readonly #transport: Transport;
  readonly #queues = new Map<string, WebhookQueue>();
  #unsubscribe: (() => void) | null = null;

  constructor(opts: DispatcherOptions) {
    this.#opts = opts;
    this.#transport = opts.transport ?? createHttpTransport();
  }

  get started(): boolean {
    return this.#unsubscribe !== null;
  }

  /** Resumes every workspace's queue from its stored cursor and follows new events. */
  start(): void {
    if (this.#unsubscribe) return;
    for (const ws of this.#opts.registry.list()) restoreSettings(ws, this.#opts.store);
    this.#unsubscribe = this.#opts.bus.subscribe((e) => this.#onEvent(e));
    for (const ws of this.#opts.registry.list()) this.#queue(ws);
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    for (const q of this.#queues.values()) q.close();
    this.#queues.clear();
    this.#transport.close();
  }

  #queue(ws: Workspace): WebhookQueue | undefined {
    if (!this.#unsubscribe) return undefined;
    let q = this.#queues.get(ws.id);
    if (!q || q.workspace !== ws) {
      q?.close();
      q = new WebhookQueue(ws, {
        store: this.#opts.store,
        transport: this.#transport,
        selfUrl: this.#opts.selfUrl,
        userAgent: `passfort-sandbox/${this.#opts.version ?? 'dev'} (webhooks)`,
      });
      this.#queues.set(ws.id, q);
      q.resume();
    }
    return q;
  }

  #onEvent(e: SandboxEvent): void {
    const ws = this.#opts.registry.get(e.workspace);
    if (!ws) return;
    if (e.seq !== null) {
      this.#queue(ws)?.onEvent(e as OutboxEvent);
      return;
    }
    if (e.type === 'WORKSPACE_RESET') this.#queues.get(ws.id)?.reset();
    else if (e.type === 'CONFIG_CHANGED') {
      forgetStaleNote(ws, this.#opts.store);
      this.#queues.get(ws.id)?.settingsChanged();
    }
  }

  // --- the control API ----------------------------------------------------------------------

  settings(ws: Workspace): WebhookSettings & { source: 'api' | 'config' } {
    return { ...ws.config.webhooks, source: settingsSource(ws, this.#opts.store) };
  }

  putSettings(ws: Workspace, settings: WebhookSettings): WebhookSettings & { source: 'api' | 'config' } {
    putSettings(ws, this.#opts.store, settings);
    return this.settings(ws);
  }

  status(ws: Workspace) {
    const q = this.#queue(ws);
    if (q) return { running: true, ...q.status() };
    return { running: false, ...new WebhookQueue(ws, this.#queueDepsForViews()).status() };
  }

  deliveries(ws: Workspace, opts: { since?: number; limit?: number; eventId?: string }) {
    return (this.#queue(ws) ?? new WebhookQueue(ws, this.#queueDepsForViews())).deliveries(opts);
  }

  /** A stand-in queue for views when the dispatcher is not running (tests of the control API). */
  #queueDepsForViews() {
    return { store: this.#opts.store, transport: this.#transport, selfUrl: this.#opts.selfUrl, userAgent: '' };
  }

  retryNow(ws: Workspace): { started: boolean } {
    return { started: this.#queue(ws)?.retryNow() ?? false };
  }

  #requireDelivery(ws: Workspace): void {
    const s = ws.config.webhooks;
    if (!s.enabled || s.url === null) throw new PassFortError(409, ErrorCode.CONSTRAINTS_NOT_SATISFIED, WebhookMsg.deliveryOff, { field: 'url' });
  }

  /** Queues `count` test events of `event` with sample data (merged with `data`), behind everything already queued. */
  trigger(ws: Workspace, event: string, data: Record<string, unknown> | undefined, count: number, actor: Actor) {
    const type = webhookEventType(event);
    if (!type) throw invalidInput(WebhookMsg.unknownEvent(event), { field: 'event' });
    this.#requireDelivery(ws);
    const queued = this.#capture(ws, WEBHOOK_TEST_EVENT, () =>
      ws.run((ctx) => {
        for (let i = 0; i < count; i++) ctx.emit(WEBHOOK_TEST_EVENT, { event, data: { ...type.sample(), ...(data ?? {}) } });
      }, actor),
    );
    return queued.map((e) => ({ id: e.id, seq: e.seq, event }));
  }

  /** Queues one earlier event again, same id and payload, behind everything already queued. */
  replay(ws: Workspace, eventId: string, actor: Actor) {
    const original = this.#opts.store.get<OutboxEvent>(ws.prefix + OUTBOX, eventId);
    if (!original) throw notFound(WebhookMsg.eventNotInOutbox(eventId), { field: 'event_id' });
    const d = resolveEvent(original, []);
    if (!d) throw invalidInput(WebhookMsg.notAWebhook(eventId, original.type), { field: 'event_id' });
    this.#requireDelivery(ws);
    const [queued] = this.#capture(ws, WEBHOOK_REPLAY_REQUESTED, () =>
      ws.run((ctx) => ctx.emit(WEBHOOK_REPLAY_REQUESTED, { event: { id: d.id, type: d.event, at: d.at, data: d.data } }), actor),
    );
    return { id: d.id, event: d.event, seq: queued?.seq ?? null };
  }

  /** Runs `fn` and returns the outbox events of `type` it committed (seen on the bus). */
  #capture(ws: Workspace, type: string, fn: () => void): SandboxEvent[] {
    const seen: SandboxEvent[] = [];
    const off = this.#opts.bus.subscribe((e) => {
      if (e.workspace === ws.id && e.type === type && e.seq !== null) seen.push(e);
    });
    try {
      fn();
    } finally {
      off();
    }
    return seen;
  }
}
