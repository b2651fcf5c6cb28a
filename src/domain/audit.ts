import type { Actor, DomainContext } from './context.js';
import { auditOf } from './collections.js';

/** PassFort's audit `action` names (the ones the sandbox produces). */
export type AuditAction =
  | 'created-profile'
  | 'replace-collected-data'
  | 'added-a-tag'
  | 'removed-a-tag'
  | 'profile-status-changed'
  | 'added-product'
  | 'profile-application-status-changed'
  | 'revert-decision'
  | 'auto-decision'
  | 'manual-decision'
  | 'added-a-task'
  | 'completed-a-task'
  | 'uncompleted-a-task'
  | 'instructed-check'
  | 'updated-check'
  | 'added-a-task-note'
  | 'deleted-a-task-note'
  | 'added-event'
  | 'event-resolution'
  | 'event-bulk-resolution'
  | 'uploaded-a-document'
  | 'attach-file'
  | 'added-a-file'
  | 'requested-data'
  | 'submitted-data'
  | 'comment'
  | 'view';

export interface AuditItemDoc {
  id: string;
  profileID: string;
  action: AuditAction;
  user: { id: string | null; name: string; email: string | null } | null;
  apikey: { name: string; expiry: string | null } | null;
  /** Unix seconds, as PassFort's audit items. */
  timestamp: number;
  message: string;
  ref_data: Record<string, unknown>;
  /** Monotonic order within the profile (timestamps can tie, and the clock can move back). */
  order: number;
}

export function actorAttribution(actor: Actor): Pick<AuditItemDoc, 'user' | 'apikey'> {
  if (actor.kind === 'apikey') return { user: null, apikey: { name: actor.name, expiry: null } };
  if (actor.kind === 'user' || actor.kind === 'customer') return { user: { id: actor.id ?? null, name: actor.name, email: actor.email ?? null }, apikey: null };
  return { user: null, apikey: null };
}

export function addAudit(
  ctx: DomainContext,
  profileId: string,
  action: AuditAction,
  message: string,
  ref_data: Record<string, unknown> = {},
): AuditItemDoc {
  const col = auditOf(profileId);
  const item: AuditItemDoc = {
    id: ctx.ids.uuid(),
    profileID: profileId,
    action,
    ...actorAttribution(ctx.actor),
    timestamp: Math.floor(ctx.now / 1000),
    message,
    ref_data,
    order: ctx.repo.count(col),
  };
  ctx.repo.put(col, item);
  return item;
}

export function listAudit(ctx: DomainContext, profileId: string): AuditItemDoc[] {
  return ctx.repo.list<AuditItemDoc>(auditOf(profileId));
}
