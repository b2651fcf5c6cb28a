import { test, expect, collectionFrame } from './support/fixtures.js';

/**
 * A date question has day, month and year fields and, beside them, the browser's own calendar:
 * a date picked there fills the three fields and is saved like a typed one; typed fields move
 * the calendar to that date, or clear it while they are not a real date.
 */
test('a date picked from the calendar fills day, month and year and is saved; typing moves the calendar', async ({ page, workspace }) => {
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
  await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
  const form = collectionFrame(page);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your details');
  const dob = form.getByRole('group', { name: 'Date of birth' });
  const picker = dob.getByLabel('Or pick it from a calendar');
  await expect(picker).toHaveAttribute('type', 'date');

  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/answers'));
  await picker.fill('1991-10-09');
  await expect(dob.getByLabel('Day', { exact: true })).toHaveValue('9');
  await expect(dob.getByLabel('Month', { exact: true })).toHaveValue('10');
  await expect(dob.getByLabel('Year', { exact: true })).toHaveValue('1991');
  const body = (await saved).request().postDataJSON() as { answers: Record<string, unknown> };
  expect(Object.values(body.answers)).toEqual(['1991-10-09']);

  // Saved as the customer goes: a reload shows it in both places.
  await page.reload();
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your details');
  await expect(dob.getByLabel('Day', { exact: true })).toHaveValue('9');
  await expect(picker).toHaveValue('1991-10-09');

  // 31 February is no date: the calendar has none until the day is fixed.
  await dob.getByLabel('Day', { exact: true }).fill('31');
  await dob.getByLabel('Month', { exact: true }).fill('2');
  await expect(picker).toHaveValue('');
  await dob.getByLabel('Day', { exact: true }).fill('28');
  await expect(picker).toHaveValue('1991-02-28');
});
