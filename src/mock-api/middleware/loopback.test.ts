import { describe, expect, it } from 'vitest';
import { company, makeTestApp } from '../../../test/support/test-app.js';

/** Requests that look as if they came over the network, by the socket Hono's node adapter passes. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('loopback-only pages', () => {
  it('creates workspaces only for callers on this machine', async () => {
    const { app } = makeTestApp({ config: {} });
    const post = (env: object) =>
      app.request('/__sandbox/workspaces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, env);
    expect((await post(from('10.1.2.3'))).status).toBe(403);
    expect((await post(from('127.0.0.1'))).status).toBe(201);
    expect((await post(from('::ffff:127.0.0.1'))).status).toBe(201);
  });

  it('fills a request key into the try-it dynamic loader only for callers on this machine', async () => {
    const { app, call } = makeTestApp();
    const profile = (await call('POST', '/4.0/profiles', { ...company(), collected_data: { entity_type: 'COMPANY' } })).body;
    const request = (
      await call('POST', `/4.0/forms/profile/${profile.id}/customer_request`, { type: 'FLOW', flow_template: { alias: 'company_registration' } })
    ).body;
    const remote = await app.request(`/onboarding/flow?request_id=${request.id}`, {}, from('192.168.0.9'));
    expect(remote.status).toBe(403);
    expect(await remote.text()).not.toContain(request.apikey);
    const local = await app.request(`/onboarding/flow?request_id=${request.id}`, {}, from('127.0.0.1'));
    expect(local.status).toBe(200);
    expect(await local.text()).toContain(request.apikey);
  });
});
