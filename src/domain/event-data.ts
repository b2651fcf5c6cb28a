import { attribution } from './attribution.js';
import type { DomainContext } from './context.js';
import { getProfile } from './profiles.js';

/**
 * What every product webhook's `data` starts with: the profile, the integrator's own
 * reference (PassFort includes `customer_ref` in webhooks) and who caused the change.
 */
export function eventBase(ctx: DomainContext, profileId: string, actor = ctx.actor) {
  const profile = getProfile(ctx, profileId);
  return { profile_id: profileId, customer_ref: profile.collected_data.customer_ref ?? null, ...attribution(actor) };
}

/** The smart policy acts on its own: webhooks show neither an API key nor a user. */
export const SMART_POLICY = { kind: 'smart_policy', name: 'Smart policy' } as const;
