import type { FrameLocator, Page } from '@playwright/test';
import { test, expect, collectionFrame, shot } from './support/fixtures.js';
import { documentFront, png, selfie } from './support/images.js';

/** Nothing wider than the screen, in the page or in the form. */
async function expectNoSideways(page: Page, form: FrameLocator) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  expect(await form.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth)).toBeLessThanOrEqual(0);
}

test.describe('on a 320 px phone', () => {
  test.use({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

  test('the forms fit the screen, the camera opens for photos, and the request can be finished by touch', async ({ page, workspace }) => {
    const profileId = await workspace.newIndividual('Pat', 'Phone');
    const request = await workspace.formsRequest(profileId, ['INDIVIDUAL_VERIFY_ADDRESS', 'INDIVIDUAL_VERIFY_IDENTITY']);
    await page.goto(`${workspace.urls.api}/onboarding?request_id=${request.id}&apikey=${request.apikey}`);
    const form = collectionFrame(page);
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('Confirm your address');
    await expectNoSideways(page, form);

    const address = form.getByRole('group', { name: 'Home address' });
    await address.getByLabel('Street').fill('Rue de Rivoli 5');
    await address.getByLabel('Town or city').fill('Paris');
    await address.getByLabel('Country').selectOption('FRA');
    await form.getByLabel('Front of the document').setInputFiles(png('statement.png', documentFront()));
    await expect(form.getByText('Uploaded: statement.png')).toBeVisible();
    await expect(form.getByLabel('Front of the document')).toHaveAttribute('capture', 'environment');
    await test.info().attach('phone: address', { path: await shot(page, 'phone-address.png'), contentType: 'image/png' });
    await expectNoSideways(page, form);
    const button = form.getByRole('button', { name: 'Continue' });
    const [buttonBox, cardBox] = [await button.boundingBox(), await form.locator('.pf-card').boundingBox()];
    expect(buttonBox!.width).toBeGreaterThan(cardBox!.width * 0.8);
    expect(buttonBox!.height).toBeGreaterThanOrEqual(44);
    await button.tap();

    await expect(form.getByRole('heading', { level: 1 })).toHaveText('Verify your identity');
    await form.getByRole('radio', { name: 'Passport' }).tap();
    await expect(form.getByLabel('A photo of your face (selfie)')).toHaveAttribute('capture', 'user');
    await form.getByLabel('Front of the document').setInputFiles(png('passport.png', documentFront()));
    await form.getByLabel('A photo of your face (selfie)').setInputFiles(png('selfie.png', selfie()));
    await expect(form.getByText('Uploaded: selfie.png')).toBeVisible();
    await expectNoSideways(page, form);
    await test.info().attach('phone: documents', { path: await shot(page, 'phone-documents.png'), contentType: 'image/png' });
    await form.getByRole('button', { name: 'Finish' }).tap();
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('Data successfully submitted.');
    expect((await workspace.detail(request.id)).status).toBe('COMPLETED');
  });
});

test.describe('zoomed to 200 %', () => {
  // A 1280 px window at 200 % lays out like a 640 px one with twice the pixels.
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });

  test('nothing needs sideways scrolling and the text is not cut', async ({ page, workspace }) => {
    const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
    await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
    const form = collectionFrame(page);
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your details');
    await form.getByRole('button', { name: 'Continue' }).click();
    await expect(form.getByRole('alert')).toBeVisible();
    await expectNoSideways(page, form);
    // The iframe is as tall as its content: the page scrolls, never the frame.
    expect(await form.locator('html').evaluate((html) => html.scrollHeight - html.clientHeight)).toBeLessThanOrEqual(1);
  });
});
