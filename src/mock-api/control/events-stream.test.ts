import { describe, expect, it } from 'vitest';
import { OpenAPIHono } from '@hono/zod-openapi';
import { individual, makeTestApp } from '../../../test/support/test-app.js';
import type { SandboxEnv } from '../env.js';
import { eventStreamRoutes } from './events-stream.js';

interface Message {
  id?: string;
  event?: string;
  data?: any;
}

/** Reads server-sent events from a streamed response until `until` holds (or the deadline). */
async function readEvents(res: Response, until: (msgs: Message[]) => boolean, deadlineMs = 5000): Promise<Message[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const msgs: Message[] = [];
  let buf = '';
  const deadline = Date.now() + deadlineMs;
  try {
    while (!until(msgs)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(msgs.map((m) => m.event))}`);
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const msg: Message = {};
        for (const line of block.split('\n')) {
          const [k, ...rest] = line.split(': ');
          const v = rest.join(': ');
          if (k === 'id') msg.id = v;
          else if (k === 'event') msg.event = v;
          else if (k === 'data') msg.data = JSON.parse(v);
        }
        if (msg.event) msgs.push(msg);
      }
    }
  } finally {
    await reader.cancel();
  }
  return msgs;
}

describe('GET /__sandbox/events', () => {
  it('needs the master key', async () => {
    const { call } = makeTestApp();
    expect((await call('GET', '/__sandbox/events', undefined, {}, null)).status).toBe(401);
  });

  it('streams a ready message, then domain events with their seq as id, and runtime notices without one', async () => {
    const { app, call, key, bus } = makeTestApp();
    const res = await app.request('/__sandbox/events', { headers: { apikey: key } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reading = readEvents(res, (m) => m.some((x) => x.event === 'CLOCK_CHANGED'));
    await call('POST', '/4.0/profiles', individual());
    await call('POST', '/__sandbox/clock/advance', { by: '1h' });
    const msgs = await reading;
    expect(msgs[0]).toMatchObject({ event: 'ready', data: { workspace: 'default' } });
    const created = msgs.find((m) => m.event === 'PROFILE_CREATED')!;
    expect(created.id).toBe(String(created.data.seq));
    expect(created.data).toMatchObject({ type: 'PROFILE_CREATED', at: expect.stringMatching(/Z$/), data: { profile_id: expect.any(String) } });
    const clock = msgs.find((m) => m.event === 'CLOCK_CHANGED')!;
    expect(clock.id).toBeUndefined();
    expect(clock.data.seq).toBeNull();
    expect(bus.size).toBeGreaterThan(0);
  });

  it('filters by type, with a trailing * as a prefix', async () => {
    const { app, call, key } = makeTestApp();
    const res = await app.request('/__sandbox/events?types=CLOCK_*,PROFILE_STATUS_CHANGED', { headers: { apikey: key } });
    const reading = readEvents(res, (m) => m.some((x) => x.event === 'CLOCK_CHANGED'));
    await call('POST', '/4.0/profiles', individual());
    await call('POST', '/__sandbox/clock/advance', { by: 60 });
    const msgs = await reading;
    expect(msgs.map((m) => m.event)).toEqual(['ready', 'CLOCK_CHANGED']);
  });

  it('replays stored events after Last-Event-ID, then goes on live', async () => {
    const { app, call, key, events } = makeTestApp();
    await call('POST', '/4.0/profiles', individual('Ann'));
    await call('POST', '/4.0/profiles', individual('Bob'));
    const stored = events.filter((e) => e.seq !== null);
    const first = stored[0]!.seq!;
    const res = await app.request('/__sandbox/events', { headers: { apikey: key, 'last-event-id': String(first) } });
    const reading = readEvents(res, (m) => m.some((x) => x.event === 'CLOCK_CHANGED'));
    await call('POST', '/__sandbox/clock/advance', { by: 60 });
    const msgs = await reading;
    const seqs = msgs.filter((m) => m.id !== undefined).map((m) => Number(m.id));
    // The stored ones after `first`, then whatever the clock move produced live (due jobs), up to the clock notice.
    const upToClock = events.slice(0, events.findIndex((e) => e.type === 'CLOCK_CHANGED'));
    const expected = upToClock.filter((e) => e.seq !== null && e.seq > first).map((e) => e.seq);
    expect(seqs).toEqual(expected);
    expect(seqs.slice(0, stored.length - 1)).toEqual(stored.slice(1).map((e) => e.seq));
  });

  it('only shows the workspace of the key', async () => {
    const { app, call, key } = makeTestApp();
    const other = await call('POST', '/__sandbox/workspaces', { name: 'other' }, {}, null);
    const res = await app.request('/__sandbox/events', { headers: { apikey: key } });
    const reading = readEvents(res, (m) => m.some((x) => x.event === 'CLOCK_CHANGED'));
    await call('POST', '/4.0/profiles', individual(), {}, other.body.api_key);
    await call('POST', '/__sandbox/clock/advance', { by: 60 });
    const msgs = await reading;
    expect(msgs.map((m) => m.event)).toEqual(['ready', 'CLOCK_CHANGED']);
  });
});

describe('the event stream connection', () => {
  it('sends a keep-alive comment and stops listening when the client goes away', async () => {
    const { registry, bus, store } = makeTestApp();
    const app = new OpenAPIHono<SandboxEnv>();
    app.use('*', async (c, next) => {
      c.set('workspace', registry.default);
      await next();
    });
    app.route('/', eventStreamRoutes(bus, store, 20));
    const listeners = bus.size;
    const res = await app.request('/events');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const deadline = Date.now() + 5000;
    while (!text.includes(': keep-alive\n\n') && Date.now() < deadline) text += decoder.decode((await reader.read()).value ?? new Uint8Array());
    expect(text).toContain('event: ready');
    expect(text).toContain(': keep-alive\n\n');
    expect(bus.size).toBe(listeners + 1);
    await reader.cancel();
    expect(bus.size).toBe(listeners);
  });
});
