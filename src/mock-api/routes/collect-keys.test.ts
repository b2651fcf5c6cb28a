import { describe, expect, it } from 'vitest';
import { individual, makeTestApp, T0 } from '../../../test/support/test-app.js';
import { HttpMsg } from '../messages.js';
import { Msg } from '../../domain/messages.js';
import { formatDateTime } from '../../core/dates.js';

type Call = ReturnType<typeof makeTestApp>['call'];
const bare = async (call: Call, given = 'Alex') => (await call('POST', '/4.0/profiles', { ...individual(given), applications: [] })).body.id as string;

describe('collect API keys', () => {
  it('issues a one-hour key for one profile that reads and writes only that profile', async () => {
    const { call } = makeTestApp();
    const mine = await bare(call);
    const other = await bare(call, 'Grace');
    const res = await call('POST', `/4.0/api_keys/collect/${mine}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: `Collect key for profile ${mine}`, key: expect.stringMatching(/^[0-9a-f]{46}$/), expiry: formatDateTime(T0 + 3_600_000) });
    const key = res.body.key;
    expect((await call('GET', `/4.0/profiles/${mine}/collected_data`, undefined, {}, key)).status).toBe(200);
    const wrote = await call('POST', `/4.0/profiles/${mine}/tags`, { name: 'collected' }, {}, key);
    expect(wrote.status).toBe(200);
    const audit = (await call('GET', `/4.0/profiles/${mine}/audit-items`)).body.at(-1);
    expect(audit.apikey).toEqual({ name: `Collect key for profile ${mine}` });
    const outside = await call('GET', `/4.0/profiles/${other}`, undefined, {}, key);
    expect(outside.status).toBe(403);
    expect(outside.body.errors[0].message).toBe(HttpMsg.collectKeyOutOfScope(other));
    for (const path of ['/4.0/profiles', '/4.0/whoami', '/4.0/api_keys/collect']) {
      const res2 = await call(path.endsWith('collect') ? 'POST' : 'GET', path, path.endsWith('collect') ? { profile_ids: [other] } : undefined, {}, key);
      expect(res2.status).toBe(403);
      expect(res2.body.errors[0].message).toBe(HttpMsg.collectKeyRoute);
    }
    expect((await call('GET', `/4.0/profiles/${other}/tags`, undefined, {}, key)).status).toBe(403);
  });

  it('expires on the workspace clock (401), also through the query parameter', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const key = (await call('POST', '/4.0/api_keys/collect', { profile_ids: [pid] })).body.key;
    await call('POST', '/__sandbox/clock/advance', { by: '59m' });
    expect((await call('GET', `/4.0/profiles/${pid}?apikey=${key}`, undefined, {}, null)).status).toBe(200);
    await call('POST', '/__sandbox/clock/advance', { by: '1m' });
    const res = await call('GET', `/4.0/profiles/${pid}?apikey=${key}`, undefined, {}, null);
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ code: 204, message: HttpMsg.expiredApiKey });
  });

  it('covers several profiles', async () => {
    const { call } = makeTestApp();
    const a = await bare(call);
    const b = await bare(call, 'Grace');
    const res = (await call('POST', '/4.0/api_keys/collect', { profile_ids: [a, b] })).body;
    expect(res.name).toBe('Collect key for 2 profiles');
    for (const pid of [a, b]) expect((await call('GET', `/4.0/profiles/${pid}`, undefined, {}, res.key)).status).toBe(200);
  });

  it.each([
    ['no profiles', { profile_ids: [] }, 400, 'profile_ids'],
    ['an unknown profile', { profile_ids: ['00000000-0000-4000-8000-000000000000'] }, 400, 'profile_ids[0]'],
    ['something that is not an id', { profile_ids: ['me'] }, 400, 'profile_ids[0]'],
  ])('refuses %s', async (_what, body, status, field) => {
    const { call } = makeTestApp();
    const res = await call('POST', '/4.0/api_keys/collect', body);
    expect(res.status).toBe(status);
    expect(res.body.errors[0].info.field).toBe(field);
  });

  it('answers 404 for one unknown profile, and keys of another workspace see nothing here', async () => {
    const { call } = makeTestApp();
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await call('POST', `/4.0/api_keys/collect/${missing}`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].message).toBe(Msg.profileNotFound(missing));
    const pid = await bare(call);
    const otherWorkspace = (await call('POST', '/__sandbox/workspaces', { name: 'w2' }, {}, null)).body.api_key;
    const foreign = await call('POST', `/4.0/api_keys/collect/${pid}`, undefined, {}, otherWorkspace);
    expect(foreign.status).toBe(404);
  });
});
