import { OpenAPIHono, z } from '@hono/zod-openapi';
import { addTag, getProfile, removeTag, searchTags } from '../../domain/profiles.js';
import { uuid } from '../../schemas/common.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, jsonResponse, passfortHook } from '../openapi.js';
import { addTagBody, profileIdParam, tagResource } from '../schemas.js';

const tags = ['Tags'];

export const tagRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/tags',
      tags,
      summary: 'Add a tag to a profile',
      request: { params: profileIdParam, body: jsonBody(addTagBody) },
      responses: { 200: jsonResponse(tagResource, 'The tag') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const { name } = c.req.valid('json');
      return c.json(c.get('workspace').run((ctx) => addTag(ctx, profile_id, name), c.get('actor')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/profiles/{profile_id}/tags/{tag_id}',
      tags,
      summary: 'Remove a tag from a profile',
      request: { params: profileIdParam.extend({ tag_id: uuid }) },
      responses: { 200: jsonResponse(tagResource, 'The removed tag') },
    }),
    (c) => {
      const { profile_id, tag_id } = c.req.valid('param');
      const tag = c.get('workspace').run((ctx) => {
        const found = getProfile(ctx, profile_id).tags.find((t) => t.id === tag_id);
        removeTag(ctx, profile_id, tag_id);
        return found!;
      }, c.get('actor'));
      return c.json(tag, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tags/search/{term}',
      tags,
      summary: 'Search the workspace tags by name',
      request: {
        params: z.object({ term: z.string().min(1).max(200) }),
        query: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional(), apikey: z.string().optional() }),
      },
      responses: { 200: jsonResponse(z.array(tagResource), 'Matching tags') },
    }),
    (c) => {
      const { term } = c.req.valid('param');
      const { limit } = c.req.valid('query');
      return c.json(c.get('workspace').read((ctx) => searchTags(ctx, term, limit)), 200);
    },
  );
