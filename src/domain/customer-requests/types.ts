import type { DocumentElement, DocumentTypeConfig, FlowCondition, QuestionType } from '../../config/customer-requests.js';

/**
 * A customer request as stored. The forms are embedded (a request is read and changed as a
 * whole); uploaded images wait in their own collection until the form is submitted.
 */

/** The job that expires a request's forms at its deadline (a leaf constant: job tables read it at load). */
export const EXPIRY_JOB_KIND = 'customer-request-expiry';

export type RequestType = 'FLOW' | 'FORMS';
export type RequestStatus = 'SENT' | 'COMPLETED' | 'EXPIRED';
export type FormStatus = 'SENT' | 'CANCELLED' | 'COMPLETED' | 'EXPIRED';
export const TERMINAL_FORM_STATUSES: readonly FormStatus[] = ['CANCELLED', 'COMPLETED', 'EXPIRED'];

/** A question as the request froze it at creation (later config changes do not reach open requests). */
export interface QuestionDef {
  id: string;
  label: string;
  type: QuestionType;
  required: boolean;
  hint: string | null;
  path: string | null;
  options: { value: string; label: string }[] | null;
  min: number | null;
  max: number | null;
  max_length: number | null;
  document_types: (DocumentTypeConfig & { label: string; category: string })[] | null;
}

export interface SectionDef {
  title: string | null;
  description: string | null;
  questions: QuestionDef[];
}

export interface UploadMeta {
  upload_id: string;
  content_type: string;
  size: number;
  /** Workspace time, ms. */
  uploaded_at: number;
  /** Set once the form is submitted and the image is on the profile. */
  image_id: string | null;
}

export interface DocumentAnswer {
  document_type: string;
  elements: Partial<Record<DocumentElement, UploadMeta>>;
  /** The PassFort document appended to collected_data on submit. */
  document_id: string | null;
}

export interface FormDoc {
  id: string;
  alias: string;
  title: string;
  description: string | null;
  task_id: string | null;
  /** For a conditional flow form: the check result that asked for it. */
  asked_because: { check_type: string; condition: FlowCondition; check_id: string | null } | null;
  status: FormStatus;
  created_at: number;
  /** Order in which forms became terminal within the request (the last one decides the request). */
  terminal_seq: number | null;
  terminal_at: number | null;
  submitted_at: number | null;
  sections: SectionDef[];
  /** Fixed collected-data writes of the template (`set`). */
  set: { path: string; value: string | number | boolean }[];
  answers: Record<string, unknown>;
  documents: Record<string, DocumentAnswer>;
  /** Checks started on the task when the form is submitted (FORMS). */
  task_checks: string[];
}

/** A conditional form of a flow that a check has not yet decided. */
export interface ConditionDoc {
  form_alias: string;
  check_type: string;
  condition: FlowCondition;
  /** WAITING until the check completes; EXPIRED when the request expired first. */
  state: 'WAITING' | 'ASKED' | 'SKIPPED' | 'EXPIRED';
  check_id: string | null;
  result: string | null;
  decided_at: number | null;
  terminal_seq: number | null;
}

export interface CheckStartDoc {
  check_type: string;
  /** The form whose submission started it. */
  form_id: string;
  task_ids: string[];
  check_id: string | null;
  state: 'STARTED' | 'COMPLETE' | 'NOT_STARTED';
  result: string | null;
  error: string | null;
  started_at: number;
  completed_at: number | null;
}

export interface HistoryEntry {
  at: number;
  event: string;
  form_id?: string;
  from?: string | null;
  to?: string;
  detail?: Record<string, unknown>;
  actor: string;
}

export interface CustomerRequestDoc {
  id: string;
  profile_id: string;
  type: RequestType;
  apikey: string;
  theme_alias: string;
  flow_alias: string | null;
  status: RequestStatus;
  created_at: number;
  expires_at: number;
  terminal_at: number | null;
  /** When the customer pressed Finish (the request may have completed earlier). */
  finished_at: number | null;
  redirect_url: string | null;
  product_alias: string | null;
  application_id: string | null;
  email: { to: string; message: string | null } | null;
  forms: FormDoc[];
  conditions: ConditionDoc[];
  /** A flow's checks and the form after which each starts (copied from the flow template). */
  planned_checks: { check_type: string; after_form: string }[];
  checks: CheckStartDoc[];
  /** Counter for terminal_seq. */
  seq: number;
  history: HistoryEntry[];
}

/** An uploaded image waiting for its form's submission. */
export interface UploadDoc {
  id: string;
  request_id: string;
  form_id: string;
  question_id: string;
  document_type: string;
  element: DocumentElement;
  content_type: string;
  size: number;
  /** Base64, without a data: prefix. */
  data: string;
  uploaded_at: number;
}
