import type { DomainContext } from '../context.js';
import { applicationsOf } from '../collections.js';
import { addApplication } from '../applications.js';
import { putRequest } from './store.js';
import type { CustomerRequestDoc } from './types.js';

interface ApplicationLike {
  id: string;
  status?: string;
  hidden?: boolean;
  product?: { alias?: string | null; id?: string | null };
}

const OPEN_APPLICATION = new Set(['APPLIED', 'APPROVED', 'IN_REVIEW']);

/**
 * What completing a request brings: for a registration flow, its product application
 * (unless the profile already has one for that product, e.g. from auto-apply).
 */
export function onRequestCompleted(ctx: DomainContext, req: CustomerRequestDoc): CustomerRequestDoc {
  if (req.type !== 'FLOW' || !req.product_alias || req.application_id) return req;
  const alias = req.product_alias;
  if (!ctx.config.products.some((p) => p.alias === alias)) {
    // The config changed since the request was sent: say so rather than fail the customer's last step.
    const updated: CustomerRequestDoc = {
      ...req,
      history: [...req.history, { at: ctx.now, event: 'APPLICATION_NOT_ADDED', detail: { product_alias: alias, reason: 'no product has this alias any more' }, actor: ctx.actor.name }],
    };
    putRequest(ctx, updated);
    ctx.emit('CUSTOMER_REQUEST_APPLICATION_NOT_ADDED', { profile_id: req.profile_id, customer_request_id: req.id, product_alias: alias, reason: 'unknown product alias' });
    return updated;
  }
  const existing = ctx.repo
    .list<ApplicationLike>(applicationsOf(req.profile_id))
    .find((a) => a.product?.alias === alias && !a.hidden && OPEN_APPLICATION.has(a.status ?? 'APPLIED'));
  const application = existing ?? (addApplication(ctx, req.profile_id, { product: { alias } }) as ApplicationLike);
  const updated: CustomerRequestDoc = {
    ...req,
    application_id: application.id,
    history: [
      ...req.history,
      {
        at: ctx.now,
        event: existing ? 'APPLICATION_ALREADY_PRESENT' : 'APPLICATION_ADDED',
        detail: { product_alias: alias, application_id: application.id },
        actor: ctx.actor.name,
      },
    ],
  };
  putRequest(ctx, updated);
  ctx.emit('CUSTOMER_REQUEST_APPLICATION_ADDED', {
    profile_id: req.profile_id,
    customer_request_id: req.id,
    product_alias: alias,
    application_id: application.id,
    already_present: Boolean(existing),
  });
  return updated;
}
