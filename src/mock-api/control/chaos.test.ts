import { describe, expect, it } from 'vitest';
import { individual, makeTestApp } from '../../../test/support/test-app.js';

describe('PUT /__sandbox/chaos', () => {
  it('fails the next N calls with the chosen status, changing nothing, then stops', async () => {
    const { call } = makeTestApp({ config: {} });
    const set = await call('PUT', '/__sandbox/chaos', { fail_next: 2, error_status: 502, methods: ['POST'] });
    expect(set.body).toMatchObject({ fail_next: 2, error_status: 502, injected: 0 });
    const first = await call('POST', '/4.0/profiles', individual());
    expect(first.status).toBe(502);
    expect(first.headers.get('x-sandbox-chaos')).toBe('injected');
    expect(first.body.errors[0].info).toEqual({ chaos: true });
    expect((await call('GET', '/4.0/profiles')).status).toBe(200); // GET is not selected
    expect((await call('POST', '/4.0/profiles', individual())).status).toBe(502);
    expect((await call('POST', '/4.0/profiles', individual())).status).toBe(200);
    expect((await call('GET', '/4.0/profiles')).body.count).toBe(1);
    expect((await call('GET', '/__sandbox/chaos')).body.injected).toBe(2);
  });

  it('draws errors at a rate, repeatably for a seed', async () => {
    const outcomes = async () => {
      const { call } = makeTestApp({ config: {} });
      await call('PUT', '/__sandbox/chaos', { error_rate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await call('GET', '/4.0/whoami')).status);
      return statuses;
    };
    const a = await outcomes();
    expect(a).toEqual(await outcomes());
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
  });

  it('adds latency', async () => {
    const { call } = makeTestApp({ config: {} });
    await call('PUT', '/__sandbox/chaos', { latency_ms: 120 });
    const started = performance.now();
    expect((await call('GET', '/4.0/whoami')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    await call('PUT', '/__sandbox/chaos', {});
    expect((await call('GET', '/__sandbox/chaos')).body.latency_ms).toBe(0);
  });

  it('only touches the workspace that asked for it, and refuses bad settings', async () => {
    const { call } = makeTestApp({ config: {} });
    const other = (await call('POST', '/__sandbox/workspaces', { name: 'b' }, {}, null)).body.api_key;
    await call('PUT', '/__sandbox/chaos', { fail_next: 5 });
    expect((await call('GET', '/4.0/whoami', undefined, {}, other)).status).toBe(200);
    const bad = await call('PUT', '/__sandbox/chaos', { error_rate: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].info.field).toBe('error_rate');
  });
});
