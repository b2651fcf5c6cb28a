import { formatDateTime } from '../../core/dates.js';
import type { DomainContext } from '../context.js';
import { emailsOfRequest } from '../emails.js';
import { customerRef, getProfile } from '../profiles.js';
import { submitProblems } from './answers.js';
import { isCompleted } from './lifecycle.js';
import { CrMsg } from './messages.js';
import { themeOf } from './themes.js';
import type { CustomerRequestDoc, DocumentAnswer, FormDoc } from './types.js';

/** The three faces of a request: PassFort's API, the customer's collection back end, the sandbox control API. */

const fmt = (ms: number | null) => (ms === null ? null : formatDateTime(ms));
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `POST`/`GET /4.0/forms/profile/{id}/customer_request`: no detailed status, as in PassFort. */
export function presentApiRequest(req: CustomerRequestDoc) {
  return {
    id: req.id,
    apikey: req.apikey,
    type: req.type,
    profile_id: req.profile_id,
    created_at: formatDateTime(req.created_at),
    expires_at: formatDateTime(req.expires_at),
    is_completed: isCompleted(req.status),
    forms: req.forms.map((f) => ({ id: f.id, alias: f.alias, title: f.title, ...(f.task_id ? { task_id: f.task_id } : {}) })),
  };
}

const documentsView = (documents: Record<string, DocumentAnswer>, time: (ms: number | null) => string | null) =>
  Object.fromEntries(
    Object.entries(documents).map(([qid, d]) => [
      qid,
      {
        document_type: d.document_type,
        elements: Object.fromEntries(
          Object.entries(d.elements).map(([el, m]) => [el, { upload_id: m!.upload_id, content_type: m!.content_type, size: m!.size, uploaded_at: time(m!.uploaded_at) }]),
        ),
      },
    ]),
  );

/** A form as the customer's browser sees it. */
export function presentCollectionForm(form: FormDoc) {
  const open = form.status === 'SENT';
  return {
    id: form.id,
    alias: form.alias,
    title: form.title,
    description: form.description,
    task_id: form.task_id,
    status: form.status,
    follow_up: form.asked_because !== null,
    ...(open
      ? {
          sections: form.sections.map((s) => ({
            title: s.title,
            description: s.description,
            questions: s.questions.map(({ path: _path, ...q }) => ({
              ...q,
              document_types: q.document_types?.map((d) => ({
                document_type: d.document_type,
                label: d.label,
                elements: d.elements.map((e) => ({ element: e, image_type: e === 'SELFIE' ? 'FACE' : e, label: ELEMENT_LABELS[e] })),
              })) ?? null,
            })),
          })),
          answers: form.answers,
          documents: documentsView(form.documents, iso),
          missing: submitProblems(form),
        }
      : {}),
  };
}

export const ELEMENT_LABELS = { FRONT: 'Front of the document', BACK: 'Back of the document', SELFIE: 'A photo of your face (selfie)' } as const;

/** `GET /collection/api/requests/{id}`. A closed request shows only what the end page needs. */
export function presentCollectionRequest(ctx: DomainContext, req: CustomerRequestDoc) {
  const open = req.status === 'SENT';
  const theme = themeOf(ctx.config, req.theme_alias);
  const waiting = req.conditions.filter((c) => c.state === 'WAITING');
  const next = req.forms.find((f) => f.status === 'SENT');
  return {
    id: req.id,
    type: req.type,
    status: req.status,
    open,
    message: req.status === 'COMPLETED' ? CrMsg.submitted : req.status === 'EXPIRED' ? CrMsg.requestExpired : null,
    created_at: iso(req.created_at),
    expires_at: iso(req.expires_at),
    institution: { name: ctx.config.institution.name },
    theme: {
      alias: theme.alias,
      name: theme.name ?? theme.alias,
      colors: theme.colors,
      font: theme.font,
      logo_url: theme.logo_url ?? null,
      corner_radius: theme.corner_radius,
      button_style: theme.button_style,
    },
    progress: { submitted: req.forms.filter((f) => f.status === 'COMPLETED').length, total: req.forms.filter((f) => f.status !== 'CANCELLED').length },
    current_form_id: open ? (next?.id ?? null) : null,
    waiting_for: open ? waiting.map((c) => ({ check_type: c.check_type, form_alias: c.form_alias, check_started: req.checks.some((k) => k.check_type === c.check_type && k.state === 'STARTED') })) : [],
    can_finish: req.status === 'COMPLETED',
    finished: req.finished_at !== null,
    redirect_url: req.type === 'FLOW' && req.status === 'COMPLETED' ? req.redirect_url : null,
    forms: open ? req.forms.map(presentCollectionForm) : req.forms.map((f) => ({ id: f.id, alias: f.alias, title: f.title, status: f.status })),
  };
}

