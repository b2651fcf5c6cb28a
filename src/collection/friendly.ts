import { CrMsg } from '../domain/customer-requests/messages.js';

/**
 * The back end names problems for developers ("answers.dob: must be a date as YYYY-MM-DD").
 * A customer reads GOV.UK-style sentences instead ("Date of birth must include a day, month
 * and year"). For every question the page carries a table from the back end's exact text
 * to the customer's sentence; anything not in it is shown as "<label>: <problem>".
 */

/** A question as the collection API presents it. */
export interface ViewQuestion {
  id: string;
  label: string;
  type: string;
  required: boolean;
  hint: string | null;
  options: { value: string; label: string }[] | null;
  min: number | null;
  max: number | null;
  max_length: number | null;
  document_types: { document_type: string; label: string; elements: { element: string; image_type: string; label: string }[] }[] | null;
}

const DEFAULT_MAX_LENGTH: Record<string, number> = { text: 1000, textarea: 10_000 };

/** "Date of birth" → "date of birth", but "UK postcode" stays as it is. */
export function lowerFirst(label: string): string {
  const clean = label.replace(/[?:.]\s*$/, '');
  return /^[A-Z][a-z]/.test(clean) ? clean.charAt(0).toLowerCase() + clean.slice(1) : clean;
}

const isQuestion = (label: string) => /\?\s*$/.test(label);

export const ELEMENT_WORDS: Record<string, string> = {
  FRONT: 'the front of',
  BACK: 'the back of',
};

/** What to do about a missing element, in the customer's words. */
export function missingElementMessage(typeLabel: string, element: string): string {
  if (element === 'SELFIE') return 'Upload a photo of your face (selfie)';
  return `Upload ${ELEMENT_WORDS[element] ?? 'a photo of'} your ${lowerFirst(typeLabel)}`;
}

/** `{ "<field>": { "<back-end problem>": "<customer sentence>" } }` for one question. */
export function friendlyMessages(q: ViewQuestion): Record<string, Record<string, string>> {
  const label = q.label.replace(/\s+$/, '');
  const lower = lowerFirst(label);
  const choose = isQuestion(label) ? 'Select an answer' : `Select ${lower}`;
  const field = `answers.${q.id}`;
  const out: Record<string, string> = {};
  switch (q.type) {
    case 'text':
    case 'textarea': {
      out[CrMsg.required] = `Enter ${lower}`;
      const max = q.max_length ?? DEFAULT_MAX_LENGTH[q.type]!;
      out[CrMsg.tooLong(max)] = `${label} must be ${max} characters or fewer`;
      break;
    }
    case 'date':
      out[CrMsg.required] = `Enter ${lower}`;
      out[CrMsg.notDate] = `${label} must include a day, month and year`;
      out[CrMsg.notRealDate] = `${label} must be a real date`;
      break;
    case 'country':
      out[CrMsg.required] = `Select ${lower}`;
      break;
    case 'email':
      out[CrMsg.required] = `Enter ${lower}`;
      out[CrMsg.notEmail] = 'Enter an email address in the correct format, like name@example.com';
      break;
    case 'phone':
      out[CrMsg.required] = `Enter ${lower}`;
      out[CrMsg.notPhone] = 'Enter a phone number, like 01632 960 001 or +44 7700 900 982';
      break;
    case 'select':
      out[CrMsg.required] = choose;
      out[CrMsg.notOption((q.options ?? []).map((o) => o.value))] = choose;
      break;
    case 'boolean':
      out[CrMsg.required] = isQuestion(label) ? 'Select yes or no' : `Select yes or no for ${lower}`;
      out[CrMsg.notBoolean] = 'Select yes or no';
      break;
    case 'number': {
      out[CrMsg.required] = `Enter ${lower}`;
      const range = q.min !== null && q.max !== null ? `${label} must be between ${q.min} and ${q.max}` : null;
      out[CrMsg.notNumber] = range ? `${range}, in numbers` : `${label} must be a number`;
      if (q.min !== null) out[CrMsg.belowMin(q.min)] = range ?? `${label} must be ${q.min} or more`;
      if (q.max !== null) out[CrMsg.aboveMax(q.max)] = range ?? `${label} must be ${q.max} or less`;
      break;
    }
    case 'address':
      out[CrMsg.required] = `Enter ${lower}`;
      out[CrMsg.notAddress] = `Enter ${lower}, with its country`;
      out[CrMsg.addressNeedsLine] = 'Enter the street and the town or city';
      break;
    case 'document': {
      const docs: Record<string, Record<string, string>> = {
        [`documents.${q.id}`]: { [CrMsg.noDocumentChosen]: (q.document_types?.length ?? 0) > 1 ? 'Select which document you will use, then upload its photos' : `Upload a photo of your ${lowerFirst(q.document_types?.[0]?.label ?? label)}` },
      };
      for (const type of q.document_types ?? []) {
        for (const el of type.elements) {
          // Several document types share an element (FRONT): one table per field, one entry per type.
          const field = `documents.${q.id}.${el.element}`;
          docs[field] = { ...docs[field], [CrMsg.missingElement(type.label, el.element)]: missingElementMessage(type.label, el.element) };
        }
      }
      return docs;
    }
  }
  return { [field]: out };
}

/** Customer sentence for a problem the table does not know. */
export function fallbackMessage(label: string, problem: string): string {
  return `${label.replace(/[?:.]\s*$/, '')}: ${problem}`;
}
