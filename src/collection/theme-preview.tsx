import { formThemeSchema, type FormThemeConfig } from '../config/customer-requests.js';
import type { WorkspaceRegistry } from '../workspace/registry.js';
import { htmlDocument } from '../mock-api/html-document.js';
import { formatIssuePath } from '../config/issue-path.js';
import { resolveTheme, safeFontFamily, themeCss, type ResolvedTheme } from './theme.js';
import { UiMsg } from './messages.js';
import type { ViewForm } from './view-types.js';
import { Card, SubmittedPage, EndPage } from './views/pages.js';
import { Step } from './views/step.js';
import type { ViewQuestion } from './friendly.js';

/**
 * `GET /theme?token=…&apikey=sample&request_id=sample`: PassFort's theme preview. The
 * token names a form theme (its alias) of this sandbox; the controls change any value and
 * show the result at once (a plain GET form, so the URL can be shared), with the JSON to
 * paste into `form_themes` and a note for every colour pair that fails WCAG AA.
 */

const COLOUR_FIELDS = [
  ['primary', 'Primary colour (buttons, links, focus)'],
  ['button_text', 'Button text colour'],
  ['background', 'Page background'],
  ['surface', 'Form background'],
  ['text', 'Text colour'],
  ['error', 'Error colour'],
] as const;

export const SAMPLES = ['details', 'documents', 'done', 'expired'] as const;
type Sample = (typeof SAMPLES)[number];
const SAMPLE_NAMES: Record<Sample, string> = { details: 'Questions, with an error', documents: 'Document photos', done: 'Finished', expired: 'Expired link' };

const q = (id: string, label: string, type: string, extra: Partial<ViewQuestion> = {}): ViewQuestion => ({
  id,
  label,
  type,
  required: true,
  hint: null,
  options: null,
  min: null,
  max: null,
  max_length: null,
  document_types: null,
  ...extra,
});

const detailsForm: ViewForm = {
  id: 'sample-details',
  alias: 'personal_details',
  title: 'Your details',
  description: 'We need a few details to open your account.',
  status: 'SENT',
  follow_up: false,
  sections: [
    {
      title: 'Name and birth',
      description: null,
      questions: [q('given_names', 'First and middle names', 'text'), q('family_name', 'Last name', 'text'), q('dob', 'Date of birth', 'date'), q('nationality', 'Nationality', 'country')],
    },
    {
      title: 'Contact',
      description: null,
      questions: [q('email', 'Email address', 'email'), q('phone', 'Mobile phone number', 'phone', { required: false })],
    },
  ],
  answers: { given_names: 'Mary Ann', family_name: 'Smith', dob: '1985-06-30', nationality: 'IRL', email: 'mary@example' },
  documents: {},
};

const documentsForm: ViewForm = {
  id: 'sample-documents',
  alias: 'identity_document',
  title: 'Your identity document',
  description: null,
  status: 'SENT',
  follow_up: false,
  sections: [
    {
      title: null,
      description: null,
      questions: [
        q('document', 'Identity document', 'document', {
          hint: 'A photo of the document, then one of your face.',
          document_types: [
            {
              document_type: 'PASSPORT',
              label: 'Passport',
              elements: [
                { element: 'FRONT', image_type: 'FRONT', label: 'Front of the document' },
                { element: 'SELFIE', image_type: 'FACE', label: 'A photo of your face (selfie)' },
              ],
            },
            {
              document_type: 'DRIVING_LICENCE',
              label: 'Driving licence',
              elements: [
                { element: 'FRONT', image_type: 'FRONT', label: 'Front of the document' },
                { element: 'BACK', image_type: 'BACK', label: 'Back of the document' },
                { element: 'SELFIE', image_type: 'FACE', label: 'A photo of your face (selfie)' },
              ],
            },
          ],
        }),
      ],
    },
  ],
  answers: {},
  documents: { document: { document_type: 'PASSPORT', elements: { FRONT: { upload_id: 'sample-upload', content_type: 'image/jpeg', size: 182_000, uploaded_at: null } } } },
};

interface Found {
  theme: FormThemeConfig;
  notices: string[];
  /** The institution of the workspace the theme belongs to, for the sample's header. */
  institution?: string;
}

/** The theme the token names (an alias in any workspace, the default workspace first). */
function findTheme(registry: WorkspaceRegistry, token: string | undefined): Found {
  const workspaces = [registry.default, ...registry.list().filter((w) => w !== registry.default)];
  if (token) {
    for (const ws of workspaces) {
      const theme = ws.config.form_themes.find((t) => t.alias === token);
      if (theme) return { theme, notices: [], institution: ws.config.institution.name };
    }
  }
  const first = registry.default.config.form_themes[0] ?? formThemeSchema.parse({ alias: 'default' });
  const known = registry.default.config.form_themes.map((t) => t.alias);
  return {
    theme: first,
    institution: registry.default.config.institution.name,
    notices: token
      ? [`No form theme has the alias "${token}" in this sandbox, so this is "${first.alias}". The token is a theme alias${known.length ? ` (configured: ${known.join(', ')})` : ''}.`]
      : [`Showing "${first.alias}". Add ?token=<theme alias> to preview another theme.`],
  };
}

