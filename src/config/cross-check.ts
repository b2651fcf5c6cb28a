import type { WorkspaceConfig } from './schema.js';
import {
  EMAIL_PLACEHOLDERS,
  entityTypeOfCheck,
  entityTypeOfTask,
  taskAlias,
  type FormTemplateConfig,
  type QuestionConfig,
} from './customer-requests.js';
import { checkPathValue, entitySchemaOf, formatPath, parsePath, setAtPath, type ParsedPath } from './collected-data-paths.js';
import { formatIssuePath } from './issue-path.js';
import { emailThemeProblems } from './email-theme-rules.js';

/**
 * Rules a JSON shape cannot express: references between sections, collected-data paths,
 * template placeholders. Each problem is `path: message`, naming what the user must fix.
 */

type EntityType = 'INDIVIDUAL' | 'COMPANY';

/** The question id of the document upload a task's document_types become. */
export const TASK_DOCUMENT_QUESTION_ID = 'document';

/** An answer of each type, used to check that a question's path can take it. */
export function sampleAnswers(q: Pick<QuestionConfig, 'type' | 'options' | 'min' | 'max'>): unknown[] {
  switch (q.type) {
    case 'text':
    case 'textarea':
      return ['Sample answer'];
    case 'date':
      return ['1990-01-31'];
    case 'country':
      return ['GBR'];
    case 'email':
      return ['sample@example.com'];
    case 'phone':
      return ['+44 20 7946 0000'];
    case 'select':
      return (q.options ?? []).map((o) => o.value);
    case 'number':
      return [q.min ?? q.max ?? 1];
    case 'boolean':
      return [true, false];
    case 'address':
      return [{ type: 'STRUCTURED', country: 'GBR', street_number: '10', route: 'Downing Street', postal_town: 'London', postal_code: 'SW1A 2AA' }];
    case 'document':
      return [];
  }
}

const DOCUMENT_CHECKS = new Set(['DOCUMENT_VERIFICATION', 'COMPANY_DOCUMENT_VERIFICATION']);
const COMPANY_DATA_CHECKS = new Set(['COMPANY_REGISTRY', 'COMPANY_OWNERSHIP', 'COMPANY_CHARITIES_REGISTRY']);

