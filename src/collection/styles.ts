import { neutralTheme, resolveTheme, themeCss } from './theme.js';

/**
 * The collection app's stylesheet. Every colour, the font, the corner radius and the
 * button style come from the `--pf-*` custom properties (theme.ts); the sandbox's own
 * theme gives them their defaults, so the loading card and the problem pages look right
 * before a request's theme is known. No `vh` units: the iframe takes its height from
 * the content, and content sized by the iframe would grow it without end.
 */
const BASE = String.raw`
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; color-scheme: light; }
body { margin: 0; background: var(--pf-background); color: var(--pf-page-text); font-family: var(--pf-font); font-size: 1rem; line-height: 1.5; }
[hidden] { display: none !important; }
a { color: var(--pf-link); text-underline-offset: 0.15em; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid var(--pf-link); outline-offset: 2px; }
img { max-width: 100%; }
.pf-root { padding: 16px 12px; }
.pf-page { max-width: 40rem; margin: 0 auto; }
.pf-card { background: var(--pf-surface); color: var(--pf-text); border-radius: var(--pf-radius); box-shadow: 0 1px 2px rgba(16, 24, 40, 0.08), 0 6px 20px rgba(16, 24, 40, 0.07); padding: 24px 18px 28px; }
@media (min-width: 37.5em) { .pf-root { padding: 32px 16px; } .pf-card { padding: 32px 40px 40px; } }
.pf-brand { margin: 0 0 24px; }
.pf-logo { display: block; max-height: 48px; max-width: 12.5rem; width: auto; height: auto; }
.pf-brand-name { margin: 0; font-weight: 700; font-size: 1.125rem; }
.pf-main { display: block; }
.pf-step { margin: 0 0 4px; color: var(--pf-hint); }
.pf-title { font-size: 1.625rem; line-height: 1.2; font-weight: 700; margin: 0 0 16px; overflow-wrap: anywhere; }
.pf-title:focus { outline: none; }
@media (min-width: 37.5em) { .pf-title { font-size: 2rem; } }
.pf-lead { font-size: 1.125rem; margin: 0 0 24px; }
.pf-form { margin: 0; }
.pf-section { margin: 0; }
.pf-section + .pf-section { border-top: 1px solid var(--pf-divider); margin-top: 8px; padding-top: 8px; }
.pf-section-title { font-size: 1.25rem; line-height: 1.3; margin: 16px 0 16px; }
.pf-field { margin: 0 0 24px; }
.pf-field--error { border-left: 4px solid var(--pf-error); padding-left: 12px; }
.pf-fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.pf-label, .pf-legend { display: block; font-weight: 600; font-size: 1.0625rem; line-height: 1.35; margin: 0 0 6px; padding: 0; overflow-wrap: anywhere; }
.pf-label--small { font-weight: 500; font-size: 1rem; }
.pf-optional { font-weight: 400; color: var(--pf-hint); }
.pf-hint { color: var(--pf-hint); margin: 0 0 8px; }
.pf-error-message { color: var(--pf-error); font-weight: 700; margin: 0 0 8px; }
.pf-input, .pf-select, .pf-textarea { display: block; font: inherit; color: var(--pf-text); background: var(--pf-surface); width: 100%; min-height: 48px; padding: 10px 12px; border: 2px solid var(--pf-border); border-radius: var(--pf-input-radius); margin: 0; }
.pf-textarea { min-height: 8rem; resize: vertical; }
.pf-input:focus, .pf-select:focus, .pf-textarea:focus { outline: 3px solid var(--pf-link); outline-offset: 0; border-color: var(--pf-text); }
.pf-input[aria-invalid="true"], .pf-select[aria-invalid="true"], .pf-textarea[aria-invalid="true"] { border-color: var(--pf-error); }
.pf-w2 { width: 4.25rem; }
.pf-w4 { width: 6rem; }
.pf-w10 { max-width: 14rem; }
.pf-date { display: flex; flex-wrap: wrap; gap: 16px; }
.pf-date-label { display: block; margin: 0 0 4px; }
.pf-date-item--picker { flex-basis: 100%; }
.pf-date-picker { width: auto; max-width: 100%; }
.pf-address-item { margin: 0 0 16px; }
.pf-address-item:last-child { margin-bottom: 0; }
.pf-radios { display: block; }
.pf-radios--inline { display: flex; flex-wrap: wrap; gap: 0 24px; }
.pf-radio { display: flex; align-items: center; min-height: 44px; margin: 0 0 4px; }
.pf-radio-input { width: 24px; height: 24px; margin: 0 12px 0 0; accent-color: var(--pf-link); flex: none; }
.pf-radio-label { cursor: pointer; padding: 6px 0; }
.pf-doc-choice { margin: 0 0 16px; }
.pf-doc-elements:focus { outline: none; }
.pf-upload { position: relative; border: 2px dashed var(--pf-border); border-radius: var(--pf-input-radius); padding: 16px; margin: 0 0 16px; }
.pf-upload--done { border-style: solid; }
.pf-upload.pf-field--error { border-color: var(--pf-error); padding-left: 16px; border-left-width: 4px; }
.pf-upload-title { font-size: 1.0625rem; line-height: 1.35; margin: 0 0 4px; }
.pf-file { position: absolute; left: 16px; bottom: 16px; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
.pf-file:focus + .pf-file-button, .pf-file:focus-visible + .pf-file-button { outline: 3px solid var(--pf-link); outline-offset: 3px; }
.pf-upload-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; }
.pf-thumb { flex: none; width: 6rem; height: 4.5rem; border-radius: 6px; overflow: hidden; background: var(--pf-soft); border: 1px solid var(--pf-divider); display: flex; align-items: center; justify-content: center; }
.pf-thumb img { display: block; width: 100%; height: 100%; object-fit: cover; }
.pf-thumb-placeholder { font-weight: 700; color: var(--pf-hint); }
.pf-preview { float: left; margin: 0 16px 12px 0; }
.pf-upload-status { margin: 0 0 12px; display: flex; align-items: center; overflow-wrap: anywhere; }
.pf-preview:not([hidden]) + .pf-upload-status { min-height: 4.5rem; }
.pf-upload-status:empty { display: none; }
.pf-upload-actions { clear: both; }
.pf-upload--busy .pf-upload-status::before { content: ""; display: inline-block; width: 0.9em; height: 0.9em; margin-right: 8px; vertical-align: -0.1em; border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; animation: pf-spin 0.8s linear infinite; }
.pf-button { display: inline-flex; align-items: center; justify-content: center; gap: 10px; min-height: 48px; padding: 10px 24px; font: inherit; font-weight: 600; line-height: 1.2; text-align: center; text-decoration: none; cursor: pointer; border: 2px solid var(--pf-button-border); border-radius: var(--pf-button-radius); background: var(--pf-button-bg); color: var(--pf-button-fg); margin: 0; }
.pf-button:hover { filter: brightness(0.92); }
.pf-button:focus-visible { outline: 3px solid var(--pf-text); outline-offset: 3px; }
.pf-button[disabled] { cursor: progress; opacity: 0.7; }
.pf-button--secondary { background: var(--pf-surface); color: var(--pf-link); border-color: var(--pf-link); border-radius: var(--pf-button-radius); min-height: 44px; padding: 8px 18px; }
.pf-button--link { background: transparent; border-color: transparent; color: var(--pf-link); text-decoration: underline; padding: 8px 8px; min-height: 44px; }
.pf-actions { margin: 32px 0 0; }
@media (max-width: 30em) { .pf-actions .pf-button { width: 100%; } }
.pf-spinner { display: none; width: 1em; height: 1em; border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; animation: pf-spin 0.8s linear infinite; }
.pf-button--spinning .pf-spinner { display: inline-block; }
.pf-spinner--large { display: inline-block; width: 40px; height: 40px; border-width: 4px; color: var(--pf-link); margin: 0 0 16px; }
.pf-loading .pf-spinner { display: inline-block; }
@keyframes pf-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .pf-spinner, .pf-upload--busy .pf-upload-status::before { animation-duration: 3s; } }
.pf-error-summary { border: 4px solid var(--pf-error); border-radius: min(var(--pf-radius), 8px); padding: 16px 18px; margin: 0 0 24px; }
.pf-error-summary:focus { outline: 3px solid var(--pf-text); outline-offset: 2px; }
.pf-error-summary-title { font-size: 1.25rem; line-height: 1.3; margin: 0 0 12px; }
.pf-error-summary-list { list-style: none; margin: 0; padding: 0; }
.pf-error-summary-list li + li { margin-top: 8px; }
.pf-error-summary-list a { color: var(--pf-error); font-weight: 700; }
.pf-visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: -1px !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; white-space: nowrap !important; border: 0 !important; }
.pf-end, .pf-waiting { text-align: center; padding: 16px 0 8px; }
.pf-end-icon { display: block; width: 56px; height: 56px; margin: 0 auto 16px; color: var(--pf-link); }
.pf-end--expired .pf-end-icon, .pf-end--problem .pf-end-icon { color: var(--pf-hint); }
.pf-end-hint { color: var(--pf-hint); margin: 0 0 16px; }
.pf-loading { display: flex; align-items: center; justify-content: center; gap: 12px; margin: 0; padding: 32px 0; color: var(--pf-hint); }
`;

let css: string | undefined;
export function appCss(): string {
  return (css ??= `/* passfort-sandbox collection app */\n${themeCss(':root', resolveTheme(neutralTheme()))}\n${BASE}`);
}
