import { z } from 'zod';
import { dateTime, uuid } from './common.js';

/** Profile events (PEP, sanction, media and refer flags) and their resolution. */

export const EVENT_RESOLUTIONS = ['UNRESOLVED', 'MISMATCH', 'MATCH', 'IGNORE', 'CREATED_TASK'] as const;
export const FLAG_EVENT_TYPES = ['PEP_FLAG', 'SANCTION_FLAG', 'ADVERSE_MEDIA_FLAG', 'REFER_FLAG'] as const;

export const eventResolution = z.enum(EVENT_RESOLUTIONS, {
  error: (i) => `must be one of ${EVENT_RESOLUTIONS.join(', ')}, got ${JSON.stringify(i.input)}`,
});

export const eventData = z.looseObject({
  event_type: z.enum(FLAG_EVENT_TYPES, {
    error: (i) => `must be one of ${FLAG_EVENT_TYPES.join(', ')}, got ${JSON.stringify(i.input)}`,
  }),
  match_id: z.string().optional(),
  provider_name: z.string().optional(),
  match_name: z.string().optional(),
  score: z.number().min(0).max(1).optional(),
});

const readOnly = { id: z.unknown().optional(), creation_date: z.unknown().optional(), resolution_date: z.unknown().optional() };

export const createEventBody = z.strictObject({
  data: eventData,
  resolution: eventResolution.optional(),
  resolution_reason: z.string().max(2000).optional(),
  resolution_task_ids: z.array(uuid).optional(),
  ...readOnly,
});

const resolutionFields = {
  resolution: eventResolution.optional(),
  resolution_reason: z.string().max(2000).optional(),
  resolution_task_ids: z.array(uuid).optional(),
  data: z.unknown().optional(),
  creation_date: z.unknown().optional(),
  resolution_date: z.unknown().optional(),
};

export const updateEventBody = z.strictObject({ id: z.unknown().optional(), ...resolutionFields });
export const bulkUpdateBody = z.array(z.strictObject({ id: uuid, ...resolutionFields })).min(1, 'give at least one event');

export const eventResource = z.looseObject({
  id: uuid,
  creation_date: dateTime,
  resolution: eventResolution,
  resolution_reason: z.string().optional(),
  resolution_date: dateTime.optional(),
  resolution_task_ids: z.array(uuid),
  data: eventData,
});
