import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { forbidden } from '../../core/errors.js';
import { isLoopbackRequest } from '../middleware/loopback.js';
import { parseConfig } from '../../config/load-config.js';
import type { WorkspaceRegistry } from '../../workspace/registry.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, jsonResponse, passfortHook } from '../openapi.js';
import type { RequestJournal } from '../middleware/request-journal.js';

const created = z.object({ id: z.string(), name: z.string(), api_key: z.string() });

/** Workspace creation needs no key, but only from this machine unless the operator allows it. */
function loopbackOnly(allowRemote: boolean): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    if (!allowRemote && !isLoopbackRequest(c)) {
      throw forbidden('Workspaces can only be created from the machine the sandbox runs on (start with --allow-remote-workspaces to change that)');
    }
    await next();
  };
}

/** Public part: creating a workspace. */
export function workspaceCreationRoutes(registry: WorkspaceRegistry, allowRemote: boolean) {
  return new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook }).openapi(
    createRoute({
      method: 'post',
      path: '/workspaces',
      tags: ['Sandbox: workspaces'],
      summary: 'Create an isolated workspace (a PassFort account of its own) and get its master key',
      middleware: [loopbackOnly(allowRemote)],
      request: {
        body: {
          required: false,
          content: {
            'application/json': {
              schema: z.strictObject({ name: z.string().min(1).max(200).optional(), config: z.record(z.string(), z.unknown()).optional() }),
            },
          },
        },
      },
      responses: { 201: jsonResponse(created, 'The workspace and its master API key') },
    }),
    (c) => {
      const body = c.req.valid('json');
      const { workspace, apiKey } = registry.create({ name: body.name, config: body.config });
      return c.json({ id: workspace.id, name: workspace.name, api_key: apiKey }, 201);
    },
  );
}

/** Authenticated part: the calling workspace's reset, config and request journal. */
export function workspaceRoutes(journal: RequestJournal) {
  return new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
    .openapi(
      createRoute({
        method: 'get',
        path: '/workspace',
        tags: ['Sandbox: workspaces'],
        summary: 'The workspace of the key: id, name, and what it holds',
        responses: { 200: jsonResponse(z.looseObject({ id: z.string(), name: z.string() }), 'The workspace') },
      }),
      (c) => {
        const ws = c.get('workspace');
        return c.json({ id: ws.id, name: ws.name, created_at: new Date(ws.meta.created_at).toISOString() }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/reset',
        tags: ['Sandbox: workspaces'],
        summary: 'Delete all data of the workspace (config, name and master key stay; the clock returns to real time)',
        responses: { 200: jsonResponse(z.object({ reset: z.boolean() }), 'Done') },
      }),
      (c) => {
        c.get('workspace').reset();
        journal.clear(c.get('workspace').id);
        return c.json({ reset: true }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/config',
        tags: ['Sandbox: workspaces'],
        summary: 'The effective configuration of the workspace',
        responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), 'Config') },
      }),
      (c) => c.json(c.get('workspace').config as Record<string, unknown>, 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/config',
        tags: ['Sandbox: workspaces'],
        summary: 'Replace the configuration after validation',
        request: { body: jsonBody(z.record(z.string(), z.unknown())) },
        responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), 'The new effective config') },
      }),
      (c) => {
        const raw = c.req.valid('json');
        const config = parseConfig(raw, 'config');
        c.get('workspace').setConfig(config, raw);
        return c.json(config as Record<string, unknown>, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/requests',
        tags: ['Sandbox: workspaces'],
        summary: 'Recent API calls of this workspace, oldest first (in memory, this run only)',
        request: { query: z.object({ since: z.coerce.number().int().min(0).optional(), apikey: z.string().optional() }) },
        responses: { 200: jsonResponse(z.array(z.looseObject({ id: z.number() })), 'Calls') },
      }),
      (c) => c.json(journal.list(c.get('workspace').id, c.req.valid('query').since), 200),
    );
}
