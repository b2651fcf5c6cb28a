import { OpenAPIHono, z } from '@hono/zod-openapi';
import { addApplication, getApplication, listApplications, revertDecision, updateApplicationStatus } from '../../domain/applications.js';
import { presentApplication } from '../../domain/application-state.js';
import { uuid } from '../../schemas/common.js';
import { createApplicationBody, productApplication, revertDecisionBody, updateApplicationBody } from '../../schemas/applications.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';
import { profileIdParam } from '../schemas.js';

const tags = ['Product applications'];
const appParams = profileIdParam.extend({ application_id: uuid });

export const applicationRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/applications',
      tags,
      summary: "List a profile's product applications (hidden ones included, with hidden: true)",
      request: { params: profileIdParam },
      responses: { 200: resourceResponse(z.array(productApplication), 'The applications') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => listApplications(ctx, profile_id).map((a) => presentApplication(ctx, a))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/applications',
      tags,
      summary: "Apply for a product (by alias or id): the smart policy creates its tasks and runs its automatic checks",
      request: { params: profileIdParam, body: jsonBody(createApplicationBody) },
      responses: { 200: resourceResponse(productApplication, 'The new application') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const body = c.req.valid('json');
      const view = c.get('workspace').run(
        (ctx) => presentApplication(ctx, addApplication(ctx, profile_id, { product: body.product, associated_role: body.associated_role })),
        c.get('actor'),
      );
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/applications/{application_id}',
      tags,
      summary: 'Get a product application',
      request: { params: appParams },
      responses: { 200: resourceResponse(productApplication, 'The application') },
    }),
    (c) => {
      const { profile_id, application_id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => presentApplication(ctx, getApplication(ctx, profile_id, application_id))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/applications/{application_id}',
      tags,
      summary: 'Change the status: APPLIED → APPROVED | REJECTED; APPROVED → IN_REVIEW | CANCELLED; IN_REVIEW → APPROVED | CANCELLED',
      description:
        'An illegal transition answers 400 with code 402 (TRANSITION_ERROR) and changes nothing. Approval with approval blockers answers 400 with code 105.',
      request: { params: appParams, body: jsonBody(updateApplicationBody) },
      responses: { 200: resourceResponse(productApplication, 'The application') },
    }),
    (c) => {
      const { profile_id, application_id } = c.req.valid('param');
      const { status, comment } = c.req.valid('json');
      const view = c.get('workspace').run(
        (ctx) => presentApplication(ctx, updateApplicationStatus(ctx, profile_id, application_id, { status, comment })),
        c.get('actor'),
      );
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/applications/{application_id}/revert_decision',
      tags,
      summary: 'Revert a REJECTED or CANCELLED decision: the application is hidden and a new one continues its history',
      request: {
        params: appParams,
        body: { required: false, content: { 'application/json': { schema: revertDecisionBody } } },
      },
      responses: { 200: resourceResponse(productApplication, 'The new application') },
    }),
    async (c) => {
      const { profile_id, application_id } = c.req.valid('param');
      const body = (await c.req.text()) ? c.req.valid('json') : null;
      const view = c.get('workspace').run(
        (ctx) => presentApplication(ctx, revertDecision(ctx, profile_id, application_id, body?.comment)),
        c.get('actor'),
      );
      return c.json(view, 200);
    },
  );
