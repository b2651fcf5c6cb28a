import { OpenAPIHono, z } from '@hono/zod-openapi';
import { decideCheck, getCheck, instructCheck, listChecks, presentCheck, updateCheck } from '../../domain/checks.js';
import { uuid } from '../../schemas/common.js';
import { checkModeQuery, checkResource, instructCheckBody, updateCheckBody } from '../../schemas/checks.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';
import { profileIdParam } from '../schemas.js';

const tags = ['Checks'];
const checkParams = profileIdParam.extend({ check_id: uuid });

const decision = (verb: 'approve' | 'reject') =>
  createRoute({
    method: 'post',
    path: `/profiles/{profile_id}/checks/{check_id}/${verb}`,
    tags,
    summary: `${verb === 'approve' ? 'Approve' : 'Reject'} a completed check: a new COMPLETE copy with a manual result`,
    description:
      verb === 'approve'
        ? 'The copy has the type\'s passing result (2+2 for identity, Pass otherwise) and counts towards the same tasks.'
        : 'The copy answers Fail (screening, which has no Fail, keeps the original hit or answers Refer).',
    request: { params: checkParams },
    responses: { 200: resourceResponse(checkResource, 'The new check') },
  });

export const checkRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/checks',
      tags,
      summary: "List a profile's checks",
      request: { params: profileIdParam },
      responses: { 200: resourceResponse(z.array(checkResource), 'The checks') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => listChecks(ctx, profile_id).map((x) => presentCheck(ctx, x))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/checks',
      tags,
      summary: 'Run a check; mode=sync answers the finished check, mode=async answers PENDING (RUNNING after 1 s, COMPLETE after 3 s of workspace time)',
      description:
        'Outcomes follow the demo keywords in the profile name (GET /__sandbox/scenarios). Screening hits raise events. While the profile has collection steps the check waits in PENDING.',
      request: { params: profileIdParam, query: checkModeQuery, body: jsonBody(instructCheckBody) },
      responses: { 200: resourceResponse(checkResource, 'The check') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const { mode } = c.req.valid('query');
      const body = c.req.valid('json');
      const check = c.get('workspace').run(
        (ctx) =>
          presentCheck(
            ctx,
            instructCheck(
              ctx,
              profile_id,
              {
                check_type: body.check_type,
                task_ids: body.task_ids,
                variant: body.variant,
                document_id: body.document_id,
                source: body.source,
                reference: body.reference,
                source_id: body.source_id,
                form_id: body.form_id,
                disable_initial_screen: body.disable_initial_screen,
                disable_monitoring: body.disable_monitoring,
                bank_account: body.bank_account,
              },
              mode,
            ),
          ),
        c.get('actor'),
      );
      return c.json(check, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/checks/{check_id}',
      tags,
      summary: 'Get a check',
      request: { params: checkParams },
      responses: { 200: resourceResponse(checkResource, 'The check') },
    }),
    (c) => {
      const { profile_id, check_id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => presentCheck(ctx, getCheck(ctx, profile_id, check_id))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/checks/{check_id}',
      tags,
      summary: 'Update the tasks a check counts towards (task_ids); everything else about a check is immutable',
      request: { params: checkParams, body: jsonBody(updateCheckBody) },
      responses: { 200: resourceResponse(checkResource, 'The check') },
    }),
    (c) => {
      const { profile_id, check_id } = c.req.valid('param');
      const { task_ids, check_type, result, state } = c.req.valid('json');
      return c.json(
        c.get('workspace').run((ctx) => presentCheck(ctx, updateCheck(ctx, profile_id, check_id, { task_ids, check_type, result, state })), c.get('actor')),
        200,
      );
    },
  )
  .openapi(decision('approve'), (c) => {
    const { profile_id, check_id } = c.req.valid('param');
    return c.json(c.get('workspace').run((ctx) => presentCheck(ctx, decideCheck(ctx, profile_id, check_id, 'APPROVED')), c.get('actor')), 200);
  })
  .openapi(decision('reject'), (c) => {
    const { profile_id, check_id } = c.req.valid('param');
    return c.json(c.get('workspace').run((ctx) => presentCheck(ctx, decideCheck(ctx, profile_id, check_id, 'REJECTED')), c.get('actor')), 200);
  });
