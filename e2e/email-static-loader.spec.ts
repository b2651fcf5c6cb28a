import { test, expect, collectionFrame } from './support/fixtures.js';
import { documentFront, png, selfie } from './support/images.js';

test('a customer opens the request email, follows the button to the static loader and completes the forms', async ({ page, workspace }) => {
  await workspace.useWebhookSink(`static-${workspace.id}`, ['CUSTOMER_REQUEST_CHANGED']);
  const profileId = await workspace.newIndividual('Mary', 'Smith');
  const request = await workspace.formsRequest(profileId, ['INDIVIDUAL_VERIFY_IDENTITY', 'INDIVIDUAL_VERIFY_ADDRESS']);

  const email = await workspace.waitForEmail();
  expect(email.To[0]!.Address).toBe('mary.smith@example.com');
  await page.goto(`${workspace.urls.inbox}/view/${email.ID}.html`);
  await page.getByRole('link', { name: 'Update information' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);

  const form = collectionFrame(page);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Verify your identity');
  await expect(form.getByText('Step 1 of 2')).toBeVisible();
  await form.getByRole('radio', { name: 'Passport' }).check();
  await form.getByLabel('Front of the document').setInputFiles(png('passport.png', documentFront()));
  await form.getByLabel('A photo of your face (selfie)').setInputFiles(png('me.png', selfie()));
  await expect(form.getByText('Uploaded: me.png')).toBeVisible();
  await expect(form.getByRole('img', { name: 'Preview of front of the document' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('step1.png'), fullPage: true });
  await form.getByRole('button', { name: 'Continue' }).click();

  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Confirm your address');
  await expect(form.getByText('Step 2 of 2')).toBeVisible();
  const address = form.getByRole('group', { name: 'Home address' });
  await address.getByLabel('House number').fill('12');
  await address.getByLabel('Street').fill('Grafton Street');
  await address.getByLabel('Town or city').fill('Dublin');
  await address.getByLabel('Postcode or ZIP code').fill('D02 XY45');
  await address.getByLabel('Country').selectOption('IRL');
  await form.getByRole('group', { name: 'Have you lived there for more than 3 years?' }).getByRole('radio', { name: 'Yes' }).check();
  await form.getByLabel('Front of the document').setInputFiles(png('statement.png', documentFront()));
  await expect(form.getByText('Uploaded: statement.png')).toBeVisible();
  await form.getByRole('button', { name: 'Finish' }).click();

  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Data successfully submitted.');
  await expect(page).toHaveURL(/\/onboarding$/);

  // What the integrator sees: the API and the webhook.
  const latest = await workspace.api('GET', `/4.0/forms/profile/${profileId}/customer_request`);
  expect(latest).toMatchObject({ id: request.id, is_completed: true });
  const detail = await workspace.detail(request.id);
  expect(detail.status).toBe('COMPLETED');
  expect(detail.forms[1].answers).toEqual({
    address: { type: 'STRUCTURED', street_number: '12', route: 'Grafton Street', postal_town: 'Dublin', postal_code: 'D02 XY45', country: 'IRL' },
    moved_in: true,
  });
  expect(Object.keys(detail.forms[0].documents.document.elements)).toEqual(['FRONT', 'SELFIE']);
  await expect
    .poll(async () => (await workspace.sink(`static-${workspace.id}`)).map((d) => [d.body.event, d.body.data.status]))
    .toContainEqual(['CUSTOMER_REQUEST_CHANGED', 'COMPLETED']);
  const hook = (await workspace.sink(`static-${workspace.id}`)).find((d) => d.body.data.status === 'COMPLETED')!;
  expect(hook.headers.authorization).toBe('Bearer e2e-secret');
  expect(hook.body.data).toMatchObject({ profile_id: profileId, customer_request_id: request.id, previous_status: 'SENT' });
});
