import type { DomainContext } from './context.js';
import type { ProfileDoc } from './profiles.js';

/** An application asked for when a profile is created: a product by alias or id. */
export interface ApplicationRequest {
  product: { alias?: string; id?: string };
  associated_role?: string;
}

/**
 * What the smart policy does when a profile is created: apply the requested products (or
 * the auto-apply ones), create their tasks and run their automatic checks. The products
 * module replaces this body (issue: the whole API 4.0).
 */
export function onProfileCreated(_ctx: DomainContext, _profile: ProfileDoc, _requested?: ApplicationRequest[]): void {}
