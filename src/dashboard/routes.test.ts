import { describe, expect, it } from 'vitest';
import { individual, makeTestApp } from '../../test/support/test-app.js';
import { LOGIN_ERRORS } from './auth.js';

/** The dashboard's routes through app.request: sign-in, isolation, CSRF, headers, escaping. */

const COOKIE = 'pfsb_dashboard_80';

async function signedIn(t = makeTestApp(), key = t.key) {
  const res = await t.app.request(`/dashboard/login?key=${key}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers: { cookie, ...headers } });
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) =>
    t.app.request(path, { method: 'POST', body: new URLSearchParams(form), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  return { t, res, cookie, get, post };
}

describe('signing in', () => {
  it('a good key sets an HttpOnly, SameSite cookie and goes where asked; a bad one says why', async () => {
    const t = makeTestApp();
    const good = await t.app.request(`/dashboard/login?key=${t.key}&next=${encodeURIComponent('/dashboard/clock')}`);
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe('/dashboard/clock');
    expect(good.headers.get('set-cookie')).toMatch(new RegExp(`^${COOKIE}=${t.key}; Path=/; HttpOnly; SameSite=Lax$`));
    const bad = await t.app.request('/dashboard/login?key=nope');
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain(LOGIN_ERRORS.unknown);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const offsite = await t.app.request(`/dashboard/login?key=${t.key}&next=${encodeURIComponent('https://evil.example/')}`);
    expect(offsite.headers.get('location')).toBe('/dashboard/profiles');
  });

  it('pages without a key go to the sign-in page; the event stream and buttons answer 401', async () => {
    const t = makeTestApp();
    const page = await t.app.request('/dashboard/profiles?type=COMPANY');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/dashboard/login?next=${encodeURIComponent('/dashboard/profiles?type=COMPANY')}`);
    expect((await t.app.request('/dashboard/events')).status).toBe(401);
    expect((await t.app.request('/dashboard/clock/advance', { method: 'POST' })).status).toBe(401);
    expect((await t.app.request('/')).status).toBe(200);
  });
});

describe('pages', () => {
  it('are sent with a CSP that runs no inline script, and escape what customers typed', async () => {
    const s = await signedIn();
    await s.t.call('POST', '/4.0/profiles', individual('<script>alert(1)</script>', '<img src=x onerror=alert(2)>'));
    const res = await s.get('/dashboard/profiles');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it("show one workspace's data only with its key", async () => {
    const t = makeTestApp();
    const mine = await t.call('POST', '/4.0/profiles', individual('Only', 'Mine'));
    const other = await t.call('POST', '/__sandbox/workspaces', { name: 'other' }, {}, null);
    const s = await signedIn(t, other.body.api_key);
    const res = await s.get(`/dashboard/profiles/${mine.body.id}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('Only Mine');
    expect(await (await s.get('/dashboard/profiles')).text()).not.toContain('Only Mine');
  });

  it("a live refresh of a page drawn for another workspace than the signed-in one answers 205, not that workspace's 404", async () => {
    const t = makeTestApp();
    const mine = await t.call('POST', '/4.0/profiles', individual('Only', 'Mine'));
    const first = await signedIn(t);
    const page = await (await first.get(`/dashboard/profiles/${mine.body.id}`)).text();
    const shown = /<body[^>]* data-workspace="([^"]+)"/.exec(page)?.[1];
    expect(shown).toBeTruthy();
    const refresh = { 'x-dashboard-refresh': '1', 'x-dashboard-workspace': shown! };
    const same = await first.get(`/dashboard/profiles/${mine.body.id}`, refresh);
    expect(same.status).toBe(200);
    expect(await same.text()).toContain('Only Mine');
    // The same browser signs in to another workspace; the old page's next refresh:
    const other = await t.call('POST', '/__sandbox/workspaces', { name: 'other' }, {}, null);
    const switched = await signedIn(t, other.body.api_key);
    const stale = await switched.get(`/dashboard/profiles/${mine.body.id}`, refresh);
    expect(stale.status).toBe(205);
    expect(await stale.text()).toBe('');
    expect((await switched.get(`/dashboard/profiles/${mine.body.id}`)).status).toBe(404); // a page load still says 404
  });

  it('every page answers 200 for a signed-in workspace, and an unknown page 404', async () => {
    const s = await signedIn();
    for (const path of ['/dashboard/profiles', '/dashboard/requests', '/dashboard/webhooks', '/dashboard/clock', '/dashboard/log', '/dashboard/scenarios', '/dashboard/story?step=3']) {
      expect((await s.get(path)).status, path).toBe(200);
    }
    expect((await s.get('/dashboard/nothing-here')).status).toBe(404);
  });
});

describe('buttons', () => {
  it('act only on POSTs from the dashboard itself', async () => {
    const s = await signedIn();
    const before = s.t.registry.default.clock.nowMs();
    const forged = await s.post('/dashboard/clock/advance', { by: '1d' }, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    const forgedOrigin = await s.post('/dashboard/clock/advance', { by: '1d' }, { origin: 'https://evil.example' });
    expect(forgedOrigin.status).toBe(403);
    expect(s.t.registry.default.clock.nowMs()).toBe(before);
    const ok = await s.post('/dashboard/clock/advance', { by: '1d' });
    expect(ok.status).toBe(303);
    expect(s.t.registry.default.clock.nowMs() - before).toBe(86_400_000);
  });

  it('answer the page script with a sentence and whether it worked (always 200)', async () => {
    const s = await signedIn();
    const res = await s.post('/dashboard/clock/advance', { by: 'soon' }, { 'sec-fetch-site': 'same-origin', 'x-dashboard-async': '1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-dashboard-ok')).toBe('0');
    expect(await res.text()).toContain('Cannot read "soon" as a duration');
  });

  it('record what a clock move changed', async () => {
    const s = await signedIn();
    const p = await s.t.call('POST', '/4.0/profiles', individual('Alex', 'Clock'));
    const task = (await s.t.call('GET', `/4.0/profiles/${p.body.id}/tasks`)).body.find((x: { type: string }) => x.type === 'INDIVIDUAL_VERIFY_IDENTITY');
    await s.t.call('POST', `/4.0/forms/profile/${p.body.id}/customer_request`, { type: 'FORMS', task_ids: [task.id] });
    await s.post('/dashboard/clock/advance', { by: '90d' });
    const html = await (await s.get('/dashboard/clock')).text();
    expect(html).toContain('Customer request SENT → EXPIRED');
    expect(html).toContain('Moved 90 days');
  });
});
