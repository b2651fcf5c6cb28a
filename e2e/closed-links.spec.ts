import { test, expect, collectionFrame } from './support/fixtures.js';
import { messagesOf, recordCollectMessages } from './support/messages.js';

test.describe('links that no longer open a form', () => {
  test.beforeEach(async ({ page }) => recordCollectMessages(page));

  test('an expired link (the workspace clock moved past expiry) says so, and tells the page', async ({ page, workspace }) => {
    const profileId = await workspace.newIndividual('Ann', 'Late');
    const request = await workspace.formsRequest(profileId, ['INDIVIDUAL_VERIFY_IDENTITY']);
    await workspace.advanceClock('91d');
    expect((await workspace.detail(request.id)).status).toBe('EXPIRED');

    await page.goto(`${workspace.urls.api}/onboarding?request_id=${request.id}&apikey=${request.apikey}`);
    const form = collectionFrame(page);
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('This request has expired.');
    await expect(form.getByRole('button')).toHaveCount(0);
    await expect.poll(() => messagesOf(page, 'expired')).toHaveLength(1);
    expect((await messagesOf(page, 'expired'))[0]).toEqual({
      origin: workspace.urls.api,
      data: { source: 'passfort-collect', version: 1, type: 'expired', request_id: request.id, status: 'EXPIRED' },
    });
  });

  test('a link that expires while the form is open: the next step says so', async ({ page, workspace }) => {
    const profileId = await workspace.newIndividualStub();
    const request = await workspace.flowRequest(profileId, 'individual_registration');
    await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
    const form = collectionFrame(page);
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your details');
    await workspace.advanceClock('90d');
    await form.getByRole('button', { name: 'Continue' }).click();
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('This request has expired.');
  });

  test('a completed request, and one whose forms were cancelled, show "This request has expired."', async ({ page, workspace }) => {
    const done = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
    await workspace.api('POST', `/__sandbox/customer-requests/${done.id}/complete`, {});
    await page.goto(`${workspace.urls.api}/onboarding?request_id=${done.id}&apikey=${done.apikey}`);
    await expect(collectionFrame(page).getByRole('heading', { level: 1 })).toHaveText('This request has expired.');
    await expect.poll(async () => (await messagesOf(page, 'expired')).map((m) => m.data.status)).toEqual(['COMPLETED']);

    const cancelled = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
    for (const f of cancelled.forms) await workspace.api('POST', `/__sandbox/customer-requests/${cancelled.id}/forms/${f.id}/cancel`, {});
    await page.goto(`${workspace.urls.api}/onboarding?request_id=${cancelled.id}&apikey=${cancelled.apikey}`);
    await expect(collectionFrame(page).getByRole('heading', { level: 1 })).toHaveText('This request has expired.');
  });

  test('a wrong apikey opens nothing: the page says the link is not valid, and tells the embedding page', async ({ page, workspace }) => {
    const mine = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
    const other = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
    for (const key of ['0'.repeat(46), other.apikey, workspace.apiKey]) {
      await page.goto(`${workspace.urls.api}/onboarding?request_id=${mine.id}&apikey=${key}`);
      const form = collectionFrame(page);
      await expect(form.getByRole('heading', { level: 1 })).toHaveText('This link is not valid.');
      await expect(form.getByText('Open the link in the most recent email we sent you, or ask us for a new one.')).toBeVisible();
      await expect(form.getByRole('textbox')).toHaveCount(0);
      await expect.poll(() => messagesOf(page, 'error')).toHaveLength(1);
      expect((await messagesOf(page, 'error'))[0]!.data).toEqual({
        source: 'passfort-collect',
        version: 1,
        type: 'error',
        request_id: mine.id,
        code: 'invalid_link',
        message: 'This link is not valid.',
      });
    }
    expect((await workspace.detail(mine.id)).status).toBe('SENT');
  });
});
