import { z } from 'zod';
import { dateTime, PROFILE_CATEGORIES, PROFILE_STATUSES, role, uuid } from '../schemas/common.js';
import { entityData } from '../schemas/entity-data.js';

/** Request and response schemas of the profile operations. */

export const profileIdParam = z.object({ profile_id: uuid });

const applicationRequest = z.strictObject({
  product: z
    .strictObject({ alias: z.string().min(1).optional(), id: uuid.optional() })
    .refine((p) => p.alias !== undefined || p.id !== undefined, 'needs an alias or an id'),
  associated_role: z.string().optional(),
});

/** Read-only fields of a ProfileResource are accepted (clients round-trip profiles) and ignored. */
const readOnlyProfileFields = {
  id: z.unknown().optional(),
  creation_date: z.unknown().optional(),
  verified_data: z.unknown().optional(),
  checks: z.unknown().optional(),
  collection_steps: z.unknown().optional(),
  display_name: z.unknown().optional(),
  task_types: z.unknown().optional(),
  tasks: z.unknown().optional(),
  events: z.unknown().optional(),
  category: z.unknown().optional(),
  status: z.unknown().optional(),
  document_images: z.unknown().optional(),
  tags: z.unknown().optional(),
  risk: z.unknown().optional(),
  unresolved_event_types: z.unknown().optional(),
  task_progress: z.unknown().optional(),
  has_associates: z.unknown().optional(),
  has_collection_steps: z.unknown().optional(),
  linked_to: z.unknown().optional(),
};

export const createProfileBody = z.strictObject({
  role,
  collected_data: entityData,
  applications: z.array(applicationRequest).optional(),
  ...readOnlyProfileFields,
});

export const tagResource = z.object({ id: uuid, name: z.string(), is_automatic: z.boolean() });

export const profileResource = z.looseObject({
  id: uuid,
  creation_date: dateTime,
  role: z.string(),
  display_name: z.string(),
  category: z.enum(PROFILE_CATEGORIES),
  status: z.enum(PROFILE_STATUSES),
  tags: z.array(tagResource),
});

export const profileSearchQuery = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(200, 'must be at most 200').default(50),
  offset: z.coerce.number().int('must be a whole number').min(0).default(0),
  categories: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      const parts = s.split(',').map((p) => p.trim());
      const bad = parts.filter((p) => !(PROFILE_CATEGORIES as readonly string[]).includes(p));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `unknown categories ${bad.join(', ')}; use ${PROFILE_CATEGORIES.join(', ')}` });
        return z.NEVER;
      }
      return parts as (typeof PROFILE_CATEGORIES)[number][];
    }),
  apikey: z.string().optional(),
});

export const profileSearchResults = z.object({
  count: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  results: z.array(profileResource),
  associated_results: z.array(profileResource),
});

/** PassFort sends the status as a bare JSON string; an object with `status` is accepted too. */
export const statusBody = z.union([z.enum(PROFILE_STATUSES), z.strictObject({ status: z.enum(PROFILE_STATUSES) })], {
  error: () => `must be one of ${PROFILE_STATUSES.join(', ')} (a JSON string, or {"status": …})`,
});
export const addTagBody = z.strictObject({ name: z.string().min(1).max(200), id: z.unknown().optional(), is_automatic: z.unknown().optional() });
