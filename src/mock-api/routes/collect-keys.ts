import { OpenAPIHono } from '@hono/zod-openapi';
import { issueCollectKey } from '../../domain/collect-keys.js';
import { getProfile } from '../../domain/profiles.js';
import { collectKeyBody, collectKeyResource } from '../../schemas/collect-keys.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';
import { profileIdParam } from '../schemas.js';

const tags = ['Collect API keys'];

export const collectKeyRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'post',
      path: '/api_keys/collect',
      tags,
      summary: 'Issue a short-lived key that reads and writes only the listed profiles (/4.0/profiles/{id}/…)',
      request: { body: jsonBody(collectKeyBody) },
      responses: { 200: resourceResponse(collectKeyResource, 'The key') },
    }),
    (c) => {
      const { profile_ids } = c.req.valid('json');
      return c.json(c.get('workspace').run((ctx) => issueCollectKey(ctx, profile_ids), c.get('actor')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api_keys/collect/{profile_id}',
      tags,
      summary: 'Issue a short-lived key for one profile',
      request: { params: profileIdParam },
      responses: { 200: resourceResponse(collectKeyResource, 'The key') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      return c.json(
        c.get('workspace').run((ctx) => {
          getProfile(ctx, profile_id);
          return issueCollectKey(ctx, [profile_id]);
        }, c.get('actor')),
        200,
      );
    },
  );
