import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/default-config.js';
import { configWithThreeFormFlow, makeRequestApp } from '../../test/support/customer-requests.js';
import { SAMPLE_IMAGES } from '../domain/customer-requests/sample-images.js';
import { UiMsg } from './messages.js';

/** The collection UI's routes through app.request(): headers, loaders, the app's pages and its key check. */

const get = async (t: ReturnType<typeof makeRequestApp>, path: string, key: string | null = null) => {
  const res = await t.app.request(path, { headers: key ? { apikey: key } : {} });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

async function flow(config?: unknown) {
  const t = makeRequestApp(config ? { config } : {});
  const req = await t.flowRequest(await t.newIndividual(), 'individual_registration', { theme: { alias: 'forest' } });
  return { t, req };
}

describe('scripts', () => {
  it('embed.js and app.js are served as JavaScript that parses', async () => {
    const t = makeRequestApp();
    for (const path of ['/embed.js', '/collection/app/app.js', '/theme/preview.js']) {
      const res = await get(t, path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(() => new vm.Script(res.text, { filename: path })).not.toThrow();
    }
    expect((await get(t, '/embed.js')).text).toContain('window.PassFortCollect = { init: init, initFromUrl: initFromUrl');
    expect((await get(t, '/collection/app/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });
});

describe('the loaders', () => {
  it('serves the static loader at /onboarding with the script pointed at the sandbox, no referrer, no cache', async () => {
    const t = makeRequestApp();
    const res = await get(t, '/onboarding?request_id=x&apikey=y');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<script src="http://localhost/embed.js"></script>');
    expect(res.text).toContain('PassFortCollect.initFromUrl();');
    expect(res.text).toContain('<div id="collection-wrapper"></div>');
    expect(res.text).not.toContain('collection.passfort.com');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Not journalled: the page belongs to no workspace, and its URL holds a key.
    expect(JSON.stringify(t.journal.list('default'))).not.toContain('apikey=y');
  });

  it('serves it at the path of a configured form_url too, on another host or not, but never over the API', async () => {
    const config = structuredClone(defaultConfig) as any;
    config.form_url = 'https://bank.example/customer/start';
    const t = makeRequestApp({ config });
    for (const path of ['/customer/start', '/customer/start/', '/customer/start?request_id=a&apikey=b']) {
      expect((await get(t, path)).text).toContain('PassFortCollect.initFromUrl()');
    }
    expect((await get(t, '/customer')).status).toBe(404);
    const other = structuredClone(defaultConfig) as any;
    other.form_url = 'https://bank.example/4.0/profiles';
    const t2 = makeRequestApp({ config: other });
    expect((await get(t2, '/4.0/profiles', 'test-master-key')).headers.get('content-type')).toContain('application/json');
  });

  it('fills the dynamic loader with a request\'s id and key, as an integrator\'s server would', async () => {
    const { t, req } = await flow();
    const res = await get(t, `/onboarding/flow?request_id=${req.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`request_id: ${JSON.stringify(req.id)},`);
    expect(res.text).toContain(`apikey: ${JSON.stringify(req.apikey)},`);
    expect(res.text).toContain('<script src="http://localhost/embed.js"></script>');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await get(t, '/onboarding/flow')).status).toBe(400);
    expect((await get(t, '/onboarding/flow?request_id=0b9f0c3e-77a1-4b7e-9c59-0d2d3f1a8e11')).status).toBe(404);
    expect((await get(t, '/onboarding/done')).text).toContain('Registration complete');
  });
});

describe('the app page inside the iframe', () => {
  it('is allowed only inside the origin it is given, and carries no key', async () => {
    const { t, req } = await flow();
    const res = await get(t, `/collection/app?request_id=${req.id}&origin=${encodeURIComponent('https://bank.example')}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain('frame-ancestors https://bank.example');
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.text).toContain(`{"origin":"https://bank.example","request_id":"${req.id}","problem":null}`);
    expect(res.text).not.toContain(req.apikey);
    expect(res.text).toContain(UiMsg.loading);
  });

  it('refuses an origin that is not one, and says a link without its request is incomplete', async () => {
    const { t, req } = await flow();
    const bad = await get(t, `/collection/app?request_id=${req.id}&origin=${encodeURIComponent("https://x.example; frame-ancestors *")}`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-security-policy')).not.toContain('frame-ancestors');
    const missing = await get(t, `/collection/app?origin=${encodeURIComponent('http://127.0.0.1:9')}&problem=missing_parameters`);
    expect(missing.text).toContain(UiMsg.incompleteLink);
  });
});

describe('the page for the request\'s state', () => {
  const view = async (t: ReturnType<typeof makeRequestApp>, id: string, key: string | null, query = '') => {
    const res = await t.app.request(`/collection/app/requests/${id}/view${query}`, { headers: key ? { apikey: key } : {} });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };

  it('opens only with the request\'s own key, in a header', async () => {
    const { t, req } = await flow();
    const other = await t.flowRequest(await t.newIndividual('Bo', 'Other'), 'individual_registration');
    for (const key of [null, 'f'.repeat(46), other.apikey, 'test-master-key']) {
      const res = await view(t, req.id, key);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ state: 'invalid', title: UiMsg.invalidLink, form: null });
      expect(res.body.html).not.toContain('Your details');
    }
    const res = await t.app.request(`/collection/app/requests/${req.id}/view?apikey=${req.apikey}`);
    expect(res.status).toBe(401);
  });

  it('renders the current form: labels, optional marks, the kinds of field, the theme, the step', async () => {
    const { t, req } = await flow();
    const res = await view(t, req.id, req.apikey);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { body } = res;
    expect(body).toMatchObject({ state: 'form', request_id: req.id, step: 1, total: 2, form: { id: req.forms[0]!.id, alias: 'personal_details' } });
    expect(body.theme['--pf-primary']).toBe('#1d6b46');
    const html: string = body.html;
    expect(html).toContain('<p class="pf-step">Step 1 of 2</p>');
    expect(html).toContain('<label class="pf-label" for="q-family_name">Last name</label>');
    expect(html).toContain('Mobile phone number<span class="pf-optional"> (optional)</span>');
    expect(html).toMatch(/<input class="pf-input" id="q-phone" name="phone" type="tel" autocomplete="tel"/);
    expect(html).toMatch(/<input class="pf-input" id="q-email" name="email" type="email" autocomplete="email"/);
    expect(html).toContain('<legend class="pf-legend">Date of birth</legend>');
    expect(html).toContain('<option value="IRL">Ireland</option>');
    expect(html).toContain('<legend class="pf-legend">Home address</legend>');
    expect(html).toContain('<span data-button-text="true">Continue</span>');
    // The journal of this workspace lists the call, without the key.
    expect(JSON.stringify(t.journal.list('default'))).toContain(`/collection/app/requests/${req.id}/view`);
    expect(JSON.stringify(t.journal.list('default'))).not.toContain(req.apikey);
  });

  it('shows saved answers escaped, and the document step with Finish', async () => {
    const { t, req } = await flow();
    await t.collect('PATCH', `/requests/${req.id}/forms/${req.forms[0]!.id}/answers`, req.apikey, { answers: { family_name: '"><script>alert(1)</script>' } });
    expect((await view(t, req.id, req.apikey)).body.html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    const { t: t2, req: r2 } = await flow();
    await t2.collect('POST', `/requests/${r2.id}/forms/${r2.forms[0]!.id}/submit`, r2.apikey, {
      answers: { given_names: 'A', family_name: 'B', dob: '1980-01-01', nationality: 'GBR', email: 'a@example.com', address: { type: 'STRUCTURED', route: 'X', country: 'GBR' } },
    });
    await t2.collect('POST', `/requests/${r2.id}/forms/${r2.forms[1]!.id}/documents`, r2.apikey, { document_type: 'PASSPORT', element: 'FRONT', data: SAMPLE_IMAGES.FRONT });
    const docs = (await view(t2, r2.id, r2.apikey)).body;
    expect(docs).toMatchObject({ state: 'form', step: 2, total: 2 });
    expect(docs.html).toContain('<span data-button-text="true">Finish</span>');
    expect(docs.html).toMatch(/<input class="pf-file" type="file" id="doc-document-PASSPORT-SELFIE" name="doc-document-PASSPORT-SELFIE" accept="image\/\*"/);
    expect(docs.html).toContain(`data-upload-id="`);
    expect(docs.html).toContain(UiMsg.uploadedEarlier);
    expect(docs.html).toContain('<template data-document-template="DRIVING_LICENCE">');
  });

  it('expired, completed and finished requests', async () => {
    const { t, req } = await flow(configWithThreeFormFlow());
    await t.advance('90d');
    expect((await view(t, req.id, req.apikey)).body).toMatchObject({ state: 'expired', status: 'EXPIRED', title: UiMsg.expired });

    const { t: t2, req: r2 } = await flow();
    await t2.call('POST', `/__sandbox/customer-requests/${r2.id}/complete`, {});
    expect((await view(t2, r2.id, r2.apikey)).body).toMatchObject({ state: 'expired', status: 'COMPLETED' });
    expect((await view(t2, r2.id, r2.apikey, '?finished=1')).body).toMatchObject({ state: 'submitted', title: UiMsg.submitted, redirect_url: '/onboarding/done' });
  });

  it('a flow waiting for a check shows the waiting page', async () => {
    const t = makeRequestApp();
    const profileId = await t.newCompany(undefined, true);
    const req = await t.flowRequest(profileId, 'company_registration');
    await t.collect('POST', `/requests/${req.id}/forms/${req.forms[0]!.id}/submit`, req.apikey, {
      answers: { name: 'Acme Ltd', number: '09565115', country_of_incorporation: 'GBR', email: 'a@acme.example', address: { type: 'STRUCTURED', route: 'Road', country: 'GBR' } },
    });
    expect((await view(t, req.id, req.apikey)).body).toMatchObject({ state: 'waiting', title: UiMsg.waitingTitle, form: null });
  });
});

describe('the theme preview', () => {
  it('shows a configured theme with sample forms, the JSON for the config, and notes', async () => {
    const t = makeRequestApp();
    const res = await get(t, '/theme?token=forest&apikey=sample&request_id=sample');
    expect(res.status).toBe(200);
    expect(res.text).toContain('--pf-primary: #1d6b46;');
    expect(res.text).toContain('&quot;button_style&quot;: &quot;pill&quot;');
    expect(res.text).toContain('Your details');
    const unknown = await get(t, '/theme?token=0577D35F-9452-4E79-8676-EB56BAF90603&apikey=sample&request_id=sample');
    expect(unknown.text).toContain('No form theme has the alias &quot;0577D35F-9452-4E79-8676-EB56BAF90603&quot;');
  });

  it('applies valid changes from the query, refuses the others by name, and never lets CSS out', async () => {
    const t = makeRequestApp();
    const changed = await get(t, '/theme?token=forest&primary=%238a1538&corner_radius=4&sample=documents');
    expect(changed.text).toContain('--pf-primary: #8a1538;');
    expect(changed.text).toContain('--pf-radius: 4px;');
    expect(changed.text).toContain('Your identity document');
    const refused = await get(t, '/theme?token=forest&primary=red&corner_radius=99');
    expect(refused.text).toContain('colors.primary: must be a hex colour');
    expect(refused.text).toContain('--pf-primary: #1d6b46;');
    const injected = await get(t, `/theme?font=${encodeURIComponent('x; } body { background: url(https://evil.example) } a {')}`);
    const style = /<style>([^<]*)<\/style>/.exec(injected.text)![1]!;
    expect(style).not.toContain('evil');
    expect(style).toContain('--pf-font: system-ui');
    expect(injected.text).toContain('the form uses the default font instead');
  });
});
