import type { WorkspaceConfig } from './schema.js';

/**
 * Rules a JSON shape cannot express: references between sections and template
 * placeholders. Each problem is `path: message`, naming the path the user must fix.
 */
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

  const forms = new Set(config.form_templates.map((f) => f.alias));
  const products = new Set(config.products.map((p) => p.alias));
  config.tasks.forEach((task, i) => {
    if (task.form_template && !forms.has(task.form_template)) {
      problems.push(`tasks[${i}].form_template: no form template has the alias "${task.form_template}"`);
    }
    if (!task.form_template && task.document_types.length === 0) {
      problems.push(`tasks[${i}]: a requestable task needs document_types or a form_template`);
    }
  });
  config.flow_templates.forEach((flow, i) => {
    flow.forms.forEach((f, j) => {
      if (!forms.has(f.form)) problems.push(`flow_templates[${i}].forms[${j}].form: no form template has the alias "${f.form}"`);
    });
    const inFlow = new Set(flow.forms.map((f) => f.form));
    flow.checks.forEach((c, j) => {
      if (!inFlow.has(c.after_form)) {
        problems.push(`flow_templates[${i}].checks[${j}].after_form: "${c.after_form}" is not one of this flow's forms`);
      }
    });
    if (flow.product && !products.has(flow.product)) {
      problems.push(`flow_templates[${i}].product: no product has the alias "${flow.product}"`);
    }
  });
  const theme = config.email_theme;
  if (theme.template === 'custom') {
    if (!theme.custom_html) problems.push('email_theme.custom_html: a custom template needs its HTML');
    else {
      for (const [placeholder, name] of [
        ['{{logo}}', 'logo'],
        ['{{editable_text}}', 'editable-text'],
        ['{{button}}', 'button'],
        ['{{footer}}', 'footer'],
      ] as const) {
        if (!theme.custom_html.includes(placeholder)) {
          problems.push(`email_theme.template: the custom template has no ${name} placeholder ${placeholder}`);
        }
      }
    }
  }
  if (/[\r\n]/.test(theme.editable_text)) {
    problems.push('email_theme.editable_text: the editable text is a single paragraph; remove the line breaks');
  }
  return problems;
}
