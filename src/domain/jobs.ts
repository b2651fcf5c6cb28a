import type { JobHandlers } from './context.js';
import { checkJobHandlers } from './checks.js';
import { applicationJobHandlers } from './applications.js';
import { customerRequestJobHandlers } from './customer-requests/expiry.js';

/**
 * Every kind of scheduled work the domain knows, by `Job.kind`. Modules that schedule
 * work (expiry, async checks, key expiry) add their handlers here.
 */
export const jobHandlers: JobHandlers = { ...checkJobHandlers, ...applicationJobHandlers, ...customerRequestJobHandlers };
