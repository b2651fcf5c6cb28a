/**
 * Demo outcomes: a `pep` applicant gets screening events and an approval blocker.
 *
 * A keyword in an applicant's name decides what the sandbox's checks return (see
 * `GET /__sandbox/scenarios`). An applicant called "Pep" registers through the individual
 * flow; the screening check started by the flow finds a politically exposed person, the
 * integrator is told by webhooks (CHECK_COMPLETED, EVENTS_CREATED), the profile carries a
 * PEP_FLAG event, and the product application cannot be approved until someone resolves it.
 */
import { test, expect, personas, profileBody } from 'passfort-sandbox/playwright';

test('a "Pep" applicant gets a PEP screening result, a PEP event and an approval blocker', async ({ api, webhooks, clock }) => {
  await webhooks.useSink();

  const profile = await test.step('the applicant signs up: a stub profile and the individual registration flow', async () => {
    const stub = await api.profiles.create(profileBody(personas.pep, { stub: true }));
    const request = await api.customerRequests.create(stub.id, { type: 'FLOW', flow_template: { alias: 'individual_registration' } });
    return { id: stub.id, request };
  });

  await test.step('the applicant fills in the forms with the name Pep Wheeler', async () => {
    const done = await api.customerRequests.complete(profile.request.id, {
      answers: { personal_details: { given_names: 'Pep', family_name: 'Wheeler' } },
      document_types: { identity_document: 'DRIVING_LICENCE' },
    });
    expect(done.request.status).toBe('COMPLETED');
  });

  const screening = await test.step('the screening check completes (the clock moves past the asynchronous checks)', async () => {
    await clock.advance('10s');
    // The stub's auto-applied product screened it too, before it had a name (Pass): wait for the flow's.
    return webhooks.waitForEvent<{ check_type: string; result: string }>('CHECK_COMPLETED', (d) => d.check_type === 'PEPS_AND_SANCTIONS_SCREEN' && d.result === 'PEP');
  });
  expect(screening.data).toMatchObject({ profile_id: profile.id });

  await test.step('the integrator is told about the new event, and the profile carries it', async () => {
    const created = await webhooks.waitForEvent<{ event_ids: string[] }>('EVENTS_CREATED', (d) => d.event_ids.length > 0);
    const events = await api.profiles.events(profile.id);
    expect(events).toContainEqual(expect.objectContaining({ id: created.data.event_ids[0], resolution: 'UNRESOLVED', data: expect.objectContaining({ event_type: 'PEP_FLAG' }) }));
  });

  await test.step('the personal account application is blocked by the unresolved event', async () => {
    const [application] = await api.profiles.applications(profile.id);
    expect(application).toMatchObject({ product: { alias: 'personal_account' }, status: 'APPLIED' });
    expect(application!.approval_blockers).toContainEqual(expect.objectContaining({ blocker_type: 'UNRESOLVED_EVENT' }));
    await webhooks.waitForEvent('MANUAL_ACTION_REQUIRED', (d) => d.application_id === application!.id);
  });
});
