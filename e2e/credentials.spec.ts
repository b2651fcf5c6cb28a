import { test, expect, collectionFrame } from './support/fixtures.js';
import { INTEGRATOR, PASSFORT_COLLECTION, routePassFortToSandbox, serveIntegratorSite } from './support/passfort-host.js';

test.describe('the request key in the top page', () => {
  test('initFromUrl removes request_id and apikey from the address bar and the history, keeps the other parameters, and the key goes nowhere else', async ({ page, workspace }) => {
    const profileId = await workspace.newIndividualStub();
    const request = await workspace.flowRequest(profileId, 'individual_registration');
    const seen: { url: string; referer: string | undefined }[] = [];
    page.on('request', (r) => seen.push({ url: r.url(), referer: r.headers()['referer'] }));

    const base = `${workspace.urls.api}/onboarding`;
    await page.goto(`${base}?utm_source=email&request_id=${request.id}&apikey=${request.apikey}&lang=en%20GB&flag#top`);
    const form = collectionFrame(page);
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('Your details');

    expect(page.url()).toBe(`${base}?utm_source=email&lang=en%20GB&flag#top`);
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    expect(html).not.toContain(request.apikey);
    for (const frame of page.frames()) expect(frame.url()).not.toContain(request.apikey);
    expect(await page.frames()[1]!.evaluate(() => document.referrer)).toBe('');

    // Only the link itself carried the key: no later URL, no Referer header.
    const after = seen.slice(1);
    expect(after.length).toBeGreaterThan(3);
    for (const r of after) {
      expect(r.url).not.toContain(request.apikey);
      expect(r.referer ?? '').not.toContain(request.apikey);
    }
    // Nor the sandbox's request journal.
    const journal = await workspace.api('GET', '/__sandbox/requests');
    expect(JSON.stringify(journal)).not.toContain(request.apikey);

    // The history entry itself was replaced: back is the blank tab, forward has no key to read.
    expect(await page.evaluate(() => history.length)).toBe(2);
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await page.goForward();
    expect(page.url()).toBe(`${base}?utm_source=email&lang=en%20GB&flag#top`);
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('This link is incomplete.');
    expect(errors.join('\n')).toContain('PassFortCollect.initFromUrl(): missing request_id and apikey');
  });

  test('the loader pages are sent without a referrer and are not cached', async ({ page, workspace }) => {
    const profileId = await workspace.newIndividualStub();
    const request = await workspace.flowRequest(profileId, 'individual_registration');
    const response = await page.goto(`${workspace.urls.api}/onboarding/flow?request_id=${request.id}`);
    expect(response!.headers()).toMatchObject({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    await expect(collectionFrame(page).getByRole('heading', { level: 1 })).toHaveText('Your details');
    expect(page.url()).not.toContain('apikey');
  });
});

test.describe('clear console errors for an integrator', () => {
  const integratorPage = (call: string, wrapper: boolean) => `<!DOCTYPE html><html><head><title>Integrator</title></head><body>
<script src="${PASSFORT_COLLECTION}/embed.js"></script>
<script>window.onload = function () { ${call} };</script>
${wrapper ? '<div id="collection-wrapper"></div>' : ''}
</body></html>`;

  test('no #collection-wrapper, then a missing apikey', async ({ page, workspace, network }) => {
    network.allow('bank.example');
    network.allow('collection.passfort.com');
    await routePassFortToSandbox(page, workspace.urls.api);
    await serveIntegratorSite(page, {
      '/no-wrapper': integratorPage('PassFortCollect.initFromUrl()', false),
      '/missing-key': integratorPage('PassFortCollect.init({ request_id: "abc" })', true),
    });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    await page.goto(`${INTEGRATOR}/no-wrapper?request_id=x&apikey=y`);
    await expect.poll(() => errors).toHaveLength(1);
    expect(errors[0]).toBe('[PassFortCollect] PassFortCollect.initFromUrl(): this page has no element with id="collection-wrapper". Add <div id="collection-wrapper"></div> where the form should appear.');
    expect(page.url()).toBe(`${INTEGRATOR}/no-wrapper`);

    await page.goto(`${INTEGRATOR}/missing-key`);
    await expect.poll(() => errors).toHaveLength(2);
    expect(errors[1]).toMatch(/^\[PassFortCollect\] PassFortCollect\.init\(\): missing apikey\. Call PassFortCollect\.init\(/);
    await expect(collectionFrame(page).getByRole('heading', { level: 1 })).toHaveText('This link is incomplete.');
  });
});

test('the app takes the key only from the page that embeds it, at the origin it was given', async ({ page, workspace, network }) => {
  network.allow('bank.example');
  network.allow('collection.passfort.com');
  network.allow('evil.example');
  await routePassFortToSandbox(page, workspace.urls.api);
  const request = await workspace.flowRequest(await workspace.newIndividualStub(), 'individual_registration');
  const init = { source: 'passfort-collect', version: 1, type: 'init', request_id: request.id, apikey: request.apikey };
  await serveIntegratorSite(page, {
    '/by-hand': `<!DOCTYPE html><title>By hand</title>
<iframe id="app" title="form" src="${PASSFORT_COLLECTION}/collection/app?request_id=${request.id}&amp;origin=${encodeURIComponent(INTEGRATOR)}"></iframe>
<iframe id="other" title="other" src="https://evil.example/frame"></iframe>`,
  });
  await page.route('https://evil.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!DOCTYPE html><title>other</title><script>window.send = function (m) { parent.frames[0].postMessage(m, '*'); };</script>` }),
  );
  // Every message the app's window receives, seen before the app's own listener.
  await page.addInitScript(() => {
    if (location.hostname !== 'collection.passfort.com') return;
    const w = window as unknown as { __seen: string[] };
    w.__seen = [];
    window.addEventListener('message', (e) => w.__seen.push(`${e.origin} ${e.data && e.data.type}`));
  });
  const views: string[] = [];
  page.on('request', (r) => r.url().includes('/view') && views.push(r.url()));

  await page.goto(`${INTEGRATOR}/by-hand`);
  const app = page.frameLocator('#app');
  await expect(app.getByRole('status')).toHaveText('Loading your form…');
  const appFrame = page.frames().find((f) => f.url().startsWith(PASSFORT_COLLECTION))!;
  const other = page.frames().find((f) => f.url().startsWith('https://evil.example'))!;
  await other.waitForFunction(() => typeof (window as unknown as { send?: unknown }).send === 'function');

  // Another frame (another origin, not the parent) hands over the right key: ignored.
  await other.evaluate((m) => (window as unknown as { send: (m: unknown) => void }).send(m), init);
  await expect.poll(() => appFrame.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toContain('https://evil.example init');
  await expect(app.getByRole('status')).toHaveText('Loading your form…');
  expect(views).toEqual([]);

  // The embedding page itself: accepted.
  await page.evaluate(({ m, target }) => (document.getElementById('app') as HTMLIFrameElement).contentWindow!.postMessage(m, target), { m: init, target: PASSFORT_COLLECTION });
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Your details');
  expect(views).toHaveLength(1);
});
