import type { WorkspaceConfig } from './schema.js';

/**
 * WCAG 2.x contrast of theme colours. A theme that fails AA still loads (the integrator's
 * brand is theirs to choose) but the sandbox says so at start, since their customers
 * would struggle to read the form.
 */

const AA_NORMAL_TEXT = 4.5;

function channel(hex: string, i: number): number {
  const full = hex.length === 4 ? hex.slice(1).split('').map((c) => c + c).join('') : hex.slice(1);
  const v = parseInt(full.slice(i * 2, i * 2 + 2), 16) / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
}

/** Contrast ratio between two hex colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const pair = (path: string, what: string, fg: string, bg: string): string | null => {
  const ratio = contrastRatio(fg, bg);
  return ratio < AA_NORMAL_TEXT
    ? `${path}: ${what} (${fg} on ${bg}) has a contrast of ${ratio.toFixed(2)}:1, below WCAG AA (${AA_NORMAL_TEXT}:1); customers may not be able to read it`
    : null;
};

/** Warnings (not errors) about colours that fail WCAG AA. */
export function contrastWarnings(config: WorkspaceConfig): string[] {
  const out: (string | null)[] = [];
  config.form_themes.forEach((theme, i) => {
    const c = theme.colors;
    const at = `form_themes[${i}].colors`;
    out.push(pair(`${at}.text`, 'text on the form surface', c.text, c.surface));
    out.push(pair(`${at}.button_text`, 'button text on the primary colour', c.button_text, c.primary));
    out.push(pair(`${at}.error`, 'error messages on the form surface', c.error, c.surface));
  });
  out.push(pair('email_theme.button_color', 'the white "Update information" text on the email button', '#ffffff', config.email_theme.button_color));
  return out.filter((w): w is string => w !== null);
}
