import type { JobHandlers } from '../context.js';
import { expireRequest } from './collection.js';
import { EXPIRY_JOB_KIND } from './types.js';

/** Job handlers of customer requests, for src/domain/jobs.ts: forms expire on the workspace clock. */
export const customerRequestJobHandlers: JobHandlers = {
  [EXPIRY_JOB_KIND]: (ctx, job) => expireRequest(ctx, String(job.payload.request_id)),
};
