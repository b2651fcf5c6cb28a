import { ErrorCode, PassFortError, invalidInput, notFound } from '../core/errors.js';
import { formatDateTime } from '../core/dates.js';
import type { EntityData } from '../schemas/entity-data.js';
import type { DomainContext } from './context.js';
import { documentImagesOf } from './collections.js';
import { addAudit } from './audit.js';
import { Msg } from './messages.js';
import { getProfile, writeCollectedData } from './profiles.js';

/**
 * Document images and documents. Like PassFort, the sandbox takes image bytes (base64 or a
 * data URI) and never gives them back: only metadata is stored and returned. Documents in
 * `collected_data.documents` reference uploaded images by id.
 */

/** Largest decoded image or file the sandbox accepts. *(sandbox)* */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface DecodedUpload {
  bytes: number;
  content_type: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** Recognises common formats by their first bytes, for the metadata only. */
function sniff(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (head.subarray(0, 4).toString('latin1') === '%PDF') return 'application/pdf';
  if (head.subarray(4, 8).toString('latin1') === 'ftyp') return 'image/heic';
  return 'application/octet-stream';
}

/**
 * Checks base64 or a data URI and measures it without keeping it. `field` names the
 * request field in errors; `accept` limits a data URI's media type.
 */
export function decodeUpload(data: string, field: string, accept: (mime: string) => boolean = () => true): DecodedUpload {
  let payload = data.trim();
  let declared: string | null = null;
  if (payload.startsWith('data:')) {
    const m = /^data:([\w.+-]+\/[\w.+-]+)?((?:;[\w.+-]+=[\w.+-]+)*)(;base64)?,/i.exec(payload);
    if (!m) throw invalidInput(Msg.badDataUri, { field });
    if (!m[3]) throw invalidInput(Msg.dataUriNotBase64, { field });
    declared = (m[1] ?? 'text/plain').toLowerCase();
    if (!accept(declared)) throw new PassFortError(415, ErrorCode.INVALID_INPUT_DATA, Msg.uploadTypeNotAccepted(declared), { field, content_type: declared });
    payload = payload.slice(m[0].length);
  }
  const compact = payload.replace(/\s+/g, '');
  if (compact.length === 0) throw invalidInput(Msg.uploadEmpty, { field });
  if (!(BASE64.test(compact) || BASE64URL.test(compact)) || compact.replace(/=+$/, '').length % 4 === 1) {
    throw invalidInput(Msg.badBase64(firstBadCharacter(compact)), { field });
  }
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  const bytes = Math.floor((compact.length * 3) / 4) - padding;
  if (bytes > MAX_UPLOAD_BYTES) {
    throw new PassFortError(413, ErrorCode.INVALID_INPUT_DATA, Msg.uploadTooLarge(bytes, MAX_UPLOAD_BYTES), { field, bytes, limit_bytes: MAX_UPLOAD_BYTES });
  }
  const head = Buffer.from(compact.slice(0, 24), compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
  return { bytes, content_type: declared ?? sniff(head) };
}

function firstBadCharacter(text: string): { at: number; char: string } | null {
  const at = text.search(/[^A-Za-z0-9+/=_-]/);
  return at >= 0 ? { at, char: text[at]! } : null;
}

const isImageType = (mime: string) => mime.startsWith('image/') || mime === 'application/pdf';

export interface ImageDoc {
  id: string;
  profile_id: string;
  image_type: string;
  document_type: string | null;
  document_category: string | null;
  upload_date: number;
  size_bytes: number;
  content_type: string;
}

export interface ImageInput {
  image_type: string;
  document_type?: string | undefined;
  document_category?: string | undefined;
  data: string;
}

export function addDocumentImage(ctx: DomainContext, profileId: string, input: ImageInput, field = 'data'): ImageDoc {
  getProfile(ctx, profileId);
  const upload = decodeUpload(input.data, field, isImageType);
  const image: ImageDoc = {
    id: ctx.ids.uuid(),
    profile_id: profileId,
    image_type: input.image_type,
    document_type: input.document_type ?? null,
    document_category: input.document_category ?? null,
    upload_date: ctx.now,
    size_bytes: upload.bytes,
    content_type: upload.content_type,
  };
  ctx.repo.put(documentImagesOf(profileId), image);
  addAudit(ctx, profileId, 'uploaded-a-document', `${input.image_type} image uploaded${input.document_type ? ` for a ${input.document_type}` : ''}`, {
    document_image_id: image.id,
    image_type: image.image_type,
    size_bytes: image.size_bytes,
  });
  return image;
}

export function getDocumentImage(ctx: DomainContext, profileId: string, imageId: string): ImageDoc {
  getProfile(ctx, profileId);
  const image = ctx.repo.get<ImageDoc>(documentImagesOf(profileId), imageId);
  if (!image) throw notFound(Msg.imageNotFound(imageId, profileId), { document_image_id: imageId, profile_id: profileId });
  return image;
}

export function listDocumentImages(ctx: DomainContext, profileId: string): ImageDoc[] {
  getProfile(ctx, profileId);
  return ctx.repo.list<ImageDoc>(documentImagesOf(profileId));
}

/** Metadata only: the bytes are never returned, as in PassFort. */
export function presentImage(image: ImageDoc) {
  return {
    id: image.id,
    image_type: image.image_type,
    upload_date: formatDateTime(image.upload_date),
    ...(image.document_type ? { document_type: image.document_type } : {}),
    ...(image.document_category ? { document_category: image.document_category } : {}),
    encrypted_data: {},
    size_bytes: image.size_bytes,
    content_type: image.content_type,
  };
}

type StoredDocument = NonNullable<EntityData['documents']>[number];

/** A Document as the API (or a customer request) hands it over; enums are checked at the edge. */
export interface AppendDocumentInput {
  id?: string | undefined;
  category: string;
  document_type: string;
  images: { id?: string | undefined; image_type?: string | undefined; data?: string | undefined; [key: string]: unknown }[];
  extracted_data?: Record<string, unknown> | undefined;
  verification_result?: Record<string, unknown> | undefined;
}

/**
 * `POST …/collected_data/documents`: appends one document to collected data. Images are
 * referenced by the id of an uploaded image; an image sent with `data` is uploaded first.
 */
export function appendDocument(ctx: DomainContext, profileId: string, document: AppendDocumentInput): StoredDocument {
  const profile = getProfile(ctx, profileId);
  const existing = profile.collected_data.documents ?? [];
  if (document.id && existing.some((d) => d.id === document.id)) {
    throw new PassFortError(400, ErrorCode.DATA_PRESENT, Msg.documentExists(document.id), { field: 'id' });
  }
  const images = document.images.map((img, i) => {
    if (img.id) {
      const stored = ctx.repo.get<ImageDoc>(documentImagesOf(profileId), img.id);
      if (!stored) throw invalidInput(Msg.imageNotFound(img.id, profileId), { field: `images[${i}].id` });
      const { encrypted_data: _e, size_bytes: _s, content_type: _c, ...meta } = presentImage(stored);
      return meta;
    }
    if (!img.data) throw new PassFortError(400, ErrorCode.MISSING_REQUIRED_FIELDS, Msg.imageNeedsIdOrData, { field: `images[${i}]` });
    if (!img.image_type) throw new PassFortError(400, ErrorCode.MISSING_REQUIRED_FIELDS, Msg.imageTypeMissing, { field: `images[${i}].image_type` });
    const uploaded = addDocumentImage(
      ctx,
      profileId,
      { image_type: img.image_type, document_type: document.document_type, document_category: document.category, data: img.data },
      `images[${i}].data`,
    );
    const { encrypted_data: _e, size_bytes: _s, content_type: _c, ...meta } = presentImage(uploaded);
    return meta;
  });
  const stored = { ...document, id: document.id ?? ctx.ids.uuid(), images } as unknown as StoredDocument;
  const data = { ...profile.collected_data, documents: [...existing, stored] } as EntityData;
  writeCollectedData(ctx, profile, data, 'replace-collected-data', `Document ${stored.document_type} (${stored.category}) added to collected data`);
  return stored;
}
