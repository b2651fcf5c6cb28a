import { ErrorCode, PassFortError, invalidInput, notFound } from '../core/errors.js';
import { formatDateTime } from '../core/dates.js';
import { seededIds } from '../core/ids.js';
import type { DomainContext } from './context.js';
import { filesOf, notesOf } from './collections.js';
import { addAudit } from './audit.js';
import { Msg } from './messages.js';
import { getTask } from './tasks.js';
import { presentFile, type FileDoc } from './files.js';

/** Notes on a task. Deleting one removes it from the task; the audit log keeps its text. */

export interface NoteDoc {
  id: string;
  task_id: string;
  created_on: number;
  author: { id: string; name: string };
  text: string;
  attachment_ids: string[];
}

export function listNotes(ctx: DomainContext, profileId: string, taskId: string): NoteDoc[] {
  getTask(ctx, profileId, taskId);
  return ctx.repo.list<NoteDoc>(notesOf(profileId, taskId));
}

export function addNote(ctx: DomainContext, profileId: string, taskId: string, input: { text: string; attachments?: { id: string }[] | undefined }): NoteDoc {
  getTask(ctx, profileId, taskId);
  const text = input.text.trim();
  if (!text) throw new PassFortError(400, ErrorCode.MISSING_REQUIRED_FIELDS, Msg.noteTextEmpty, { field: 'text' });
  const attachmentIds = (input.attachments ?? []).map((a, i) => {
    if (!ctx.repo.get<FileDoc>(filesOf(profileId), a.id)) throw invalidInput(Msg.fileNotFound(a.id, profileId), { field: `attachments[${i}].id` });
    return a.id;
  });
  // API keys have no user id; a stable one per key name keeps the author's shape valid.
  const author = { id: ctx.actor.id ?? seededIds(`author:${ctx.actor.name}`).uuid(), name: ctx.actor.name };
  const note: NoteDoc = { id: ctx.ids.uuid(), task_id: taskId, created_on: ctx.now, author, text, attachment_ids: attachmentIds };
  ctx.repo.put(notesOf(profileId, taskId), note);
  addAudit(ctx, profileId, 'added-a-task-note', `Note added to task ${taskId}`, { task_id: taskId, note_id: note.id, text });
  return note;
}

export function deleteNote(ctx: DomainContext, profileId: string, taskId: string, noteId: string): NoteDoc {
  getTask(ctx, profileId, taskId);
  const note = ctx.repo.get<NoteDoc>(notesOf(profileId, taskId), noteId);
  if (!note) throw notFound(Msg.noteNotFound(noteId, taskId), { note_id: noteId, task_id: taskId });
  ctx.repo.del(notesOf(profileId, taskId), noteId);
  addAudit(ctx, profileId, 'deleted-a-task-note', `Note deleted from task ${taskId}`, { task_id: taskId, note_id: noteId, text: note.text });
  return note;
}

export function presentNote(ctx: DomainContext, profileId: string, note: NoteDoc) {
  return {
    id: note.id,
    created_on: formatDateTime(note.created_on),
    author_name: note.author.name,
    author_name_customised: false,
    author: note.author,
    text: note.text,
    attachments: note.attachment_ids.flatMap((id) => {
      const file = ctx.repo.get<FileDoc>(filesOf(profileId), id);
      return file ? [presentFile(file)] : [];
    }),
  };
}
