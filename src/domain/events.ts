import { ErrorCode, PassFortError, invalidInput, notFound } from '../core/errors.js';
import { formatDateTime } from '../core/dates.js';
import type { DomainContext } from './context.js';
import { eventsOf, tasksOf } from './collections.js';
import { addAudit } from './audit.js';
import { Msg } from './messages.js';
import { eventBase, SMART_POLICY } from './event-data.js';
import { getProfile } from './profiles.js';
import { refreshApplications } from './application-state.js';

/**
 * Profile events: PEP, sanction, adverse media and refer flags raised by screening (or
 * added through the API). An UNRESOLVED event blocks approval and shows in the profile's
 * `unresolved_event_types` until someone resolves it.
 */

export const EVENT_RESOLUTIONS = ['UNRESOLVED', 'MISMATCH', 'MATCH', 'IGNORE', 'CREATED_TASK'] as const;
export type EventResolution = (typeof EVENT_RESOLUTIONS)[number];
export const FLAG_EVENT_TYPES = ['PEP_FLAG', 'SANCTION_FLAG', 'ADVERSE_MEDIA_FLAG', 'REFER_FLAG'] as const;

export interface EventDoc {
  id: string;
  profile_id: string;
  creation_date: number;
  resolution: EventResolution;
  resolution_reason: string | null;
  resolution_date: number | null;
  resolution_task_ids: string[];
  data: { event_type: string; match_id?: string } & Record<string, unknown>;
  /** The screening check that raised it, if any. */
  check_id: string | null;
}

export function listEvents(ctx: DomainContext, profileId: string): EventDoc[] {
  getProfile(ctx, profileId);
  return ctx.repo.list<EventDoc>(eventsOf(profileId));
}

export function getEvent(ctx: DomainContext, profileId: string, eventId: string): EventDoc {
  getProfile(ctx, profileId);
  const event = ctx.repo.get<EventDoc>(eventsOf(profileId), eventId);
  if (!event) throw notFound(Msg.eventNotFound(eventId, profileId), { event_id: eventId, profile_id: profileId });
  return event;
}

function newEvent(ctx: DomainContext, profileId: string, data: EventDoc['data'], checkId: string | null): EventDoc {
  const event: EventDoc = {
    id: ctx.ids.uuid(),
    profile_id: profileId,
    creation_date: ctx.now,
    resolution: 'UNRESOLVED',
    resolution_reason: null,
    resolution_date: null,
    resolution_task_ids: [],
    data,
    check_id: checkId,
  };
  ctx.repo.put(eventsOf(profileId), event);
  addAudit(ctx, profileId, 'added-event', `${data.event_type} event raised${data.match_name ? ` for ${String(data.match_name)}` : ''}`, {
    event_id: event.id,
    event_type: data.event_type,
    ...(checkId ? { check_id: checkId } : {}),
  });
  return event;
}

/**
 * Events from a screening check's hits. A match already raised on this profile (same type
 * and match id) is not raised again, as ongoing monitoring only reports new matches.
 */
export function raiseScreeningEvents(ctx: DomainContext, profileId: string, checkId: string, hits: EventDoc['data'][]): EventDoc[] {
  const existing = new Set(ctx.repo.list<EventDoc>(eventsOf(profileId)).map((e) => `${e.data.event_type}:${e.data.match_id ?? ''}`));
  const created = hits.filter((h) => !existing.has(`${h.event_type}:${h.match_id ?? ''}`)).map((h) => newEvent(ctx, profileId, h, checkId));
  if (created.length > 0) {
    ctx.emit('EVENTS_CREATED', { ...eventBase(ctx, profileId, SMART_POLICY), event_ids: created.map((e) => e.id), check_id: checkId });
  }
  return created;
}

/** `POST /profiles/{id}/events`: an event added by hand. */
export function createEvent(
  ctx: DomainContext,
  profileId: string,
  input: { data: EventDoc['data']; resolution?: EventResolution; resolution_reason?: string; resolution_task_ids?: string[] },
): EventDoc {
  getProfile(ctx, profileId);
  if (!(FLAG_EVENT_TYPES as readonly string[]).includes(input.data.event_type)) {
    throw invalidInput(Msg.unknownEventType(input.data.event_type), { field: 'data.event_type' });
  }
  let event = newEvent(ctx, profileId, input.data, null);
  if (input.resolution && input.resolution !== 'UNRESOLVED') event = applyResolution(ctx, event, input, 'resolution');
  ctx.emit('EVENTS_CREATED', { ...eventBase(ctx, profileId), event_ids: [event.id], check_id: null });
  refreshApplications(ctx, profileId);
  return event;
}

