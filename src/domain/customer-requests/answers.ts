import { isCountryCode } from '../../core/countries.js';
import { date as dateSchema } from '../../schemas/common.js';
import { address as addressSchema, entityData, type EntityData } from '../../schemas/entity-data.js';
import { parsePath, setAtPath } from '../../config/collected-data-paths.js';
import { formatIssuePath } from '../../config/issue-path.js';
import { invalidInput } from '../../core/errors.js';
import { CrMsg } from './messages.js';
import { questionsOfForm } from './forms.js';
import type { FormDoc, QuestionDef } from './types.js';

/**
 * Answers checked against the form template the request froze: type, format, options,
 * bounds; required-ness only when the form is submitted (a customer saves as they go).
 */

export interface FieldProblem {
  field: string;
  problem: string;
}

const DEFAULT_MAX_LENGTH = { text: 1000, textarea: 10_000 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,30}$/;

type Checked = { value: unknown } | { problem: string };

/** One answer, normalised (trimmed text, upper-case country, numbers from numeric text), or why it does not fit. */
export function checkAnswer(q: QuestionDef, raw: unknown): Checked {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { value: undefined };
  switch (q.type) {
    case 'text':
    case 'textarea': {
      if (typeof raw !== 'string') return { problem: CrMsg.notText };
      const max = q.max_length ?? DEFAULT_MAX_LENGTH[q.type];
      const value = raw.trim();
      return value.length > max ? { problem: CrMsg.tooLong(max) } : { value };
    }
    case 'date': {
      if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) return { problem: CrMsg.notDate };
      return dateSchema.safeParse(raw.trim()).success ? { value: raw.trim() } : { problem: CrMsg.notRealDate };
    }
    case 'country': {
      if (typeof raw !== 'string') return { problem: CrMsg.notCountry(String(raw)) };
      const code = raw.trim().toUpperCase();
      return isCountryCode(code) ? { value: code } : { problem: CrMsg.notCountry(raw) };
    }
    case 'email': {
      if (typeof raw !== 'string' || raw.trim().length > 254 || !EMAIL.test(raw.trim())) return { problem: CrMsg.notEmail };
      return { value: raw.trim() };
    }
    case 'phone': {
      if (typeof raw !== 'string') return { problem: CrMsg.notPhone };
      const value = raw.trim();
      return PHONE.test(value) && value.replace(/\D/g, '').length >= 6 ? { value } : { problem: CrMsg.notPhone };
    }
    case 'select': {
      const options = (q.options ?? []).map((o) => o.value);
      return typeof raw === 'string' && options.includes(raw) ? { value: raw } : { problem: CrMsg.notOption(options) };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) return { problem: CrMsg.notNumber };
      if (q.min !== null && n < q.min) return { problem: CrMsg.belowMin(q.min) };
      if (q.max !== null && n > q.max) return { problem: CrMsg.aboveMax(q.max) };
      return { value: n };
    }
    case 'boolean': {
      if (raw === true || raw === 'true') return { value: true };
      if (raw === false || raw === 'false') return { value: false };
      return { problem: CrMsg.notBoolean };
    }
    case 'address': {
      const parsed = addressSchema.safeParse(raw);
      if (!parsed.success) return { problem: CrMsg.notAddress };
      const a = parsed.data as Record<string, unknown>;
      if (a.type === 'STRUCTURED') {
        if (!a.country) return { problem: CrMsg.notAddress };
        const lines = Object.entries(a).filter(([k, v]) => k !== 'type' && k !== 'country' && typeof v === 'string' && v.trim() !== '');
        if (lines.length === 0) return { problem: CrMsg.addressNeedsLine };
      }
      return { value: parsed.data };
    }
    case 'document':
      return { problem: CrMsg.documentViaUpload };
  }
}

/** Checks a batch of answers; unknown ids and misfits are problems, `null` clears an answer. */
export function checkAnswers(form: FormDoc, answers: Record<string, unknown>): { values: Record<string, unknown>; problems: FieldProblem[] } {
  const byId = new Map(questionsOfForm(form).map((q) => [q.id, q]));
  const values: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [id, raw] of Object.entries(answers)) {
    const q = byId.get(id);
    if (!q) {
      problems.push({ field: `answers.${id}`, problem: CrMsg.unknownQuestion(id) });
      continue;
    }
    const checked = checkAnswer(q, raw);
    if ('problem' in checked) problems.push({ field: `answers.${id}`, problem: checked.problem });
    else values[id] = checked.value;
  }
  return { values, problems };
}

/** Merges checked values into a form's answers (undefined removes). */
export function mergeAnswers(current: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...current };
  for (const [id, v] of Object.entries(values)) {
    if (v === undefined) delete out[id];
    else out[id] = v;
  }
  return out;
}

/** What stops a form from being submitted: required answers and incomplete documents. */
export function submitProblems(form: FormDoc): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const q of questionsOfForm(form)) {
    if (q.type === 'document') {
      const doc = form.documents[q.id];
      if (!doc || Object.keys(doc.elements).length === 0) {
        if (q.required) problems.push({ field: `documents.${q.id}`, problem: CrMsg.noDocumentChosen });
        continue;
      }
      const type = q.document_types?.find((d) => d.document_type === doc.document_type);
      for (const element of type?.elements ?? []) {
        if (!doc.elements[element]) problems.push({ field: `documents.${q.id}.${element}`, problem: CrMsg.missingElement(type!.label, element) });
      }
      continue;
    }
    if (q.required && form.answers[q.id] === undefined) problems.push({ field: `answers.${q.id}`, problem: CrMsg.required });
  }
  return problems;
}

export function answersError(problems: FieldProblem[]) {
  const first = problems[0]!;
  return invalidInput(CrMsg.answersInvalid(`${first.field}: ${first.problem}`, problems.length - 1), { field: first.field, problems });
}

/**
 * The collected data after a form: its fixed `set` values, then every mapped answer.
 * Validated as a whole, so a template mistake is a clear 400, never bad stored data.
 */
export function collectedDataAfter(current: EntityData, form: FormDoc): EntityData {
  let data: EntityData = current;
  for (const s of form.set) {
    const p = parsePath(s.path);
    if (typeof p !== 'string') data = setAtPath(data, p, s.value);
  }
  for (const q of questionsOfForm(form)) {
    const value = form.answers[q.id];
    if (!q.path || value === undefined) continue;
    const p = parsePath(q.path);
    if (typeof p !== 'string') data = setAtPath(data, p, value);
  }
  const parsed = entityData.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatIssuePath(issue.path);
    throw invalidInput(CrMsg.collectedDataInvalid(path, issue.message), { field: `collected_data.${path}`, form_id: form.id });
  }
  return data;
}
