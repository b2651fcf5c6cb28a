import { defaultConfig } from '../src/config/default-config.js';
import { test, expect, collectionFrame, shot } from './support/fixtures.js';
import { SandboxWorkspace } from './support/workspace.js';

const LOGO = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"><rect width="160" height="40" rx="8" fill="#5b2a86"/><text x="16" y="27" font-family="sans-serif" font-size="18" fill="#fff">Plum Bank</text></svg>')}`;

test('the request\'s form theme reaches every part of the form through CSS custom properties', async ({ page, workspace }) => {
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration', 'forest');
  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  const form = collectionFrame(page);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your details');

  const vars = await form.locator('html').evaluate((html) => {
    const s = getComputedStyle(html);
    return { primary: s.getPropertyValue('--pf-primary'), radius: s.getPropertyValue('--pf-radius'), font: s.getPropertyValue('--pf-font') };
  });
  expect(vars).toEqual({ primary: '#1d6b46', radius: '16px', font: 'Georgia, "Times New Roman", serif' });
  const button = form.getByRole('button', { name: 'Continue' });
  await expect(button).toHaveCSS('background-color', 'rgb(29, 107, 70)');
  await expect(button).toHaveCSS('color', 'rgb(255, 255, 255)');
  await expect(button).toHaveCSS('border-top-left-radius', '999px');
  await expect(form.locator('body')).toHaveCSS('background-color', 'rgb(238, 245, 240)');
  await expect(form.locator('.pf-card')).toHaveCSS('border-top-left-radius', '16px');
  await expect(form.getByRole('heading', { level: 1 })).toHaveCSS('font-family', 'Georgia, "Times New Roman", serif');
  await expect(form.getByRole('heading', { level: 1 })).toHaveCSS('color', 'rgb(20, 35, 27)');
  await form.getByRole('button', { name: 'Continue' }).click();
  await expect(form.getByRole('alert').getByRole('link').first()).toHaveCSS('color', 'rgb(164, 38, 44)');
  await test.info().attach('forest theme', { path: await shot(page, 'theme-forest.png'), contentType: 'image/png' });
});

test('a theme with a logo and outline buttons, and colours that fail WCAG AA made readable', async ({ page, sandbox }) => {
  const config = structuredClone(defaultConfig) as any;
  config.institution = { name: 'Plum Bank' };
  config.form_themes.push({
    alias: 'plum',
    name: 'Plum',
    colors: { primary: '#5b2a86', button_text: '#7a4aa6', background: '#faf7fc', surface: '#ffffff', text: '#a0a0a0', error: '#b00020' },
    font: '"Trebuchet MS", sans-serif',
    logo_url: LOGO,
    corner_radius: 0,
    button_style: 'outline',
  });
  const workspace = await SandboxWorkspace.create(sandbox.urls, 'theme: plum', config);
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration', 'plum');
  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  const form = collectionFrame(page);
  await expect(form.getByRole('img', { name: 'Plum Bank' })).toBeVisible();
  const button = form.getByRole('button', { name: 'Continue' });
  await expect(button).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(button).toHaveCSS('color', 'rgb(91, 42, 134)');
  await expect(button).toHaveCSS('border-top-left-radius', '0px');
  // #a0a0a0 on white is 2.6:1: the text is drawn in black instead.
  await expect(form.getByRole('heading', { level: 1 })).toHaveCSS('color', 'rgb(0, 0, 0)');
  await expect(form.getByLabel('Last name')).toHaveCSS('font-family', '"Trebuchet MS", sans-serif');
  await test.info().attach('plum theme', { path: await shot(page, 'theme-plum.png'), contentType: 'image/png' });
});

test('the theme preview: sample forms in a configured theme, changed from the controls', async ({ page, workspace }) => {
  await page.goto(`${workspace.urls.api}/theme?token=forest&apikey=sample&request_id=sample`);
  await expect(page.getByRole('heading', { level: 1, name: 'Form theme preview' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your details' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue' })).toHaveCSS('background-color', 'rgb(29, 107, 70)');
  await expect(page.getByText('Enter an email address in the correct format, like name@example.com').first()).toBeVisible();

  // Each change reloads the preview with the change in its URL.
  await page.getByLabel('Primary colour (buttons, links, focus)').fill('#8a1538');
  await page.waitForURL(/primary=%238a1538/);
  await page.getByLabel('Button style').selectOption('outline');
  await page.waitForURL(/button_style=outline/);
  await expect(page.getByRole('button', { name: 'Continue' })).toHaveCSS('color', 'rgb(138, 21, 56)');
  await expect(page.locator('.tp-json')).toContainText('"primary": "#8a1538"');

  await page.getByLabel('Button text colour').fill('#9a3550');
  await page.waitForURL(/button_text=%239a3550/);
  await page.getByLabel('Button style').selectOption('filled');
  await page.waitForURL(/button_style=filled/);
  await expect(page.getByRole('note')).toContainText('button text on the primary colour: #9a3550 has a contrast of');
  await page.getByRole('link', { name: 'Document photos' }).click();
  await expect(page.getByRole('heading', { name: 'Your identity document' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Finish' })).toHaveCSS('color', 'rgb(255, 255, 255)');
  await test.info().attach('theme preview', { path: await shot(page, 'theme-preview.png'), contentType: 'image/png' });

  await page.goto(`${workspace.urls.api}/theme?token=0577D35F-9452-4E79-8676-EB56BAF90603&apikey=sample&request_id=sample`);
  await expect(page.getByRole('status')).toContainText('No form theme has the alias "0577D35F-9452-4E79-8676-EB56BAF90603"');
});
