import {
  documentCategoryOf,
  humanize,
  taskAlias,
  type DocumentTypeConfig,
  type FlowCondition,
  type FormTemplateConfig,
  type QuestionConfig,
  type RequestableTaskConfig,
} from '../../config/customer-requests.js';
import { TASK_DOCUMENT_QUESTION_ID } from '../../config/cross-check.js';
import type { DomainContext } from '../context.js';
import type { FormDoc, QuestionDef, SectionDef } from './types.js';

/**
 * Turns configuration into the forms of a request. The definition is copied into the
 * request, so a later config change does not alter what a customer is halfway through.
 */

const DOCUMENT_LABELS: Record<string, string> = { STATE_ID: 'Identity card', DRIVING_LICENCE: 'Driving licence' };

export function documentTypeDefs(types: readonly DocumentTypeConfig[]): NonNullable<QuestionDef['document_types']> {
  return types.map((d) => ({
    document_type: d.document_type,
    label: d.label ?? DOCUMENT_LABELS[d.document_type] ?? humanize(d.document_type),
    category: documentCategoryOf(d),
    elements: [...d.elements],
  }));
}

export function questionDef(q: QuestionConfig): QuestionDef {
  return {
    id: q.id,
    label: q.label,
    type: q.type,
    required: q.required,
    hint: q.hint ?? null,
    path: q.path ?? null,
    options: q.options ? q.options.map((o) => ({ ...o })) : null,
    min: q.min ?? null,
    max: q.max ?? null,
    max_length: q.max_length ?? null,
    document_types: q.document_types ? documentTypeDefs(q.document_types) : null,
  };
}

const sectionsOf = (template: FormTemplateConfig): SectionDef[] =>
  template.sections.map((s) => ({ title: s.title ?? null, description: s.description ?? null, questions: s.questions.map(questionDef) }));

function blankForm(ctx: DomainContext, fields: Pick<FormDoc, 'alias' | 'title' | 'description' | 'task_id' | 'sections' | 'set' | 'task_checks' | 'asked_because'>): FormDoc {
  return {
    id: ctx.ids.uuid(),
    status: 'SENT',
    created_at: ctx.now,
    terminal_seq: null,
    terminal_at: null,
    submitted_at: null,
    answers: {},
    documents: {},
    ...fields,
  };
}

/** The form of a requestable task: its template's questions, then its document upload. */
export function taskForm(
  ctx: DomainContext,
  task: RequestableTaskConfig,
  taskId: string,
  template: FormTemplateConfig | undefined,
): FormDoc {
  const sections = template ? sectionsOf(template) : [];
  if (task.document_types.length > 0) {
    const upload: QuestionDef = {
      ...questionDef({ id: TASK_DOCUMENT_QUESTION_ID, label: 'Document', type: 'document', required: true }),
      label: task.document_types.length === 1 ? (documentTypeDefs(task.document_types)[0]!.label) : 'Choose a document',
      document_types: documentTypeDefs(task.document_types),
    };
    sections.push({ title: 'Documents', description: null, questions: [upload] });
  }
  return blankForm(ctx, {
    alias: taskAlias(task),
    title: task.name ?? template?.title ?? humanize(task.task_type),
    description: task.description ?? template?.description ?? null,
    task_id: taskId,
    sections,
    set: template ? template.set.map((s) => ({ ...s })) : [],
    task_checks: [...task.checks],
    asked_because: null,
  });
}

/** A form of a registration flow. */
export function flowForm(
  ctx: DomainContext,
  template: FormTemplateConfig,
  askedBecause: { check_type: string; condition: FlowCondition; check_id: string | null } | null = null,
): FormDoc {
  return blankForm(ctx, {
    alias: template.alias,
    title: template.title,
    description: template.description ?? null,
    task_id: null,
    sections: sectionsOf(template),
    set: template.set.map((s) => ({ ...s })),
    task_checks: [],
    asked_because: askedBecause,
  });
}

export const questionsOfForm = (form: Pick<FormDoc, 'sections'>): QuestionDef[] => form.sections.flatMap((s) => s.questions);