export function crossCheckConfig(config: WorkspaceConfig): string[] {
  const problems: string[] = [];
  const unique = (items: { alias: string }[], section: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.alias)) problems.push(`${section}[${i}].alias: "${item.alias}" is used twice`);
      seen.add(item.alias);
    });
  };
  unique(config.products, 'products');
  unique(config.form_templates, 'form_templates');
  unique(config.flow_templates, 'flow_templates');
  unique(config.form_themes, 'form_themes');

  const templates = new Map(config.form_templates.map((f) => [f.alias, f]));
  const products = new Map(config.products.map((p) => [p.alias, p]));
  const usage = new Map<string, Set<EntityType>>();
  const use = (alias: string, et: EntityType) => (usage.get(alias) ?? usage.set(alias, new Set()).get(alias)!).add(et);

  // --- requestable tasks ---------------------------------------------------------------------
  const taskTypes = new Set<string>();
  const taskAliases = new Set<string>();
  config.tasks.forEach((task, i) => {
    const at = `tasks[${i}]`;
    const et = entityTypeOfTask(task.task_type);
    if (taskTypes.has(task.task_type)) problems.push(`${at}.task_type: ${task.task_type} is configured twice; one entry per task type`);
    taskTypes.add(task.task_type);
    const alias = taskAlias(task);
    if (taskAliases.has(alias)) problems.push(`${at}.alias: "${alias}" is used twice`);
    taskAliases.add(alias);
    if (task.form_template) {
      const template = templates.get(task.form_template);
      if (!template) problems.push(`${at}.form_template: no form template has the alias "${task.form_template}"`);
      else {
        use(template.alias, et);
        if (task.document_types.length > 0 && questionsOf(template).some((q) => q.id === TASK_DOCUMENT_QUESTION_ID)) {
          problems.push(
            `${at}.form_template: the template has a question with the id "${TASK_DOCUMENT_QUESTION_ID}", which this task's document upload uses; rename that question`,
          );
        }
      }
    }
    if (!task.form_template && task.document_types.length === 0) {
      problems.push(`${at}: a requestable task needs document_types or a form_template, or the customer has nothing to do`);
    }
    checkDocumentTypes(task.document_types, `${at}.document_types`, problems);
    task.checks.forEach((c, j) => {
      if (entityTypeOfCheck(c) !== et) problems.push(`${at}.checks[${j}]: ${c} is a${et === 'COMPANY' ? 'n individual' : ' company'} check but ${task.task_type} is a${et === 'COMPANY' ? ' company' : 'n individual'} task`);
    });
  });

  // --- flows ---------------------------------------------------------------------------------
  config.flow_templates.forEach((flow, i) => {
    const at = `flow_templates[${i}]`;
    const seen = new Set<string>();
    flow.forms.forEach((f, j) => {
      if (!templates.has(f.form)) problems.push(`${at}.forms[${j}].form: no form template has the alias "${f.form}"`);
      else use(f.form, flow.entity_type);
      if (seen.has(f.form)) problems.push(`${at}.forms[${j}].form: "${f.form}" is in this flow twice`);
      seen.add(f.form);
    });
    if (flow.forms.every((f) => f.when)) {
      problems.push(`${at}.forms: every form is conditional, so the applicant would have nothing to fill in first; make the first form unconditional`);
    }
    const position = new Map(flow.forms.map((f, j) => [f.form, j]));
    flow.checks.forEach((c, j) => {
      if (!position.has(c.after_form)) {
        problems.push(`${at}.checks[${j}].after_form: "${c.after_form}" is not one of this flow's forms`);
      }
      if (entityTypeOfCheck(c.check_type) !== flow.entity_type) {
        problems.push(`${at}.checks[${j}].check_type: ${c.check_type} does not run on ${flow.entity_type} profiles`);
      }
      const after = templates.get(c.after_form);
      if (DOCUMENT_CHECKS.has(c.check_type) && after && !questionsOf(after).some((q) => q.type === 'document')) {
        problems.push(`${at}.checks[${j}]: ${c.check_type} verifies a document, but "${c.after_form}" has no document question`);
      }
    });
    flow.forms.forEach((f, j) => {
      if (!f.when) return;
      const where = `${at}.forms[${j}].when`;
      const starters = flow.checks.filter((c) => c.check_type === f.when!.check_type);
      if (starters.length === 0) {
        problems.push(`${where}.check_type: this flow never starts a ${f.when.check_type} check (add it to checks), so the form would never be asked`);
      } else if (starters.every((c) => (position.get(c.after_form) ?? -1) >= j)) {
        problems.push(`${where}.check_type: the ${f.when.check_type} check starts after "${starters[0]!.after_form}", which does not come before this form`);
      }
      const structural = f.when.condition.startsWith('has_');
      if (structural && !COMPANY_DATA_CHECKS.has(f.when.check_type)) {
        problems.push(`${where}.condition: ${f.when.condition} needs a company data check (${[...COMPANY_DATA_CHECKS].join(', ')}), not ${f.when.check_type}`);
      }
    });
    if (flow.product) {
      const product = products.get(flow.product);
      if (!product) problems.push(`${at}.product: no product has the alias "${flow.product}"`);
      else if (product.entity_type !== flow.entity_type) {
        problems.push(`${at}.product: "${flow.product}" is a ${product.entity_type} product but the flow is for ${flow.entity_type} profiles`);
      }
    }
  });

  // --- form templates ------------------------------------------------------------------------
  config.form_templates.forEach((template, i) => {
    const at = `form_templates[${i}]`;
    const used = usage.get(template.alias) ?? new Set<EntityType>();
    if (template.entity_type) {
      for (const et of used) {
        if (et !== template.entity_type) problems.push(`${at}.entity_type: the template is for ${template.entity_type} but a task or flow uses it for ${et} profiles`);
      }
    }
    if (used.size > 1 && mapsData(template)) {
      problems.push(`${at}: the template writes collected data but is used for both INDIVIDUAL and COMPANY profiles; use one template per entity type`);
    }
    const entityTypes: EntityType[] = template.entity_type ? [template.entity_type] : used.size > 0 ? [...used] : [];
    checkTemplate(template, at, entityTypes, problems);
  });

  // --- email theme ---------------------------------------------------------------------------
  const theme = config.email_theme;
  if (theme.template === 'custom') {
    if (!theme.custom_html) problems.push('email_theme.custom_html: a custom template needs its HTML');
    else {
      for (const name of ['logo', 'editable_text', 'button', 'footer'] as const) {
        const placeholder = EMAIL_PLACEHOLDERS[name];
        if (!theme.custom_html.includes(placeholder)) {
          problems.push(`email_theme.template: the custom template has no ${name.replace('_', '-')} placeholder; add ${placeholder}`);
        }
      }
      for (const name of ['title', 'fixed_text_before', 'fixed_text_after'] as const) {
        if (theme[name] && !theme.custom_html.includes(EMAIL_PLACEHOLDERS[name])) {
          problems.push(`email_theme.${name}: it is set but the custom template has no ${EMAIL_PLACEHOLDERS[name]} placeholder, so it would never be shown`);
        }
      }
    }
  } else if (theme.custom_html) {
    problems.push('email_theme.custom_html: it is set but email_theme.template is "default"; set template to "custom" to use it');
  }
  if (/[\r\n]/.test(theme.editable_text)) {
    problems.push('email_theme.editable_text: the editable text is a single paragraph; remove the line breaks');
  }
  if (/<[a-z/!]/i.test(theme.editable_text)) {
    problems.push('email_theme.editable_text: the editable text is plain text (no HTML or other styling)');
  }
  problems.push(...emailThemeProblems(theme));
  return problems;
}

const questionsOf = (t: FormTemplateConfig) => t.sections.flatMap((s) => s.questions);
const mapsData = (t: FormTemplateConfig) => t.set.length > 0 || questionsOf(t).some((q) => q.path);

