import { constraintViolated, invalidInput, isPassFortError, missingFields } from '../../core/errors.js';
import { defaultTheme } from './themes.js';
import type { DomainContext } from '../context.js';
import { addAudit } from '../audit.js';
import { queueEmail } from '../emails.js';
import { getProfile, type ProfileDoc } from '../profiles.js';
import { addFormInstanceToTask, getTask } from '../tasks.js';
import { CrMsg } from './messages.js';
import { flowForm, taskForm } from './forms.js';
import { expiryJobId, historyEntry, saveChanges } from './lifecycle.js';
import { latestRequestOf } from './store.js';
import { EXPIRY_JOB_KIND, type ConditionDoc, type CustomerRequestDoc, type FormDoc } from './types.js';

export type CreateRequestInput =
  | { type: 'FLOW'; flow_template: { alias: string }; theme?: { alias: string } | undefined }
  | {
      type: 'FORMS';
      task_ids: string[];
      theme?: { alias: string } | undefined;
      email?: { to?: string | undefined; message?: string | undefined } | undefined;
    };

const DAY_MS = 86_400_000;

/**
 * `POST /4.0/forms/profile/{id}/customer_request`. Everything is checked before anything is
 * written (and the unit of work drops all of it on a throw), so a refused request changes nothing.
 */
export function createCustomerRequest(ctx: DomainContext, profileId: string, input: CreateRequestInput): CustomerRequestDoc {
  const profile = getProfile(ctx, profileId);
  const themeAlias = resolveThemeAlias(ctx, input.theme?.alias);
  const latest = latestRequestOf(ctx, profileId);
  if (latest && latest.status === 'SENT') {
    throw constraintViolated(CrMsg.activeRequestExists(profileId, latest.id), { profile_id: profileId, customer_request_id: latest.id });
  }

  const id = ctx.ids.uuid();
  const expiresAt = ctx.now + ctx.config.expiry_days * DAY_MS;
  const plan = input.type === 'FLOW' ? planFlow(ctx, profile, input.flow_template.alias) : planForms(ctx, profile, input);
  const apikey = ctx.issueKey({ kind: 'request', name: `Customer request ${id}`, request_id: id, profile_ids: [profileId], expires_at: expiresAt });

  const doc: CustomerRequestDoc = {
    id,
    profile_id: profileId,
    type: input.type,
    apikey,
    theme_alias: themeAlias,
    flow_alias: input.type === 'FLOW' ? input.flow_template.alias : null,
    status: 'SENT',
    created_at: ctx.now,
    expires_at: expiresAt,
    terminal_at: null,
    finished_at: null,
    redirect_url: plan.redirect_url,
    product_alias: plan.product_alias,
    application_id: null,
    email: plan.email,
    forms: plan.forms,
    conditions: plan.conditions,
    planned_checks: plan.planned_checks,
    checks: [],
    seq: 0,
    history: [historyEntry(ctx, 'CREATED', { to: 'SENT', detail: { type: input.type, forms: plan.forms.map((f) => f.alias) } })],
  };
  const saved = saveChanges(ctx, null, doc);
  ctx.schedule({ id: expiryJobId(id), at: expiresAt, kind: EXPIRY_JOB_KIND, payload: { request_id: id } });
  for (const form of saved.forms) if (form.task_id) addFormInstanceToTask(ctx, profileId, form.task_id, form.id);
  if (plan.email) queueEmail(ctx, { request_id: id, profile_id: profileId, to: plan.email.to, message: plan.email.message, request_apikey: apikey });

  const titles = saved.forms.map((f) => f.title).join(', ');
  addAudit(
    ctx,
    profileId,
    'requested-data',
    input.type === 'FLOW'
      ? `Registration flow "${saved.flow_alias}" started: ${titles}`
      : `Customer request sent to ${plan.email!.to}: ${titles}`,
    { customer_request_id: id, type: input.type, form_ids: saved.forms.map((f) => f.id), task_ids: saved.forms.map((f) => f.task_id).filter(Boolean) },
  );
  return saved;
}

