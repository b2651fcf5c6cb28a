import { OpenAPIHono, z } from '@hono/zod-openapi';
import { createProfile, getProfile, etagOf, replaceCollectedData, setProfileStatus } from '../../domain/profiles.js';
import { presentProfile, searchProfiles } from '../../domain/profile-view.js';
import { entityData } from '../../schemas/entity-data.js';
import { PROFILE_STATUSES } from '../../schemas/common.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, jsonResponse, passfortHook } from '../openapi.js';
import {
  createProfileBody,
  profileIdParam,
  profileResource,
  profileSearchQuery,
  profileSearchResults,
  statusBody,
} from '../schemas.js';

const tags = ['Profiles'];

export const profileRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles',
      tags,
      summary: 'Search profiles (newest first)',
      request: { query: profileSearchQuery },
      responses: { 200: jsonResponse(profileSearchResults, 'Matching profiles') },
    }),
    (c) => {
      const query = c.req.valid('query');
      // Kept serialised like a single profile (below): a page of 50 is 50 summaries, each reading
      // its profile's applications, and lists are what dashboards and integrator UIs poll. Any
      // change to the profiles, or to the applications of a profile on the page, drops it.
      const key = `profiles:${JSON.stringify([query.q ?? null, query.limit, query.offset, query.categories ?? null])}`;
      const json = c.get('workspace').readCached(key, (ctx) => JSON.stringify({ ...searchProfiles(ctx, query), associated_results: [] }));
      return c.body(json, 200, { 'content-type': 'application/json' }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles',
      tags,
      summary: 'Create a profile; applies products and runs their automatic checks',
      request: { body: jsonBody(createProfileBody) },
      responses: { 200: jsonResponse(profileResource, 'The new profile') },
    }),
    (c) => {
      const body = c.req.valid('json');
      const view = c.get('workspace').run((ctx) => presentProfile(ctx, createProfile(ctx, body)), c.get('actor'));
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}',
      tags,
      summary: 'Get a profile',
      request: { params: profileIdParam },
      responses: { 200: jsonResponse(profileResource, 'The profile') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      // Kept serialised until a commit touches what it was built from: a profile with its checks
      // is ~4.5 KB of JSON, and clients poll it while they wait for checks.
      const json = c.get('workspace').readCached(`profile:${profile_id}`, (ctx) => JSON.stringify(presentProfile(ctx, getProfile(ctx, profile_id))));
      return c.body(json, 200, { 'content-type': 'application/json' }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/collected_data',
      tags,
      summary: 'Get collected data, with its weak ETag',
      request: { params: profileIdParam },
      responses: { 200: jsonResponse(entityData, 'The collected data') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const profile = c.get('workspace').read((ctx) => getProfile(ctx, profile_id));
      c.header('ETag', etagOf(profile));
      return c.json(profile.collected_data, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/collected_data',
      tags,
      summary: 'Replace collected data (no merge); If-Match guards against lost updates',
      request: {
        params: profileIdParam,
        headers: z.object({ 'if-match': z.string().optional() }),
        body: jsonBody(entityData),
      },
      responses: { 200: jsonResponse(entityData, 'The new collected data') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const data = c.req.valid('json');
      const ifMatch = c.req.header('if-match');
      const profile = c.get('workspace').run((ctx) => replaceCollectedData(ctx, profile_id, data, ifMatch), c.get('actor'));
      c.header('ETag', etagOf(profile));
      return c.json(profile.collected_data, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/status',
      tags,
      summary: 'Get the profile status',
      request: { params: profileIdParam },
      responses: { 200: jsonResponse(z.enum(PROFILE_STATUSES), 'The status') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => getProfile(ctx, profile_id)).status, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/status',
      tags,
      summary: 'Suspend, ban or restore a profile',
      request: { params: profileIdParam, body: jsonBody(statusBody) },
      responses: { 200: jsonResponse(z.enum(PROFILE_STATUSES), 'The new status') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const body = c.req.valid('json');
      const status = typeof body === 'string' ? body : body.status;
      const profile = c.get('workspace').run((ctx) => setProfileStatus(ctx, profile_id, status), c.get('actor'));
      return c.json(profile.status, 200);
    },
  );
