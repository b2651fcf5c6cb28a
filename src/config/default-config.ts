import type { WorkspaceConfigInput } from './schema.js';

/**
 * The built-in configuration: used when there is no `passfort-sandbox.config.json`.
 * It shows every feature: auto-applied products with automatic checks, an individual
 * document request, and a company registration flow with a follow-up form.
 */
export const defaultConfig: WorkspaceConfigInput = {
  institution: { name: 'Sandbox Bank' },
  form_url: null,
  expiry_days: 90,
  products: [
    {
      alias: 'personal_account',
      name: 'Personal Account',
      entity_type: 'INDIVIDUAL',
      automatically_apply: true,
      automatically_approve: false,
      required_tasks: [
        { task_type: 'INDIVIDUAL_VERIFY_IDENTITY', name: 'Verify identity', automatic_checks: ['IDENTITY_CHECK'] },
        {
          task_type: 'INDIVIDUAL_ASSESS_POLITICAL_AND_SANCTIONS_EXPOSURE',
          name: 'Assess PEP and sanctions exposure',
          automatic_checks: ['PEPS_AND_SANCTIONS_SCREEN'],
        },
      ],
    },
    {
      alias: 'business_account',
      name: 'Business Account',
      entity_type: 'COMPANY',
      automatically_apply: true,
      automatically_approve: false,
      required_tasks: [
        { task_type: 'COMPANY_VERIFY_IDENTITY', name: 'Verify company', automatic_checks: ['COMPANY_REGISTRY'] },
        {
          task_type: 'COMPANY_IDENTIFY_BENEFICIAL_OWNERS',
          name: 'Identify beneficial owners',
          automatic_checks: ['COMPANY_OWNERSHIP'],
        },
        {
          task_type: 'COMPANY_ASSESS_SANCTIONS_EXPOSURE',
          name: 'Assess sanctions exposure',
          automatic_checks: ['COMPANY_PEPS_AND_SANCTIONS_SCREEN'],
        },
      ],
    },
  ],
  tasks: [
    {
      task_type: 'INDIVIDUAL_VERIFY_IDENTITY',
      name: 'Verify identity',
      document_types: [
        { document_type: 'DRIVING_LICENCE', elements: ['FRONT', 'BACK', 'SELFIE'] },
        { document_type: 'PASSPORT', elements: ['FRONT', 'SELFIE'] },
      ],
      checks: ['DOCUMENT_VERIFICATION'],
    },
    {
      task_type: 'INDIVIDUAL_VERIFY_ADDRESS',
      name: 'Verify address',
      document_types: [{ document_type: 'BANK_STATEMENT', elements: ['FRONT'] }],
      form_template: 'personal_details',
    },
  ],
  form_templates: [
    {
      alias: 'personal_details',
      title: 'Your details',
      sections: [
        {
          title: 'Name',
          questions: [
            { id: 'given_names', label: 'First name', type: 'text', path: 'personal_details.name.given_names' },
            { id: 'family_name', label: 'Last name', type: 'text', path: 'personal_details.name.family_name' },
            { id: 'dob', label: 'Date of birth', type: 'date', path: 'personal_details.dob' },
            { id: 'nationality', label: 'Nationality', type: 'country', path: 'personal_details.nationality' },
          ],
        },
        {
          title: 'Contact',
          questions: [
            { id: 'email', label: 'Email address', type: 'email', path: 'contact_details.email' },
            { id: 'phone', label: 'Phone number', type: 'phone', required: false, path: 'contact_details.phone_number' },
            { id: 'address', label: 'Home address', type: 'address', path: 'address_history[0].address' },
          ],
        },
      ],
    },
    {
      alias: 'company_details',
      title: 'About your company',
      sections: [
        {
          title: 'Company',
          questions: [
            { id: 'name', label: 'Registered company name', type: 'text', path: 'metadata.name' },
            { id: 'number', label: 'Company number', type: 'text', path: 'metadata.number' },
            {
              id: 'country_of_incorporation',
              label: 'Country of incorporation',
              type: 'country',
              path: 'metadata.country_of_incorporation',
            },
            { id: 'incorporation_date', label: 'Date of incorporation', type: 'date', required: false, path: 'metadata.incorporation_date' },
          ],
        },
        {
          title: 'Contact',
          questions: [
            { id: 'email', label: 'Company email', type: 'email', path: 'metadata.contact_details.email' },
            { id: 'address', label: 'Registered address', type: 'address', path: 'metadata.addresses[0].address' },
          ],
        },
      ],
    },
    {
      alias: 'shareholders',
      title: 'Your shareholders',
      description: 'Our company data check found shareholders. Please confirm who controls the company.',
      sections: [
        {
          questions: [
            { id: 'ubo_given_names', label: 'First name of the main shareholder', type: 'text' },
            { id: 'ubo_family_name', label: 'Last name of the main shareholder', type: 'text' },
            { id: 'ubo_percentage', label: 'Percentage of shares held', type: 'number' },
            {
              id: 'ubo_control',
              label: 'Does anyone else control the company?',
              type: 'select',
              options: [
                { value: 'no', label: 'No' },
                { value: 'yes', label: 'Yes' },
              ],
            },
          ],
        },
      ],
    },
  ],
  flow_templates: [
    {
      alias: 'company_registration',
      name: 'Company registration',
      entity_type: 'COMPANY',
      forms: [
        { form: 'company_details' },
        { form: 'shareholders', when: { check_type: 'COMPANY_OWNERSHIP', condition: 'has_shareholders' } },
      ],
      checks: [
        { check_type: 'COMPANY_REGISTRY', after_form: 'company_details' },
        { check_type: 'COMPANY_OWNERSHIP', after_form: 'company_details' },
      ],
      product: 'business_account',
      redirect_url: '/onboarding/done',
    },
    {
      alias: 'individual_registration',
      name: 'Individual registration',
      entity_type: 'INDIVIDUAL',
      forms: [{ form: 'personal_details' }],
      checks: [{ check_type: 'IDENTITY_CHECK', after_form: 'personal_details' }],
      product: 'personal_account',
    },
  ],
  form_themes: [
    { alias: 'default', name: 'Sandbox blue' },
    {
      alias: 'forest',
      name: 'Forest',
      colors: { primary: '#1d6b46', background: '#eef5f0', surface: '#ffffff', text: '#14231b', error: '#a4262c' },
      font: 'Georgia, "Times New Roman", serif',
      corner_radius: 16,
      button_style: 'pill',
    },
  ],
  email_theme: {
    subject: 'Please update your information',
    sender_name: 'Sandbox Bank',
    sender_address: 'onboarding@sandbox-bank.example',
    template: 'default',
    title: 'We need a few more details',
    editable_text: 'To finish opening your account we need some more information from you. It only takes a few minutes.',
    button_color: '#1f4fd6',
    footer: 'Sandbox Bank Ltd, 1 Example Street, London. This is a sandbox email: no real bank sent it.',
  },
  webhooks: { url: null, secret: '', events: [], batching: false, enabled: true },
};
