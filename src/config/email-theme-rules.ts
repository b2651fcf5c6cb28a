import { EMAIL_PLACEHOLDERS, type EmailThemeConfig } from './customer-requests.js';

/**
 * The rules an email theme's template must meet, checked when the config is loaded (the
 * config cross-check). They sit with the config, not with the email renderer, so that loading
 * a config does not depend on the inbox; the renderer uses the same placeholder pattern, so
 * what the check accepts is exactly what the renderer replaces.
 */

const KNOWN = new Set<string>(Object.keys(EMAIL_PLACEHOLDERS));
/** Anything in double braces: known names are replaced, unknown ones are refused at config load. */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const EmailThemeMsg = {
  unknownPlaceholder: (name: string) =>
    `email_theme.custom_html: unknown placeholder {{${name}}} (the template may use ${Object.values(EMAIL_PLACEHOLDERS).join(', ')})`,
  script: 'email_theme.custom_html: email clients do not run scripts; remove the <script> element',
  logoUrl: (v: string) => `email_theme.logo_url: "${v}" must be an http(s) URL, a path on the sandbox starting with "/" or a data:image URL`,
} as const;

/**
 * Template rules beyond the placeholder rules the config cross-check already enforces: no
 * unknown placeholder (a typo would otherwise reach customers verbatim), no script, and a
 * logo URL an email client can load.
 */
export function emailThemeProblems(theme: EmailThemeConfig): string[] {
  const problems: string[] = [];
  if (theme.template === 'custom' && theme.custom_html) {
    const unknown = new Set<string>();
    for (const m of theme.custom_html.matchAll(PLACEHOLDER)) if (!KNOWN.has(m[1]!)) unknown.add(m[1]!);
    for (const name of unknown) problems.push(EmailThemeMsg.unknownPlaceholder(name));
    if (/<script[\s>]/i.test(theme.custom_html)) problems.push(EmailThemeMsg.script);
  }
  if (theme.logo_url && !/^(https?:\/\/[^\s"'<>]+|\/[^\s"'<>]*|data:image\/[a-z0-9.+-]+;base64,[a-z0-9+/=]+)$/i.test(theme.logo_url)) {
    problems.push(EmailThemeMsg.logoUrl(theme.logo_url));
  }
  return problems;
}
