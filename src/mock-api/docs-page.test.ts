import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../test/support/test-app.js';
import { escapeHtml } from './docs-page.js';

describe('/openapi.json and /docs', () => {
  it('documents every PassFort operation the sandbox serves, from the zod schemas', async () => {
    const { call } = makeTestApp();
    const doc = (await call('GET', '/openapi.json', undefined, {}, null)).body;
    const ops = Object.entries(doc.paths as Record<string, object>).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    for (const op of [
      'POST /4.0/profiles/{profile_id}/checks',
      'POST /4.0/profiles/{profile_id}/tasks/{task_id}/expiry',
      'POST /4.0/profiles/{profile_id}/events/bulk_update',
      'GET /4.0/address/format',
      'POST /4.0/api_keys/collect/{profile_id}',
      'GET /__sandbox/scenarios',
    ]) {
      expect(ops).toContain(op);
    }
    expect(ops.filter((o) => o.includes(' /4.0/')).length).toBeGreaterThanOrEqual(51);
    const body = doc.paths['/4.0/profiles/{profile_id}/checks'].post.requestBody.content['application/json'].schema;
    expect(body.properties.check_type.enum).toContain('COMPANY_OWNERSHIP');
    expect(doc.components.schemas.EntityData).toBeDefined();
  });

  it('renders a readable page without a key', async () => {
    const { app } = makeTestApp();
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<span class="method m-post">POST</span> <code>/4.0/profiles/{profile_id}/tasks/{task_id}/expiry</code>');
    expect(html).toContain('<label>Filter operations');
    expect(html).toContain('id="schema-entitydata"');
    expect(html).not.toMatch(/<script src=/);
  });

  it('escapes what it renders', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
