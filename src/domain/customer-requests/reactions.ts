import type { DomainContext } from '../context.js';
import { recordCheckCompleted } from './flow.js';
import { requestsOf } from './store.js';

/** What the checks module tells the customer-request module about a finished check. */
export interface CompletedCheck {
  id: string;
  check_type: string;
  result: string | null;
  output_data?: unknown;
}

/**
 * Called by the checks module, in the same unit of work, whenever a check becomes COMPLETE.
 * Registration flows react here (a follow-up form when a company check finds shareholders);
 * every request records the results of the checks it started.
 */
export function onCheckCompleted(ctx: DomainContext, profileId: string, check: CompletedCheck): void {
  // Newest first: the request that started this check is almost always the latest.
  const requests = requestsOf(ctx, profileId);
  for (let i = requests.length - 1; i >= 0; i--) {
    const req = requests[i]!;
    if (req.checks.some((c) => c.check_id === check.id || (c.check_type === check.check_type && c.state === 'STARTED'))) {
      recordCheckCompleted(ctx, req, check);
      return;
    }
  }
}