function checkDocumentTypes(types: { document_type: string; elements: string[] }[], at: string, problems: string[]): void {
  const seen = new Set<string>();
  types.forEach((d, j) => {
    if (seen.has(d.document_type)) problems.push(`${at}[${j}].document_type: ${d.document_type} is listed twice`);
    seen.add(d.document_type);
    const elements = new Set<string>();
    d.elements.forEach((e, k) => {
      if (elements.has(e)) problems.push(`${at}[${j}].elements[${k}]: ${e} is listed twice`);
      elements.add(e);
    });
  });
}

function checkTemplate(template: FormTemplateConfig, at: string, entityTypes: EntityType[], problems: string[]): void {
  const before = problems.length;
  const ids = new Set<string>();
  const paths = new Map<string, string>();
  const writes: { where: string; path: ParsedPath; samples: unknown[] }[] = [];
  template.sections.forEach((section, j) => {
    section.questions.forEach((q, k) => {
      const where = `${at}.sections[${j}].questions[${k}]`;
      if (ids.has(q.id)) problems.push(`${where}.id: "${q.id}" is used twice in this template`);
      ids.add(q.id);
      problems.push(...questionProblems(q, where));
      if (q.path === undefined) return;
      if (q.type === 'document') {
        problems.push(`${where}.path: document questions write to collected_data.documents by themselves; remove the path`);
        return;
      }
      const parsed = parsePath(q.path);
      if (typeof parsed === 'string') {
        problems.push(`${where}.path: ${parsed}`);
        return;
      }
      const key = formatPath({ ...parsed, list: false });
      if (paths.has(key)) problems.push(`${where}.path: ${key} is also written by ${paths.get(key)}`);
      paths.set(key, where);
      writes.push({ where: `${where}.path`, path: parsed, samples: sampleAnswers(q) });
    });
  });
  template.set.forEach((s, j) => {
    const parsed = parsePath(s.path);
    if (typeof parsed === 'string') problems.push(`${at}.set[${j}].path: ${parsed}`);
    else writes.push({ where: `${at}.set[${j}].path`, path: parsed, samples: [s.value] });
  });
  if (writes.length === 0) return;

  const candidates: EntityType[] = entityTypes.length > 0 ? entityTypes : ['INDIVIDUAL', 'COMPANY'];
  const results = candidates.map((et) => ({ et, found: checkWrites(et, writes) }));
  const fits = results.filter((r) => r.found.length === 0);
  if (entityTypes.length > 0) {
    for (const r of results) problems.push(...r.found);
  } else if (fits.length === 0) {
    problems.push(...results[0]!.found.map((p) => `${p} (the template is not used by a task or flow; set entity_type if it is for COMPANY profiles)`));
  }
  if (problems.length > before) return;
  // The parts may each be fine and still not add up (an associate without its entity_type).
  for (const et of entityTypes.length > 0 ? entityTypes : fits.map((f) => f.et)) {
    let data: Record<string, unknown> = { entity_type: et };
    for (const w of writes) data = setAtPath(data, w.path, w.samples[0]);
    const parsed = entitySchemaOf(et).safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(
        `${at}: the answers would not make valid ${et} collected data (${formatIssuePath(issue.path)}: ${issue.message}); add the missing fields with "set"`,
      );
    }
  }
}

function checkWrites(et: EntityType, writes: { where: string; path: ParsedPath; samples: unknown[] }[]): string[] {
  const found: string[] = [];
  for (const w of writes) {
    for (const sample of w.samples) {
      const problem = checkPathValue(et, w.path, sample);
      if (problem) {
        found.push(`${w.where}: ${problem}`);
        break;
      }
    }
  }
  return found;
}

function questionProblems(q: QuestionConfig, where: string): string[] {
  const out: string[] = [];
  if (q.type === 'select') {
    if (!q.options || q.options.length === 0) out.push(`${where}.options: a select question needs at least one option`);
    const values = new Set<string>();
    q.options?.forEach((o, i) => {
      if (values.has(o.value)) out.push(`${where}.options[${i}].value: "${o.value}" is used twice`);
      values.add(o.value);
    });
  } else if (q.options) out.push(`${where}.options: only select questions have options`);
  if (q.type === 'document') {
    if (!q.document_types || q.document_types.length === 0) out.push(`${where}.document_types: a document question needs at least one document type`);
    else checkDocumentTypes(q.document_types, `${where}.document_types`, out);
  } else if (q.document_types) out.push(`${where}.document_types: only document questions have document_types`);
  if (q.type !== 'number' && (q.min !== undefined || q.max !== undefined)) out.push(`${where}: only number questions have min and max`);
  if (q.min !== undefined && q.max !== undefined && q.min > q.max) out.push(`${where}.min: ${q.min} is greater than max ${q.max}`);
  if (q.max_length !== undefined && q.type !== 'text' && q.type !== 'textarea') out.push(`${where}.max_length: only text and textarea questions have max_length`);
  return out;
}
