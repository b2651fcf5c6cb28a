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
      alias: 'identity_documents',
      name: 'Verify your identity',
      description: 'Send a photo of an identity document and a selfie.',
      document_types: [
        { document_type: 'PASSPORT', elements: ['FRONT', 'SELFIE'] },
        { document_type: 'DRIVING_LICENCE', elements: ['FRONT', 'BACK', 'SELFIE'] },
        { document_type: 'STATE_ID', label: 'National identity card', elements: ['FRONT', 'BACK'] },
      ],
      checks: ['DOCUMENT_VERIFICATION'],
    },
    {
      task_type: 'INDIVIDUAL_VERIFY_ADDRESS',
      alias: 'proof_of_address',
      name: 'Confirm your address',
      document_types: [{ document_type: 'BANK_STATEMENT', label: 'Bank statement (last 3 months)', elements: ['FRONT'] }],
      form_template: 'home_address',
    },
    {
      task_type: 'COMPANY_VERIFY_IDENTITY',
      alias: 'company_details',
      name: 'Confirm your company details',
      form_template: 'company_details',
      checks: ['COMPANY_REGISTRY'],
    },
  ],
  form_templates: [
    {
      alias: 'personal_details',
      title: 'Your details',
      entity_type: 'INDIVIDUAL',
      sections: [
        {
          title: 'Name and birth',
          questions: [
            { id: 'given_names', label: 'First and middle names', type: 'text', path: 'personal_details.name.given_names[]' },
            { id: 'family_name', label: 'Last name', type: 'text', path: 'personal_details.name.family_name' },
            { id: 'dob', label: 'Date of birth', type: 'date', path: 'personal_details.dob' },
            { id: 'nationality', label: 'Nationality', type: 'country', path: 'personal_details.nationality' },
          ],
        },
        {
          title: 'Contact',
          questions: [
            { id: 'email', label: 'Email address', type: 'email', path: 'contact_details.email' },
            { id: 'phone', label: 'Mobile phone number', type: 'phone', required: false, path: 'contact_details.phone_number' },
            { id: 'address', label: 'Home address', type: 'address', path: 'address_history[0].address' },
          ],
        },
      ],
    },
    {
      alias: 'identity_document',
      title: 'Your identity document',
      entity_type: 'INDIVIDUAL',
      sections: [
        {
          questions: [
            {
              id: 'document',
              label: 'Identity document',
              hint: 'A photo of the document, then one of your face.',
              type: 'document',
              document_types: [
                { document_type: 'PASSPORT', elements: ['FRONT', 'SELFIE'] },
                { document_type: 'DRIVING_LICENCE', elements: ['FRONT', 'BACK', 'SELFIE'] },
              ],
            },
          ],
        },
      ],
    },
    {
      alias: 'home_address',
      title: 'Your address',
      entity_type: 'INDIVIDUAL',
      sections: [
        {
          questions: [
            { id: 'address', label: 'Home address', type: 'address', path: 'address_history[0].address' },
            { id: 'moved_in', label: 'Have you lived there for more than 3 years?', type: 'boolean', required: false },
          ],
        },
      ],
    },
    {
      alias: 'company_details',
      title: 'About your company',
      entity_type: 'COMPANY',
      sections: [
        {
          title: 'Company',
          questions: [
            { id: 'name', label: 'Registered company name', type: 'text', path: 'metadata.name' },
            { id: 'number', label: 'Company number', type: 'text', path: 'metadata.number', hint: 'As on the register, e.g. 09565115' },
            { id: 'country_of_incorporation', label: 'Country of incorporation', type: 'country', path: 'metadata.country_of_incorporation' },
            { id: 'incorporation_date', label: 'Date of incorporation', type: 'date', required: false, path: 'metadata.incorporation_date' },
            {
              id: 'ownership_type',
              label: 'Type of business',
              type: 'select',
              required: false,
              path: 'metadata.structured_company_type.ownership_type',
              options: [
                { value: 'COMPANY', label: 'Limited company' },
                { value: 'PARTNERSHIP', label: 'Partnership' },
                { value: 'SOLE_PROPRIETORSHIP', label: 'Sole trader' },
                { value: 'TRUST', label: 'Trust' },
                { value: 'OTHER', label: 'Other' },
              ],
            },
          ],
        },
        {
          title: 'Contact',
          questions: [
            { id: 'email', label: 'Company email address', type: 'email', path: 'metadata.contact_details.email' },
            { id: 'address', label: 'Registered address', type: 'address', path: 'metadata.addresses[0].address' },
          ],
        },
      ],
      set: [{ path: 'metadata.addresses[0].type', value: 'registered_address' }],
    },
    {
      alias: 'shareholders',
      title: 'Who controls your company',
      description: 'Our company data check found shareholders. Tell us who ultimately owns or controls the company.',
      entity_type: 'COMPANY',
      sections: [
        {
          questions: [
            {
              id: 'owner_given_names',
              label: 'First and middle names',
              type: 'text',
              path: 'ownership_structure.beneficial_owners[0].immediate_data.personal_details.name.given_names[]',
            },
            {
              id: 'owner_family_name',
              label: 'Last name',
              type: 'text',
              path: 'ownership_structure.beneficial_owners[0].immediate_data.personal_details.name.family_name',
            },
            { id: 'owner_dob', label: 'Date of birth', type: 'date', path: 'ownership_structure.beneficial_owners[0].immediate_data.personal_details.dob' },
            {
              id: 'owner_percentage',
              label: 'Percentage of shares held',
              type: 'number',
              min: 25,
              max: 100,
              path: 'ownership_structure.beneficial_owners[0].total_percentage',
            },
            {
              id: 'others_control',
              label: 'Does anyone else own 25% or more of the company?',
              type: 'select',
              options: [
                { value: 'no', label: 'No' },
                { value: 'yes', label: 'Yes' },
              ],
            },
          ],
        },
      ],
      set: [
        { path: 'ownership_structure.beneficial_owners[0].entity_type', value: 'INDIVIDUAL' },
        { path: 'ownership_structure.beneficial_owners[0].immediate_data.entity_type', value: 'INDIVIDUAL' },
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
      forms: [{ form: 'personal_details' }, { form: 'identity_document' }],
      checks: [
        { check_type: 'IDENTITY_CHECK', after_form: 'personal_details' },
        { check_type: 'PEPS_AND_SANCTIONS_SCREEN', after_form: 'personal_details' },
        { check_type: 'DOCUMENT_VERIFICATION', after_form: 'identity_document' },
      ],
      product: 'personal_account',
      redirect_url: '/onboarding/done',
    },
  ],
  form_themes: [
    { alias: 'default', name: 'Sandbox blue' },
    {
      alias: 'forest',
      name: 'Forest',
      colors: { primary: '#1d6b46', button_text: '#ffffff', background: '#eef5f0', surface: '#ffffff', text: '#14231b', error: '#a4262c' },
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
