import { test, expect, collectionFrame, shot } from './support/fixtures.js';
import { documentFront, png } from './support/images.js';

test('errors are listed in a summary that links to each field, shown next to the field, and go once fixed', async ({ page, workspace }) => {
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  const form = collectionFrame(page);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your details');

  // Nothing filled in.
  await form.getByRole('button', { name: 'Continue' }).click();
  const summary = form.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading')).toHaveText('There is a problem');
  await expect(summary.getByRole('link')).toHaveText([
    'Enter first and middle names',
    'Enter last name',
    'Enter date of birth',
    'Select nationality',
    'Enter email address',
    'Enter home address',
  ]);
  expect(await page.frames()[1]!.title()).toBe('Error: Your details');
  const lastName = form.getByLabel('Last name');
  await expect(lastName).toHaveAttribute('aria-invalid', 'true');
  await expect(lastName).toHaveAccessibleDescription('Error: Enter last name');
  await expect(form.getByLabel('Mobile phone number')).not.toHaveAttribute('aria-invalid', 'true');
  await summary.getByRole('link', { name: 'Enter last name' }).click();
  await expect(lastName).toBeFocused();
  await summary.getByRole('link', { name: 'Enter date of birth' }).click();
  await expect(form.getByRole('group', { name: 'Date of birth' }).getByLabel('Day')).toBeFocused();

  // Wrong rather than missing: each field says what is wrong with it.
  await form.getByLabel('First and middle names').fill('Mary <Ann>');
  await lastName.fill('Smith');
  const dob = form.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill('31');
  await dob.getByLabel('Month').fill('2');
  await dob.getByLabel('Year').fill('1990');
  await form.getByLabel('Nationality').selectOption('IRL');
  await form.getByLabel('Email address').fill('mary@');
  await form.getByLabel('Mobile phone number').fill('call me');
  const address = form.getByRole('group', { name: 'Home address' });
  await address.getByLabel('Postcode or ZIP code').fill('D02 XY45');
  await form.getByRole('button', { name: 'Continue' }).click();
  await expect(summary.getByRole('link')).toHaveText([
    'Date of birth must be a real date',
    'Enter an email address in the correct format, like name@example.com',
    'Enter a phone number, like 01632 960 001 or +44 7700 900 982',
    'Enter the street',
    'Enter the town or city',
    'Select the country',
  ]);
  await expect(lastName).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dob.getByLabel('Year')).toHaveAccessibleDescription('Error: Date of birth must be a real date');
  await expect(address.getByLabel('Street')).toHaveAccessibleDescription('Error: Enter the street');
  await expect(address.getByLabel('Postcode or ZIP code')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Error: Enter an email address in the correct format, like name@example.com')).toBeVisible();
  await test.info().attach('errors', { path: await shot(page, 'errors.png'), contentType: 'image/png' });
  expect((await workspace.detail(request.id)).forms[0].status).toBe('SENT');

  // Fixed.
  await dob.getByLabel('Day').fill('28');
  await form.getByLabel('Email address').fill('mary@example.com');
  await form.getByLabel('Mobile phone number').fill('');
  await address.getByLabel('Street').fill('Grafton Street');
  await address.getByLabel('Town or city').fill('Dublin');
  await address.getByLabel('Country').selectOption('IRL');
  await form.getByRole('button', { name: 'Continue' }).click();
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your identity document');
  await expect(form.getByRole('heading', { level: 1 })).toBeFocused();
  expect((await workspace.detail(request.id)).forms[0].answers).toEqual({
    given_names: 'Mary <Ann>',
    family_name: 'Smith',
    dob: '1990-02-28',
    nationality: 'IRL',
    email: 'mary@example.com',
    address: { type: 'STRUCTURED', route: 'Grafton Street', postal_town: 'Dublin', postal_code: 'D02 XY45', country: 'IRL' },
  });
});

test('the document step: nothing chosen, then a missing side', async ({ page, workspace }) => {
  const profileId = await workspace.newIndividual('Dora', 'Docs');
  const request = await workspace.formsRequest(profileId, ['INDIVIDUAL_VERIFY_IDENTITY']);
  await page.goto(`${workspace.urls.api}/onboarding?request_id=${request.id}&apikey=${request.apikey}`);
  const form = collectionFrame(page);
  await expect(form.getByRole('button', { name: 'Finish' })).toBeVisible();
  await form.getByRole('button', { name: 'Finish' }).click();
  await expect(form.getByRole('alert').getByRole('link')).toHaveText(['Select which document you will use, then upload its photos']);
  await form.getByRole('alert').getByRole('link').click();
  await expect(form.getByRole('radio', { name: 'Passport' })).toBeFocused();

  await form.getByRole('radio', { name: 'Driving licence' }).check();
  await form.getByLabel('Front of the document').setInputFiles(png('front.png', documentFront()));
  await expect(form.getByText('Uploaded: front.png')).toBeVisible();
  await form.getByRole('button', { name: 'Finish' }).click();
  await expect(form.getByRole('alert').getByRole('link')).toHaveText(['Upload the back of your driving licence', 'Upload a photo of your face (selfie)']);
  await form.getByRole('alert').getByRole('link', { name: 'Upload the back of your driving licence' }).click();
  await expect(form.getByLabel('Back of the document')).toBeFocused();
  await expect(form.getByLabel('Back of the document')).toHaveAccessibleDescription(/^A clear photo or a scan: .* Error: Upload the back of your driving licence$/);
});
