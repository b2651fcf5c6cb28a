import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Actor } from '../../domain/context.js';
import {
  allRequests,
  cancelForm,
  completeRequest,
  getRequest,
  presentDetailedRequest,
  presentRequestSummary,
} from '../../domain/customer-requests/index.js';
import { uuid } from '../../schemas/common.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonResponse, passfortHook } from '../openapi.js';

/** CONTRACT §9: customer requests seen and driven from the sandbox side. */

const tags = ['Sandbox: customer requests'];
const requestParam = z.object({ id: uuid });
const detailed = z.looseObject({ id: uuid, status: z.enum(['SENT', 'COMPLETED', 'EXPIRED']) }).describe('The request with its detailed status, forms, checks and history');

/** `complete` acts as the customer would, so audit items and webhooks say a customer did it. */
const SIMULATED_CUSTOMER: Actor = { kind: 'customer', name: 'Customer (simulated by POST /__sandbox/customer-requests/{id}/complete)' };

const completeBody = z.strictObject({
  answers: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .optional()
    .describe('Answers to use instead of made-up ones: {"<form alias or id>": {"<question id>": value}}; null leaves an optional question unanswered'),
  document_types: z.record(z.string(), z.string()).optional().describe('{"<form alias or id>": "PASSPORT"}: which accepted document type to send (default: the first)'),
  seed: z.union([z.string(), z.number()]).optional().describe('Seed of the made-up answers (default: the request id)'),
});

export const customerRequestControlRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/customer-requests',
      tags,
      summary: 'Customer requests of the workspace, newest first (filter by profile_id or status)',
      request: {
        query: z.object({
          profile_id: uuid.optional(),
          status: z.enum(['SENT', 'COMPLETED', 'EXPIRED']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          apikey: z.string().optional(),
        }),
      },
      responses: { 200: jsonResponse(z.array(z.looseObject({ id: uuid })), 'Requests') },
    }),
    (c) => {
      const { profile_id, status, limit } = c.req.valid('query');
      const list = c.get('workspace').read((ctx) =>
        allRequests(ctx)
          .filter((r) => (profile_id === undefined || r.profile_id === profile_id) && (status === undefined || r.status === status))
          .reverse()
          .slice(0, limit)
          .map(presentRequestSummary),
      );
      return c.json(list, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/customer-requests/{id}',
      tags,
      summary: 'One customer request with its detailed status (SENT, COMPLETED, EXPIRED), forms, checks and history',
      request: { params: requestParam },
      responses: { 200: jsonResponse(detailed, 'The request') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => presentDetailedRequest(ctx, getRequest(ctx, id))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/customer-requests/{id}/forms/{form_id}/cancel',
      tags,
      summary: 'Cancel one SENT form (as a PassFort user would); a last cancelled form makes the request EXPIRED',
      request: { params: requestParam.extend({ form_id: uuid }) },
      responses: { 200: jsonResponse(detailed, 'The request after the change') },
    }),
    (c) => {
      const { id, form_id } = c.req.valid('param');
      const view = c.get('workspace').run((ctx) => presentDetailedRequest(ctx, cancelForm(ctx, id, form_id)), c.get('actor'));
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/customer-requests/{id}/complete',
      tags,
      summary: "Do the customer's part without a browser: fill every open form with made-up answers that fit, upload sample images, submit, finish",
      request: {
        params: requestParam,
        body: { required: false, content: { 'application/json': { schema: completeBody } } },
      },
      responses: {
        200: jsonResponse(
          z.looseObject({ submitted_form_ids: z.array(uuid), finished: z.boolean(), request: detailed }),
          'What was submitted, and the request after it (a flow may still wait for a check to decide a follow-up form)',
        ),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const body = (c.req.valid('json') as z.infer<typeof completeBody> | undefined) ?? {};
      const result = c.get('workspace').run((ctx) => {
        const done = completeRequest(ctx, id, body);
        return { submitted_form_ids: done.submitted_form_ids, finished: done.finished, request: presentDetailedRequest(ctx, done.request) };
      }, SIMULATED_CUSTOMER);
      return c.json(result, 200);
    },
  );
