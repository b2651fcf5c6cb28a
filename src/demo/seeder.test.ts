import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../test/support/test-app.js';
import { SandboxClient } from '../harness/client.js';
import { demoPlan, plannedName } from './plan.js';
import { seedWorkspace } from './seeder.js';

/** The seeder through app.request (no sockets; the webhook stall needs a running dispatcher and is tested end to end). */
function client() {
  const t = makeTestApp();
  const fetchApp = (url: string, init?: RequestInit) => Promise.resolve(t.app.request(url, init));
  return { t, api: new SandboxClient({ baseUrl: 'http://sandbox.test', apiKey: t.key, fetch: fetchApp }) };
}

async function content(api: SandboxClient) {
  const found = await api.request<{ results: { id: string; display_name: string; category: string }[] }>('GET', '/4.0/profiles?limit=200');
  const out = [];
  for (const p of found.results) {
    const apps = await api.profiles.applications(p.id);
    const checks = await api.profiles.checks(p.id);
    const reqs = await api.customerRequests.list({ profile_id: p.id });
    out.push([p.display_name, p.category, apps.map((a) => a.status).join(','), checks.map((c) => c.result ?? c.state).sort().join(','), reqs.map((r) => r.status).join(',')].join(' | '));
  }
  return out.sort();
}

describe('seeding a workspace through the API', () => {
  it('plays every story: requests sent, part-done, completed and expired; decisions; outcomes', async () => {
    const { api } = client();
    const result = await seedWorkspace(api, { seed: 2, webhookStall: false, waitForEmail: false, timeoutMs: 2000 });
    const plan = demoPlan(2);
    expect(result).toMatchObject({ seed: 2, profiles: plan.length, requests: { SENT: 5, COMPLETED: 5, EXPIRED: 2 }, sink: null, stalled: null });
    const rows = await content(api);
    expect(rows).toHaveLength(plan.length);
    const row = (key: string) => rows.find((r) => r.startsWith(plannedName(plan.find((p) => p.key.includes(key))!) + ' |'))!;
    expect(row('-applied-pep')).toContain('PEP');
    expect(row('in_review')).toContain('IN_REVIEW');
    expect(row('rejected-fail')).toContain('REJECTED');
    expect(row('forms_expired')).toMatch(/\| EXPIRED$/);
    expect(row('flow_part_done')).toMatch(/\| SENT$/);
    const partDone = plan.find((p) => p.story === 'forms_part_done')!;
    const [request] = await api.customerRequests.list({ status: 'SENT' }).then((l) => l.filter((r) => r.forms.length === 2));
    expect(request!.forms.map((f) => f.status)).toEqual(['COMPLETED', 'SENT']);
    expect(rows.some((r) => r.startsWith(plannedName(partDone)))).toBe(true);
    // The workspace clock ends where it started: real time (here, the test's wall clock).
    expect(Math.abs((await api.clock.get()).offset_ms)).toBeLessThan(2000);
  });

  it('gives the same content for the same seed', async () => {
    const a = client();
    const b = client();
    await seedWorkspace(a.api, { seed: 4, webhookStall: false, waitForEmail: false });
    await seedWorkspace(b.api, { seed: 4, webhookStall: false, waitForEmail: false });
    expect(await content(a.api)).toEqual(await content(b.api));
  });
});
