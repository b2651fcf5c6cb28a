import { isPassFortError, PassFortError } from '../core/errors.js';
import type { DomainContext } from './context.js';
import type { ProfileDoc } from './profiles.js';
import { addApplication } from './applications.js';
import { onCollectedDataChanged as collectionStepsOnDataChanged } from './collection-steps.js';

/** An application asked for when a profile is created: a product by alias or id. */
export interface ApplicationRequest {
  product: { alias?: string; id?: string };
  associated_role?: string;
}

/**
 * What the smart policy does when a profile is created: apply the products asked for in
 * `applications`, or else every auto-apply product for the profile's entity type (customers
 * only: associates get applications when they are linked), creating their tasks and running
 * their automatic checks. Cost is per product, never per stored profile.
 */
export function onProfileCreated(ctx: DomainContext, profile: ProfileDoc, requested?: ApplicationRequest[]): void {
  const entity = profile.collected_data.entity_type;
  const wanted =
    requested ??
    (profile.role.endsWith('_CUSTOMER')
      ? ctx.config.products.filter((p) => p.automatically_apply && p.entity_type === entity).map((p) => ({ product: { alias: p.alias } }))
      : []);
  wanted.forEach((request, i) => {
    try {
      addApplication(ctx, profile.id, request);
    } catch (err) {
      throw requested ? withFieldPrefix(err, `applications[${i}]`) : err;
    }
  });
}

/** Errors about one requested application name it by its place in the request. */
function withFieldPrefix(err: unknown, prefix: string): unknown {
  if (!isPassFortError(err) || typeof err.info.field !== 'string') return err;
  return new PassFortError(err.status, err.code, err.message, { ...err.info, field: `${prefix}.${err.info.field}` }, { source: err.source });
}

/** What the smart policy does when collected data changes: collection steps may now be done. */
export function onCollectedDataChanged(ctx: DomainContext, profile: ProfileDoc): void {
  collectionStepsOnDataChanged(ctx, profile);
}
