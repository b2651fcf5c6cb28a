import { humanize } from './format.js';

/**
 * One line of words for each thing that happens in a workspace (a stored domain event or a
 * runtime notice), for timelines, the live activity feed and "what the clock move changed".
 * Pure: it reads only the event's own data.
 */

type Data = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const productName = (d: Data) => str((d.product as { name?: string } | undefined)?.name) || 'product';
const who = (d: Data): string => {
  const user = d.user as { name?: string } | null | undefined;
  const key = d.apikey as { name?: string } | null | undefined;
  if (user?.name) return ` by ${user.name}`;
  if (key?.name) return ` through the API (${key.name})`;
  return '';
};

export function describeEvent(type: string, d: Data): string {
  switch (type) {
    case 'PROFILE_CREATED':
      return `Profile created${who(d)}`;
    case 'PROFILE_STATUS_CHANGED':
      return `Profile status changed to ${humanize(str(d.new_status ?? d.status))}`;
    case 'PRODUCT_STATUS_CHANGED':
      return `${productName(d)}: application ${humanize(str(d.new_status)).toLowerCase()}${who(d)}`;
    case 'PRODUCT_BADGE_CHANGED':
      return `${productName(d)}: ${humanize(str(d.old_flag)).toLowerCase()} → ${humanize(str(d.new_flag)).toLowerCase()}`;
    case 'MANUAL_ACTION_REQUIRED':
      return `${productName(d)}: needs a person (${humanize(str(d.flag)).toLowerCase()})`;
    case 'TASK_CREATED':
      return `Task added: ${humanize(str(d.task_type))}`;
    case 'TASK_STATE_CHANGED':
      return `Task ${humanize(str(d.task_type))}: ${humanize(str(d.old_state)).toLowerCase()} → ${humanize(str(d.new_state)).toLowerCase()}`;
    case 'CHECK_COMPLETED':
      return `Check ${humanize(str(d.check_type))} completed: ${str(d.result) || 'no result'}`;
    case 'EVENTS_CREATED':
      return `${countOf(d.event_ids, 'screening event')} raised`;
    case 'EVENTS_UPDATED':
      return `${countOf(d.event_ids, 'event')} resolved or changed`;
    case 'COLLECTED_DATA_UPDATED':
    case 'COLLECTED_DATA_CHANGED':
      return type === 'COLLECTED_DATA_CHANGED' ? 'Collected data changed' : 'Collected data updated';
    case 'COLLECTION_STEPS_COMPLETED':
      return 'Collection steps completed';
    case 'CUSTOMER_REQUEST_CHANGED':
      if (!d.previous_status) return `Customer request created (${str(d.status)})`;
      if (d.previous_status === d.status) return `Customer request still ${str(d.status)}: ${formsSummary(d.forms)}`;
      return `Customer request ${str(d.previous_status)} → ${str(d.status)}`;
    case 'FORM_STATE_CHANGED':
      return d.previous_status ? `Form ${str(d.previous_status)} → ${str(d.status)}` : `Form sent (${str(d.status)})`;
    case 'EMAIL_QUEUED':
      return `Request email queued for ${str(d.to)}`;
    case 'EMAIL_SENT':
      return `Request email sent to ${str(d.to)}`;
    case 'EMAIL_FAILED':
      return `Request email failed${d.error ? `: ${str(d.error)}` : ''}`;
    case 'CUSTOMER_REQUEST_ANSWERS_SAVED':
      return 'The customer saved answers';
    case 'CUSTOMER_REQUEST_DOCUMENT_UPLOADED':
      return `The customer uploaded ${humanize(str(d.document_type))} (${humanize(str(d.element)).toLowerCase()})`;
    case 'CUSTOMER_REQUEST_CHECK_STARTED':
      return `Check ${humanize(str(d.check_type))} started by the form`;
    case 'CUSTOMER_REQUEST_CHECK_NOT_STARTED':
      return `Check ${humanize(str(d.check_type))} could not start${d.error ? `: ${str(d.error)}` : ''}`;
    case 'CUSTOMER_REQUEST_APPLICATION_ADDED':
      return d.already_present ? `Product ${str(d.product_alias)} was already applied for` : `Product ${str(d.product_alias)} applied for`;
    case 'CUSTOMER_REQUEST_APPLICATION_NOT_ADDED':
      return `Product ${str(d.product_alias)} not added${d.reason ? `: ${str(d.reason)}` : ''}`;
    case 'CUSTOMER_REQUEST_FINISHED':
      return 'The customer pressed Finish';
    case 'WEBHOOK_DELIVERED':
      return `Webhook delivered: ${listOf(d.events)} (HTTP ${str(d.status)}, ${str(d.latency_ms)} ms)`;
    case 'WEBHOOK_DELIVERY_FAILED':
      return `Webhook failed: ${listOf(d.events)}${d.error ? ` — ${str(d.error)}` : ''}`;
    case 'WEBHOOK_QUEUE_STALLED':
      return `Webhook queue stalled${d.error ? `: ${str(d.error)}` : ''}`;
    case 'WEBHOOK_QUEUE_RECOVERED':
      return `Webhook queue recovered after ${str(d.failed_attempts)} failed attempt${d.failed_attempts === 1 ? '' : 's'}`;
    case 'WEBHOOK_TEST_EVENT':
      return `Test webhook queued: ${str(d.event)}`;
    case 'WEBHOOK_REPLAY_REQUESTED':
      return `Webhook replay queued: ${str((d.event as { type?: string } | undefined)?.type)}`;
    case 'CLOCK_CHANGED':
      return d.frozen ? `Clock set to ${str(d.now)} (frozen)` : `Clock moved to ${str(d.now)}${d.fired ? `; ${str(d.fired)} scheduled job${d.fired === 1 ? '' : 's'} ran` : ''}`;
    case 'CONFIG_CHANGED':
      return 'Configuration changed';
    case 'WORKSPACE_RESET':
      return 'Workspace reset: every profile, request and event was deleted';
    case 'JOB_FAILED':
      return `A scheduled job failed: ${str(d.kind)}`;
    default:
      return humanize(type);
  }
}

function formsSummary(forms: unknown): string {
  if (!Array.isArray(forms)) return 'a form changed';
  const done = forms.filter((f) => (f as { status?: string }).status !== 'SENT').length;
  return `${done} of ${forms.length} form${forms.length === 1 ? '' : 's'} done`;
}

function countOf(ids: unknown, noun: string): string {
  const n = Array.isArray(ids) ? ids.length : 1;
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function listOf(v: unknown): string {
  if (!Array.isArray(v)) return str(v);
  if (v.length <= 2) return v.map(str).join(', ');
  return `${v.slice(0, 2).map(str).join(', ')} and ${v.length - 2} more`;
}

/** Events a person cares about on a profile's timeline; the deprecated duplicates are left out. */
export const HIDDEN_ON_TIMELINE = new Set(['COLLECTED_DATA_UPDATED', 'PRODUCT_BADGE_CHANGED', 'CUSTOMER_REQUEST_ANSWERS_SAVED']);

/** What a scheduled job will do when the clock reaches it, for the clock page. */
export function describeJob(kind: string): string {
  switch (kind) {
    case 'customer-request-expiry':
      return "A customer request's open forms expire";
    case 'task-expiry':
      return 'A task expires and a fresh one replaces it';
    case 'check-complete':
      return 'An asynchronous check completes';
    default:
      return humanize(kind.replace(/-/g, '_').toUpperCase());
  }
}
