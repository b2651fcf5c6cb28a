/**
 * A tampered `apikey`.
 *
 * Someone edits the `apikey` in a request link (or guesses one). The form does not open:
 * the page says `This link is not valid.`, the collection back end refuses the key, and the
 * request is untouched. The real link still works afterwards.
 */
import { test, expect, personas, profileBody } from 'passfort-sandbox/playwright';

/** The same key with its last character changed: the shape of a real key, but not one. */
const tamper = (key: string) => key.slice(0, -1) + (key.endsWith('0') ? '1' : '0');

test('a link with an altered apikey shows "This link is not valid." and changes nothing', async ({ api, inbox, page, collectionForm }) => {
  const request = await test.step('the integrator sends a document request', async () => {
    const profile = await api.profiles.create(profileBody(personas.alex));
    const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
    return api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] });
  });
  const link = (await inbox.waitForEmail({ to: personas.alex.email })).requestLink!;

  await test.step('the link with a changed apikey does not open the form', async () => {
    const forged = new URL(link.url);
    forged.searchParams.set('apikey', tamper(link.apikey));
    await page.goto(forged.href);
    const state = await collectionForm.waitForState('the invalid-link page', (s) => s.state === 'invalid');
    expect(state.title).toBe('This link is not valid.');
    await expect(collectionForm.frame.getByRole('button', { name: /Continue|Finish/ })).toHaveCount(0);
  });

  await test.step('the collection back end refuses the forged key', async () => {
    const forged = await api.raw('GET', `/collection/api/requests/${request.id}`, undefined, { apikey: tamper(request.apikey) });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ errors: [{ code: 204 }] });
  });

  await test.step('the request is untouched, and the real link still opens the form', async () => {
    const detail = await api.customerRequests.detail(request.id);
    expect(detail.status).toBe('SENT');
    expect(detail.forms[0]).toMatchObject({ status: 'SENT', answers: {}, documents: {} });
    await page.goto(link.url);
    await collectionForm.waitForForm('identity_documents');
  });
});