/** `GET /__sandbox/customer-requests/{id}`: everything, with its history. */
export function presentDetailedRequest(ctx: DomainContext, req: CustomerRequestDoc) {
  const profile = getProfile(ctx, req.profile_id);
  return {
    id: req.id,
    type: req.type,
    profile_id: req.profile_id,
    customer_ref: customerRef(profile),
    status: req.status,
    is_completed: isCompleted(req.status),
    apikey: req.apikey,
    theme: { alias: req.theme_alias },
    flow_template: req.flow_alias ? { alias: req.flow_alias } : null,
    created_at: fmt(req.created_at),
    expires_at: fmt(req.expires_at),
    terminal_at: fmt(req.terminal_at),
    finished_at: fmt(req.finished_at),
    redirect_url: req.redirect_url,
    product: req.product_alias ? { alias: req.product_alias, application_id: req.application_id } : null,
    email: req.email,
    emails: emailsOfRequest(ctx, req.id).map((e) => ({
      id: e.id,
      to: e.to,
      status: e.status,
      attempts: e.attempts.map((a) => ({ at: fmt(a.at), ok: a.ok, error: a.error, message_id: a.message_id })),
    })),
    forms: req.forms.map((f) => ({
      id: f.id,
      alias: f.alias,
      title: f.title,
      task_id: f.task_id,
      status: f.status,
      created_at: fmt(f.created_at),
      submitted_at: fmt(f.submitted_at),
      terminal_at: fmt(f.terminal_at),
      asked_because: f.asked_because,
      answers: f.answers,
      documents: Object.fromEntries(
        Object.entries(f.documents).map(([qid, d]) => [
          qid,
          {
            document_type: d.document_type,
            document_id: d.document_id,
            elements: Object.fromEntries(
              Object.entries(d.elements).map(([el, m]) => [el, { upload_id: m!.upload_id, image_id: m!.image_id, content_type: m!.content_type, size: m!.size, uploaded_at: fmt(m!.uploaded_at) }]),
            ),
          },
        ]),
      ),
    })),
    follow_up_forms: req.conditions.map((c) => ({
      form_alias: c.form_alias,
      check_type: c.check_type,
      condition: c.condition,
      state: c.state,
      check_id: c.check_id,
      result: c.result,
      decided_at: fmt(c.decided_at),
    })),
    checks: req.checks.map((c) => ({ ...c, started_at: fmt(c.started_at), completed_at: fmt(c.completed_at) })),
    history: req.history.map((h) => ({ ...h, at: fmt(h.at) })),
  };
}

/** A line of `GET /__sandbox/customer-requests`. */
export function presentRequestSummary(req: CustomerRequestDoc) {
  return {
    id: req.id,
    type: req.type,
    profile_id: req.profile_id,
    status: req.status,
    is_completed: isCompleted(req.status),
    flow_template: req.flow_alias ? { alias: req.flow_alias } : null,
    created_at: fmt(req.created_at),
    expires_at: fmt(req.expires_at),
    forms: req.forms.map((f) => ({ id: f.id, alias: f.alias, title: f.title, status: f.status, task_id: f.task_id })),
  };
}
