import { defaultConfig } from '../src/config/default-config.js';
import { test, expect, collectionFrame } from './support/fixtures.js';
import { documentFront, png, selfie } from './support/images.js';
import { collectEvents, collectMessages, recordCollectMessages } from './support/messages.js';
import { INTEGRATOR, PASSFORT_COLLECTION, loaderFile, routePassFortToSandbox, serveIntegratorSite } from './support/passfort-host.js';
import { SandboxWorkspace } from './support/workspace.js';

/**
 * PassFort's loaders as an integrator serves them, unmodified: the script comes from
 * https://collection.passfort.com/embed.js, which the test routes to the sandbox.
 */

function integratorConfig() {
  const config = structuredClone(defaultConfig) as any;
  config.form_url = `${INTEGRATOR}/onboarding`;
  for (const flow of config.flow_templates) flow.redirect_url = `${INTEGRATOR}/welcome`;
  return config;
}

test.beforeEach(async ({ page, sandbox, network }) => {
  network.allow('bank.example');
  network.allow('collection.passfort.com');
  await routePassFortToSandbox(page, sandbox.urls.api);
});

test('the static loader at the integrator\'s form URL, opened from the email', async ({ page, sandbox }) => {
  const html = loaderFile('static_loader.html');
  expect(html).toContain(`<script src="${PASSFORT_COLLECTION}/embed.js"></script>`);
  expect(html).toContain('PassFortCollect.initFromUrl()');
  await serveIntegratorSite(page, { '/onboarding': html });
  const workspace = await SandboxWorkspace.create(sandbox.urls, 'passfort static loader', integratorConfig());
  const profileId = await workspace.newIndividual('Sam', 'Static');
  const request = await workspace.formsRequest(profileId, ['INDIVIDUAL_VERIFY_IDENTITY']);

  const email = await workspace.waitForEmail();
  await page.goto(`${workspace.urls.inbox}/view/${email.ID}.html`);
  await page.getByRole('link', { name: 'Update information' }).click();
  await expect(page).toHaveURL(`${INTEGRATOR}/onboarding`);

  const form = collectionFrame(page);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Verify your identity');
  expect(page.frames()[1]!.url()).toBe(`${PASSFORT_COLLECTION}/collection/app?request_id=${request.id}&origin=${encodeURIComponent(INTEGRATOR)}`);
  await form.getByRole('radio', { name: 'Passport' }).check();
  await form.getByLabel('Front of the document').setInputFiles(png('front.png', documentFront()));
  await form.getByLabel('A photo of your face (selfie)').setInputFiles(png('selfie.png', selfie()));
  await expect(form.getByText('Uploaded: selfie.png')).toBeVisible();
  await form.getByRole('button', { name: 'Finish' }).click();
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Data successfully submitted.');
  expect((await workspace.api('GET', `/4.0/forms/profile/${profileId}/customer_request`)).is_completed).toBe(true);
});

test('the dynamic loader filled in by the integrator\'s server, a FLOW to its redirect URL, and every message the page hears', async ({ page, sandbox }) => {
  const workspace = await SandboxWorkspace.create(sandbox.urls, 'passfort dynamic loader', integratorConfig());
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
  const template = loaderFile('dynamic_loader.html');
  expect(template).toContain('request_id: "<request_id>"');
  // What an integrator's server does with the file: the two values, nothing else.
  await serveIntegratorSite(page, {
    '/register': template.replace('<request_id>', request.id).replace('<apikey>', request.apikey),
    '/welcome': '<!DOCTYPE html><title>Welcome</title><h1>Welcome aboard</h1>',
  });
  await recordCollectMessages(page);

  await page.goto(`${INTEGRATOR}/register`);
  const form = collectionFrame(page);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your details');
  await form.getByLabel('First and middle names').fill('Dina');
  await form.getByLabel('Last name').fill('Mick');
  const dob = form.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill('1');
  await dob.getByLabel('Month').fill('5');
  await dob.getByLabel('Year').fill('1970');
  await form.getByLabel('Nationality').selectOption('DEU');
  await form.getByLabel('Email address').fill('dina@example.com');
  const address = form.getByRole('group', { name: 'Home address' });
  await address.getByLabel('Street').fill('Unter den Linden 1');
  await address.getByLabel('Town or city').fill('Berlin');
  await address.getByLabel('Country').selectOption('DEU');
  await form.getByRole('button', { name: 'Continue' }).click();
  await form.getByRole('radio', { name: 'Passport' }).check();
  await form.getByLabel('Front of the document').setInputFiles(png('front.png', documentFront()));
  await form.getByLabel('A photo of your face (selfie)').setInputFiles(png('selfie.png', selfie()));
  await expect(form.getByText('Uploaded: selfie.png')).toBeVisible();
  await form.getByRole('button', { name: 'Finish' }).click();
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Data successfully submitted.');
  await expect.poll(async () => (await collectMessages(page)).some((m) => m.data.type === 'completed')).toBe(true);

  const messages = await collectMessages(page);
  expect(messages.every((m) => m.origin === PASSFORT_COLLECTION && m.data.source === 'passfort-collect' && m.data.version === 1)).toBe(true);
  expect(JSON.stringify(messages)).not.toContain(request.apikey);
  const steps = messages.filter((m) => m.data.type !== 'resize').map((m) => m.data);
  const [formOne, formTwo] = request.forms;
  expect(steps).toEqual([
    { source: 'passfort-collect', version: 1, type: 'loaded' },
    { source: 'passfort-collect', version: 1, type: 'ready', request_id: request.id, state: 'form', form_id: formOne!.id, step: 1, total: 2 },
    { source: 'passfort-collect', version: 1, type: 'form_submitted', request_id: request.id, form_id: formOne!.id, form_alias: 'personal_details', submitted: 1, total: 2 },
    { source: 'passfort-collect', version: 1, type: 'form_submitted', request_id: request.id, form_id: formTwo!.id, form_alias: 'identity_document', submitted: 2, total: 2 },
    { source: 'passfort-collect', version: 1, type: 'completed', request_id: request.id, redirect_url: `${INTEGRATOR}/welcome` },
  ]);
  const heights = messages.filter((m) => m.data.type === 'resize').map((m) => m.data.height as number);
  expect(heights.length).toBeGreaterThan(1);
  const iframeHeight = await page.locator('#collection-wrapper iframe').evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().height);
  expect(iframeHeight).toBe(heights.at(-1));
  // The same, as DOM events on the wrapper (without the internal "loaded").
  expect((await collectEvents(page)).filter((e) => e.type !== 'resize').map((e) => e.type)).toEqual(['ready', 'form_submitted', 'form_submitted', 'completed']);

  await page.waitForURL(`${INTEGRATOR}/welcome`);
  await expect(page.getByRole('heading', { name: 'Welcome aboard' })).toBeVisible();
  expect((await workspace.detail(request.id)).status).toBe('COMPLETED');
});
