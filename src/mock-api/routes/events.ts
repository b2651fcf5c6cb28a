import { OpenAPIHono, z } from '@hono/zod-openapi';
import { bulkUpdateEvents, createEvent, getEvent, listEvents, presentEvent, updateEvent } from '../../domain/events.js';
import { uuid } from '../../schemas/common.js';
import { bulkUpdateBody, createEventBody, eventResource, updateEventBody } from '../../schemas/events.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';
import { profileIdParam } from '../schemas.js';

const tags = ['Events'];
const eventParams = profileIdParam.extend({ event_id: uuid });

// bulk_update is registered before {event_id}: the first matching route answers.
export const eventRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/events',
      tags,
      summary: "List a profile's events (PEP, sanction, adverse media and refer flags)",
      request: { params: profileIdParam },
      responses: { 200: resourceResponse(z.array(eventResource), 'The events') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => listEvents(ctx, profile_id).map(presentEvent)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/events',
      tags,
      summary: 'Raise an event by hand',
      request: { params: profileIdParam, body: jsonBody(createEventBody) },
      responses: { 200: resourceResponse(eventResource, 'The event') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const body = c.req.valid('json');
      const event = c.get('workspace').run(
        (ctx) =>
          createEvent(ctx, profile_id, {
            data: body.data,
            ...(body.resolution ? { resolution: body.resolution } : {}),
            ...(body.resolution_reason ? { resolution_reason: body.resolution_reason } : {}),
            ...(body.resolution_task_ids ? { resolution_task_ids: body.resolution_task_ids } : {}),
          }),
        c.get('actor'),
      );
      return c.json(presentEvent(event), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/events/bulk_update',
      tags,
      summary: 'Resolve several events at once (all or nothing)',
      request: { params: profileIdParam, body: jsonBody(bulkUpdateBody) },
      responses: { 200: resourceResponse(z.array(eventResource), 'The events') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const items = c.req.valid('json');
      return c.json(c.get('workspace').run((ctx) => bulkUpdateEvents(ctx, profile_id, items).map(presentEvent), c.get('actor')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/events/{event_id}',
      tags,
      summary: 'Get an event',
      request: { params: eventParams },
      responses: { 200: resourceResponse(eventResource, 'The event') },
    }),
    (c) => {
      const { profile_id, event_id } = c.req.valid('param');
      return c.json(presentEvent(c.get('workspace').read((ctx) => getEvent(ctx, profile_id, event_id))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/events/{event_id}',
      tags,
      summary: 'Resolve (MISMATCH, MATCH, IGNORE, CREATED_TASK) or reopen (UNRESOLVED) an event',
      request: { params: eventParams, body: jsonBody(updateEventBody) },
      responses: { 200: resourceResponse(eventResource, 'The event') },
    }),
    (c) => {
      const { profile_id, event_id } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(presentEvent(c.get('workspace').run((ctx) => updateEvent(ctx, profile_id, event_id, body), c.get('actor'))), 200);
    },
  );
