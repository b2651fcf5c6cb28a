/**
 * A second request while one is active is refused.
 *
 * PassFort allows one active customer request per profile. The integrator sends a document
 * request, then tries to send another before the customer has answered: PassFort answers
 * 400 with code 105 and nothing changes. Once the first request is completed, a new one can
 * be sent.
 */
import { test, expect, personas, profileBody, SandboxApiError } from 'passfort-sandbox/playwright';

test('a second customer request while one is active is refused, and allowed once the first is done', async ({ api, inbox }) => {
  const profile = await test.step('create the applicant with an identity task', () => api.profiles.create(profileBody(personas.alex)));
  const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');

  const first = await test.step('send a document request', () => api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] }));
  await inbox.waitForEmail({ to: personas.alex.email });

  await test.step('a second request is refused with code 105, and nothing changes', async () => {
    const refused = await api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SandboxApiError);
    expect((refused as SandboxApiError).status).toBe(400);
    expect((refused as SandboxApiError).code).toBe(105);
    expect(await api.customerRequests.latest(profile.id)).toMatchObject({ id: first.id, is_completed: false });
    expect(await inbox.list()).toHaveLength(1);
  });

  await test.step('once the customer completes the first, a new request is accepted', async () => {
    await api.customerRequests.complete(first.id);
    const second = await api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] });
    expect(second.id).not.toBe(first.id);
    expect(await api.customerRequests.latest(profile.id)).toMatchObject({ id: second.id, is_completed: false });
  });
});
