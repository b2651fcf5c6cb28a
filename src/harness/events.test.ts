import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../test/support/test-app.js';
import { SseParser, WorkspaceEvents } from './events.js';

describe('SseParser', () => {
  it('returns whole messages however the stream is cut, skipping comments', () => {
    const text = 'retry: 2000\n\nevent: ready\ndata: {"a":1}\n\n: keep-alive\n\nid: 7\nevent: X\ndata: {"b":\ndata: 2}\n\n';
    for (const size of [1, 3, 7, text.length]) {
      const p = new SseParser();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
      expect(out).toEqual([
        { event: 'ready', data: '{"a":1}', id: null },
        { event: 'X', data: '{"b":\n2}', id: '7' },
      ]);
    }
  });

  it('reads CRLF line ends and the default event name', () => {
    expect(new SseParser().push('data: hi\r\n\r\n')).toEqual([{ event: 'message', data: 'hi', id: null }]);
  });
});

describe('WorkspaceEvents', () => {
  const setup = () => {
    const t = makeTestApp();
    const events = new WorkspaceEvents('http://sandbox.test', t.key, (url, init) => t.app.request(url, init));
    return { t, events };
  };

  it('sees events from before the subscription (replayed) and after it', async () => {
    const { t, events } = setup();
    await t.call('POST', '/4.0/profiles', { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL' } });
    const before = await events.waitFor('PROFILE_CREATED', undefined, { timeout: 5_000 });
    expect(before.seq).toBeGreaterThan(0);
    const later = events.waitFor<{ profile_id: string }>('PROFILE_CREATED', (d, e) => e.seq! > before.seq!, { timeout: 5_000 });
    const second = await t.call('POST', '/4.0/profiles', { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL' } });
    expect((await later).data.profile_id).toBe(second.body.id);
    expect(events.ofType('PROFILE_CREATED')).toHaveLength(2);
    events.close();
  });

  it('times out naming the awaited event and the events that did arrive', async () => {
    const { t, events } = setup();
    await t.call('POST', '/4.0/profiles', { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL' } });
    const err = (await events.waitFor('CUSTOMER_REQUEST_CHANGED', (d) => d.status === 'EXPIRED', { timeout: 50, what: 'the request to expire' }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^Timed out after 50 ms waiting for the request to expire; last saw 0 CUSTOMER_REQUEST_CHANGED events; latest events: .*PROFILE_CREATED/);
    events.close();
  });

  it('reports a refused subscription', async () => {
    const t = makeTestApp();
    const events = new WorkspaceEvents('http://sandbox.test', 'not-a-key', (url, init) => t.app.request(url, init));
    await expect(events.open()).rejects.toThrow(/GET \/__sandbox\/events answered 401/);
  });
});
