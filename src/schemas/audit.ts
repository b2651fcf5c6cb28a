import { z } from 'zod';
import { uuid } from './common.js';

/** Audit items as returned by /audit-items. */

export const auditItem = z.looseObject({
  id: uuid,
  profileID: uuid,
  action: z.string(),
  user: z.looseObject({ name: z.string() }).nullable(),
  apikey: z.looseObject({ name: z.string() }).nullable(),
  timestamp: z.number().int().describe('Unix seconds'),
  message: z.string().nullable(),
  ref_data: z.record(z.string(), z.unknown()).nullable(),
  filename: z.string().nullable(),
  filehash: z.string().nullable(),
  signature: z.string().nullable(),
});
