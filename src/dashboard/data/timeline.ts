import type { DomainContext } from '../../domain/context.js';
import { OUTBOX, type OutboxEvent } from '../../workspace/events.js';
import { describeEvent, HIDDEN_ON_TIMELINE } from '../describe.js';
import type { Tone } from '../format.js';

/**
 * A profile's (or a request's) story from the workspace outbox: every stored event that
 * names it, in order, each with how its webhook went (delivered, failing, not sent).
 */

export interface DeliveryLike {
  event_ids: string[];
  ok: boolean;
  status: number | null;
  error: string | null;
  at: string;
}

export interface TimelineEntry {
  key: string;
  at: number;
  type: string;
  text: string;
  tone: Tone;
  webhook: string | null;
}

const TONE_BY_TYPE: Record<string, Tone> = {
  CHECK_COMPLETED: 'info',
  EVENTS_CREATED: 'warn',
  EMAIL_SENT: 'ok',
  EMAIL_FAILED: 'bad',
  MANUAL_ACTION_REQUIRED: 'warn',
};

function toneOf(e: OutboxEvent): Tone {
  const d = e.data as { new_status?: string; status?: string; result?: string };
  if (e.type === 'PRODUCT_STATUS_CHANGED') return d.new_status === 'APPROVED' ? 'ok' : d.new_status === 'REJECTED' ? 'bad' : 'info';
  if (e.type === 'CUSTOMER_REQUEST_CHANGED' || e.type === 'FORM_STATE_CHANGED') return d.status === 'COMPLETED' ? 'ok' : d.status === 'EXPIRED' ? 'warn' : 'info';
  if (e.type === 'CHECK_COMPLETED') return d.result === 'Pass' || d.result === '2+2' ? 'ok' : 'bad';
  return TONE_BY_TYPE[e.type] ?? 'neutral';
}

/** How the webhook of each event went, from the deliveries log (the last attempt that carried it). */
export function webhookOutcomes(deliveries: readonly DeliveryLike[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of deliveries) {
    for (const id of d.event_ids) out.set(id, d.ok ? `webhook delivered (HTTP ${d.status})` : `webhook failing: ${d.error ?? `HTTP ${d.status}`}`);
  }
  return out;
}

export function outboxTimeline(ctx: DomainContext, match: (e: OutboxEvent) => boolean, webhooks: Map<string, string>, limit = 300): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const e of ctx.repo.list<OutboxEvent>(OUTBOX)) {
    if (HIDDEN_ON_TIMELINE.has(e.type) || !match(e)) continue;
    entries.push({ key: `ev-${e.seq}`, at: e.at, type: e.type, text: describeEvent(e.type, e.data), tone: toneOf(e), webhook: webhooks.get(e.id) ?? null });
  }
  return entries.slice(-limit);
}

export const ofProfile = (profileId: string) => (e: OutboxEvent) => (e.data as { profile_id?: string }).profile_id === profileId;
