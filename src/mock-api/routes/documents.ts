import { OpenAPIHono, z } from '@hono/zod-openapi';
import { addDocumentImage, appendDocument, getDocumentImage, listDocumentImages, presentImage } from '../../domain/documents.js';
import { uuid } from '../../schemas/common.js';
import { documentSchema } from '../../schemas/documents.js';
import { documentImageResource, uploadImageBody } from '../../schemas/document-images.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';
import { profileIdParam } from '../schemas.js';

const tags = ['Documents'];

export const documentRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/document_images',
      tags,
      summary: "List a profile's document images (metadata only: images are never returned)",
      request: { params: profileIdParam },
      responses: { 200: resourceResponse(z.array(documentImageResource), 'The images') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => listDocumentImages(ctx, profile_id).map(presentImage)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/document_images',
      tags,
      summary: 'Upload a document image (FRONT, BACK or FACE) as base64 or a data URI; reference its id from a Document',
      request: { params: profileIdParam, body: jsonBody(uploadImageBody) },
      responses: { 200: resourceResponse(documentImageResource, 'The image metadata') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const body = c.req.valid('json');
      const image = c.get('workspace').run(
        (ctx) => addDocumentImage(ctx, profile_id, { image_type: body.image_type, document_type: body.document_type, document_category: body.document_category, data: body.data }),
        c.get('actor'),
      );
      return c.json(presentImage(image), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/document_images/{document_image_id}',
      tags,
      summary: "Get a document image's metadata",
      request: { params: profileIdParam.extend({ document_image_id: uuid }) },
      responses: { 200: resourceResponse(documentImageResource, 'The image metadata') },
    }),
    (c) => {
      const { profile_id, document_image_id } = c.req.valid('param');
      return c.json(presentImage(c.get('workspace').read((ctx) => getDocumentImage(ctx, profile_id, document_image_id))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/collected_data/documents',
      tags,
      summary: 'Append a document to collected data (images by the id of an uploaded image, or with data to upload them)',
      request: { params: profileIdParam, body: jsonBody(documentSchema) },
      responses: { 200: resourceResponse(documentSchema, 'The stored document') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(c.get('workspace').run((ctx) => appendDocument(ctx, profile_id, body), c.get('actor')), 200);
    },
  );
