import type { Locator, Page } from '@playwright/test';
import { test, expect, collectionFrame } from './support/fixtures.js';
import { documentFront, png, selfie } from './support/images.js';

/** Presses Tab until `target` has the focus; fails if it is not reachable in `max` presses. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement && el.ownerDocument.hasFocus())) return;
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

test('the whole registration, with the keyboard alone', async ({ page, workspace }) => {
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  const form = collectionFrame(page);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your details');

  await typeInto(page, form.getByLabel('First and middle names'), 'Kay');
  await typeInto(page, form.getByLabel('Last name'), 'Board');
  const dob = form.getByRole('group', { name: 'Date of birth' });
  await typeInto(page, dob.getByLabel('Day'), '9');
  await typeInto(page, dob.getByLabel('Month'), '10');
  await typeInto(page, dob.getByLabel('Year'), '1991');
  await typeInto(page, form.getByLabel('Nationality'), 'Iceland');
  await expect(form.getByLabel('Nationality')).toHaveValue('ISL');
  await typeInto(page, form.getByLabel('Email address'), 'kay@example.com');
  const address = form.getByRole('group', { name: 'Home address' });
  await typeInto(page, address.getByLabel('Street'), 'Laugavegur 1');
  await typeInto(page, address.getByLabel('Town or city'), 'Reykjavik');
  await typeInto(page, address.getByLabel('Country'), 'Iceland');
  // Enter in a text field sends the form, as the Continue button would.
  await tabTo(page, form.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your identity document');
  await expect(form.getByRole('heading', { level: 1 })).toBeFocused();
  await tabTo(page, form.getByRole('radio', { name: 'Passport' }));
  await page.keyboard.press('Space');
  await expect(form.getByRole('radio', { name: 'Passport' })).toBeChecked();

  for (const [label, file] of [
    ['Front of the document', png('front.png', documentFront())],
    ['A photo of your face (selfie)', png('selfie.png', selfie())],
  ] as const) {
    await tabTo(page, form.getByLabel(label));
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (await chooser).setFiles(file);
    await expect(form.getByText(`Uploaded: ${file.name}`)).toBeVisible();
  }

  // Remove and choose again, still without a mouse.
  await tabTo(page, form.getByRole('button', { name: 'Remove a photo of your face (selfie)' }));
  await page.keyboard.press('Enter');
  await expect(form.getByLabel('A photo of your face (selfie)')).toBeFocused();
  await expect(form.getByText('Removed')).toBeVisible();
  const again = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await again).setFiles(png('selfie-2.png', selfie()));
  await expect(form.getByText('Uploaded: selfie-2.png')).toBeVisible();

  await tabTo(page, form.getByRole('button', { name: 'Finish' }));
  await page.keyboard.press('Enter');
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Data successfully submitted.');
  await page.waitForURL(/\/onboarding\/done$/);
  const detail = await workspace.detail(request.id);
  expect(detail.status).toBe('COMPLETED');
  expect(detail.forms[0].answers).toMatchObject({ given_names: 'Kay', dob: '1991-10-09', nationality: 'ISL', address: { country: 'ISL', postal_town: 'Reykjavik' } });
});
