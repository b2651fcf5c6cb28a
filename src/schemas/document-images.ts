import { z } from 'zod';
import { dateTime, uuid } from './common.js';
import { documentCategory, documentType, imageType } from './documents.js';

/** Document image and file uploads, and what comes back (metadata only). */

export const uploadImageBody = z.strictObject({
  image_type: imageType,
  document_type: documentType.optional(),
  document_category: documentCategory.optional(),
  data: z.string().describe('The image as base64 or a data URI (image/* or application/pdf); at most 10 MiB decoded'),
  id: z.unknown().optional(),
  upload_date: z.unknown().optional(),
});

export const documentImageResource = z.looseObject({
  id: uuid,
  image_type: imageType,
  upload_date: dateTime,
  document_type: documentType.optional(),
  document_category: documentCategory.optional(),
  encrypted_data: z.looseObject({}).describe('Opaque: the image is never returned'),
  size_bytes: z.number().int().describe('(sandbox) decoded size'),
  content_type: z.string().describe('(sandbox) detected media type'),
});

export const createFileBody = z.strictObject({
  data: z.string().describe('The file as base64 or a data URI; at most 10 MiB decoded'),
  name: z.string().max(255).optional().describe('(sandbox) a file name to show'),
});
