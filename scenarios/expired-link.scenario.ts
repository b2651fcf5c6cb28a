/**
 * An expired link.
 *
 * A customer ignores the request email for three months. By then the request's forms have
 * expired (the workspace clock is moved 90 days instead of waiting). Following the link shows
 * `This request has expired.` — one sentence, nothing to fill in — and the collection back
 * end refuses any change made with the request's key.
 */
import { test, expect, personas, profileBody } from 'passfort-sandbox/playwright';

test('a customer following the link after the deadline is told the request has expired', async ({ api, inbox, clock, page, collectionForm }) => {
  const request = await test.step('the integrator sends a document request', async () => {
    const profile = await api.profiles.create(profileBody(personas.alex));
    const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
    return api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] });
  });
  const email = await inbox.waitForEmail({ to: personas.alex.email });

  await test.step('ninety days pass without an answer', async () => {
    await clock.advance('90d');
    expect((await api.customerRequests.detail(request.id)).status).toBe('EXPIRED');
  });

  await test.step('the link opens on "This request has expired." and no form', async () => {
    await page.goto(email.requestLink!.url);
    await collectionForm.expectExpired();
    await expect(collectionForm.heading).toHaveText('This request has expired.');
    await expect(collectionForm.frame.getByRole('button', { name: /Continue|Finish/ })).toHaveCount(0);
  });

  await test.step("the request's key can no longer change anything", async () => {
    const form = request.forms[0]!;
    const attempt = await api.raw('PATCH', `/collection/api/requests/${request.id}/forms/${form.id}/answers`, { answers: {} }, { apikey: request.apikey });
    expect(attempt.status).toBe(409);
  });
});
