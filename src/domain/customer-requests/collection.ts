import { ErrorCode, invalidInput, notFound, PassFortError } from '../../core/errors.js';
import type { DocumentElement } from '../../config/customer-requests.js';
import type { DocumentInput } from '../../schemas/documents.js';
import type { DomainContext } from '../context.js';
import { addAudit } from '../audit.js';
import { getProfile, writeCollectedData } from '../profiles.js';
import { addDocumentImage, appendDocument } from '../documents.js';
import { CrMsg } from './messages.js';
import { answersError, checkAnswers, collectedDataAfter, mergeAnswers, submitProblems, type FieldProblem } from './answers.js';
import { questionsOfForm } from './forms.js';
import { historyEntry, saveChanges, withFormStatus } from './lifecycle.js';
import { startChecksAfter, skipOrphanedConditions } from './flow.js';
import { decodeImageData, describeBytes, MAX_IMAGE_BYTES } from './images.js';
import { getRequest, putRequest, uploadsOf, uploadsOfForm } from './store.js';
import type { CustomerRequestDoc, DocumentAnswer, FormDoc, UploadDoc, UploadMeta } from './types.js';

/**
 * The collection back end: what the customer's browser (and the control API's `complete`)
 * does to a request. Every function is one step of a unit of work and checks everything
 * against the form template the request froze.
 */

export const closedError = (req: CustomerRequestDoc) =>
  new PassFortError(409, ErrorCode.TRANSITION_ERROR, req.status === 'EXPIRED' ? CrMsg.requestExpired : CrMsg.requestClosed(req.status), {
    customer_request_id: req.id,
    status: req.status,
  });

function openRequest(ctx: DomainContext, requestId: string): CustomerRequestDoc {
  const req = getRequest(ctx, requestId);
  if (req.status !== 'SENT') throw closedError(req);
  return req;
}

export function findForm(req: CustomerRequestDoc, formId: string): FormDoc {
  const form = req.forms.find((f) => f.id === formId);
  if (!form) throw notFound(CrMsg.formNotFound(req.id, formId), { customer_request_id: req.id, form_id: formId });
  return form;
}

function openForm(req: CustomerRequestDoc, formId: string): FormDoc {
  const form = findForm(req, formId);
  if (form.status !== 'SENT') {
    throw new PassFortError(409, ErrorCode.TRANSITION_ERROR, CrMsg.formClosed(formId, form.status), { form_id: formId, status: form.status });
  }
  return form;
}

const replaceForm = (req: CustomerRequestDoc, form: FormDoc): CustomerRequestDoc => ({
  ...req,
  forms: req.forms.map((f) => (f.id === form.id ? form : f)),
});

/** Saves (merges) answers as the customer goes; `null` clears one. Required answers are only enforced on submit. */
export function saveAnswers(ctx: DomainContext, requestId: string, formId: string, answers: Record<string, unknown>): FormDoc {
  const req = openRequest(ctx, requestId);
  const form = openForm(req, formId);
  const { values, problems } = checkAnswers(form, answers);
  if (problems.length > 0) throw answersError(problems);
  const updated: FormDoc = { ...form, answers: mergeAnswers(form.answers, values) };
  // One history line per stretch of saving, not one per keystroke-save.
  const last = req.history[req.history.length - 1];
  const history =
    last?.event === 'ANSWERS_SAVED' && last.form_id === formId
      ? [...req.history.slice(0, -1), { ...last, at: ctx.now, detail: { saves: Number(last.detail?.saves ?? 1) + 1 } }]
      : [...req.history, historyEntry(ctx, 'ANSWERS_SAVED', { form_id: formId, detail: { saves: 1 } })];
  putRequest(ctx, { ...replaceForm(req, updated), history });
  ctx.emit('CUSTOMER_REQUEST_ANSWERS_SAVED', {
    profile_id: req.profile_id,
    customer_request_id: req.id,
    form_id: formId,
    question_ids: Object.keys(values),
  });
  return updated;
}

