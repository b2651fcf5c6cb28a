import { test, expect, collectionFrame } from './support/fixtures.js';

test('a company registers through the dynamic loader: a check adds the follow-up form, then Finish sends the top window to the redirect URL', async ({ page, workspace }) => {
  const profileId = await workspace.newCompanyStub();
  const request = await workspace.flowRequest(profileId, 'company_registration');
  expect(request.forms.map((f) => f.alias)).toEqual(['company_details']);

  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  const form = collectionFrame(page);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('About your company');
  await expect(form.getByText(/Step \d of \d/)).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Continue' })).toBeVisible();

  await form.getByLabel('Registered company name').fill('Acme Widgets Ltd');
  await form.getByLabel('Company number').fill('09565115');
  await form.getByLabel('Country of incorporation').selectOption({ label: 'United Kingdom' });
  const incorporated = form.getByRole('group', { name: 'Date of incorporation' });
  await incorporated.getByLabel('Day').fill('3');
  await incorporated.getByLabel('Month').fill('11');
  await incorporated.getByLabel('Year').fill('2015');
  await form.getByRole('radio', { name: 'Limited company' }).check();
  await form.getByLabel('Company email address').fill('hello@acme.example');
  const address = form.getByRole('group', { name: 'Registered address' });
  await address.getByLabel('Street').fill('1 Example Road');
  await address.getByLabel('Town or city').fill('London');
  await address.getByLabel('Country').selectOption('GBR');
  // The workspace clock stands still, so the checks wait until the test moves it.
  await workspace.api('POST', '/__sandbox/clock/freeze', {});
  await form.getByRole('button', { name: 'Continue' }).click();

  // The ownership check decides whether a follow-up form is needed; the page waits for it.
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Checking your details');
  await expect(form.getByRole('status')).toHaveText(/This usually takes a few seconds/);
  await workspace.advanceClock('10s');
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Who controls your company');
  await expect(form.getByText('Step 2 of 2')).toBeVisible();
  await expect(form.getByText('Our company data check found shareholders.')).toBeVisible();

  await form.getByLabel('First and middle names').fill('Jane');
  await form.getByLabel('Last name').fill('Doe');
  const dob = form.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill('14');
  await dob.getByLabel('Month').fill('2');
  await dob.getByLabel('Year').fill('1978');
  await form.getByLabel('Percentage of shares held').fill('60');
  await form.getByRole('radio', { name: 'No' }).check();
  await form.getByRole('button', { name: 'Finish' }).click();

  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Data successfully submitted.');
  await page.waitForURL(`${workspace.urls.api}/onboarding/done`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registration complete');

  const detail = await workspace.detail(request.id);
  expect(detail).toMatchObject({ status: 'COMPLETED', finished_at: expect.any(String), redirect_url: '/onboarding/done' });
  expect(detail.forms.map((f: { alias: string; status: string }) => [f.alias, f.status])).toEqual([
    ['company_details', 'COMPLETED'],
    ['shareholders', 'COMPLETED'],
  ]);
  expect(detail.forms[0].answers).toMatchObject({ name: 'Acme Widgets Ltd', incorporation_date: '2015-11-03', ownership_type: 'COMPANY', country_of_incorporation: 'GBR' });
  expect(detail.forms[1].answers).toMatchObject({ owner_dob: '1978-02-14', owner_percentage: 60, others_control: 'no' });
});
