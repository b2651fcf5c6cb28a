import { notFound } from '../../core/errors.js';
import type { DomainContext } from '../context.js';
import { CUSTOMER_REQUESTS } from '../collections.js';
import { CrMsg } from './messages.js';
import type { CustomerRequestDoc, UploadDoc } from './types.js';

/**
 * Where requests live: one workspace collection by request id (the collection back end only
 * knows the id), a small per-profile index in creation order (the API asks "the latest of
 * this profile"), and uploads per request.
 */

export const requestsOfProfile = (profileId: string) => `customer_requests_of/${profileId}`;
export const uploadsOf = (requestId: string) => `customer_request_uploads/${requestId}`;

interface IndexDoc {
  id: string;
  created_at: number;
}

export function findRequest(ctx: DomainContext, id: string): CustomerRequestDoc | undefined {
  return ctx.repo.get<CustomerRequestDoc>(CUSTOMER_REQUESTS, id);
}

export function getRequest(ctx: DomainContext, id: string): CustomerRequestDoc {
  const req = findRequest(ctx, id);
  if (!req) throw notFound(CrMsg.requestNotFound(id), { customer_request_id: id });
  return req;
}

export function putRequest(ctx: DomainContext, req: CustomerRequestDoc, isNew = false): void {
  ctx.repo.put(CUSTOMER_REQUESTS, req);
  if (isNew) ctx.repo.put<IndexDoc>(requestsOfProfile(req.profile_id), { id: req.id, created_at: req.created_at });
}

/** The most recently created request of a profile. */
export function latestRequestOf(ctx: DomainContext, profileId: string): CustomerRequestDoc | undefined {
  const index = ctx.repo.list<IndexDoc>(requestsOfProfile(profileId));
  const last = index[index.length - 1];
  return last ? findRequest(ctx, last.id) : undefined;
}

export function requestsOf(ctx: DomainContext, profileId: string): CustomerRequestDoc[] {
  return ctx.repo
    .list<IndexDoc>(requestsOfProfile(profileId))
    .map((i) => findRequest(ctx, i.id))
    .filter((r): r is CustomerRequestDoc => r !== undefined);
}

export function allRequests(ctx: DomainContext): CustomerRequestDoc[] {
  return ctx.repo.list<CustomerRequestDoc>(CUSTOMER_REQUESTS);
}

export function uploadsOfForm(ctx: DomainContext, requestId: string, formId: string): UploadDoc[] {
  return ctx.repo.list<UploadDoc>(uploadsOf(requestId)).filter((u) => u.form_id === formId);
}
