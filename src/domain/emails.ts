import { notFound } from '../core/errors.js';
import type { DomainContext } from './context.js';

/**
 * Emails the sandbox owes someone, kept as documents so none is lost: the unit of work that
 * decides to send (a FORMS customer request) queues one, and the mailer (a bus subscriber,
 * src/inbox) renders, sends and records each attempt with a unit of work of its own. A
 * failed send stays PENDING with its attempts and is retried; the request is never rolled back.
 */

export const EMAILS = 'emails';

export interface EmailAttempt {
  /** Workspace time, ms. */
  at: number;
  ok: boolean;
  error: string | null;
  /** Message-ID of the sent email. */
  message_id: string | null;
}

export interface EmailDoc {
  id: string;
  kind: 'customer_request';
  request_id: string;
  profile_id: string;
  to: string;
  /** The editable text for this email; null means the email theme's editable_text. */
  message: string | null;
  /** The request's scoped key, for the link `{form_url}?request_id=…&apikey=…`. */
  request_apikey: string;
  status: 'PENDING' | 'SENT';
  attempts: EmailAttempt[];
  created_at: number;
}

export interface QueueEmailInput {
  request_id: string;
  profile_id: string;
  to: string;
  message: string | null;
  request_apikey: string;
}

export function queueEmail(ctx: DomainContext, input: QueueEmailInput): EmailDoc {
  const email: EmailDoc = {
    id: ctx.ids.uuid(),
    kind: 'customer_request',
    ...input,
    status: 'PENDING',
    attempts: [],
    created_at: ctx.now,
  };
  ctx.repo.put(EMAILS, email);
  ctx.emit('EMAIL_QUEUED', { email_id: email.id, request_id: input.request_id, profile_id: input.profile_id, to: input.to });
  return email;
}

export function getEmail(ctx: DomainContext, id: string): EmailDoc {
  const email = ctx.repo.get<EmailDoc>(EMAILS, id);
  if (!email) throw notFound(`Email ${id} does not exist in this workspace`, { email_id: id });
  return email;
}

/** Records one send attempt; a success marks the email SENT. */
export function recordEmailAttempt(ctx: DomainContext, id: string, outcome: { ok: boolean; error?: string; message_id?: string }): EmailDoc {
  const email = getEmail(ctx, id);
  const attempt: EmailAttempt = { at: ctx.now, ok: outcome.ok, error: outcome.error ?? null, message_id: outcome.message_id ?? null };
  const updated: EmailDoc = { ...email, status: outcome.ok ? 'SENT' : email.status, attempts: [...email.attempts, attempt] };
  ctx.repo.put(EMAILS, updated);
  ctx.emit(outcome.ok ? 'EMAIL_SENT' : 'EMAIL_FAILED', {
    email_id: id,
    request_id: email.request_id,
    profile_id: email.profile_id,
    to: email.to,
    attempt: updated.attempts.length,
    ...(outcome.ok ? { message_id: attempt.message_id } : { error: attempt.error }),
  });
  return updated;
}

export function pendingEmails(ctx: DomainContext): EmailDoc[] {
  return ctx.repo.list<EmailDoc>(EMAILS).filter((e) => e.status === 'PENDING');
}

export function emailsOfRequest(ctx: DomainContext, requestId: string): EmailDoc[] {
  return ctx.repo.list<EmailDoc>(EMAILS).filter((e) => e.request_id === requestId);
}
