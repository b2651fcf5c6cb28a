import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../test/support/test-app.js';
import { SandboxApiError, SandboxClient } from './client.js';
import { personas, profileBody } from './personas.js';

/** The client over the whole app through app.request (no sockets). */
const setup = () => {
  const t = makeTestApp();
  const fetchImpl = (url: string, init?: RequestInit) => t.app.request(url, init);
  return { t, fetchImpl, client: new SandboxClient({ baseUrl: 'http://sandbox.test/', apiKey: t.key, fetch: fetchImpl }) };
};

describe('SandboxClient', () => {
  it('creates a workspace and a client with its master key', async () => {
    const { fetchImpl, t } = setup();
    const { workspace, client } = await SandboxClient.createWorkspace('http://sandbox.test', { name: 'ci run 1' }, fetchImpl);
    expect(workspace).toMatchObject({ name: 'ci run 1', id: expect.any(String), api_key: expect.any(String) });
    expect(client.apiKey).toBe(workspace.api_key);
    expect((await client.workspace()).id).toBe(workspace.id);
    expect(t.registry.get(workspace.id)).toBeDefined();
  });

  it('drives a request: profile, task, FORMS request, latest, detail, complete', async () => {
    const { client } = setup();
    const profile = await client.profiles.create(profileBody(personas.alex));
    const task = await client.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
    const request = await client.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] });
    expect(await client.customerRequests.latest(profile.id)).toMatchObject({ id: request.id, is_completed: false });
    expect((await client.customerRequests.detail(request.id)).status).toBe('SENT');
    const done = await client.customerRequests.complete(request.id);
    expect(done.request.status).toBe('COMPLETED');
    expect(await client.customerRequests.list({ status: 'COMPLETED' })).toHaveLength(1);
  });

  it('throws SandboxApiError naming the call, the status and PassFort\'s code and message', async () => {
    const { client } = setup();
    const profile = await client.profiles.create(profileBody(personas.alex));
    const task = await client.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
    await client.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] });
    const err = await client.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxApiError);
    const e = err as SandboxApiError;
    expect(e.status).toBe(400);
    expect(e.code).toBe(105);
    expect(e.message).toMatch(new RegExp(`^POST /4.0/forms/profile/${profile.id}/customer_request answered 400 \\(code 105: .+\\)$`));
  });

  it('names the task types a profile has when the one asked for is missing', async () => {
    const { client } = setup();
    const profile = await client.profiles.create(profileBody(personas.alex));
    await expect(client.profiles.task(profile.id, 'COMPANY_VERIFY_IDENTITY')).rejects.toThrow(/has no COMPANY_VERIFY_IDENTITY task \(it has: INDIVIDUAL_VERIFY_IDENTITY, /);
  });

  it('raw() returns any answer; apikey null sends no key, a string sends that key', async () => {
    const { client } = setup();
    expect((await client.raw('GET', '/4.0/profiles', undefined, { apikey: null })).status).toBe(401);
    expect((await client.raw('GET', '/4.0/profiles', undefined, { apikey: 'nope' })).body).toMatchObject({ errors: [{ code: 204 }] });
    expect((await client.raw('GET', '/4.0/profiles')).status).toBe(200);
  });

  it('moves the clock, reads the journal, configures webhooks and the sink', async () => {
    const { client } = setup();
    const before = new Date((await client.clock.get()).now).getTime();
    const after = await client.clock.advance('1h');
    expect(new Date(after.now).getTime() - before).toBeGreaterThanOrEqual(3_600_000);
    expect((await client.clock.freeze()).frozen).toBe(true);
    expect((await client.webhooks.configure({ url: client.sink('ci').path, secret: 'x' })).url).toBe('/__sandbox/webhook-sink/ci');
    expect((await client.webhooks.status()).state).toBeDefined();
    expect(await client.sink('ci').received()).toEqual([]);
    const journal = await client.journal();
    expect(journal.map((e) => `${e.method} ${e.url}`)).toEqual(['GET /__sandbox/clock', 'POST /__sandbox/clock/advance', 'POST /__sandbox/clock/freeze', 'PUT /__sandbox/webhooks', 'GET /__sandbox/webhooks/status']);
    expect(await client.journal(journal.at(-1)!.id)).toHaveLength(1);
  });

  it('updates the config through a function of the current one', async () => {
    const { client } = setup();
    const updated = await client.config.update((c) => ({ ...c, expiry_days: 30 }));
    expect(updated.expiry_days).toBe(30);
    expect((await client.config.get()).expiry_days).toBe(30);
  });
});
