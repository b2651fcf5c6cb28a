import type { DomainContext } from '../context.js';
import { applicationsOf } from '../collections.js';
import { addApplication } from '../applications.js';
import { putRequest } from './store.js';
import type { CustomerRequestDoc } from './types.js';

interface ApplicationLike {
  id: string;
  product?: { alias?: string | null; id?: string | null };
}

/**
 * What completing a request brings: for a registration flow, its product application
 * (unless the profile already has one for that product, e.g. from auto-apply).
 */
export function onRequestCompleted(ctx: DomainContext, req: CustomerRequestDoc): CustomerRequestDoc {
  if (req.type !== 'FLOW' || !req.product_alias || req.application_id) return req;
  const alias = req.product_alias;
  const existing = ctx.repo.list<ApplicationLike>(applicationsOf(req.profile_id)).find((a) => a.product?.alias === alias);
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
