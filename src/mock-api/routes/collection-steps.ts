import { OpenAPIHono, z } from '@hono/zod-openapi';
import { outstandingSteps, setCollectionSteps } from '../../domain/collection-steps.js';
import { getProfile } from '../../domain/profiles.js';
import { collectionStep, collectionStepsBody } from '../../schemas/collection-steps.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';
import { profileIdParam } from '../schemas.js';

const tags = ['Collection steps'];

export const collectionStepRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/collection_steps',
      tags,
      summary: 'The collection steps still outstanding (a step disappears once collected data holds what it asks for)',
      request: { params: profileIdParam },
      responses: { 200: resourceResponse(z.array(collectionStep), 'The outstanding steps') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      return c.json(
        c.get('workspace').read((ctx) => {
          getProfile(ctx, profile_id);
          return outstandingSteps(ctx, profile_id);
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/collection_steps',
      tags,
      summary: 'Replace the collection steps; while any remain, checks wait in PENDING and applications show WAITING_ON_COLLECTION_STEPS',
      request: { params: profileIdParam, body: jsonBody(collectionStepsBody) },
      responses: { 200: resourceResponse(z.array(collectionStep), 'The outstanding steps') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const steps = c.req.valid('json');
      return c.json(c.get('workspace').run((ctx) => setCollectionSteps(ctx, profile_id, steps), c.get('actor')), 200);
    },
  );
