/**
 * Some forms completed, the rest expire: the request is EXPIRED.
 *
 * A request asks for two things: an identity document and a proof of address. The customer
 * sends the identity document and stops. Ninety days later (the workspace clock is moved
 * rather than waited for) the open form expires; the request takes the state of the last
 * form to end, so it is EXPIRED even though one form was completed. PassFort's API only
 * says `is_completed: true`; the webhook tells the integrator which.
 */
import { test, expect, persona, personas, profileBody } from 'passfort-sandbox/playwright';

test('one form completed and the other left open: after 90 days the request is EXPIRED', async ({ api, inbox, webhooks, clock, page, collectionForm }) => {
  await webhooks.useSink({ events: ['CUSTOMER_REQUEST_CHANGED', 'FORM_STATE_CHANGED'] });
  const alex = persona(personas.alex, { document: { type: 'PASSPORT' } });

  const request = await test.step('the integrator asks for an identity document and a proof of address', async () => {
    const profile = await api.profiles.create(profileBody(alex));
    const identity = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
    const address = await api.profiles.addTask(profile.id, 'INDIVIDUAL_VERIFY_ADDRESS');
    return api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [identity.id, address.id] });
  });

  await test.step('the customer sends the passport, sees the second form, and leaves', async () => {
    const email = await inbox.waitForEmail({ to: alex.email });
    await page.goto(email.requestLink!.url);
    await collectionForm.waitForForm('identity_documents');
    await collectionForm.fill(alex);
    const next = await collectionForm.submit();
    expect(next).toMatchObject({ state: 'form', formAlias: 'proof_of_address', step: 'Step 2 of 2' });
  });

  await test.step('ninety days pass', async () => {
    await clock.advance('90d');
  });

  await test.step('the open form expired, so the request is EXPIRED although one form was completed', async () => {
    const detail = await api.customerRequests.detail(request.id);
    expect(detail.status).toBe('EXPIRED');
    expect(detail.forms.map((f) => [f.alias, f.status])).toEqual([
      ['identity_documents', 'COMPLETED'],
      ['proof_of_address', 'EXPIRED'],
    ]);
    expect(await api.customerRequests.latest(request.profile_id)).toMatchObject({ id: request.id, is_completed: true });
  });

  await test.step('the webhook says EXPIRED, which the API alone cannot tell', async () => {
    const changed = await webhooks.waitForEvent('CUSTOMER_REQUEST_CHANGED', (d) => d.status === 'EXPIRED');
    expect(changed.data).toMatchObject({ customer_request_id: request.id, previous_status: 'SENT' });
  });

  await test.step('the customer following the email link again finds the request expired', async () => {
    const email = await inbox.waitForEmail({ to: alex.email });
    await page.goto(email.requestLink!.url);
    await collectionForm.expectExpired();
  });
});
