import { OpenAPIHono } from '@hono/zod-openapi';
import { addFile, getFile, presentFile } from '../../domain/files.js';
import { uuid } from '../../schemas/common.js';
import { createFileBody } from '../../schemas/document-images.js';
import { fileResource } from '../../schemas/tasks.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';
import { profileIdParam } from '../schemas.js';

const tags = ['Files'];

export const fileRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/files',
      tags,
      summary: 'Upload a file (base64 or a data URI), e.g. to attach to a task note',
      request: { params: profileIdParam, body: jsonBody(createFileBody) },
      responses: { 200: resourceResponse(fileResource, 'The file metadata') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(presentFile(c.get('workspace').run((ctx) => addFile(ctx, profile_id, body), c.get('actor'))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/files/{file_id}',
      tags,
      summary: "Get a file's metadata (the bytes are never returned)",
      request: { params: profileIdParam.extend({ file_id: uuid }) },
      responses: { 200: resourceResponse(fileResource, 'The file metadata') },
    }),
    (c) => {
      const { profile_id, file_id } = c.req.valid('param');
      return c.json(presentFile(c.get('workspace').read((ctx) => getFile(ctx, profile_id, file_id))), 200);
    },
  );
