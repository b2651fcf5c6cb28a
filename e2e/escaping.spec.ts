import { defaultConfig } from '../src/config/default-config.js';
import { test, expect, collectionFrame } from './support/fixtures.js';
import { SandboxWorkspace } from './support/workspace.js';

const MARKUP = '<img src=x onerror="window.parent.__xss=1">';
const BREAKOUT = '"><script>window.__xss=2</script>';

test('what a customer types is kept as they go and shown back as text, never as markup', async ({ page, workspace }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  let form = collectionFrame(page);
  await form.getByLabel('First and middle names').fill(MARKUP);
  await form.getByLabel('Last name').fill(BREAKOUT);
  await form.getByLabel('Email address').fill('x@example.com');
  await form.getByLabel('Email address').blur();
  // Answers are saved as the customer goes (the API's answers endpoint), so a new visit starts where they left.
  await expect.poll(async () => (await workspace.detail(request.id)).forms[0].answers).toEqual({ given_names: MARKUP, family_name: BREAKOUT, email: 'x@example.com' });

  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  form = collectionFrame(page);
  await expect(form.getByLabel('First and middle names')).toHaveValue(MARKUP);
  await expect(form.getByLabel('Last name')).toHaveValue(BREAKOUT);
  await form.getByRole('button', { name: 'Continue' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(form.locator('img[src="x"]')).toHaveCount(0);
  await expect(form.locator('script:not([type="application/json"]):not([src])')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.frames()[1]!.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('markup in the integrator\'s own configuration (names, labels, titles) is shown as text too', async ({ page, sandbox }) => {
  const config = structuredClone(defaultConfig) as any;
  config.institution = { name: 'Bold & <b>Co</b>' };
  const template = config.form_templates.find((t: { alias: string }) => t.alias === 'personal_details');
  template.title = 'Your <em>details</em>';
  template.sections[0].questions[0].label = 'Given <u>names</u>';
  template.sections[0].questions[0].hint = '</script><script>window.__xss=3</script>';
  const workspace = await SandboxWorkspace.create(sandbox.urls, 'escaping config', config);
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  const form = collectionFrame(page);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your <em>details</em>');
  await expect(form.getByText('Bold & <b>Co</b>')).toBeVisible();
  await expect(form.getByLabel('Given <u>names</u>')).toBeVisible();
  await expect(form.getByText('</script><script>window.__xss=3</script>')).toBeVisible();
  await form.getByRole('button', { name: 'Continue' }).click();
  await expect(form.getByRole('alert').getByRole('link').first()).toHaveText('Enter given <u>names</u>');
  expect(await page.frames()[1]!.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(form.locator('em, u, b')).toHaveCount(0);
});
