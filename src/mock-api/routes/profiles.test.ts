import { describe, expect, it } from 'vitest';
import { company, individual, makeTestApp, T0 } from '../../../test/support/test-app.js';
import { HttpMsg } from '../messages.js';
import { Msg } from '../../domain/messages.js';

describe('POST /4.0/profiles', () => {
  it('creates an individual with derived fields', async () => {
    const { call } = makeTestApp();
    const res = await call('POST', '/4.0/profiles', individual('Alex', 'Wheeler'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      role: 'INDIVIDUAL_CUSTOMER',
      display_name: 'Alex Wheeler',
      category: 'APPLICANT',
      status: 'NORMAL',
      creation_date: '2026-01-15 09:00:00',
      collected_data: { entity_type: 'INDIVIDUAL', personal_details: { dob: '1990-04-12' } },
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('creates a company named after its legal name', async () => {
    const { call } = makeTestApp();
    const res = await call('POST', '/4.0/profiles', company('PassFort Limited'));
    expect(res.status).toBe(200);
    expect(res.body.display_name).toBe('PassFort Limited');
  });

  it('refuses a role that does not fit the entity type, and stores nothing', async () => {
    const { call } = makeTestApp();
    const res = await call('POST', '/4.0/profiles', { role: 'COMPANY_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      code: 201,
      source: 'API',
      message: Msg.roleEntityMismatch('COMPANY_CUSTOMER', 'INDIVIDUAL'),
      info: { field: 'collected_data.entity_type' },
    });
    expect((await call('GET', '/4.0/profiles')).body.count).toBe(0);
  });
});

describe('GET /4.0/profiles', () => {
  it('pages newest first and searches names and tags', async () => {
    const { call, wall } = makeTestApp();
    const ids: string[] = [];
    for (const [given, family] of [['Ada', 'Lovelace'], ['Alan', 'Turing'], ['Grace', 'Hopper']] as const) {
      ids.push((await call('POST', '/4.0/profiles', individual(given, family))).body.id);
      wall.tick(1_000);
    }
    await call('POST', `/4.0/profiles/${ids[0]}/tags`, { name: 'vip' });
    const page = await call('GET', '/4.0/profiles?limit=2&offset=0');
    expect(page.body).toMatchObject({ count: 3, limit: 2, offset: 0 });
    expect(page.body.results.map((p: { display_name: string }) => p.display_name)).toEqual(['Grace Hopper', 'Alan Turing']);
    expect((await call('GET', '/4.0/profiles?q=turing')).body.results).toHaveLength(1);
    expect((await call('GET', '/4.0/profiles?q=VIP')).body.results[0].id).toBe(ids[0]);
    expect((await call('GET', '/4.0/profiles?categories=CUSTOMER')).body.count).toBe(0);
  });

  it('pages without a filter exactly as the full scan a filter runs (newest first, count, every offset)', async () => {
    const { call, wall } = makeTestApp();
    for (let i = 0; i < 7; i++) {
      await call('POST', '/4.0/profiles', individual('Sam', `Person${i}`));
      wall.tick(1_000);
    }
    const page = async (query: string) => (await call('GET', `/4.0/profiles?${query}`)).body as { count: number; results: { id: string }[] };
    for (const [limit, offset] of [[3, 0], [3, 2], [3, 5], [3, 6], [3, 7], [3, 9], [10, 0], [1, 6]] as const) {
      const unfiltered = await page(`limit=${limit}&offset=${offset}`);
      const scanned = await page(`q=person&limit=${limit}&offset=${offset}`); // every profile matches
      expect(unfiltered).toEqual(scanned);
      expect(unfiltered.count).toBe(7);
      expect(unfiltered.results).toHaveLength(Math.max(0, Math.min(limit, 7 - offset)));
    }
  });

  it('answers a list read again from what it kept, until a profile or an application on the page changes', async () => {
    const { call, wall } = makeTestApp();
    const ids: string[] = [];
    for (const family of ['One', 'Two']) {
      ids.push((await call('POST', '/4.0/profiles', individual('Sam', family))).body.id);
      wall.tick(1_000);
    }
    type Page = { count: number; results: { id: string; status: string; category: string; tags: { name: string }[] }[] };
    const list = async (query = '') => (await call('GET', `/4.0/profiles${query}`)).body as Page;
    // Read twice: the second read is kept (and, in check mode, compared with a fresh one).
    expect((await list()).count).toBe(2);
    expect((await list()).results.map((p) => p.id)).toEqual([ids[1], ids[0]]);
    expect((await call('POST', `/4.0/profiles/${ids[0]}/status`, '"SUSPENDED"')).status).toBe(200);
    expect((await list()).results[1]!.status).toBe('SUSPENDED');
    expect((await call('POST', `/4.0/profiles/${ids[1]}/tags`, { name: 'vip' })).status).toBe(200);
    expect((await list('?q=vip')).results.map((p) => p.id)).toEqual([ids[1]]);
    expect((await list('?q=vip')).results[0]!.tags.map((t) => t.name)).toEqual(['vip']);
    const app = (await call('GET', `/4.0/profiles/${ids[1]}/applications`)).body[0];
    expect((await list()).results[0]!.category).toBe('APPLICANT');
    expect((await call('POST', `/4.0/profiles/${ids[1]}/applications/${app.id}`, { status: 'REJECTED' })).status).toBe(200);
    expect((await list()).results[0]!.category).toBe('INACTIVE_APPLICANT');
    expect((await list('?categories=INACTIVE_APPLICANT')).count).toBe(1);
    await call('POST', '/4.0/profiles', individual('Sam', 'Three'));
    const after = await list();
    expect(after.count).toBe(3);
    expect((await list('?limit=1&offset=2')).results[0]!.id).toBe(ids[0]); // another page, another key
  });

  it.each([
    ['limit=201', 'limit'],
    ['limit=0', 'limit'],
    ['offset=-1', 'offset'],
    ['limit=abc', 'limit'],
    ['categories=VIP', 'categories'],
  ])('rejects %s naming %s', async (query, field) => {
    const { call } = makeTestApp();
    const res = await call('GET', `/4.0/profiles?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].info.field).toBe(field);
  });
});

describe('collected data', () => {
  it('replaces (never merges), with a weak ETag that guards against lost updates', async () => {
    const { call, wall } = makeTestApp();
    const id = (await call('POST', '/4.0/profiles', individual())).body.id;
    const first = await call('GET', `/4.0/profiles/${id}/collected_data`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"\d+\.\d{3}"$/);
    wall.tick(1_500);
    const replaced = await call('POST', `/4.0/profiles/${id}/collected_data`, { entity_type: 'INDIVIDUAL', customer_ref: 'c-1' }, { 'if-match': etag });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ entity_type: 'INDIVIDUAL', customer_ref: 'c-1' });
    expect(replaced.headers.get('etag')).not.toBe(etag);

    const stale = await call('POST', `/4.0/profiles/${id}/collected_data`, { entity_type: 'INDIVIDUAL' }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.collected_data).toEqual({ entity_type: 'INDIVIDUAL', customer_ref: 'c-1' });
    expect((await call('GET', `/4.0/profiles/${id}/collected_data`)).body.customer_ref).toBe('c-1');

    const noHeader = await call('POST', `/4.0/profiles/${id}/collected_data`, { entity_type: 'INDIVIDUAL', customer_ref: 'c-2' });
    expect(noHeader.status).toBe(200);
  });

  it('emits COLLECTED_DATA_UPDATED and _CHANGED with old and new data', async () => {
    const { call, events } = makeTestApp();
    const id = (await call('POST', '/4.0/profiles', individual())).body.id;
    await call('POST', `/4.0/profiles/${id}/collected_data`, { entity_type: 'INDIVIDUAL', customer_ref: 'x' });
    const changed = events.filter((e) => e.type === 'COLLECTED_DATA_UPDATED' || e.type === 'COLLECTED_DATA_CHANGED');
    expect(changed.map((e) => e.type)).toEqual(['COLLECTED_DATA_UPDATED', 'COLLECTED_DATA_CHANGED']);
    expect(changed[0]!.data).toMatchObject({ profile_id: id, customer_ref: 'x', new_data: { customer_ref: 'x' }, apikey: { name: 'Master API key' } });
  });
});

describe('status and tags', () => {
  it('suspends with a bare string body, as PassFort', async () => {
    const { call } = makeTestApp();
    const id = (await call('POST', '/4.0/profiles', individual())).body.id;
    expect((await call('POST', `/4.0/profiles/${id}/status`, '"SUSPENDED"')).body).toBe('SUSPENDED');
    expect((await call('GET', `/4.0/profiles/${id}/status`)).body).toBe('SUSPENDED');
    expect((await call('POST', `/4.0/profiles/${id}/status`, '"ASLEEP"')).status).toBe(400);
  });

  it('adds, finds and removes tags; one id per name across profiles', async () => {
    const { call } = makeTestApp();
    const a = (await call('POST', '/4.0/profiles', individual('A', 'One'))).body.id;
    const b = (await call('POST', '/4.0/profiles', individual('B', 'Two'))).body.id;
    const tagA = (await call('POST', `/4.0/profiles/${a}/tags`, { name: 'High risk' })).body;
    const tagB = (await call('POST', `/4.0/profiles/${b}/tags`, { name: 'high RISK' })).body;
    expect(tagB.id).toBe(tagA.id);
    expect((await call('GET', '/4.0/tags/search/risk')).body).toEqual([tagA]);
    expect((await call('DELETE', `/4.0/profiles/${a}/tags/${tagA.id}`)).body).toEqual(tagA);
    expect((await call('GET', `/4.0/profiles/${a}`)).body.tags).toEqual([]);
    expect((await call('DELETE', `/4.0/profiles/${a}/tags/${tagA.id}`)).status).toBe(404);
  });
});

describe('auth', () => {
  it('answers 401 with 203 without a key and 204 with an unknown one', async () => {
    const { call } = makeTestApp();
    const none = await call('GET', '/4.0/profiles', undefined, {}, null);
    expect(none.status).toBe(401);
    expect(none.body.errors[0]).toMatchObject({ code: 203, message: HttpMsg.missingApiKey });
    const bad = await call('GET', '/4.0/profiles', undefined, {}, 'nope');
    expect(bad.status).toBe(401);
    expect(bad.body.errors[0].code).toBe(204);
  });

  it('accepts the key as a query parameter', async () => {
    const { call } = makeTestApp();
    const res = await call('GET', '/4.0/whoami?apikey=test-master-key', undefined, {}, null);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ institution: { name: 'Sandbox Bank' }, user: null });
  });

  it('keeps workspaces apart', async () => {
    const { call } = makeTestApp();
    const ws = (await call('POST', '/__sandbox/workspaces', { name: 'other' }, {}, null)).body;
    expect(ws).toMatchObject({ name: 'other' });
    const id = (await call('POST', '/4.0/profiles', individual())).body.id;
    expect((await call('GET', `/4.0/profiles/${id}`, undefined, {}, ws.api_key)).status).toBe(404);
    expect((await call('GET', '/4.0/profiles', undefined, {}, ws.api_key)).body.count).toBe(0);
  });
});

describe('clock', () => {
  it('advances, sets, freezes and resumes the workspace clock', async () => {
    const { call, wall } = makeTestApp();
    expect((await call('GET', '/__sandbox/clock')).body).toMatchObject({ now: new Date(T0).toISOString(), frozen: false });
    expect((await call('POST', '/__sandbox/clock/advance', { by: '90d' })).body.now).toBe(new Date(T0 + 90 * 86_400_000).toISOString());
    await call('POST', '/__sandbox/clock/freeze');
    wall.tick(60_000);
    const frozen = (await call('GET', '/__sandbox/clock')).body;
    expect(frozen).toMatchObject({ frozen: true, now: new Date(T0 + 90 * 86_400_000).toISOString() });
    expect((await call('POST', '/__sandbox/clock/set', { now: '2030-01-01T00:00:00Z' })).body.now).toBe('2030-01-01T00:00:00.000Z');
    expect((await call('POST', '/__sandbox/clock/advance', { by: 'soon' })).status).toBe(400);
    const profile = (await call('POST', '/4.0/profiles', individual())).body;
    expect(profile.creation_date).toBe('2030-01-01 00:00:00');
  });
});
