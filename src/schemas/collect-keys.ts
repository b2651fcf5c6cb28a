import { z } from 'zod';
import { dateTime, uuid } from './common.js';

/** Collect API keys: short-lived keys scoped to profiles. */

export const collectKeyBody = z.strictObject({ profile_ids: z.array(uuid).min(1, 'give at least one profile id').max(100) });
export const collectKeyResource = z.object({
  name: z.string(),
  key: z.string().describe('Use as the apikey header or query parameter, for these profiles only'),
  expiry: dateTime.describe('Workspace time; one hour after issue (sandbox)'),
});
