import { OpenAPIHono, z } from '@hono/zod-openapi';
import { notFound } from '../../core/errors.js';
import { getProfile } from '../../domain/profiles.js';
import { createCustomerRequest, CrMsg, latestRequestOf, presentApiRequest } from '../../domain/customer-requests/index.js';
import { dateTime, uuid } from '../../schemas/common.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, jsonResponse, passfortHook } from '../openapi.js';
import { profileIdParam } from '../schemas.js';

/** CONTRACT §4.1: customer requests (registration flows and task forms) on a profile. */

const themeRef = z.strictObject({ alias: z.string().min(1, 'must not be empty') }).describe('A form theme by alias (default: the first configured theme)');

const flowRequest = z.strictObject({
  type: z.literal('FLOW'),
  flow_template: z.strictObject({ alias: z.string().min(1, 'must not be empty') }),
  theme: themeRef.optional(),
});

const formsRequest = z.strictObject({
  type: z.literal('FORMS'),
  task_ids: z.array(uuid).min(1, 'a FORMS request needs at least one task id').max(50),
  theme: themeRef.optional(),
  email: z
    .strictObject({
      to: z.email('must be an email address').optional(),
      message: z.string().max(2000, 'must be at most 2000 characters').optional().describe('Replaces the email theme\'s editable text: one paragraph'),
    })
    .optional(),
});

export const createCustomerRequestBody = z.discriminatedUnion('type', [flowRequest, formsRequest], {
  error: (issue) => (issue.code === 'invalid_union' ? 'must be "FLOW" (a registration flow) or "FORMS" (task forms, sandbox naming)' : undefined),
});

export const customerRequestResource = z.object({
  id: uuid,
  apikey: z.string().describe('Scoped to this request: it opens the collection form for it and nothing else'),
  type: z.enum(['FLOW', 'FORMS']),
  profile_id: uuid,
  created_at: dateTime,
  expires_at: dateTime,
  is_completed: z.boolean().describe('True once COMPLETED or EXPIRED; the detailed status is only on GET /__sandbox/customer-requests/{id}'),
  forms: z.array(z.object({ id: uuid, alias: z.string(), title: z.string(), task_id: uuid.optional() })),
});

const tags = ['Customer requests'];

export const customerRequestRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'post',
      path: '/forms/profile/{profile_id}/customer_request',
      tags,
      summary: 'Create a customer request: a registration flow (no email) or task forms (sends the request email)',
      request: { params: profileIdParam, body: jsonBody(createCustomerRequestBody) },
      responses: { 200: jsonResponse(customerRequestResource, 'The request, with its scoped apikey') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const body = c.req.valid('json');
      const req = c.get('workspace').run((ctx) => createCustomerRequest(ctx, profile_id, body), c.get('actor'));
      return c.json(presentApiRequest(req), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/forms/profile/{profile_id}/customer_request',
      tags,
      summary: 'The most recently created customer request of the profile (is_completed, not the detailed status)',
      request: { params: profileIdParam, query: z.object({ apikey: z.string().optional() }) },
      responses: { 200: jsonResponse(customerRequestResource, 'The latest request') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const req = c.get('workspace').read((ctx) => {
        getProfile(ctx, profile_id);
        const latest = latestRequestOf(ctx, profile_id);
        if (!latest) throw notFound(CrMsg.noRequest(profile_id), { profile_id });
        return latest;
      });
      return c.json(presentApiRequest(req), 200);
    },
  );