export interface ResolutionInput {
  resolution?: EventResolution | undefined;
  resolution_reason?: string | undefined;
  resolution_task_ids?: string[] | undefined;
}

function applyResolution(ctx: DomainContext, event: EventDoc, input: ResolutionInput, field: string): EventDoc {
  const resolution = input.resolution ?? event.resolution;
  const taskIds = input.resolution_task_ids ?? (resolution === event.resolution ? event.resolution_task_ids : []);
  taskIds.forEach((id, i) => {
    if (!ctx.repo.get(tasksOf(event.profile_id), id)) {
      throw invalidInput(Msg.taskNotFound(id, event.profile_id), { field: `${field.replace(/resolution$/, '')}resolution_task_ids[${i}]` });
    }
  });
  if (resolution === 'CREATED_TASK' && taskIds.length === 0) {
    throw new PassFortError(400, ErrorCode.MISSING_REQUIRED_FIELDS, Msg.createdTaskNeedsTasks, { field: field.replace(/resolution$/, 'resolution_task_ids') });
  }
  const updated: EventDoc = {
    ...event,
    resolution,
    resolution_reason: input.resolution_reason ?? (resolution === event.resolution ? event.resolution_reason : null),
    resolution_date: resolution === 'UNRESOLVED' ? null : resolution === event.resolution ? event.resolution_date : ctx.now,
    resolution_task_ids: taskIds,
  };
  ctx.repo.put(eventsOf(event.profile_id), updated);
  return updated;
}

/** `POST …/events/{event_id}`: resolve (or reopen) an event. */
export function updateEvent(ctx: DomainContext, profileId: string, eventId: string, input: ResolutionInput): EventDoc {
  const event = getEvent(ctx, profileId, eventId);
  const updated = applyResolution(ctx, event, input, 'resolution');
  addAudit(ctx, profileId, 'event-resolution', `${event.data.event_type} event ${event.resolution} → ${updated.resolution}`, {
    event_id: eventId,
    old_resolution: event.resolution,
    new_resolution: updated.resolution,
  });
  ctx.emit('EVENTS_UPDATED', { ...eventBase(ctx, profileId), event_ids: [eventId] });
  refreshApplications(ctx, profileId);
  return updated;
}

/** `POST …/events/bulk_update`: all or nothing; any unknown id refuses the whole batch. */
export function bulkUpdateEvents(ctx: DomainContext, profileId: string, items: (ResolutionInput & { id: string })[]): EventDoc[] {
  getProfile(ctx, profileId);
  if (items.length === 0) throw new PassFortError(400, ErrorCode.MISSING_REQUIRED_FIELDS, Msg.bulkUpdateEmpty, { field: '(body)' });
  const seen = new Set<string>();
  const updated = items.map((item, i) => {
    if (seen.has(item.id)) throw invalidInput(Msg.eventTwiceInBulk(item.id), { field: `[${i}].id` });
    seen.add(item.id);
    const event = ctx.repo.get<EventDoc>(eventsOf(profileId), item.id);
    if (!event) throw invalidInput(Msg.eventNotFound(item.id, profileId), { field: `[${i}].id` });
    return applyResolution(ctx, event, item, `[${i}].resolution`);
  });
  addAudit(ctx, profileId, 'event-bulk-resolution', `${updated.length} event(s) resolved in bulk`, {
    event_ids: updated.map((e) => e.id),
    resolutions: updated.map((e) => e.resolution),
  });
  ctx.emit('EVENTS_UPDATED', { ...eventBase(ctx, profileId), event_ids: updated.map((e) => e.id) });
  refreshApplications(ctx, profileId);
  return updated;
}

export function presentEvent(e: EventDoc) {
  return {
    id: e.id,
    creation_date: formatDateTime(e.creation_date),
    resolution: e.resolution,
    ...(e.resolution_reason !== null ? { resolution_reason: e.resolution_reason } : {}),
    ...(e.resolution_date !== null ? { resolution_date: formatDateTime(e.resolution_date) } : {}),
    resolution_task_ids: e.resolution_task_ids,
    data: e.data,
  };
}

export type EventView = ReturnType<typeof presentEvent>;
