import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTestApp } from '../../test/support/test-app.js';
import { createIntegratorApp } from './app.js';

/** The example app against the sandbox's app (fetch routed to app.request: no sockets). */
function setup() {
  const sandbox = makeTestApp();
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => sandbox.app.request(input, init));
  const { app, store } = createIntegratorApp({ passfortUrl: 'http://sandbox.test', apiKey: sandbox.key, webhookSecret: 's3cret', collectionUrl: 'https://collection.passfort.com' });
  const form = (body: Record<string, string>) => app.request('/signup', { method: 'POST', body: new URLSearchParams(body) });
  const hook = (body: unknown, auth = 'Bearer s3cret') =>
    app.request('/webhooks/passfort', { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { sandbox, app, store, form, hook };
}
afterEach(() => vi.unstubAllGlobals());

const envelope = (id: string, event: string, data: Record<string, unknown>, secret = 's3cret') => ({ id, event, secret, timestamp: 1768467600, data });

describe('sign-up', () => {
  it('creates the stub profile and the registration flow, then sends the applicant to the loader page', async () => {
    const { sandbox, store, form, app } = setup();
    const res = await form({ entity_type: 'COMPANY', email: 'hello@acme.example' });
    expect(res.status).toBe(303);
    const applicant = [...store.applicants.values()][0]!;
    expect(res.headers.get('location')).toBe(`/onboarding/${applicant.id}`);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^applicant=${applicant.id}; Path=/; HttpOnly; SameSite=Lax`));
    const profile = await sandbox.call('GET', `/4.0/profiles/${applicant.profile_id}`);
    expect(profile.body).toMatchObject({ role: 'COMPANY_CUSTOMER', collected_data: { entity_type: 'COMPANY', customer_ref: applicant.id } });
    const request = await sandbox.call('GET', `/__sandbox/customer-requests/${applicant.request_id}`);
    expect(request.body).toMatchObject({ type: 'FLOW', flow_template: { alias: 'company_registration' }, status: 'SENT' });

    const page = await app.request(`/onboarding/${applicant.id}`);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<script src="https://collection.passfort.com/embed.js"></script>');
    expect(html).toContain(`request_id: "${applicant.request_id}"`);
    expect(html).toContain(`apikey: "${applicant.request_apikey}"`);
    expect(html).toContain('<div id="collection-wrapper"></div>');
  });

  it('refuses an email that is not one, and shows what PassFort refused', async () => {
    const { form, sandbox } = setup();
    expect((await form({ entity_type: 'INDIVIDUAL', email: 'nope' })).status).toBe(400);
    await sandbox.call('PUT', '/__sandbox/config', { ...(await sandbox.call('GET', '/__sandbox/config')).body, flow_templates: [] });
    const refused = await form({ entity_type: 'INDIVIDUAL', email: 'a@b.example' });
    expect(refused.status).toBe(502);
    expect(await refused.text()).toMatch(/We could not start your application.*flow_template\.alias/s);
  });

  it('serves the static loader for email links, and 404s an unknown applicant', async () => {
    const { app } = setup();
    const html = await (await app.request('/verify')).text();
    expect(html).toContain('PassFortCollect.initFromUrl();');
    expect((await app.request('/onboarding/nobody')).status).toBe(404);
    expect((await app.request('/status/nobody')).status).toBe(404);
  });
});

describe('the webhook receiver', () => {
  it('refuses a missing or wrong bearer secret, and a wrong secret in the body', async () => {
    const { hook, store } = setup();
    expect((await hook(envelope('e1', 'X', {}), '')).status).toBe(401);
    expect((await hook(envelope('e1', 'X', {}), 'Bearer nope')).status).toBe(401);
    expect((await hook(envelope('e1', 'X', {}, 'nope'))).status).toBe(401);
    expect(store.webhooks).toEqual([]);
  });

  it('records envelopes once each (single or batched) and follows the request status', async () => {
    const { hook, store, form } = setup();
    await form({ entity_type: 'INDIVIDUAL', email: 'a@b.example' });
    const applicant = [...store.applicants.values()][0]!;
    const data = (status: string) => ({ profile_id: applicant.profile_id, customer_request_id: applicant.request_id, status });
    expect((await hook(envelope('e1', 'CUSTOMER_REQUEST_CHANGED', data('SENT')))).status).toBe(200);
    expect((await hook([envelope('e2', 'CHECK_COMPLETED', { profile_id: applicant.profile_id, result: 'Pass' }), envelope('e3', 'CUSTOMER_REQUEST_CHANGED', data('COMPLETED'))])).status).toBe(200);
    expect((await hook(envelope('e3', 'CUSTOMER_REQUEST_CHANGED', data('COMPLETED')))).status).toBe(200);
    expect(store.webhooks.map((w) => w.id)).toEqual(['e1', 'e2', 'e3']);
    expect(store.applicants.get(applicant.id)!.request_status).toBe('COMPLETED');
  });

  it('answers 400 to a body that is not an envelope', async () => {
    const { app } = setup();
    const res = await app.request('/webhooks/passfort', { method: 'POST', headers: { authorization: 'Bearer s3cret' }, body: '{"hello":1}' });
    expect(res.status).toBe(400);
  });
});

describe('the status page', () => {
  it("shows our records, PassFort's is_completed and applications, and the webhooks, escaped", async () => {
    const { hook, store, form, app, sandbox } = setup();
    await form({ entity_type: 'INDIVIDUAL', email: 'a@b.example' });
    const applicant = [...store.applicants.values()][0]!;
    await sandbox.call('POST', `/__sandbox/customer-requests/${applicant.request_id}/complete`);
    await hook(envelope('e9', 'CUSTOMER_REQUEST_CHANGED', { profile_id: applicant.profile_id, status: 'COMPLETED' }));
    await hook(envelope('e10', '<script>x</script>', { profile_id: applicant.profile_id }));
    const html = await (await app.request(`/status/${applicant.id}`)).text();
    expect(html).toContain('<dd data-testid="request-status">COMPLETED</dd>');
    expect(html).toContain('<dd data-testid="is-completed">yes</dd>');
    expect(html).toContain('Personal Account: APPLIED');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>x</script>');
    expect(html).not.toContain('http-equiv="refresh"');
    const json = await (await app.request(`/api/applicants/${applicant.id}`)).json();
    expect(json).not.toHaveProperty('request_apikey');
    expect(json.passfort.is_completed).toBe(true);
  });

  it('refreshes itself while the request is not final', async () => {
    const { store, form, app } = setup();
    await form({ entity_type: 'INDIVIDUAL', email: 'a@b.example' });
    const applicant = [...store.applicants.values()][0]!;
    const html = await (await app.request(`/status/${applicant.id}`)).text();
    expect(html).toContain('<meta http-equiv="refresh" content="2" />');
    expect(html).toContain('<dd data-testid="request-status">no webhook yet</dd>');
  });

  it('/welcome sends the applicant of the cookie to their status page', async () => {
    const { app, form, store } = setup();
    await form({ entity_type: 'INDIVIDUAL', email: 'a@b.example' });
    const applicant = [...store.applicants.values()][0]!;
    const res = await app.request('/welcome', { headers: { cookie: `applicant=${applicant.id}` } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/status/${applicant.id}`);
    expect((await app.request('/welcome')).status).toBe(200);
  });
});
