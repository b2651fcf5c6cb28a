import { test, expect, collectionFrame } from './support/fixtures.js';

const ANSWERS = async (form: ReturnType<typeof collectionFrame>) => {
  await form.getByLabel('First and middle names').fill('Flo');
  await form.getByLabel('Last name').fill('Wait');
  const dob = form.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill('2');
  await dob.getByLabel('Month').fill('3');
  await dob.getByLabel('Year').fill('1999');
  await form.getByLabel('Nationality').selectOption('GBR');
  await form.getByLabel('Email address').fill('flo@example.com');
  const address = form.getByRole('group', { name: 'Home address' });
  await address.getByLabel('Street').fill('Long Lane');
  await address.getByLabel('Town or city').fill('York');
  await address.getByLabel('Country').selectOption('GBR');
};

test('Continue is disabled while the answers are on their way, with a spinner once it takes a while; a lost connection can be retried', async ({ page, workspace }) => {
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  const form = collectionFrame(page);
  await ANSWERS(form);

  // First attempt: the connection drops.
  await page.route('**/collection/api/requests/*/forms/*/submit', (route) => route.abort('connectionreset'), { times: 1 });
  await form.getByRole('button', { name: 'Continue' }).click();
  await expect(form.getByRole('alert')).toContainText('Something went wrong and your answers were not sent. Check your connection and try again.');
  await expect(form.getByRole('button', { name: 'Continue' })).toBeEnabled();

  // Second attempt: held until the test has looked at the button.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/collection/api/requests/*/forms/*/submit', async (route) => {
    await held;
    await route.continue();
  }, { times: 1 });
  const button = form.getByRole('button', { name: 'Continue' });
  await button.click();
  await expect(button).toBeDisabled();
  await expect(form.locator('form')).toHaveAttribute('aria-busy', 'true');
  await expect(button.locator('.pf-spinner')).toBeVisible();
  release();
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your identity document');
  expect((await workspace.detail(request.id)).forms[0].status).toBe('COMPLETED');
});
