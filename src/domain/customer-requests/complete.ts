import { invalidInput } from '../../core/errors.js';
import { getAtPath, parsePath } from '../../config/collected-data-paths.js';
import type { DocumentElement } from '../../config/customer-requests.js';
import type { DomainContext } from '../context.js';
import { getProfile } from '../profiles.js';
import { seededDate, seededFaker } from '../seeded-faker.js';
import { checkAnswer } from './answers.js';
import { closedError, finishRequest, saveAnswers, submitForm, uploadDocument } from './collection.js';
import { questionsOfForm } from './forms.js';
import { SAMPLE_IMAGES } from './sample-images.js';
import { getRequest } from './store.js';
import type { CustomerRequestDoc, FormDoc, QuestionDef } from './types.js';

/**
 * `POST /__sandbox/customer-requests/{id}/complete`: the customer's part without a browser.
 * Every open form is filled with answers that fit its questions (made by faker seeded from
 * the request, so the same request gets the same answers), documents get sample images, and
 * each form is submitted through the same functions the collection back end uses.
 */

export interface CompleteOptions {
  /** Answers to use instead of made-up ones, by form alias or id, then question id (null leaves one unanswered). */
  answers?: Record<string, Record<string, unknown>> | undefined;
  /** Document type to send per form (alias or id); default: the first accepted type. */
  document_types?: Record<string, string> | undefined;
  seed?: string | number | undefined;
}

export interface CompleteResult {
  request: CustomerRequestDoc;
  submitted_form_ids: string[];
  finished: boolean;
}

/** What a question is about: its id and path first (precise), its label only when they say nothing. */
const words = (q: QuestionDef) => {
  const key = `${q.id} ${q.path ?? ''}`.toLowerCase();
  return /given|first|family|last|surname|number|name|dob|birth|incorporat/.test(key) ? key : `${key} ${q.label.toLowerCase()}`;
};

/** A made-up answer that fits the question (and its collected-data path). */
export function fakeAnswer(q: QuestionDef, seed: string): unknown {
  const f = seededFaker('customer-request-answer', seed, q.id);
  const w = words(q);
  switch (q.type) {
    case 'text': {
      let text: string;
      if (/given|first/.test(w)) text = f.person.firstName();
      else if (/family|last|surname/.test(w)) text = f.person.lastName();
      else if (/number|registration/.test(w)) text = f.string.numeric({ length: 8, allowLeadingZeros: true });
      else if (/company|metadata\.name|business/.test(w)) text = `${f.company.name().replace(/[,.]/g, '')} Ltd`;
      else text = f.lorem.words(3);
      return q.max_length ? text.slice(0, q.max_length) : text;
    }
    case 'textarea':
      return f.lorem.sentence().slice(0, q.max_length ?? 10_000);
    case 'date':
      if (/dob|birth/.test(w)) return seededDate(f, 1960, 2000);
      if (/incorporat/.test(w)) return seededDate(f, 1995, 2020);
      return seededDate(f, 2005, 2022);
    case 'country':
      return 'GBR';
    case 'email':
      return `${f.person.firstName().toLowerCase().replace(/[^a-z]/g, '')}.${f.string.numeric(4)}@example.com`;
    case 'phone':
      return `+44 7700 900${f.string.numeric(3)}`;
    case 'select':
      return f.helpers.arrayElement(q.options ?? [{ value: '', label: '' }]).value;
    case 'number': {
      const min = q.min ?? 0;
      const max = q.max ?? min + 100;
      return f.number.int({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case 'boolean':
      return true;
    case 'address':
      return {
        type: 'STRUCTURED',
        country: 'GBR',
        street_number: String(f.number.int({ min: 1, max: 199 })),
        route: f.location.street(),
        postal_town: f.location.city(),
        postal_code: f.location.zipCode(),
      };
    case 'document':
      return undefined;
  }
}

/** What the profile already holds at a question's path, when it fits the question (customers confirm their own data). */
function knownAnswer(q: QuestionDef, data: unknown): unknown {
  if (!q.path) return undefined;
  const p = parsePath(q.path);
  if (typeof p === 'string') return undefined;
  const current = getAtPath(data, p);
  if (current === undefined) return undefined;
  const checked = checkAnswer(q, current);
  return 'value' in checked ? checked.value : undefined;
}

function pick<T>(byForm: Record<string, T> | undefined, form: FormDoc): T | undefined {
  return byForm?.[form.id] ?? byForm?.[form.alias];
}

export function completeRequest(ctx: DomainContext, requestId: string, options: CompleteOptions = {}): CompleteResult {
  const start = getRequest(ctx, requestId);
  if (start.status !== 'SENT') throw closedError(start);
  for (const [key, section] of [['answers', options.answers], ['document_types', options.document_types]] as const) {
    for (const name of Object.keys(section ?? {})) {
      if (!start.forms.some((f) => f.id === name || f.alias === name) && !start.conditions.some((c) => c.form_alias === name)) {
        throw invalidInput(`${key}.${name}: the request has no form with this alias or id`, { field: `${key}.${name}` });
      }
    }
  }
  const seed = String(options.seed ?? requestId);
  const submitted: string[] = [];
  // Submitting can add follow-up forms (a check that answers at once); keep going until none is open.
  for (let round = 0; round < 20; round++) {
    const open = getRequest(ctx, requestId).forms.filter((f) => f.status === 'SENT');
    if (open.length === 0) break;
    for (const form of open) {
      fillForm(ctx, requestId, form, seed, pick(options.answers, form) ?? {}, pick(options.document_types, form));
      submitForm(ctx, requestId, form.id);
      submitted.push(form.id);
    }
  }
  const after = getRequest(ctx, requestId);
  const finished = after.status === 'COMPLETED';
  if (finished) finishRequest(ctx, requestId);
  return { request: getRequest(ctx, requestId), submitted_form_ids: submitted, finished };
}

function fillForm(ctx: DomainContext, requestId: string, form: FormDoc, seed: string, overrides: Record<string, unknown>, documentType: string | undefined): void {
  const data = getProfile(ctx, getRequest(ctx, requestId).profile_id).collected_data;
  const answers: Record<string, unknown> = {};
  for (const q of questionsOfForm(form)) {
    if (q.type === 'document') continue;
    answers[q.id] = knownAnswer(q, data) ?? fakeAnswer(q, `${seed}:${form.alias}`);
  }
  saveAnswers(ctx, requestId, form.id, { ...answers, ...overrides });
  for (const q of questionsOfForm(form)) {
    if (q.type !== 'document' || !q.document_types?.length) continue;
    const type = q.document_types.find((d) => d.document_type === documentType) ?? q.document_types[0]!;
    if (documentType && type.document_type !== documentType) {
      throw invalidInput(`document_types.${form.alias}: ${documentType} is not accepted by this form (accepted: ${q.document_types.map((d) => d.document_type).join(', ')})`, {
        field: `document_types.${form.alias}`,
      });
    }
    for (const element of type.elements as DocumentElement[]) {
      uploadDocument(ctx, requestId, form.id, { question_id: q.id, document_type: type.document_type, element, data: SAMPLE_IMAGES[element] });
    }
  }
}
