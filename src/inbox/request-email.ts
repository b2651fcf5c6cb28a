import type { EmailThemeConfig } from '../config/customer-requests.js';
// Unknown placeholders are refused at config load by the same pattern.
import { PLACEHOLDER } from '../config/email-theme-rules.js';

/**
 * PassFort's customer-request email, rendered from the workspace's email theme (CONTRACT §6,
 * the integration guide's "Customize the email theme"): the out-of-the-box template, or the
 * integrator's HTML with the placeholders {{logo}}, {{editable_text}}, {{button}}, {{footer}}
 * and optionally {{title}}, {{fixed_text_before}}, {{fixed_text_after}}. The button always
 * says "Update information" and links to `{form_url}?request_id=…&apikey=…`. Every value is
 * escaped; only the integrator's template itself is HTML. Pure: no I/O, same input, same output.
 */

export const BUTTON_TEXT = 'Update information';

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** `{form_url}?request_id=…&apikey=…`, keeping any query the form URL already has. */
export function requestLink(formUrl: string, requestId: string, apikey: string): string {
  const url = new URL(formUrl);
  url.searchParams.set('request_id', requestId);
  url.searchParams.set('apikey', apikey);
  return url.toString();
}

export interface RequestEmailInput {
  theme: EmailThemeConfig;
  link: string;
  /** The request's own text; null uses the theme's editable text. */
  message: string | null;
  to: string;
  workspaceId: string;
  requestId: string;
  /** The sandbox's URL: a logo given as a path ("/logo.png") is served from there. */
  baseUrl: string;
}

export interface RenderedEmail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

function parts(input: RequestEmailInput) {
  const { theme } = input;
  const colour = escapeHtml(theme.button_color.trim());
  const href = escapeHtml(input.link);
  const editable = (input.message ?? theme.editable_text).replace(/\s*[\r\n]+\s*/g, ' ');
  return {
    logo: theme.logo_url ? `<img src="${escapeHtml(theme.logo_url.startsWith('/') ? input.baseUrl.replace(/\/+$/, '') + theme.logo_url : theme.logo_url)}" alt="${escapeHtml(theme.sender_name)}" style="max-height:48px;max-width:220px;border:0">` : '',
    title: theme.title ? escapeHtml(theme.title) : '',
    fixed_text_before: theme.fixed_text_before ? escapeHtml(theme.fixed_text_before) : '',
    editable_text: escapeHtml(editable),
    fixed_text_after: theme.fixed_text_after ? escapeHtml(theme.fixed_text_after) : '',
    button:
      `<a href="${href}" style="display:inline-block;background:${colour};color:#ffffff;text-decoration:none;font-weight:600;` +
      `padding:12px 24px;border-radius:6px;font-family:Arial,Helvetica,sans-serif;font-size:16px">${BUTTON_TEXT}</a>`,
    footer: escapeHtml(theme.footer),
    editableRaw: editable,
  };
}

function defaultTemplate(p: ReturnType<typeof parts>, href: string): string {
  const para = (html: string) => (html ? `<p style="margin:0 0 16px">${html}</p>` : '');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${p.title || BUTTON_TEXT}</title></head>
<body style="margin:0;padding:0;background:#f4f6fb">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6fb"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;width:100%;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b2233">
<tr><td style="padding:24px 32px 8px">${p.logo}</td></tr>
<tr><td style="padding:8px 32px 0">
${p.title ? `<h1 style="font-size:22px;margin:0 0 16px">${p.title}</h1>` : ''}
${para(p.fixed_text_before)}
${para(p.editable_text)}
<p style="margin:24px 0">${p.button}</p>
<p style="margin:0 0 16px;font-size:13px;color:#50606f">If the button does not work, copy this link into your browser:<br><a href="${href}" style="color:#50606f;word-break:break-all">${href}</a></p>
${para(p.fixed_text_after)}
</td></tr>
<tr><td style="padding:16px 32px 24px;border-top:1px solid #e3e7ee;font-size:13px;color:#50606f">${p.footer}</td></tr>
</table></td></tr></table>
</body></html>`;
}

function textPart(input: RequestEmailInput, editable: string): string {
  const t = input.theme;
  return [t.title, t.fixed_text_before, editable, `${BUTTON_TEXT}: ${input.link}`, t.fixed_text_after, t.footer ? `--\n${t.footer}` : '']
    .filter((s): s is string => Boolean(s && s.trim()))
    .join('\n\n')
    .concat('\n');
}

export function renderRequestEmail(input: RequestEmailInput): RenderedEmail {
  const { theme } = input;
  const p = parts(input);
  let html: string;
  if (theme.template === 'custom' && theme.custom_html) {
    html = theme.custom_html.replace(PLACEHOLDER, (whole, name: string) => {
      switch (name) {
        case 'logo':
        case 'title':
        case 'fixed_text_before':
        case 'editable_text':
        case 'fixed_text_after':
        case 'button':
        case 'footer':
          return p[name];
        default:
          return whole; // rejected at config load; never reached with a validated config
      }
    });
  } else html = defaultTemplate(p, escapeHtml(input.link));
  return {
    from: { name: theme.sender_name, address: theme.sender_address },
    to: input.to,
    subject: theme.subject,
    html,
    text: textPart(input, p.editableRaw),
    headers: { 'X-Tags': `ws-${input.workspaceId}`, 'X-PassFort-Request-Id': input.requestId },
  };
}
