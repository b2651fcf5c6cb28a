import type { DomainContext } from '../context.js';

/** What the checks module tells the customer-request module about a finished check. */
export interface CompletedCheck {
  id: string;
  check_type: string;
  result: string | null;
  output_data?: unknown;
}

/**
 * Called by the checks module, in the same unit of work, whenever a check becomes COMPLETE.
 * Registration flows react here (a follow-up form when a company check finds shareholders).
 */
export function onCheckCompleted(_ctx: DomainContext, _profileId: string, _check: CompletedCheck): void {}