function resolveThemeAlias(ctx: DomainContext, alias: string | undefined): string {
  const themes = ctx.config.form_themes;
  if (alias === undefined) return themes[0]?.alias ?? defaultTheme.alias;
  if (!themes.some((t) => t.alias === alias)) {
    throw invalidInput(CrMsg.unknownTheme(alias, themes.map((t) => t.alias)), { field: 'theme.alias' });
  }
  return alias;
}

interface Plan {
  forms: FormDoc[];
  conditions: ConditionDoc[];
  planned_checks: { check_type: string; after_form: string }[];
  redirect_url: string | null;
  product_alias: string | null;
  email: { to: string; message: string | null } | null;
}

function planFlow(ctx: DomainContext, profile: ProfileDoc, alias: string): Plan {
  const flow = ctx.config.flow_templates.find((f) => f.alias === alias);
  if (!flow) throw invalidInput(CrMsg.unknownFlow(alias, ctx.config.flow_templates.map((f) => f.alias)), { field: 'flow_template.alias' });
  const entityType = profile.collected_data.entity_type;
  if (flow.entity_type !== entityType) {
    throw invalidInput(CrMsg.flowEntityMismatch(alias, flow.entity_type, entityType), { field: 'flow_template.alias' });
  }
  const templates = new Map(ctx.config.form_templates.map((t) => [t.alias, t]));
  const forms: FormDoc[] = [];
  const conditions: ConditionDoc[] = [];
  for (const step of flow.forms) {
    if (step.when) {
      conditions.push({
        form_alias: step.form,
        check_type: step.when.check_type,
        condition: step.when.condition,
        state: 'WAITING',
        check_id: null,
        result: null,
        decided_at: null,
        terminal_seq: null,
      });
    } else forms.push(flowForm(ctx, templates.get(step.form)!));
  }
  return {
    forms,
    conditions,
    planned_checks: flow.checks.map((c) => ({ ...c })),
    redirect_url: flow.redirect_url ?? null,
    product_alias: flow.product ?? null,
    email: null,
  };
}

function planForms(ctx: DomainContext, profile: ProfileDoc, input: Extract<CreateRequestInput, { type: 'FORMS' }>): Plan {
  if (input.task_ids.length === 0) throw invalidInput(CrMsg.noTasks, { field: 'task_ids' });
  const templates = new Map(ctx.config.form_templates.map((t) => [t.alias, t]));
  const seen = new Set<string>();
  const forms = input.task_ids.map((taskId, i) => {
    const field = `task_ids[${i}]`;
    if (seen.has(taskId)) throw invalidInput(CrMsg.taskTwice(field, taskId), { field });
    seen.add(taskId);
    let task: { type: string };
    try {
      task = getTask(ctx, profile.id, taskId) as { type: string };
    } catch (err) {
      // getTask only reads; its 404 is re-said naming the field the caller sent.
      if (isPassFortError(err) && err.status === 404) throw invalidInput(CrMsg.taskNotFound(field, taskId, profile.id), { field, task_id: taskId });
      throw err;
    }
    const config = ctx.config.tasks.find((t) => t.task_type === task.type);
    if (!config) throw invalidInput(CrMsg.taskNotRequestable(field, task.type), { field, task_type: task.type });
    return taskForm(ctx, config, taskId, config.form_template ? templates.get(config.form_template) : undefined);
  });

  const message = input.email?.message?.trim() || null;
  if (message && /[\r\n]/.test(message)) throw invalidInput(CrMsg.messageNotParagraph, { field: 'email.message' });
  const data = profile.collected_data as { contact_details?: { email?: string }; metadata?: { contact_details?: { email?: string } } };
  const to = input.email?.to ?? data.contact_details?.email ?? data.metadata?.contact_details?.email;
  if (!to) throw missingFields(CrMsg.noRecipient, { field: 'email.to' });
  return { forms, conditions: [], planned_checks: [], redirect_url: null, product_alias: null, email: { to, message } };
}
