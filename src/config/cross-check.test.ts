import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './load-config.js';
import { defaultConfig } from './default-config.js';
import { contrastRatio } from './contrast.js';

/** The built-in config, changed by `edit`, then parsed; returns the problems (empty when it loads). */
function problemsOf(edit: (c: any) => void): string[] {
  const config = structuredClone(defaultConfig) as any;
  edit(config);
  try {
    parseConfig(config, 'config', { warn: () => {} });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const individualForm = (questions: unknown[], extra: Record<string, unknown> = {}) => ({
  alias: 'extra_form',
  title: 'Extra',
  entity_type: 'INDIVIDUAL',
  sections: [{ questions }],
  ...extra,
});

describe('config: the built-in default', () => {
  it('loads without problems or warnings', () => {
    const warnings: string[] = [];
    const config = parseConfig(structuredClone(defaultConfig), 'config', { warn: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(config.tasks.length).toBeGreaterThan(0);
    expect(config.flow_templates.map((f) => f.alias)).toContain('company_registration');
    expect(config.flow_templates[0]!.forms.some((f) => f.when)).toBe(true);
  });

  it('is validated once per process: the same frozen result, equal to validating a copy', () => {
    const first = parseConfig(defaultConfig);
    expect(parseConfig(defaultConfig)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.products[0]!.required_tasks)).toBe(true);
    // A copy is another object, so it is validated in full: the shortcut must give what that gives.
    expect(first).toEqual(parseConfig(structuredClone(defaultConfig)));
    expect(parseConfig(structuredClone(defaultConfig))).not.toBe(first);
  });
});

// One row per rule: what is changed, and the exact problem the user is told.
const rules: [string, (c: any) => void, string][] = [
  // shape (zod)
  ['unknown key', (c) => (c.tasks[0].colour = 'red'), 'tasks[0]: Unrecognized key: "colour"'],
  ['alias format', (c) => (c.form_themes[0].alias = 'has space'), 'form_themes[0].alias: an alias is letters, digits, "_" and "-", starting with a letter or digit'],
  ['question type', (c) => (c.form_templates[0].sections[0].questions[0].type = 'colour'), 'form_templates[0].sections[0].questions[0].type: must be one of text, textarea, date, country, email, phone, select, number, boolean, address, document, got "colour"'],
  ['document type', (c) => (c.tasks[0].document_types[0].document_type = 'LIBRARY_CARD'), 'tasks[0].document_types[0].document_type: must be a PassFort document type (PASSPORT, DRIVING_LICENCE, STATE_ID, BANK_STATEMENT, …), got "LIBRARY_CARD"'],
  ['document element', (c) => (c.tasks[0].document_types[0].elements = ['FRONT', 'SIDE']), 'tasks[0].document_types[0].elements[1]: must be FRONT, BACK or SELFIE, got "SIDE"'],
  ['no elements', (c) => (c.tasks[0].document_types[0].elements = []), 'tasks[0].document_types[0].elements: a document type needs at least one element (FRONT, BACK, SELFIE)'],
  ['hex colour', (c) => (c.form_themes[1].colors.primary = 'green'), 'form_themes[1].colors.primary: must be a hex colour like #1f4fd6 or #fff'],
  ['sender address', (c) => (c.email_theme.sender_address = 'not-an-email'), 'email_theme.sender_address: must be an email address'],
  ['redirect url', (c) => (c.flow_templates[0].redirect_url = 'ftp://x'), 'flow_templates[0].redirect_url: must be an http(s) URL or a path starting with "/"'],
  ['flow condition', (c) => (c.flow_templates[0].forms[1].when.condition = 'has_cats'), 'flow_templates[0].forms[1].when.condition: must be one of has_shareholders, has_officers, has_beneficial_owners, result_pass, result_not_pass, got "has_cats"'],
  ['empty section', (c) => (c.form_templates[0].sections[0].questions = []), 'form_templates[0].sections[0].questions: a section needs at least one question'],
  // references and uniqueness
  ['duplicate alias', (c) => c.form_themes.push({ alias: 'forest' }), 'form_themes[2].alias: "forest" is used twice'],
  ['task type twice', (c) => c.tasks.push({ ...c.tasks[0], alias: 'again' }), 'tasks[3].task_type: INDIVIDUAL_VERIFY_IDENTITY is configured twice; one entry per task type'],
  ['task form template unknown', (c) => (c.tasks[1].form_template = 'nope'), 'tasks[1].form_template: no form template has the alias "nope"'],
  ['task with nothing to do', (c) => (c.tasks[0].document_types = []), 'tasks[0]: a requestable task needs document_types or a form_template, or the customer has nothing to do'],
  ['task check of the wrong entity', (c) => (c.tasks[0].checks = ['COMPANY_REGISTRY']), 'tasks[0].checks[0]: COMPANY_REGISTRY is a company check but INDIVIDUAL_VERIFY_IDENTITY is an individual task'],
  ['document type twice', (c) => c.tasks[0].document_types.push({ document_type: 'PASSPORT', elements: ['FRONT'] }), 'tasks[0].document_types[3].document_type: PASSPORT is listed twice'],
  ['element twice', (c) => (c.tasks[0].document_types[0].elements = ['FRONT', 'FRONT']), 'tasks[0].document_types[0].elements[1]: FRONT is listed twice'],
  ['task document question clash', (c) => (c.tasks[1].form_template = 'identity_document'), 'tasks[1].form_template: the template has a question with the id "document", which this task\'s document upload uses; rename that question'],
  ['flow form unknown', (c) => (c.flow_templates[0].forms[0].form = 'nope'), 'flow_templates[0].forms[0].form: no form template has the alias "nope"'],
  ['flow form twice', (c) => c.flow_templates[1].forms.push({ form: 'personal_details' }), 'flow_templates[1].forms[2].form: "personal_details" is in this flow twice'],
  ['flow all conditional', (c) => (c.flow_templates[0].forms = [c.flow_templates[0].forms[1]]), 'flow_templates[0].forms: every form is conditional, so the applicant would have nothing to fill in first; make the first form unconditional'],
  ['check after unknown form', (c) => (c.flow_templates[0].checks[0].after_form = 'nope'), 'flow_templates[0].checks[0].after_form: "nope" is not one of this flow\'s forms'],
  ['flow check of the wrong entity', (c) => c.flow_templates[0].checks.push({ check_type: 'IDENTITY_CHECK', after_form: 'company_details' }), 'flow_templates[0].checks[2].check_type: IDENTITY_CHECK does not run on COMPANY profiles'],
  ['document check after a form without documents', (c) => (c.flow_templates[1].checks[2].after_form = 'personal_details'), 'flow_templates[1].checks[2]: DOCUMENT_VERIFICATION verifies a document, but "personal_details" has no document question'],
  ['condition check never started', (c) => c.flow_templates[0].checks.pop(), 'flow_templates[0].forms[1].when.check_type: this flow never starts a COMPANY_OWNERSHIP check (add it to checks), so the form would never be asked'],
  [
    'condition check starts too late',
    (c) => (c.flow_templates[0].checks[1].after_form = 'shareholders'),
    'flow_templates[0].forms[1].when.check_type: the COMPANY_OWNERSHIP check starts after "shareholders", which does not come before this form',
  ],
  [
    'structural condition on a non-company check',
    (c) => {
      c.flow_templates[1].forms.push({ form: 'home_address', when: { check_type: 'IDENTITY_CHECK', condition: 'has_officers' } });
    },
    'flow_templates[1].forms[2].when.condition: has_officers needs a company data check (COMPANY_REGISTRY, COMPANY_OWNERSHIP, COMPANY_CHARITIES_REGISTRY), not IDENTITY_CHECK',
  ],
  ['flow product unknown', (c) => (c.flow_templates[0].product = 'nope'), 'flow_templates[0].product: no product has the alias "nope"'],
  ['flow product entity', (c) => (c.flow_templates[0].product = 'personal_account'), 'flow_templates[0].product: "personal_account" is a INDIVIDUAL product but the flow is for COMPANY profiles'],
  // form templates
  ['question id twice', (c) => (c.form_templates[0].sections[1].questions[0].id = 'dob'), 'form_templates[0].sections[1].questions[0].id: "dob" is used twice in this template'],
  ['select without options', (c) => delete c.form_templates[3].sections[0].questions[4].options, 'form_templates[3].sections[0].questions[4].options: a select question needs at least one option'],
  ['options on a text question', (c) => (c.form_templates[0].sections[0].questions[1].options = [{ value: 'a', label: 'A' }]), 'form_templates[0].sections[0].questions[1].options: only select questions have options'],
  ['option value twice', (c) => c.form_templates[4].sections[0].questions[4].options.push({ value: 'no', label: 'Nope' }), 'form_templates[4].sections[0].questions[4].options[2].value: "no" is used twice'],
  ['document question without types', (c) => delete c.form_templates[1].sections[0].questions[0].document_types, 'form_templates[1].sections[0].questions[0].document_types: a document question needs at least one document type'],
  ['document types on a text question', (c) => (c.form_templates[0].sections[0].questions[1].document_types = [{ document_type: 'PASSPORT', elements: ['FRONT'] }]), 'form_templates[0].sections[0].questions[1].document_types: only document questions have document_types'],
  ['min over max', (c) => (c.form_templates[4].sections[0].questions[3].min = 200), 'form_templates[4].sections[0].questions[3].min: 200 is greater than max 100'],
  ['min on a text question', (c) => (c.form_templates[0].sections[0].questions[1].min = 1), 'form_templates[0].sections[0].questions[1]: only number questions have min and max'],
  ['path on a document question', (c) => (c.form_templates[1].sections[0].questions[0].path = 'documents'), 'form_templates[1].sections[0].questions[0].path: document questions write to collected_data.documents by themselves; remove the path'],
  ['path syntax', (c) => (c.form_templates[0].sections[0].questions[1].path = 'personal_details..name'), 'form_templates[0].sections[0].questions[1].path: "" is not a field name: use letters, digits and "_", with optional list indexes like [0]'],
  [
    'path to an unknown field',
    (c) => (c.form_templates[0].sections[0].questions[2].path = 'personal_detail.dob'),
    'form_templates[0].sections[0].questions[2].path: INDIVIDUAL collected_data has no field personal_detail (known here: customer_ref, documents, external_refs, personal_details, address_history, contact_details, ip_location)',
  ],
  ['path to a list without []', (c) => (c.form_templates[0].sections[0].questions[0].path = 'personal_details.name.given_names'), 'form_templates[0].sections[0].questions[0].path: personal_details.name.given_names is a list; end the path with [] to write the answer as a list'],
  ['path that does not take the answer', (c) => (c.form_templates[0].sections[0].questions[3].path = 'personal_details.gender'), 'form_templates[0].sections[0].questions[3].path: personal_details.gender does not take this answer: Invalid option: expected one of "M"|"F"'],
  ['path written twice', (c) => (c.form_templates[0].sections[1].questions[1].path = 'contact_details.email'), 'form_templates[0].sections[1].questions[1].path: contact_details.email is also written by form_templates[0].sections[1].questions[0]'],
  [
    'answers that do not add up',
    (c) => (c.form_templates[4].set = []),
    'form_templates[4]: the answers would not make valid COMPANY collected data (ownership_structure.beneficial_owners[0].entity_type: Invalid option: expected one of "INDIVIDUAL"|"COMPANY"); add the missing fields with "set"',
  ],
  ['template entity type against its use', (c) => (c.form_templates[0].entity_type = 'COMPANY'), 'form_templates[0].entity_type: the template is for COMPANY but a task or flow uses it for INDIVIDUAL profiles'],
  [
    'template used for both entity types',
    (c) => {
      c.form_templates.push(individualForm([{ id: 'q', label: 'Q', type: 'text', path: 'customer_ref' }], { entity_type: undefined }));
      c.tasks[1].form_template = 'extra_form';
      c.tasks[2].form_template = 'extra_form';
    },
    'form_templates[5]: the template writes collected data but is used for both INDIVIDUAL and COMPANY profiles; use one template per entity type',
  ],
  // email theme (CONTRACT §6)
  ['custom template without HTML', (c) => (c.email_theme.template = 'custom'), 'email_theme.custom_html: a custom template needs its HTML'],
  ['custom template: logo', (c) => Object.assign(c.email_theme, { template: 'custom', title: undefined, custom_html: '{{editable_text}}{{button}}{{footer}}' }), 'email_theme.template: the custom template has no logo placeholder; add {{logo}}'],
  ['custom template: editable text', (c) => Object.assign(c.email_theme, { template: 'custom', title: undefined, custom_html: '{{logo}}{{button}}{{footer}}' }), 'email_theme.template: the custom template has no editable-text placeholder; add {{editable_text}}'],
  ['custom template: button', (c) => Object.assign(c.email_theme, { template: 'custom', title: undefined, custom_html: '{{logo}}{{editable_text}}{{footer}}' }), 'email_theme.template: the custom template has no button placeholder; add {{button}}'],
  ['custom template: footer', (c) => Object.assign(c.email_theme, { template: 'custom', title: undefined, custom_html: '{{logo}}{{editable_text}}{{button}}' }), 'email_theme.template: the custom template has no footer placeholder; add {{footer}}'],
  ['custom template: title not shown', (c) => Object.assign(c.email_theme, { template: 'custom', custom_html: '{{logo}}{{editable_text}}{{button}}{{footer}}' }), 'email_theme.title: it is set but the custom template has no {{title}} placeholder, so it would never be shown'],
  ['custom HTML with the default template', (c) => (c.email_theme.custom_html = '<p>{{button}}</p>'), 'email_theme.custom_html: it is set but email_theme.template is "default"; set template to "custom" to use it'],
  ['editable text: one paragraph', (c) => (c.email_theme.editable_text = 'Hello.\n\nMore.'), 'email_theme.editable_text: the editable text is a single paragraph; remove the line breaks'],
  ['editable text: no styling', (c) => (c.email_theme.editable_text = 'Please <b>hurry</b>.'), 'email_theme.editable_text: the editable text is plain text (no HTML or other styling)'],
];

describe('config: every rule names the path and the problem', () => {
  it.each(rules)('%s', (_name, edit, expected) => {
    expect(problemsOf(edit)).toContain(expected);
  });

  it('reports every problem, not just the first', () => {
    const problems = problemsOf((c) => {
      c.tasks[1].form_template = 'nope';
      c.flow_templates[0].product = 'nope';
    });
    expect(problems).toHaveLength(2);
  });

  it('a custom template with every placeholder loads', () => {
    expect(
      problemsOf((c) =>
        Object.assign(c.email_theme, { template: 'custom', custom_html: '<h1>{{title}}</h1>{{logo}}<p>{{editable_text}}</p>{{button}}<small>{{footer}}</small>' }),
      ),
    ).toEqual([]);
  });

  it('a ConfigError message starts with the source and the first problem', () => {
    const config = structuredClone(defaultConfig) as any;
    config.flow_templates[0].product = 'nope';
    expect(() => parseConfig(config, 'passfort-sandbox.config.json', { warn: () => {} })).toThrow(
      'passfort-sandbox.config.json: flow_templates[0].product: no product has the alias "nope"',
    );
  });
});

describe('config: WCAG AA contrast is a warning, not an error', () => {
  const warningsOf = (edit: (c: any) => void) => {
    const config = structuredClone(defaultConfig) as any;
    edit(config);
    const warnings: string[] = [];
    parseConfig(config, 'config', { warn: (w) => warnings.push(w) });
    return warnings;
  };

  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('warns about text on the surface', () => {
    expect(warningsOf((c) => (c.form_themes[1].colors.text = '#aaaaaa'))).toEqual([
      'config: form_themes[1].colors.text: text on the form surface (#aaaaaa on #ffffff) has a contrast of 2.32:1, below WCAG AA (4.5:1); customers may not be able to read it',
    ]);
  });

  it('warns about button text on the primary colour', () => {
    expect(warningsOf((c) => (c.form_themes[0].colors = { primary: '#88cc88' }))).toEqual([
      'config: form_themes[0].colors.button_text: button text on the primary colour (#ffffff on #88cc88) has a contrast of 1.90:1, below WCAG AA (4.5:1); customers may not be able to read it',
    ]);
  });

  it('warns about the email button', () => {
    expect(warningsOf((c) => (c.email_theme.button_color = '#ffcc00'))[0]).toMatch(/^config: email_theme\.button_color: /);
  });
});
