import { notFound } from '../core/errors.js';
import { formatDateTime } from '../core/dates.js';
import type { DomainContext } from './context.js';
import { filesOf } from './collections.js';
import { addAudit } from './audit.js';
import { Msg } from './messages.js';
import { getProfile } from './profiles.js';
import { decodeUpload } from './documents.js';

/** Files (attachments for notes and forms): stored as metadata; the bytes are never returned. */

export interface FileDoc {
  id: string;
  profile_id: string;
  name: string | null;
  upload_date: number;
  size_bytes: number;
  content_type: string;
}

export function addFile(ctx: DomainContext, profileId: string, input: { data: string; name?: string | undefined }): FileDoc {
  getProfile(ctx, profileId);
  const upload = decodeUpload(input.data, 'data');
  const file: FileDoc = {
    id: ctx.ids.uuid(),
    profile_id: profileId,
    name: input.name?.trim() || null,
    upload_date: ctx.now,
    size_bytes: upload.bytes,
    content_type: upload.content_type,
  };
  ctx.repo.put(filesOf(profileId), file);
  addAudit(ctx, profileId, 'added-a-file', `File ${file.name ?? file.id} added (${file.size_bytes} bytes)`, { file_id: file.id, size_bytes: file.size_bytes });
  return file;
}

export function getFile(ctx: DomainContext, profileId: string, fileId: string): FileDoc {
  getProfile(ctx, profileId);
  const file = ctx.repo.get<FileDoc>(filesOf(profileId), fileId);
  if (!file) throw notFound(Msg.fileNotFound(fileId, profileId), { file_id: fileId, profile_id: profileId });
  return file;
}

export function presentFile(file: FileDoc) {
  return {
    id: file.id,
    ...(file.name ? { name: file.name } : {}),
    encrypted_data: {},
    upload_date: formatDateTime(file.upload_date),
    size_bytes: file.size_bytes,
    content_type: file.content_type,
  };
}
