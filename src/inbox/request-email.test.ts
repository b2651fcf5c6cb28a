import { describe, expect, it } from 'vitest';
import { emailThemeSchema, type EmailThemeConfig } from '../config/customer-requests.js';
import { ConfigError, parseConfig } from '../config/load-config.js';
import { EmailThemeMsg } from '../config/email-theme-rules.js';
import { BUTTON_TEXT, renderRequestEmail, requestLink } from './request-email.js';

const theme = (over: Record<string, unknown> = {}): EmailThemeConfig =>
  emailThemeSchema.parse({
    subject: 'Please update your details',
    sender_name: 'Acme Bank',
    sender_address: 'onboarding@acme.example',
    title: 'A few more details',
    editable_text: 'We need your passport.',
    footer: 'Acme Bank Ltd, 1 Street',
    button_color: '#aa0000',
    logo_url: 'https://acme.example/logo.png',
    ...over,
  });

const LINK = 'https://acme.example/onboarding?request_id=r-1&apikey=k-1';
const render = (t: EmailThemeConfig, message: string | null = null) =>
  renderRequestEmail({ theme: t, link: LINK, message, to: 'alex@example.com', workspaceId: 'ws1', requestId: 'r-1', baseUrl: 'http://127.0.0.1:8400' });

const CUSTOM = '<html><body><div class="logo">{{logo}}</div><h1>{{title}}</h1><p>{{fixed_text_before}}</p><p>{{editable_text}}</p>{{button}}<p>{{fixed_text_after}}</p><footer>{{footer}}</footer></body></html>';

describe('the request link', () => {
  it.each([
    ['https://acme.example/onboarding', 'https://acme.example/onboarding?request_id=r%201&apikey=k%2B1'],
    ['https://acme.example/onboarding?lang=fr', 'https://acme.example/onboarding?lang=fr&request_id=r%201&apikey=k%2B1'],
    ['http://127.0.0.1:8400/onboarding', 'http://127.0.0.1:8400/onboarding?request_id=r%201&apikey=k%2B1'],
  ])('%s', (formUrl, expected) => expect(requestLink(formUrl, 'r 1', 'k+1')).toBe(expected.replace(/%20/g, '+')));
});

describe('the out-of-the-box template', () => {
  it('has the theme’s sender, subject, logo, title, text, a button that always says Update information, and the footer', () => {
    const email = render(theme());
    expect(email.from).toEqual({ name: 'Acme Bank', address: 'onboarding@acme.example' });
    expect(email.subject).toBe('Please update your details');
    expect(email.headers['X-Tags']).toBe('ws-ws1');
    expect(email.html).toContain('<img src="https://acme.example/logo.png"');
    expect(email.html).toContain('A few more details');
    expect(email.html).toContain('We need your passport.');
    expect(email.html).toContain(`href="https://acme.example/onboarding?request_id=r-1&amp;apikey=k-1"`);
    expect(email.html).toMatch(/background:#aa0000[^>]*>Update information<\/a>/);
    expect(email.html).toContain('Acme Bank Ltd, 1 Street');
    expect(email.text).toBe(`A few more details\n\nWe need your passport.\n\n${BUTTON_TEXT}: ${LINK}\n\n--\nAcme Bank Ltd, 1 Street\n`);
  });

  it('uses the request’s own message instead of the editable text, on one line', () => {
    const email = render(theme(), 'Please send\nyour utility bill');
    expect(email.html).toContain('Please send your utility bill');
    expect(email.html).not.toContain('We need your passport.');
    expect(email.text).toContain('Please send your utility bill');
  });

  it('escapes every value: nothing from the theme or the request becomes markup', () => {
    const email = render(theme({ title: '<script>x()</script>', footer: 'A & B <b>' }), '<img src=x onerror=alert(1)>');
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).toContain('A &amp; B &lt;b&gt;');
  });

  it('serves a logo given as a path from the sandbox', () => {
    expect(render(theme({ logo_url: '/static/logo.png' })).html).toContain('src="http://127.0.0.1:8400/static/logo.png"');
    expect(render(theme({ logo_url: undefined })).html).not.toContain('<img');
  });
});

describe('a custom template', () => {
  it('fills every placeholder, escaped, and keeps the integrator’s markup', () => {
    const email = render(theme({ template: 'custom', custom_html: CUSTOM, fixed_text_before: 'Dear customer,', fixed_text_after: 'Kind regards' }));
    expect(email.html).toMatch(/^<html><body><div class="logo"><img src="https:\/\/acme.example\/logo.png"/);
    expect(email.html).toContain('<h1>A few more details</h1>');
    expect(email.html).toContain('<p>Dear customer,</p><p>We need your passport.</p><a href="https://acme.example/onboarding?request_id=r-1&amp;apikey=k-1"');
    expect(email.html).toContain('>Update information</a><p>Kind regards</p><footer>Acme Bank Ltd, 1 Street</footer>');
    expect(email.html).not.toMatch(/\{\{/);
    expect(email.text).toContain('Dear customer,\n\nWe need your passport.');
  });
});

describe('templates refused at config load', () => {
  const problems = (emailTheme: Record<string, unknown>) => {
    try {
      parseConfig({ email_theme: { template: 'custom', ...emailTheme } });
      return [];
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
  };
  const without = (name: string) => CUSTOM.replace(`{{${name}}}`, '');

  it('accepts the full custom template', () => expect(problems({ custom_html: CUSTOM })).toEqual([]));

  it.each([
    ['no HTML at all', {}, /email_theme.custom_html: a custom template needs its HTML/],
    ['no logo placeholder', { custom_html: without('logo') }, /no logo placeholder/],
    ['no editable-text placeholder', { custom_html: without('editable_text') }, /no editable-text placeholder/],
    ['no button placeholder', { custom_html: without('button') }, /no button placeholder/],
    ['no footer placeholder', { custom_html: without('footer') }, /no footer placeholder/],
    ['an unknown placeholder', { custom_html: `${CUSTOM}{{unsubscribe_link}}` }, new RegExp(EmailThemeMsg.unknownPlaceholder('unsubscribe_link').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
    ['a script', { custom_html: `${CUSTOM}<script>track()</script>` }, new RegExp(EmailThemeMsg.script)],
    ['a javascript: logo', { custom_html: CUSTOM, logo_url: 'javascript:alert(1)' }, /email_theme.logo_url: "javascript:alert\(1\)" must be/],
    ['a title the template never shows', { custom_html: without('title'), title: 'Hello' }, /email_theme.title: it is set but the custom template has no \{\{title\}\}/],
    ['a multi-line editable text', { custom_html: CUSTOM, editable_text: 'one\ntwo' }, /single paragraph/],
  ])('%s', (_name, emailTheme, message) => {
    const found = problems(emailTheme);
    expect(found.some((p) => message.test(p)), found.join('\n')).toBe(true);
  });
});
