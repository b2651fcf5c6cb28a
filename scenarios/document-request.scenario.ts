/**
 * Document request for an individual.
 *
 * The integrator asks an existing customer for a driving licence (front and back) and a
 * selfie. PassFort emails the customer a link to the integrator's form URL, a page serving
 * PassFort's static loader unchanged; the customer uploads the three photos and finishes.
 * The integrator's webhook endpoint hears that the request is COMPLETED, and the API says
 * `is_completed: true`; the documents are on the profile.
 */
import { test, expect, persona, personas, profileBody } from 'passfort-sandbox/playwright';

test('a customer follows the email link to the static loader, sends a driving licence and a selfie, and the integrator hears of it', async ({
  api,
  inbox,
  exampleApp,
  page,
  collectionForm,
}) => {
  const alex = persona(personas.alex, { document: { type: 'DRIVING_LICENCE' } });

  const request = await test.step('the integrator sends a document request for the identity task', async () => {
    const profile = await api.profiles.create(profileBody(alex));
    const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
    return api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id], email: { message: 'Hi Alex, one last step.' } });
  });

  const email = await test.step('the customer gets the request email with a link to the form URL', async () => {
    const email = await inbox.waitForEmail({ to: alex.email });
    expect(email.subject).toBe('Please update your information');
    expect(email.text).toContain('Hi Alex, one last step.');
    expect(email.requestLink).toMatchObject({ request_id: request.id, apikey: request.apikey });
    expect(email.requestLink!.url.startsWith(`${exampleApp.url}/verify?`)).toBe(true);
    return email;
  });

  await test.step('the static loader opens the form and takes the key out of the address bar', async () => {
    await page.goto(email.requestLink!.url);
    await expect(collectionForm.heading).toHaveText('Verify your identity');
    expect(page.url()).toBe(`${exampleApp.url}/verify`);
  });

  await test.step('the customer uploads the front and back of a driving licence and a selfie, then finishes', async () => {
    const given = await collectionForm.fill(alex);
    expect(Object.values(given)).toEqual(['DRIVING_LICENCE']);
    await collectionForm.submit();
    await collectionForm.expectSubmitted();
  });

  await test.step("the integrator's webhook endpoint hears that the request is COMPLETED", async () => {
    await expect.poll(() => exampleApp.store.webhooks.filter((w) => w.event === 'CUSTOMER_REQUEST_CHANGED').map((w) => w.data.status)).toEqual(['SENT', 'COMPLETED']);
  });

  await test.step('the API says is_completed, and the documents are on the profile', async () => {
    expect(await api.customerRequests.latest(request.profile_id)).toMatchObject({ id: request.id, is_completed: true });
    expect((await api.customerRequests.detail(request.id)).status).toBe('COMPLETED');
    const data = (await api.profiles.collectedData(request.profile_id)) as { documents?: { document_type: string; images: { image_type: string }[] }[] };
    const licence = data.documents?.find((d) => d.document_type === 'DRIVING_LICENCE');
    expect(licence?.images.map((i) => i.image_type).sort()).toEqual(['BACK', 'FACE', 'FRONT']);
  });
});
