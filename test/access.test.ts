import { describe, expect, it } from 'vitest';
import { COLLECT_KEY_TTL_MS } from '../src/domain/collect-keys.js';
import { CollectionMsg } from '../src/mock-api/collection/messages.js';
import { HttpMsg } from '../src/mock-api/messages.js';
import { makeRequestApp } from './support/customer-requests.js';

/**
 * What a scoped key can reach: a customer request's apikey opens its own request in the
 * collection back end and nothing else; a collect key opens its own profiles under
 * /4.0/profiles/{id}/… and nothing else, until it expires on its workspace's clock.
 */

async function setup() {
  const t = makeRequestApp();
  const mine = await t.newIndividual('Alex', 'Own');
  const neighbour = await t.newIndividual('Sam', 'Neighbour');
  const request = await t.flowRequest(mine, 'individual_registration');
  const otherRequest = await t.flowRequest(neighbour, 'individual_registration');
  const collect = (await t.call('POST', '/4.0/api_keys/collect', { profile_ids: [mine] })).body.key as string;
  // A second workspace with a profile and a request of its own.
  const other = (await t.call('POST', '/__sandbox/workspaces', { name: 'other' }, {}, null)).body as { id: string; api_key: string };
  const foreign = (await t.call('POST', '/4.0/profiles', { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL' } }, {}, other.api_key)).body.id as string;
  const foreignRequest = (
    await t.call('POST', `/4.0/forms/profile/${foreign}/customer_request`, { type: 'FLOW', flow_template: { alias: 'individual_registration' } }, {}, other.api_key)
  ).body as { id: string; apikey: string };
  return { t, mine, neighbour, request, otherRequest, collect, other, foreign, foreignRequest };
}

/** Every route family a scoped key must not open, with a body where the route takes one. */
const apiRoutes = (s: Awaited<ReturnType<typeof setup>>): [string, string, unknown?][] => [
  ['GET', '/4.0/whoami'],
  ['GET', '/4.0/profiles'],
  ['POST', '/4.0/profiles', { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL' } }],
  ['POST', '/4.0/api_keys/collect', { profile_ids: [s.mine] }],
  ['POST', `/4.0/api_keys/collect/${s.mine}`],
  ['GET', `/4.0/forms/profile/${s.mine}/customer_request`],
  ['GET', '/4.0/tags/search/a'],
  ['GET', '/4.0/search/companies?country=GBR&query=Acme'],
];
const controlRoutes = (s: Awaited<ReturnType<typeof setup>>): [string, string, unknown?][] => [
  ['GET', '/__sandbox/workspace'],
  ['GET', '/__sandbox/clock'],
  ['POST', '/__sandbox/clock/advance', { by: '1d' }],
  ['POST', '/__sandbox/reset'],
  ['GET', '/__sandbox/config'],
  ['PUT', '/__sandbox/webhooks', { url: 'http://attacker.example/hook' }],
  ['GET', '/__sandbox/webhooks/deliveries'],
  ['GET', '/__sandbox/events'],
  ['GET', '/__sandbox/requests'],
  ['GET', `/__sandbox/customer-requests/${s.request.id}`],
  ['POST', `/__sandbox/customer-requests/${s.request.id}/complete`],
  ['PUT', '/__sandbox/chaos', { fail_next: 5 }],
];

describe('a customer request’s apikey', () => {
  it('opens its own request in the collection back end, header or query', async () => {
    const s = await setup();
    expect((await s.t.collect('GET', `/requests/${s.request.id}`, s.request.apikey)).status).toBe(200);
    expect((await s.t.call('GET', `/collection/api/requests/${s.request.id}?apikey=${s.request.apikey}`, undefined, {}, null)).status).toBe(200);
  });

  it('does not open another request of its workspace, or of another workspace', async () => {
    const s = await setup();
    for (const id of [s.otherRequest.id, s.foreignRequest.id]) {
      const res = await s.t.collect('GET', `/requests/${id}`, s.request.apikey);
      expect(res.status).toBe(403);
      expect(res.body.errors[0].message).toBe(CollectionMsg.otherRequest);
      expect((await s.t.collect('POST', `/requests/${id}/finish`, s.request.apikey)).status).toBe(403);
    }
  });

  it('opens nothing of the PassFort API, even its own profile (403)', async () => {
    const s = await setup();
    for (const [method, path, body] of [...apiRoutes(s), ['GET', `/4.0/profiles/${s.mine}`], ['POST', `/4.0/profiles/${s.mine}/tags`, { name: 'x' }]] as [string, string, unknown?][]) {
      for (const viaQuery of [false, true]) {
        const res = viaQuery
          ? await s.t.call(method, `${path}${path.includes('?') ? '&' : '?'}apikey=${s.request.apikey}`, body, {}, null)
          : await s.t.call(method, path, body, {}, s.request.apikey);
        expect([method, path, res.status]).toEqual([method, path, 403]);
        expect(res.body.errors[0].message).toBe(HttpMsg.requestKeyOnApi);
      }
    }
  });

  it('opens nothing of the control API (401), and changes nothing trying', async () => {
    const s = await setup();
    const before = (await s.t.call('GET', '/__sandbox/clock')).body;
    for (const [method, path, body] of controlRoutes(s)) {
      const res = await s.t.call(method, path, body, {}, s.request.apikey);
      expect([method, path, res.status]).toEqual([method, path, 401]);
      expect(res.body.errors[0].message).toBe(HttpMsg.masterKeyRequired);
    }
    expect((await s.t.call('GET', '/__sandbox/clock')).body).toEqual(before);
    expect((await s.t.call('GET', `/4.0/profiles/${s.mine}`)).status).toBe(200);
    expect((await s.t.call('GET', '/__sandbox/chaos')).body.fail_next).toBe(0);
  });
});

describe('a collect key', () => {
  it('reads and writes its own profile', async () => {
    const s = await setup();
    expect((await s.t.call('GET', `/4.0/profiles/${s.mine}`, undefined, {}, s.collect)).status).toBe(200);
    expect((await s.t.call('GET', `/4.0/profiles/${s.mine}/tasks?apikey=${s.collect}`, undefined, {}, null)).status).toBe(200);
    expect((await s.t.call('POST', `/4.0/profiles/${s.mine}/tags`, { name: 'via-collect' }, {}, s.collect)).status).toBe(200);
  });

  it('does not open a profile outside its list, in its workspace or another (403)', async () => {
    const s = await setup();
    for (const pid of [s.neighbour, s.foreign]) {
      for (const [method, path, body] of [
        ['GET', `/4.0/profiles/${pid}`],
        ['GET', `/4.0/profiles/${pid}/collected_data`],
        ['POST', `/4.0/profiles/${pid}/collected_data`, { entity_type: 'INDIVIDUAL' }],
        ['POST', `/4.0/profiles/${pid}/checks`, { check_type: 'IDENTITY_CHECK' }],
      ] as [string, string, unknown?][]) {
        const res = await s.t.call(method, path, body, {}, s.collect);
        expect([method, path, res.status]).toEqual([method, path, 403]);
        expect(res.body.errors[0].message).toBe(HttpMsg.collectKeyOutOfScope(pid));
      }
    }
  });

  it('opens no other part of the PassFort API: no listing, no new keys, no customer requests (403)', async () => {
    const s = await setup();
    for (const [method, path, body] of apiRoutes(s)) {
      const res = await s.t.call(method, path, body, {}, s.collect);
      expect([method, path, res.status]).toEqual([method, path, 403]);
      expect(res.body.errors[0].message).toBe(HttpMsg.collectKeyRoute);
    }
  });

  it('opens neither the control API (401) nor the collection back end (403)', async () => {
    const s = await setup();
    for (const [method, path, body] of controlRoutes(s)) {
      expect([method, path, (await s.t.call(method, path, body, {}, s.collect)).status]).toEqual([method, path, 401]);
    }
    const res = await s.t.collect('GET', `/requests/${s.request.id}`, s.collect);
    expect(res.status).toBe(403);
    expect(res.body.errors[0].message).toBe(CollectionMsg.notARequestKey);
  });

  it('expires an hour after issue on its own workspace’s clock, not on another’s', async () => {
    const s = await setup();
    const use = () => s.t.call('GET', `/4.0/profiles/${s.mine}`, undefined, {}, s.collect);
    // Another workspace's clock moving a day does nothing to this key.
    expect((await s.t.call('POST', '/__sandbox/clock/advance', { by: '1d' }, {}, s.other.api_key)).status).toBe(200);
    expect((await use()).status).toBe(200);
    await s.t.advance(COLLECT_KEY_TTL_MS / 1000 - 1);
    expect((await use()).status).toBe(200);
    await s.t.advance(1);
    const res = await use();
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ code: 204, message: HttpMsg.expiredApiKey });
  });

  it('stops working when its workspace is reset', async () => {
    const s = await setup();
    expect((await s.t.call('POST', '/__sandbox/reset')).status).toBe(200);
    const res = await s.t.call('GET', `/4.0/profiles/${s.mine}`, undefined, {}, s.collect);
    expect(res.status).toBe(401);
    // And the other workspace is untouched.
    expect((await s.t.call('GET', `/4.0/profiles/${s.foreign}`, undefined, {}, s.other.api_key)).status).toBe(200);
  });
});
