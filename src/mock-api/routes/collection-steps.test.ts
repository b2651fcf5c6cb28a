import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../../test/support/test-app.js';

type Call = ReturnType<typeof makeTestApp>['call'];
const stub = async (call: Call) =>
  (await call('POST', '/4.0/profiles', { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: ['Sam'], family_name: 'Floren' } } }, applications: [] })).body.id as string;

describe('collection steps', () => {
  it('keeps only the steps collected data does not satisfy, and drops each as its data arrives', async () => {
    const { call, events } = makeTestApp();
    const pid = await stub(call);
    const set = await call('POST', `/4.0/profiles/${pid}/collection_steps`, [
      { collection_type: 'FULL_NAME' },
      { collection_type: 'DOB', precision: 'YEAR_MONTH_DAY' },
      { collection_type: 'EMAIL' },
      { collection_type: 'DOCUMENT', category: 'PROOF_OF_IDENTITY', allowed_types: ['PASSPORT'] },
    ]);
    expect(set.status).toBe(200);
    expect(set.body.map((s: { collection_type: string }) => s.collection_type)).toEqual(['DOB', 'EMAIL', 'DOCUMENT']);
    expect((await call('GET', `/4.0/profiles/${pid}`)).body).toMatchObject({ has_collection_steps: true });
    const data = (await call('GET', `/4.0/profiles/${pid}/collected_data`)).body;
    await call('POST', `/4.0/profiles/${pid}/collected_data`, { ...data, personal_details: { ...data.personal_details, dob: '1999-01' }, contact_details: { email: 'sam@example.com' } });
    // A month is not enough for YEAR_MONTH_DAY.
    expect((await call('GET', `/4.0/profiles/${pid}/collection_steps`)).body.map((s: { collection_type: string }) => s.collection_type)).toEqual(['DOB', 'DOCUMENT']);
    const now = (await call('GET', `/4.0/profiles/${pid}/collected_data`)).body;
    await call('POST', `/4.0/profiles/${pid}/collected_data`, { ...now, personal_details: { ...now.personal_details, dob: '1999-01-23' } });
    await call('POST', `/4.0/profiles/${pid}/collected_data/documents`, { category: 'PROOF_OF_IDENTITY', document_type: 'PASSPORT', images: [{ image_type: 'FRONT', data: 'iVBORw0KGgo=' }] });
    expect((await call('GET', `/4.0/profiles/${pid}/collection_steps`)).body).toEqual([]);
    expect((await call('GET', `/4.0/profiles/${pid}`)).body.has_collection_steps).toBe(false);
    expect(events.filter((e) => e.type === 'COLLECTION_STEPS_COMPLETED').map((e) => e.data.profile_id)).toEqual([pid]);
    expect((await call('GET', `/4.0/profiles/${pid}/audit-items`)).body.map((a: { action: string }) => a.action)).toContain('requested-data');
  });

  it.each([
    [[{ collection_type: 'SHOE_SIZE' }], '[0].collection_type'],
    [[{ collection_type: 'DOCUMENT', allowed_types: ['PASSPORT'] }], '[0].category'],
    [[{ collection_type: 'DOCUMENT', category: 'PROOF_OF_IDENTITY', allowed_types: [] }], '[0].allowed_types'],
    [[{ collection_type: 'DOB', precision: 'DECADE' }], '[0].precision'],
    [{ collection_type: 'EMAIL' }, '(body)'],
  ])('refuses %j naming %s', async (body, field) => {
    const { call } = makeTestApp();
    const pid = await stub(call);
    const res = await call('POST', `/4.0/profiles/${pid}/collection_steps`, body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].info.field).toBe(field);
    expect((await call('GET', `/4.0/profiles/${pid}/collection_steps`)).body).toEqual([]);
  });
});