/** What would stop these answers (merged with the saved ones) from being submitted; writes nothing. */
export function validateAnswers(ctx: DomainContext, requestId: string, formId: string, answers: Record<string, unknown>): FieldProblem[] {
  const req = openRequest(ctx, requestId);
  const form = openForm(req, formId);
  const { values, problems } = checkAnswers(form, answers);
  const merged: FormDoc = { ...form, answers: mergeAnswers(form.answers, values) };
  const invalid = new Set(problems.map((p) => p.field));
  return [...problems, ...submitProblems(merged).filter((p) => !invalid.has(p.field))];
}

export interface UploadInput {
  question_id?: string | undefined;
  document_type: string;
  element: DocumentElement;
  data: string;
}

/** Stores one element (front, back, selfie) of a document until the form is submitted. Choosing another document type drops the other type's images. */
export function uploadDocument(ctx: DomainContext, requestId: string, formId: string, input: UploadInput): UploadMeta & { question_id: string; document_type: string; element: DocumentElement } {
  const req = openRequest(ctx, requestId);
  const form = openForm(req, formId);
  const docQuestions = questionsOfForm(form).filter((q) => q.type === 'document');
  let question = docQuestions[0];
  if (input.question_id !== undefined) {
    question = docQuestions.find((q) => q.id === input.question_id);
    if (!question) throw invalidInput(CrMsg.notDocumentQuestion(input.question_id), { field: 'question_id' });
  } else if (docQuestions.length === 0) throw invalidInput(CrMsg.noDocumentQuestion, { field: 'question_id' });
  else if (docQuestions.length > 1) throw invalidInput(CrMsg.whichDocumentQuestion(docQuestions.map((q) => q.id)), { field: 'question_id' });
  const q = question!;
  const accepted = q.document_types ?? [];
  const type = accepted.find((d) => d.document_type === input.document_type);
  if (!type) {
    throw invalidInput(CrMsg.documentTypeNotAccepted(input.document_type, accepted.map((d) => d.document_type)), {
      field: 'document_type',
      accepted: accepted.map((d) => d.document_type),
    });
  }
  if (!type.elements.includes(input.element)) {
    throw invalidInput(CrMsg.elementNotNeeded(input.element, input.document_type, type.elements), { field: 'element', needed: type.elements });
  }
  const decoded = decodeImageData(input.data);
  if (!decoded) throw invalidInput(CrMsg.badImageData, { field: 'data' });
  if (decoded.size > MAX_IMAGE_BYTES) {
    throw new PassFortError(413, ErrorCode.INVALID_INPUT_DATA, CrMsg.imageTooLarge(MAX_IMAGE_BYTES), { field: 'data', limit_bytes: MAX_IMAGE_BYTES });
  }
  if (!decoded.content_type || (input.element === 'SELFIE' && decoded.content_type === 'application/pdf')) {
    throw invalidInput(CrMsg.imageTypeNotAccepted(describeBytes(decoded.content_type), input.element), { field: 'data' });
  }

  const previous = form.documents[q.id];
  const keep = previous && previous.document_type === input.document_type ? previous : undefined;
  for (const upload of uploadsOfForm(ctx, requestId, formId)) {
    if (upload.question_id !== q.id) continue;
    if (!keep || upload.element === input.element) ctx.repo.del(uploadsOf(requestId), upload.id);
  }
  const upload: UploadDoc = {
    id: ctx.ids.uuid(),
    request_id: requestId,
    form_id: formId,
    question_id: q.id,
    document_type: input.document_type,
    element: input.element,
    content_type: decoded.content_type,
    size: decoded.size,
    data: decoded.base64,
    uploaded_at: ctx.now,
  };
  ctx.repo.put(uploadsOf(requestId), upload);
  const meta: UploadMeta = { upload_id: upload.id, content_type: upload.content_type, size: upload.size, uploaded_at: ctx.now, image_id: null };
  const answer: DocumentAnswer = {
    document_type: input.document_type,
    elements: { ...(keep?.elements ?? {}), [input.element]: meta },
    document_id: null,
  };
  const updated: FormDoc = { ...form, documents: { ...form.documents, [q.id]: answer } };
  putRequest(ctx, {
    ...replaceForm(req, updated),
    history: [...req.history, historyEntry(ctx, 'DOCUMENT_UPLOADED', { form_id: formId, detail: { question_id: q.id, document_type: input.document_type, element: input.element, size: decoded.size } })],
  });
  ctx.emit('CUSTOMER_REQUEST_DOCUMENT_UPLOADED', {
    profile_id: req.profile_id,
    customer_request_id: req.id,
    form_id: formId,
    question_id: q.id,
    document_type: input.document_type,
    element: input.element,
    upload_id: upload.id,
  });
  return { ...meta, question_id: q.id, document_type: input.document_type, element: input.element };
}

