import { SAMPLE_IMAGES } from '../domain/customer-requests/sample-images.js';

/**
 * Personas: the made-up people and companies a scenario fills forms with, and the rules that
 * decide which answer of a persona goes to which question. The form only tells us a question's
 * id, type and label (not where the answer ends up), so the rules look at those, in order:
 * the persona's own `answers` by question id, then known ids, then the type, then the label.
 */

export interface Address {
  premise?: string;
  street_number?: string;
  route: string;
  postal_town: string;
  state_province?: string;
  postal_code?: string;
  /** ISO 3166-1 alpha-3. */
  country: string;
}

export type DocumentElement = 'FRONT' | 'BACK' | 'SELFIE';

export interface DocumentChoice {
  /** PassFort's document type, e.g. `DRIVING_LICENCE`; default: the first the question accepts. */
  type?: string;
  /** Files per element; default: small sample PNGs (a card front, a back, a face). */
  files?: Partial<Record<DocumentElement, { name: string; mimeType: string; buffer: Buffer }>>;
}

interface PersonaBase {
  email: string;
  address: Address;
  /** Answers by question id, ahead of every rule; `null` leaves a question unanswered. */
  answers?: Record<string, unknown>;
  document?: DocumentChoice;
}

export interface IndividualPersona extends PersonaBase {
  kind: 'individual';
  given_names: string;
  family_name: string;
  /** YYYY-MM-DD */
  dob: string;
  nationality: string;
  phone?: string;
}

export interface CompanyPersona extends PersonaBase {
  kind: 'company';
  name: string;
  number: string;
  country_of_incorporation: string;
  incorporation_date?: string;
  ownership_type?: string;
  owner?: { given_names: string; family_name: string; dob: string; percentage: number };
  /** Answer to "does anyone else own 25% or more" in the shareholders form. */
  others_control?: 'yes' | 'no';
}

export type Persona = IndividualPersona | CompanyPersona;

const LONDON: Address = { street_number: '10', route: 'Downing Street', postal_town: 'London', postal_code: 'SW1A 2AA', country: 'GBR' };

export const personas = {
  /** An applicant with no demo keyword: every check passes (identity `2+2`). */
  alex: {
    kind: 'individual',
    given_names: 'Alex',
    family_name: 'Wheeler',
    dob: '1990-04-12',
    nationality: 'GBR',
    email: 'alex.wheeler@example.com',
    phone: '+44 7700 900123',
    address: LONDON,
  },
  /** The `pep` demo keyword: screening finds a politically exposed person. */
  pep: {
    kind: 'individual',
    given_names: 'Pep',
    family_name: 'Wheeler',
    dob: '1975-09-30',
    nationality: 'GBR',
    email: 'pep.wheeler@example.com',
    address: LONDON,
  },
  /** A company with no demo keyword, one owner. */
  acme: {
    kind: 'company',
    name: 'Acme Widgets Ltd',
    number: '09565115',
    country_of_incorporation: 'GBR',
    incorporation_date: '2015-05-18',
    ownership_type: 'COMPANY',
    email: 'hello@acme-widgets.example',
    address: { street_number: '1', route: 'Example Street', postal_town: 'London', postal_code: 'EC1A 1BB', country: 'GBR' },
    owner: { given_names: 'Jordan', family_name: 'Hale', dob: '1982-02-03', percentage: 60 },
    others_control: 'no',
  },
} satisfies Record<string, Persona>;

/** A persona with some fields changed (a unique email per test, a demo keyword in a name). */
export function persona<P extends Persona>(base: P, changes: Partial<P & PersonaBase> = {}): P {
  return { ...base, ...changes, address: { ...base.address, ...(changes.address ?? {}) } } as P;
}

/** What the form tells us about a question (the collection UI's `data-*` attributes). */
export interface QuestionInfo {
  id: string;
  type: string;
  label: string;
  required?: boolean;
  options?: { value: string; label: string }[];
}

export interface Answer {
  value: unknown;
  /** Which rule chose it, for error messages: `answers.dob`, `id`, `type`, `label`, `default`. */
  source: string;
}

type Field = (p: Persona) => unknown;
const ind = (f: (p: IndividualPersona) => unknown): Field => (p) => (p.kind === 'individual' ? f(p) : undefined);
const co = (f: (p: CompanyPersona) => unknown): Field => (p) => (p.kind === 'company' ? f(p) : undefined);

/** Question ids of the built-in forms and their usual synonyms. */
const BY_ID: Record<string, Field> = {
  given_names: ind((p) => p.given_names),
  first_name: ind((p) => p.given_names),
  forename: ind((p) => p.given_names),
  family_name: ind((p) => p.family_name),
  last_name: ind((p) => p.family_name),
  surname: ind((p) => p.family_name),
  dob: ind((p) => p.dob),
  date_of_birth: ind((p) => p.dob),
  nationality: ind((p) => p.nationality),
  phone: (p) => (p.kind === 'individual' ? p.phone : undefined),
  phone_number: (p) => (p.kind === 'individual' ? p.phone : undefined),
  email: (p) => p.email,
  address: (p) => p.address,
  name: co((p) => p.name),
  company_name: co((p) => p.name),
  number: co((p) => p.number),
  company_number: co((p) => p.number),
  registration_number: co((p) => p.number),
  country_of_incorporation: co((p) => p.country_of_incorporation),
  incorporation_date: co((p) => p.incorporation_date),
  ownership_type: co((p) => p.ownership_type),
  owner_given_names: co((p) => p.owner?.given_names),
  owner_family_name: co((p) => p.owner?.family_name),
  owner_dob: co((p) => p.owner?.dob),
  owner_percentage: co((p) => p.owner?.percentage),
  others_control: co((p) => p.others_control),
};

