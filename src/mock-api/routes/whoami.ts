import { OpenAPIHono, z } from '@hono/zod-openapi';
import { seededIds } from '../../core/ids.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonResponse, passfortHook } from '../openapi.js';

const whoami = z.object({
  institution: z.object({ name: z.string(), id: z.string() }),
  user: z.object({ name: z.string(), id: z.string(), email: z.string() }).nullable(),
});

export const whoamiRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook }).openapi(
  createRoute({
    method: 'get',
    path: '/whoami',
    tags: ['Other'],
    summary: 'The institution (workspace) of the API key; user is null for API keys',
    responses: { 200: jsonResponse(whoami, 'Who the key belongs to') },
  }),
  (c) => {
    const ws = c.get('workspace');
    // The institution id is stable per workspace, like a PassFort account's.
    const id = seededIds(`institution:${ws.id}`).uuid();
    return c.json({ institution: { name: ws.config.institution.name, id }, user: null }, 200);
  },
);