/** Removes one uploaded element ("Remove" in the form). */
export function removeUpload(ctx: DomainContext, requestId: string, formId: string, uploadId: string): FormDoc {
  const req = openRequest(ctx, requestId);
  const form = openForm(req, formId);
  const entry = Object.entries(form.documents).find(([, d]) => Object.values(d.elements).some((m) => m?.upload_id === uploadId));
  if (!entry) throw notFound(CrMsg.uploadNotFound(uploadId), { upload_id: uploadId });
  const [questionId, doc] = entry;
  const elements = Object.fromEntries(Object.entries(doc.elements).filter(([, m]) => m?.upload_id !== uploadId));
  const documents = { ...form.documents };
  if (Object.keys(elements).length === 0) delete documents[questionId];
  else documents[questionId] = { ...doc, elements };
  ctx.repo.del(uploadsOf(requestId), uploadId);
  const updated: FormDoc = { ...form, documents };
  putRequest(ctx, replaceForm(req, updated));
  return updated;
}

/**
 * Submits a form: its answers go into collected_data at once, its documents onto the
 * profile, the form becomes COMPLETED, and the checks it starts are instructed, all in
 * this unit of work.
 */
export function submitForm(ctx: DomainContext, requestId: string, formId: string, answers?: Record<string, unknown>): CustomerRequestDoc {
  if (answers && Object.keys(answers).length > 0) saveAnswers(ctx, requestId, formId, answers);
  const before = openRequest(ctx, requestId);
  const form = openForm(before, formId);
  const problems = submitProblems(form);
  if (problems.length > 0) throw answersError(problems);

  const profile = getProfile(ctx, before.profile_id);
  const data = collectedDataAfter(profile.collected_data, form);
  const message = `Form "${form.title}" submitted by the customer (customer request ${requestId})`;
  if (JSON.stringify(data) !== JSON.stringify(profile.collected_data)) writeCollectedData(ctx, profile, data, 'submitted-data', message);
  else addAudit(ctx, before.profile_id, 'submitted-data', message, { customer_request_id: requestId, form_id: formId });

  const documents: Record<string, DocumentAnswer> = {};
  const uploads = new Map(uploadsOfForm(ctx, requestId, formId).map((u) => [u.id, u]));
  for (const [questionId, doc] of Object.entries(form.documents)) {
    const q = questionsOfForm(form).find((x) => x.id === questionId)!;
    const type = q.document_types!.find((d) => d.document_type === doc.document_type)!;
    const elements: DocumentAnswer['elements'] = {};
    const images: { id: string; image_type: 'FRONT' | 'BACK' | 'FACE' }[] = [];
    for (const element of type.elements) {
      const meta = doc.elements[element];
      const upload = meta ? uploads.get(meta.upload_id) : undefined;
      if (!meta || !upload) continue;
      const image_type = element === 'SELFIE' ? 'FACE' : element;
      const image = addDocumentImage(ctx, before.profile_id, { image_type, document_type: doc.document_type, document_category: type.category, data: upload.data });
      images.push({ id: image.id, image_type });
      elements[element] = { ...meta, image_id: image.id };
      ctx.repo.del(uploadsOf(requestId), upload.id);
    }
    const appended = appendDocument(ctx, before.profile_id, { category: type.category, document_type: doc.document_type, images } as DocumentInput);
    documents[questionId] = { ...doc, elements, document_id: appended.id ?? null };
  }

  const submitted = replaceForm(before, { ...form, documents: { ...form.documents, ...documents } });
  saveChanges(ctx, before, withFormStatus(ctx, submitted, formId, 'COMPLETED'));
  startChecksAfter(ctx, requestId, formId);
  return getRequest(ctx, requestId);
}

