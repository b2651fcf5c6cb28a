import { OpenAPIHono, z } from '@hono/zod-openapi';
import { DOCUMENT_ELEMENTS } from '../../config/customer-requests.js';
import {
  findForm,
  finishRequest,
  getRequest,
  presentCollectionForm,
  presentCollectionRequest,
  removeUpload,
  saveAnswers,
  submitForm,
  uploadDocument,
  validateAnswers,
} from '../../domain/customer-requests/index.js';
import { uuid } from '../../schemas/common.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, jsonResponse, passfortHook } from '../openapi.js';

/**
 * The collection back end (docs/collection-api.md): the JSON API the customer's browser
 * uses to read a request, save answers, upload document images, submit forms and finish.
 * Authenticated by the request's own apikey (collection/auth.ts).
 */

const tags = ['Collection back end (request apikey)'];
const requestParam = z.object({ request_id: uuid });
const formParam = requestParam.extend({ form_id: uuid });
const answers = z.record(z.string(), z.unknown()).describe('{"<question id>": value}; null clears an answer');
const requestView = z.looseObject({ id: uuid, status: z.enum(['SENT', 'COMPLETED', 'EXPIRED']), open: z.boolean() });
const formView = z.looseObject({ id: uuid, status: z.enum(['SENT', 'CANCELLED', 'COMPLETED', 'EXPIRED']) });
const problems = z.array(z.object({ field: z.string(), problem: z.string() }));
const optionalBody = <T extends z.ZodType>(schema: T) => ({ required: false, content: { 'application/json': { schema } } });

export const collectionRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/requests/{request_id}',
      tags,
      summary: 'The request with its forms, questions, saved answers, theme and state',
      request: { params: requestParam, query: z.object({ apikey: z.string().optional() }) },
      responses: { 200: jsonResponse(requestView, 'The request as the customer sees it') },
    }),
    (c) => {
      const { request_id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => presentCollectionRequest(ctx, getRequest(ctx, request_id))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/requests/{request_id}/forms/{form_id}/answers',
      tags,
      summary: 'Save answers as the customer goes (merged; checked for type and format, not yet for required)',
      request: { params: formParam, body: jsonBody(z.strictObject({ answers })) },
      responses: { 200: jsonResponse(formView, 'The form with its saved answers') },
    }),
    (c) => {
      const { request_id, form_id } = c.req.valid('param');
      const body = c.req.valid('json');
      const form = c.get('workspace').run((ctx) => saveAnswers(ctx, request_id, form_id, body.answers), c.get('actor'));
      return c.json(presentCollectionForm(form), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/requests/{request_id}/forms/{form_id}/validate',
      tags,
      summary: 'What would stop these answers (merged with the saved ones) from being submitted; saves nothing',
      request: { params: formParam, body: optionalBody(z.strictObject({ answers: answers.optional() })) },
      responses: { 200: jsonResponse(z.object({ valid: z.boolean(), problems }), 'Problems by field') },
    }),
    (c) => {
      const { request_id, form_id } = c.req.valid('param');
      const body = (c.req.valid('json') as { answers?: Record<string, unknown> } | undefined) ?? {};
      const found = c.get('workspace').read((ctx) => validateAnswers(ctx, request_id, form_id, body.answers ?? {}));
      return c.json({ valid: found.length === 0, problems: found }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/requests/{request_id}/forms/{form_id}/documents',
      tags,
      summary: 'Upload one element (FRONT, BACK, SELFIE) of a document; replaces the same element, and another document type replaces the choice',
      request: {
        params: formParam,
        body: jsonBody(
          z.strictObject({
            question_id: z.string().min(1).optional().describe('The document question; optional when the form has one'),
            document_type: z.string().min(1),
            element: z.enum(DOCUMENT_ELEMENTS, { error: () => `must be one of ${DOCUMENT_ELEMENTS.join(', ')}` }),
            data: z.string().min(1, 'must not be empty').describe('The image: base64 or a data: URI (JPEG, PNG, WebP, HEIC; PDF except for SELFIE), at most 10 MB'),
          }),
        ),
      },
      responses: {
        201: jsonResponse(
          z.object({
            upload_id: uuid,
            question_id: z.string(),
            document_type: z.string(),
            element: z.enum(DOCUMENT_ELEMENTS),
            content_type: z.string(),
            size: z.number(),
            uploaded_at: z.string(),
          }),
          'The stored upload (the bytes are never given back)',
        ),
      },
    }),
    (c) => {
      const { request_id, form_id } = c.req.valid('param');
      const body = c.req.valid('json');
      const meta = c.get('workspace').run((ctx) => uploadDocument(ctx, request_id, form_id, body), c.get('actor'));
      return c.json(
        {
          upload_id: meta.upload_id,
          question_id: meta.question_id,
          document_type: meta.document_type,
          element: meta.element,
          content_type: meta.content_type,
          size: meta.size,
          uploaded_at: new Date(meta.uploaded_at).toISOString(),
        },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/requests/{request_id}/forms/{form_id}/documents/{upload_id}',
      tags,
      summary: 'Remove one uploaded element',
      request: { params: formParam.extend({ upload_id: uuid }) },
      responses: { 200: jsonResponse(formView, 'The form after the removal') },
    }),
    (c) => {
      const { request_id, form_id, upload_id } = c.req.valid('param');
      const form = c.get('workspace').run((ctx) => removeUpload(ctx, request_id, form_id, upload_id), c.get('actor'));
      return c.json(presentCollectionForm(form), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/requests/{request_id}/forms/{form_id}/submit',
      tags,
      summary: 'Submit a form (optionally with last answers): collected data is updated at once and the form is COMPLETED',
      request: { params: formParam, body: optionalBody(z.strictObject({ answers: answers.optional() })) },
      responses: { 200: jsonResponse(requestView, 'The whole request after the submission (next form, follow-ups, state)') },
    }),
    (c) => {
      const { request_id, form_id } = c.req.valid('param');
      const body = (c.req.valid('json') as { answers?: Record<string, unknown> } | undefined) ?? {};
      const view = c.get('workspace').run((ctx) => {
        const req = submitForm(ctx, request_id, form_id, body.answers);
        findForm(req, form_id);
        return presentCollectionRequest(ctx, req);
      }, c.get('actor'));
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/requests/{request_id}/finish',
      tags,
      summary: 'Finish: every form is done; answers "Data successfully submitted." and, for a FLOW, the redirect URL',
      request: { params: requestParam },
      responses: {
        200: jsonResponse(z.object({ status: z.literal('COMPLETED'), message: z.string(), redirect_url: z.string().nullable() }), 'Finished'),
      },
    }),
    (c) => {
      const { request_id } = c.req.valid('param');
      return c.json(c.get('workspace').run((ctx) => finishRequest(ctx, request_id), c.get('actor')), 200);
    },
  );
