import { formThemeSchema, type FormThemeConfig } from '../config/customer-requests.js';
import { contrastRatio } from '../config/contrast.js';

/**
 * A form theme turned into the CSS custom properties every component of the collection
 * app reads. The integrator's colours are used as given when they are readable; a pair
 * that fails WCAG AA is replaced by the nearest readable choice (black or white text, the
 * text colour for links), and the change is reported so the theme preview can say so.
 */

export const AA_TEXT = 4.5;
/** Borders of inputs are "non-text" content: 3:1 is enough. */
export const AA_NON_TEXT = 3;

export const DEFAULT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** The theme fields the app needs (the collection API's `theme`, or a config theme). */
export type ThemeInput = Pick<FormThemeConfig, 'colors' | 'font' | 'corner_radius' | 'button_style'> & {
  logo_url?: string | null | undefined;
  name?: string | null | undefined;
  alias?: string;
};

export interface ThemeAdjustment {
  what: string;
  given: string;
  used: string;
  ratio: number;
}

export interface ResolvedTheme {
  vars: Record<`--pf-${string}`, string>;
  adjustments: ThemeAdjustment[];
  logoUrl: string | null;
}

const full = (hex: string) => (hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex).toLowerCase();

/** `a` mixed with `b`: weight 1 is all `a`. */
export function mix(a: string, b: string, weight: number): string {
  const pa = full(a);
  const pb = full(b);
  const ch = (p: string, i: number) => parseInt(p.slice(1 + i * 2, 3 + i * 2), 16);
  const out = [0, 1, 2].map((i) => Math.round(ch(pa, i) * weight + ch(pb, i) * (1 - weight)));
  return `#${out.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

const bestOf = (bg: string, ...candidates: string[]) =>
  candidates.reduce((best, c) => (contrastRatio(c, bg) > contrastRatio(best, bg) ? c : best));

/**
 * A font-family list is written into CSS, so only names, quotes, commas and spaces pass:
 * anything else (a `;`, a `}`, a `url(`) could inject rules, and falls back to the default.
 */
export function safeFontFamily(font: string | undefined | null): string {
  if (!font) return DEFAULT_FONT;
  const trimmed = font.trim();
  const balanced = (q: string) => trimmed.split(q).length % 2 === 1;
  return /^[A-Za-z0-9 ,'"._-]{1,200}$/.test(trimmed) && balanced('"') && balanced("'") ? trimmed : DEFAULT_FONT;
}

export function resolveTheme(theme: ThemeInput): ResolvedTheme {
  const c = theme.colors;
  const adjustments: ThemeAdjustment[] = [];
  const readable = (what: string, fg: string, bg: string, min: number, fallback: () => string) => {
    const ratio = contrastRatio(fg, bg);
    if (ratio >= min) return full(fg);
    const used = full(fallback());
    adjustments.push({ what, given: full(fg), used, ratio: Math.round(ratio * 100) / 100 });
    return used;
  };
  const surface = full(c.surface);
  const background = full(c.background);
  const text = readable('text on the form surface', c.text, surface, AA_TEXT, () => bestOf(surface, '#000000', '#ffffff'));
  const onPrimary = readable('button text on the primary colour', c.button_text, c.primary, AA_TEXT, () => bestOf(c.primary, '#000000', '#ffffff'));
  const link = readable('links and outline buttons (primary on the surface)', c.primary, surface, AA_TEXT, () => text);
  const error = readable('error messages on the form surface', c.error, surface, AA_TEXT, () =>
    contrastRatio('#b3261e', surface) >= AA_TEXT ? '#b3261e' : bestOf(surface, '#000000', '#ffffff'),
  );
  const pageText = bestOf(background, text, '#000000', '#ffffff');
  // Hints a little lighter than the text, borders lighter still, each only as far as stays readable.
  const hint = [0.72, 0.8, 0.9, 1].map((w) => mix(text, surface, w)).find((h) => contrastRatio(h, surface) >= AA_TEXT) ?? text;
  const border = [0.45, 0.6, 0.75, 1].map((w) => mix(text, surface, w)).find((b) => contrastRatio(b, surface) >= AA_NON_TEXT) ?? text;
  const radius = Math.max(0, Math.min(32, Math.round(theme.corner_radius)));
  const outline = theme.button_style === 'outline';
  return {
    vars: {
      '--pf-primary': full(c.primary),
      '--pf-on-primary': onPrimary,
      '--pf-link': link,
      '--pf-background': background,
      '--pf-page-text': pageText,
      '--pf-surface': surface,
      '--pf-text': text,
      '--pf-hint': hint,
      '--pf-border': border,
      '--pf-error': error,
      '--pf-soft': mix(c.primary, surface, 0.08),
      '--pf-divider': mix(text, surface, 0.15),
      '--pf-font': safeFontFamily(theme.font),
      '--pf-radius': `${radius}px`,
      '--pf-input-radius': `${Math.min(radius, 12)}px`,
      '--pf-button-radius': theme.button_style === 'pill' ? '999px' : `${Math.min(radius, 16)}px`,
      '--pf-button-bg': outline ? surface : full(c.primary),
      '--pf-button-fg': outline ? link : onPrimary,
      '--pf-button-border': outline ? link : full(c.primary),
    },
    adjustments,
    logoUrl: theme.logo_url ?? null,
  };
}

/** The vars as a CSS declaration block body (`--pf-x: y; …`), for server-rendered pages. */
export function themeCss(selector: string, theme: ResolvedTheme): string {
  const body = Object.entries(theme.vars)
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');
  return `${selector} { ${body} }`;
}

/** The sandbox's own theme, for pages that belong to no request (errors, the onboarding pages). */
export const neutralTheme = (): ThemeInput => formThemeSchema.parse({ alias: 'default' });