const BY_TYPE: Record<string, Field> = {
  email: (p) => p.email,
  phone: (p) => (p.kind === 'individual' ? p.phone : undefined),
  address: (p) => p.address,
  country: (p) => (p.kind === 'individual' ? p.nationality : p.country_of_incorporation),
};

const BY_LABEL: [RegExp, Field][] = [
  [/first|given|forename/i, ind((p) => p.given_names)],
  [/last name|surname|family name/i, ind((p) => p.family_name)],
  [/birth/i, ind((p) => p.dob)],
  [/company name|business name/i, co((p) => p.name)],
  [/company number|registration number/i, co((p) => p.number)],
];

/** The persona's answer to a question, or undefined when no rule knows one. */
export function answerFor(q: QuestionInfo, p: Persona): Answer | undefined {
  if (p.answers && q.id in p.answers) return { value: p.answers[q.id], source: `answers.${q.id}` };
  const byId = BY_ID[q.id]?.(p);
  if (byId !== undefined) return { value: byId, source: 'id' };
  const byType = BY_TYPE[q.type]?.(p);
  if (byType !== undefined) return { value: byType, source: 'type' };
  for (const [pattern, field] of BY_LABEL) {
    if (!pattern.test(q.label)) continue;
    const v = field(p);
    if (v !== undefined) return { value: v, source: 'label' };
  }
  return undefined;
}

/** A harmless answer for a required question no rule knows (so a form can still be finished). */
export function defaultAnswer(q: QuestionInfo): Answer | undefined {
  switch (q.type) {
    case 'text':
    case 'textarea':
      return { value: 'Sample answer', source: 'default' };
    case 'number':
      return { value: 1, source: 'default' };
    case 'boolean':
      return { value: false, source: 'default' };
    case 'select':
      return q.options?.[0] ? { value: q.options[0].value, source: 'default' } : undefined;
    case 'date':
      return { value: '2000-01-01', source: 'default' };
    case 'country':
      return { value: 'GBR', source: 'default' };
    default:
      return undefined;
  }
}

export interface PlannedAnswers {
  answers: Map<string, Answer>;
  /** Required questions that nothing answered (the form will refuse to submit). */
  unanswered: QuestionInfo[];
}

/**
 * Decides every answer of a form before touching the page, so a persona that cannot fill a
 * form fails with the list of questions it lacks instead of a validation error later.
 * Document questions are left to the upload step.
 */
export function planAnswers(questions: QuestionInfo[], p: Persona, opts: { defaults?: boolean } = {}): PlannedAnswers {
  const answers = new Map<string, Answer>();
  const unanswered: QuestionInfo[] = [];
  for (const q of questions) {
    if (q.type === 'document') continue;
    let a = answerFor(q, p);
    if (a === undefined && q.required !== false && opts.defaults !== false) a = defaultAnswer(q);
    if (a === undefined || a.value === null || a.value === undefined) {
      if (q.required !== false && !(a && a.value === null)) unanswered.push(q);
      continue;
    }
    answers.set(q.id, a);
  }
  return { answers, unanswered };
}

/** Splits an ISO date into the day, month and year the form's three boxes take (no leading zeros). */
export function dateParts(value: unknown): { day: string; month: string; year: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  if (!m) throw new Error(`a date answer must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! };
}

/** The option a select or boolean answer stands for: by value first, then by label (any case). */
export function optionFor(q: QuestionInfo, value: unknown): { value: string; label: string } | undefined {
  const options = q.type === 'boolean' ? [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }] : (q.options ?? []);
  const v = String(value);
  return options.find((o) => o.value === v) ?? options.find((o) => o.label.toLowerCase() === v.toLowerCase());
}

/** The file uploaded for a document element: the persona's own, else a sample PNG. */
export function documentFile(p: Persona | undefined, element: DocumentElement): { name: string; mimeType: string; buffer: Buffer } {
  const own = p?.document?.files?.[element];
  if (own) return own;
  return { name: `${element.toLowerCase()}.png`, mimeType: 'image/png', buffer: Buffer.from(SAMPLE_IMAGES[element], 'base64') };
}

/**
 * The `POST /4.0/profiles` body for a persona: everything it knows, so checks have data to run
 * on. `stub: true` gives the registration guide's stub (role and entity type, plus the email
 * to reach the applicant).
 */
export function profileBody(p: Persona, opts: { stub?: boolean; customer_ref?: string } = {}): Record<string, unknown> {
  const ref = opts.customer_ref ? { customer_ref: opts.customer_ref } : {};
  if (p.kind === 'company') {
    const contact = { contact_details: { email: p.email } };
    return {
      role: 'COMPANY_CUSTOMER',
      collected_data: opts.stub
        ? { entity_type: 'COMPANY', ...ref, metadata: contact }
        : {
            entity_type: 'COMPANY',
            ...ref,
            metadata: {
              name: p.name,
              number: p.number,
              country_of_incorporation: p.country_of_incorporation,
              ...(p.incorporation_date ? { incorporation_date: p.incorporation_date } : {}),
              ...contact,
              addresses: [{ type: 'registered_address', address: { type: 'STRUCTURED', ...p.address } }],
            },
          },
    };
  }
  return {
    role: 'INDIVIDUAL_CUSTOMER',
    collected_data: opts.stub
      ? { entity_type: 'INDIVIDUAL', ...ref, contact_details: { email: p.email } }
      : {
          entity_type: 'INDIVIDUAL',
          ...ref,
          personal_details: { name: { given_names: p.given_names.split(/\s+/), family_name: p.family_name }, dob: p.dob, nationality: p.nationality },
          contact_details: { email: p.email, ...(p.phone ? { phone_number: p.phone } : {}) },
          address_history: [{ address: { type: 'STRUCTURED', ...p.address } }],
        },
  };
}
