/**
 * A form is cancelled.
 *
 * The integrator asks for an identity document and a proof of address, then withdraws the
 * proof of address (as a PassFort user would, on the task). The customer sees only the
 * identity form — one step, with Finish — and completes it: the last form to end was
 * completed, so the request is COMPLETED. Cancelling the last open form instead would
 * have ended the request as EXPIRED.
 */
import { test, expect, persona, personas, profileBody } from 'passfort-sandbox/playwright';

test('a cancelled form disappears from the customer\'s forms; the request completes with the rest', async ({ api, inbox, webhooks, page, collectionForm }) => {
  await webhooks.useSink({ events: ['CUSTOMER_REQUEST_CHANGED', 'FORM_STATE_CHANGED'] });
  const alex = persona(personas.alex, { document: { type: 'PASSPORT' } });

  const request = await test.step('the integrator asks for an identity document and a proof of address', async () => {
    const profile = await api.profiles.create(profileBody(alex));
    const identity = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
    const address = await api.profiles.addTask(profile.id, 'INDIVIDUAL_VERIFY_ADDRESS');
    return api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [identity.id, address.id] });
  });
  const addressForm = request.forms.find((f) => f.alias === 'proof_of_address')!;

  await test.step('the proof of address form is cancelled', async () => {
    const after = await api.customerRequests.cancelForm(request.id, addressForm.id);
    expect(after.status).toBe('SENT');
    await webhooks.waitForEvent('FORM_STATE_CHANGED', (d) => d.form_id === addressForm.id && d.status === 'CANCELLED');
  });

  await test.step('the customer sees one form only, with Finish', async () => {
    const email = await inbox.waitForEmail({ to: alex.email });
    await page.goto(email.requestLink!.url);
    const state = await collectionForm.waitForForm('identity_documents');
    expect(state.step).toBeNull();
    await expect(collectionForm.submitButton).toHaveText('Finish');
  });

  await test.step('the customer finishes; the request is COMPLETED', async () => {
    await collectionForm.fill(alex);
    await collectionForm.submit();
    await collectionForm.expectSubmitted();
    const detail = await api.customerRequests.detail(request.id);
    expect(detail.status).toBe('COMPLETED');
    expect(detail.forms.map((f) => [f.alias, f.status])).toEqual([
      ['identity_documents', 'COMPLETED'],
      ['proof_of_address', 'CANCELLED'],
    ]);
    await webhooks.waitForEvent('CUSTOMER_REQUEST_CHANGED', (d) => d.status === 'COMPLETED');
  });
});

test('cancelling the last open form ends the request as EXPIRED', async ({ api, webhooks }) => {
  await webhooks.useSink({ events: ['CUSTOMER_REQUEST_CHANGED'] });
  const profile = await api.profiles.create(profileBody(personas.alex));
  const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
  const request = await api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] });

  const after = await api.customerRequests.cancelForm(request.id, request.forms[0]!.id);
  expect(after.status).toBe('EXPIRED');
  expect(await api.customerRequests.latest(profile.id)).toMatchObject({ is_completed: true });
  await webhooks.waitForEvent('CUSTOMER_REQUEST_CHANGED', (d) => d.status === 'EXPIRED' && d.previous_status === 'SENT');
});