export interface FinishResult {
  status: 'COMPLETED';
  message: string;
  redirect_url: string | null;
}

/** The customer pressed Finish: every form must be done and no check may still be deciding a follow-up form. */
export function finishRequest(ctx: DomainContext, requestId: string): FinishResult {
  const req = getRequest(ctx, requestId);
  if (req.status === 'EXPIRED') throw closedError(req);
  if (req.status === 'SENT') {
    const open = req.forms.filter((f) => f.status === 'SENT');
    if (open.length > 0) {
      throw new PassFortError(409, ErrorCode.CONSTRAINTS_NOT_SATISFIED, CrMsg.formsStillOpen(open.map((f) => f.title)), { form_ids: open.map((f) => f.id) });
    }
    const waiting = req.conditions.filter((c) => c.state === 'WAITING').map((c) => c.check_type);
    throw new PassFortError(409, ErrorCode.CONSTRAINTS_NOT_SATISFIED, CrMsg.waitingForChecks([...new Set(waiting)]), { waiting_for: waiting });
  }
  if (req.finished_at === null) {
    putRequest(ctx, { ...req, finished_at: ctx.now, history: [...req.history, historyEntry(ctx, 'FINISHED')] });
    ctx.emit('CUSTOMER_REQUEST_FINISHED', { profile_id: req.profile_id, customer_request_id: req.id, redirect_url: req.redirect_url });
  }
  return { status: 'COMPLETED', message: CrMsg.submitted, redirect_url: req.type === 'FLOW' ? req.redirect_url : null };
}

/** Cancels one SENT form (a PassFort user withdrawing it; the control API). */
export function cancelForm(ctx: DomainContext, requestId: string, formId: string): CustomerRequestDoc {
  const before = openRequest(ctx, requestId);
  openForm(before, formId);
  for (const upload of uploadsOfForm(ctx, requestId, formId)) ctx.repo.del(uploadsOf(requestId), upload.id);
  const draft = skipOrphanedConditions(ctx, withFormStatus(ctx, before, formId, 'CANCELLED'));
  return saveChanges(ctx, before, draft);
}

/** The expiry job: every SENT form and every undecided follow-up form expires at the request's deadline. */
export function expireRequest(ctx: DomainContext, requestId: string): void {
  const before = getRequest(ctx, requestId);
  if (before.status !== 'SENT') return;
  let draft = before;
  for (const form of before.forms) if (form.status === 'SENT') draft = withFormStatus(ctx, draft, form.id, 'EXPIRED');
  let seq = draft.seq;
  const conditions = draft.conditions.map((c) => (c.state === 'WAITING' ? { ...c, state: 'EXPIRED' as const, decided_at: ctx.now, terminal_seq: ++seq } : c));
  for (const upload of ctx.repo.list<UploadDoc>(uploadsOf(requestId))) ctx.repo.del(uploadsOf(requestId), upload.id);
  saveChanges(ctx, before, { ...draft, seq, conditions, history: [...draft.history, historyEntry(ctx, 'EXPIRED')] });
}
