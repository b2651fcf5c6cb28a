import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../config/contrast.js';
import { defaultConfig } from '../config/default-config.js';
import { parseConfig } from '../config/load-config.js';
import { DEFAULT_FONT, mix, resolveTheme, safeFontFamily, themeCss } from './theme.js';

const theme = (colors: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  colors: { primary: '#1f4fd6', button_text: '#ffffff', background: '#f4f6fb', surface: '#ffffff', text: '#1b2233', error: '#b3261e', ...colors },
  font: DEFAULT_FONT,
  corner_radius: 8,
  button_style: 'filled' as const,
  ...extra,
});

describe('resolveTheme', () => {
  it('uses the built-in themes as they are: every pair already passes WCAG AA', () => {
    for (const t of parseConfig(defaultConfig, 'config').form_themes) {
      const resolved = resolveTheme(t);
      expect(resolved.adjustments).toEqual([]);
      expect(resolved.vars['--pf-primary']).toBe(t.colors.primary);
      expect(resolved.vars['--pf-radius']).toBe(`${t.corner_radius}px`);
    }
  });

  it('replaces a failing pair by the readable choice and says so', () => {
    const resolved = resolveTheme(theme({ button_text: '#a0b4f0', text: '#b0b0b0', error: '#ffaaaa' }));
    expect(resolved.vars['--pf-on-primary']).toBe('#ffffff');
    expect(resolved.vars['--pf-text']).toBe('#000000');
    expect(resolved.vars['--pf-error']).toBe('#b3261e');
    expect(resolved.adjustments.map((a) => [a.what, a.given, a.used])).toEqual([
      ['text on the form surface', '#b0b0b0', '#000000'],
      ['button text on the primary colour', '#a0b4f0', '#ffffff'],
      ['error messages on the form surface', '#ffaaaa', '#b3261e'],
    ]);
  });

  it('keeps every text colour it produces at 4.5:1 on the surface, and borders at 3:1, for dark themes too', () => {
    const palettes: Record<string, string>[] = [{}, { surface: '#101418', background: '#000000', text: '#e8ecf2', primary: '#8ab4ff', button_text: '#0b1020', error: '#ff8a80' }, { primary: '#ffee00', text: '#777777' }];
    for (const colors of palettes) {
      const v = resolveTheme(theme(colors)).vars as Record<string, string>;
      const ratio = (a: string, b: string) => contrastRatio(v[a]!, v[b]!);
      for (const key of ['--pf-text', '--pf-hint', '--pf-link', '--pf-error']) expect(ratio(key, '--pf-surface')).toBeGreaterThanOrEqual(4.5);
      expect(ratio('--pf-on-primary', '--pf-primary')).toBeGreaterThanOrEqual(4.5);
      expect(ratio('--pf-border', '--pf-surface')).toBeGreaterThanOrEqual(3);
    }
  });

  it('turns the button style into button colours and radius', () => {
    expect(resolveTheme(theme({}, { button_style: 'pill' })).vars['--pf-button-radius']).toBe('999px');
    const outline = resolveTheme(theme({}, { button_style: 'outline', corner_radius: 30 })).vars;
    expect([outline['--pf-button-bg'], outline['--pf-button-fg'], outline['--pf-button-border'], outline['--pf-button-radius']]).toEqual(['#ffffff', '#1f4fd6', '#1f4fd6', '16px']);
  });

  it('writes the vars as one CSS rule', () => {
    expect(themeCss(':root', resolveTheme(theme({})))).toMatch(/^:root \{ --pf-primary: #1f4fd6; .* \}$/);
  });
});

describe('safeFontFamily', () => {
  it.each([
    ['Georgia, "Times New Roman", serif', 'Georgia, "Times New Roman", serif'],
    ["'Open Sans', Arial", "'Open Sans', Arial"],
    ['Arial; } body { background: url(https://evil.example/x) }', DEFAULT_FONT],
    ['"Unclosed, serif', DEFAULT_FONT],
    ['x</style><script>alert(1)</script>', DEFAULT_FONT],
    ['', DEFAULT_FONT],
  ])('%s → %s', (input, expected) => expect(safeFontFamily(input)).toBe(expected));
});

it('mix blends hex colours', () => {
  expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
  expect(mix('#fff', '#000', 1)).toBe('#ffffff');
});