/** The query's changes applied to the theme, checked by the same schema as the config file. */
function withOverrides(base: FormThemeConfig, query: Record<string, string | undefined>): Found {
  const colors = { ...base.colors };
  for (const [key] of COLOUR_FIELDS) if (query[key]) colors[key] = query[key]!;
  const candidate = {
    alias: base.alias,
    ...(base.name ? { name: base.name } : {}),
    colors,
    font: query.font || base.font,
    ...(query.logo_url !== undefined ? (query.logo_url ? { logo_url: query.logo_url } : {}) : base.logo_url ? { logo_url: base.logo_url } : {}),
    corner_radius: query.corner_radius !== undefined && query.corner_radius !== '' ? Number(query.corner_radius) : base.corner_radius,
    button_style: query.button_style || base.button_style,
  };
  const parsed = formThemeSchema.safeParse(candidate);
  if (parsed.success) return { theme: parsed.data, notices: [] };
  return {
    theme: base,
    notices: parsed.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message} (the change is not applied)`),
  };
}

function Controls({ theme, query }: { theme: FormThemeConfig; query: Record<string, string | undefined> }) {
  return (
    <form class="tp-controls-form" id="tp-controls" method="get" action="/theme">
      <input type="hidden" name="token" value={query.token ?? theme.alias} />
      <input type="hidden" name="apikey" value={query.apikey ?? 'sample'} />
      <input type="hidden" name="request_id" value={query.request_id ?? 'sample'} />
      <input type="hidden" name="sample" value={query.sample ?? 'details'} />
      <fieldset class="tp-fieldset">
        <legend>Colours</legend>
        {COLOUR_FIELDS.map(([key, label]) => (
          <div class="tp-row">
            <label for={`tp-${key}`}>{label}</label>
            <input type="color" id={`tp-${key}`} name={key} value={theme.colors[key].length === 4 ? `#${[...theme.colors[key].slice(1)].map((c) => c + c).join('')}` : theme.colors[key]} />
          </div>
        ))}
      </fieldset>
      <div class="tp-row tp-row--wide">
        <label for="tp-font">Font (a CSS font-family list)</label>
        <input type="text" id="tp-font" name="font" value={theme.font} />
      </div>
      <div class="tp-row">
        <label for="tp-radius">Corner radius (px)</label>
        <input type="number" id="tp-radius" name="corner_radius" min={0} max={32} value={String(theme.corner_radius)} />
      </div>
      <div class="tp-row">
        <label for="tp-button">Button style</label>
        <select id="tp-button" name="button_style">
          {(['filled', 'outline', 'pill'] as const).map((s) => (
            <option value={s} selected={s === theme.button_style}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div class="tp-row tp-row--wide">
        <label for="tp-logo">Logo URL (http(s), a path on the sandbox, or data:image)</label>
        <input type="text" id="tp-logo" name="logo_url" value={theme.logo_url ?? ''} />
      </div>
      <button type="submit" class="tp-apply">
        Apply
      </button>
    </form>
  );
}

function Sample({ sample, institution, resolved }: { sample: Sample; institution: string; resolved: ResolvedTheme }) {
  const card = (state: string, body: unknown) => (
    <div class="pf-root">
      <Card institution={institution} logoUrl={resolved.logoUrl} state={state}>
        {body as never}
      </Card>
    </div>
  );
  switch (sample) {
    case 'details':
      return card('form', <Step preview form={detailsForm} step={1} total={2} last={false} errors={{ email: 'Enter an email address in the correct format, like name@example.com' }} />);
    case 'documents':
      return card('form', <Step preview form={documentsForm} step={2} total={2} last />);
    case 'done':
      return card('submitted', <SubmittedPage redirectUrl={null} />);
    case 'expired':
      return card('expired', <EndPage kind="expired" title={UiMsg.expired} hint={UiMsg.expiredHint} />);
  }
}

export function themePreviewPage(registry: WorkspaceRegistry, query: Record<string, string | undefined>): string {
  const found = findTheme(registry, query.token);
  const applied = withOverrides(found.theme, query);
  const theme = applied.theme;
  const resolved = resolveTheme(theme);
  const sample: Sample = (SAMPLES as readonly string[]).includes(query.sample ?? '') ? (query.sample as Sample) : 'details';
  const link = (s: Sample) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, sample: s })) if (v !== undefined) params.set(k, v);
    return `/theme?${params.toString()}`;
  };
  const json = JSON.stringify({ alias: theme.alias, ...(theme.name ? { name: theme.name } : {}), colors: theme.colors, font: theme.font, ...(theme.logo_url ? { logo_url: theme.logo_url } : {}), corner_radius: theme.corner_radius, button_style: theme.button_style }, null, 2);
  const notices = [...found.notices, ...applied.notices];
  if (safeFontFamily(theme.font) !== theme.font.trim()) {
    notices.push('font: a font-family list may hold only names, quotes, commas and spaces; the form uses the default font instead.');
  }
  return htmlDocument({
    title: `Theme preview: ${theme.name ?? theme.alias}`,
    head: (
      <>
        <link rel="stylesheet" href="/collection/app/app.css" />
        <link rel="stylesheet" href="/theme/preview.css" />
        {/* Hex colours and a checked font list only (theme.ts), so the CSS cannot be broken out of. */}
        <style dangerouslySetInnerHTML={{ __html: themeCss(':root', resolved) }} />
        <script src="/theme/preview.js" defer></script>
      </>
    ),
    body: { class: 'tp-body' },
    children: (
      <>
        <div class="tp-layout">
          <aside class="tp-panel" aria-labelledby="tp-heading">
            <h1 id="tp-heading" class="tp-heading">
              Form theme preview
            </h1>
            <p class="tp-note">
              Theme <code>{theme.alias}</code>
              {theme.name ? ` (${theme.name})` : ''}. Change a value to see it in the form. <em>(sandbox)</em>
            </p>
            {notices.length ? (
              <div class="tp-notice" role="status">
                <ul>
                  {notices.map((n) => (
                    <li>{n}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <Controls theme={theme} query={query} />
            {resolved.adjustments.length ? (
              <div class="tp-warning" role="note" aria-labelledby="tp-contrast">
                <h2 id="tp-contrast" class="tp-subheading">
                  Contrast
                </h2>
                <ul>
                  {resolved.adjustments.map((a) => (
                    <li>{`${a.what}: ${a.given} has a contrast of ${a.ratio}:1, below WCAG AA, so the form uses ${a.used} instead.`}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <h2 class="tp-subheading">For your config</h2>
            <p class="tp-note">
              An entry of <code>form_themes</code>:
            </p>
            <pre class="tp-json">
              <code>{json}</code>
            </pre>
          </aside>
          <div class="tp-samples">
            <nav class="tp-tabs" aria-label="Samples">
              {SAMPLES.map((s) => (
                <a href={link(s)} aria-current={s === sample ? 'page' : undefined}>
                  {SAMPLE_NAMES[s]}
                </a>
              ))}
            </nav>
            <Sample sample={sample} institution={found.institution ?? 'Your company'} resolved={resolved} />
          </div>
        </div>
      </>
    ),
  });
}

export const PREVIEW_CSS = `
.tp-body { margin: 0; }
.tp-layout { display: grid; grid-template-columns: minmax(16rem, 22rem) minmax(0, 1fr); gap: 0; align-items: start; }
@media (max-width: 52em) { .tp-layout { grid-template-columns: 1fr; } }
.tp-panel { background: #ffffff; color: #1b2233; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; padding: 20px; border-right: 1px solid #d5dae5; min-height: 100%; }
.tp-heading { font-size: 1.375rem; margin: 0 0 8px; }
.tp-subheading { font-size: 1.0625rem; margin: 20px 0 8px; }
.tp-note { margin: 0 0 12px; color: #3d4659; }
.tp-notice, .tp-warning { border-left: 4px solid #8a5300; background: #fff6e5; padding: 8px 12px; margin: 0 0 12px; color: #1b2233; }
.tp-notice ul, .tp-warning ul { margin: 0; padding-left: 18px; }
.tp-fieldset { border: 0; padding: 0; margin: 0 0 8px; }
.tp-fieldset legend { font-weight: 700; padding: 0; margin: 0 0 6px; }
.tp-row { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin: 0 0 10px; }
.tp-row--wide { display: block; }
.tp-row--wide input { display: block; width: 100%; margin-top: 4px; }
.tp-row input, .tp-row select { font: inherit; padding: 6px 8px; border: 1px solid #6b7385; border-radius: 4px; color: #1b2233; background: #fff; }
.tp-row input[type=color] { width: 3.5rem; height: 2.25rem; padding: 2px; }
.tp-row input[type=number] { width: 5rem; }
.tp-apply { font: inherit; font-weight: 600; padding: 8px 18px; border: 2px solid #1b2233; border-radius: 4px; background: #1b2233; color: #fff; cursor: pointer; }
.tp-json { background: #f4f6fb; color: #1b2233; padding: 12px; overflow-x: auto; font-size: 0.875rem; border-radius: 4px; }
.tp-samples { min-width: 0; }
.tp-tabs { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 16px 16px 0; max-width: 40rem; margin: 0 auto; }
.tp-tabs a { color: var(--pf-page-text); font-family: var(--pf-font); padding: 6px 0; }
.tp-tabs a[aria-current=page] { font-weight: 700; text-decoration-thickness: 3px; }
.tp-panel a:focus-visible, .tp-panel input:focus-visible, .tp-panel select:focus-visible, .tp-panel button:focus-visible { outline: 3px solid #1f4fd6; outline-offset: 2px; }
`;

export const PREVIEW_JS = `(function () {
  'use strict';
  // Every change applies at once; the sample forms show, they do not send.
  document.addEventListener('change', function (event) {
    var form = event.target.form;
    if (form && form.id === 'tp-controls') form.requestSubmit ? form.requestSubmit() : form.submit();
  });
  document.addEventListener('submit', function (event) {
    if (event.target.classList && event.target.classList.contains('pf-form')) event.preventDefault();
  });
})();
`;
