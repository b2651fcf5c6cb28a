import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../src/core/ids.js';
import { createSandbox, type Sandbox } from '../src/sandbox.js';
import { readOutbox } from './support/outbox.js';
import { waitFor } from './support/webhook-receiver.js';

/**
 * Eight workspaces doing random things at the same time (a seeded walk: profiles, collected
 * data, customer requests with and without email, checks, tags, clock moves, one reset), then
 * a check that none of them sees anything of another: profiles, customer requests, emails
 * (inbox tag ws-<id>), webhook deliveries (each to its own sink) and the event stream, clock.
 */

const WORKSPACES = 8;
const STEPS = 20; // per workspace
const SEED = 0x150_1a7e;

let sb: Sandbox;
beforeAll(async () => {
  sb = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, memory: true, inboxMaxMessages: 0 });
});
afterAll(() => sb?.close());

async function call(key: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(sb.urls.api + path, {
    method,
    headers: { ...(key ? { apikey: key } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* text */
  }
  return { status: res.status, body: parsed };
}

interface Ws {
  n: number;
  id: string;
  key: string;
  sink: string;
  secret: string;
  /** Profiles that exist now, and every profile this workspace ever had (sinks and inbox keep history). */
  profiles: Set<string>;
  ever: Set<string>;
  withRequest: Set<string>;
  requests: Set<string>;
  emails: number;
  clockMs: number;
}

const person = (ws: Ws, i: number) => ({
  role: 'INDIVIDUAL_CUSTOMER',
  collected_data: {
    entity_type: 'INDIVIDUAL',
    customer_ref: `ws${ws.n}-${i}`,
    personal_details: { name: { given_names: [`W${ws.n}`], family_name: `P${i}` }, dob: '1990-01-01' },
    contact_details: { email: `p${i}.ws${ws.n}@example.com` },
  },
});

async function step(ws: Ws, i: number, r: () => number): Promise<void> {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const own = [...ws.profiles];
  const choice = own.length === 0 ? 0 : Math.floor(r() * 100);
  if (choice < 25) {
    const res = await call(ws.key, 'POST', '/4.0/profiles', person(ws, i));
    expect(res.status).toBe(200);
    ws.profiles.add(res.body.id);
    ws.ever.add(res.body.id);
  } else if (choice < 40) {
    const pid = pick(own);
    const res = await call(ws.key, 'POST', `/4.0/profiles/${pid}/collected_data`, { ...person(ws, i).collected_data, customer_ref: `ws${ws.n}-${i}-v2` });
    expect(res.status).toBe(200);
  } else if (choice < 60) {
    const free = own.filter((p) => !ws.withRequest.has(p));
    if (!free.length) return;
    const pid = pick(free);
    const tasks = (await call(ws.key, 'GET', `/4.0/profiles/${pid}/tasks`)).body as { id: string; type: string }[];
    const task = tasks.find((t) => t.type === 'INDIVIDUAL_VERIFY_IDENTITY');
    const body =
      task && r() < 0.6
        ? { type: 'FORMS', task_ids: [task.id], theme: { alias: 'default' } }
        : { type: 'FLOW', flow_template: { alias: 'individual_registration' }, theme: { alias: 'default' } };
    const res = await call(ws.key, 'POST', `/4.0/forms/profile/${pid}/customer_request`, body);
    expect(res.status).toBe(200);
    ws.withRequest.add(pid);
    ws.requests.add(res.body.id);
    if (body.type === 'FORMS') ws.emails++;
  } else if (choice < 75) {
    const res = await call(ws.key, 'POST', `/4.0/profiles/${pick(own)}/checks?mode=sync`, { check_type: pick(['IDENTITY_CHECK', 'PEPS_AND_SANCTIONS_SCREEN']) });
    expect(res.status).toBe(200);
  } else if (choice < 85) {
    expect((await call(ws.key, 'POST', `/4.0/profiles/${pick(own)}/tags`, { name: `ws${ws.n}-tag` })).status).toBe(200);
  } else {
    // Less than the 90-day request expiry: every request stays open.
    const hours = 1 + Math.floor(r() * 48);
    expect((await call(ws.key, 'POST', '/__sandbox/clock/advance', { by: `${hours}h` })).status).toBe(200);
    ws.clockMs += hours * 3_600_000;
  }
}

describe(`${WORKSPACES} workspaces at once`, () => {
  const all: Ws[] = [];
  const clocks = new Map<Ws, { offset_ms: number }>();

  beforeAll(async () => {
    for (let n = 0; n < WORKSPACES; n++) {
      const created = (await call(null, 'POST', '/__sandbox/workspaces', { name: `iso-${n}` })).body;
      const ws: Ws = { n, id: created.id, key: created.api_key, sink: `iso-${n}`, secret: `secret-${n}`, profiles: new Set(), ever: new Set(), withRequest: new Set(), requests: new Set(), emails: 0, clockMs: 0 };
      expect((await call(ws.key, 'PUT', '/__sandbox/webhooks', { url: `/__sandbox/webhook-sink/${ws.sink}`, secret: ws.secret })).status).toBe(200);
      all.push(ws);
    }
    const rand = prng(SEED);
    for (let i = 0; i < STEPS; i++) {
      // One step of every workspace in flight at once, in a seeded order.
      const order = [...all].sort(() => rand() - 0.5);
      await Promise.all(order.map((ws) => step(ws, i, prng(SEED + ws.n * 1000 + i))));
      if (i === STEPS / 2) {
        // A reset of one workspace in the middle: others must not notice.
        const ws0 = all[0]!;
        expect((await call(ws0.key, 'POST', '/__sandbox/reset')).status).toBe(200);
        ws0.profiles.clear();
        ws0.withRequest.clear();
        ws0.requests.clear();
        ws0.clockMs = 0;
      }
    }
    // Checks started with a profile finish later on their workspace's clock, and their events are
    // sent as webhooks: stop the clocks, so outboxes, sinks and logs can be compared at rest.
    for (const ws of all) {
      clocks.set(ws, (await call(ws.key, 'GET', '/__sandbox/clock')).body);
      expect((await call(ws.key, 'POST', '/__sandbox/clock/freeze')).status).toBe(200);
    }
  }, 120_000);

  it('each workspace lists exactly its own profiles, and gets 404 for every other workspace’s', async () => {
    for (const ws of all) {
      const list = (await call(ws.key, 'GET', '/4.0/profiles?limit=100')).body;
      expect(list.count).toBe(ws.profiles.size);
      expect(new Set(list.results.map((p: { id: string }) => p.id))).toEqual(ws.profiles);
      for (const other of all) {
        if (other === ws) continue;
        for (const pid of [...other.profiles].slice(0, 1)) {
          expect((await call(ws.key, 'GET', `/4.0/profiles/${pid}`)).status).toBe(404);
          expect((await call(ws.key, 'GET', `/4.0/forms/profile/${pid}/customer_request`)).status).toBe(404);
          expect((await call(ws.key, 'POST', `/4.0/profiles/${pid}/tags`, { name: 'intruder' })).status).toBe(404);
        }
      }
    }
    expect(all.reduce((n, ws) => n + ws.profiles.size, 0)).toBeGreaterThan(WORKSPACES * 3);
  });

  it('customer requests: each workspace sees only its own, through the API and the control API', async () => {
    for (const ws of all) {
      const listed = (await call(ws.key, 'GET', '/__sandbox/customer-requests?limit=500')).body as { id: string }[];
      expect(new Set(listed.map((x) => x.id))).toEqual(ws.requests);
      for (const other of all) {
        if (other === ws) continue;
        for (const rid of [...other.requests].slice(0, 2)) expect((await call(ws.key, 'GET', `/__sandbox/customer-requests/${rid}`)).status).toBe(404);
      }
    }
  });

  it('emails: the inbox filtered by ws-<id> holds exactly that workspace’s request emails, to its own profiles', async () => {
    const inbox = async (query: string) => (await (await fetch(`${sb.urls.inbox}/api/v1/search?query=${encodeURIComponent(query)}&limit=1000`)).json()) as any;
    const expected = all.reduce((n, ws) => n + ws.emails, 0);
    await waitFor(async () => ((await (await fetch(`${sb.urls.inbox}/api/v1/messages?limit=1`)).json()) as any).total >= expected, 'every request email', 30_000);
    for (const ws of all) {
      const found = await inbox(`tag:ws-${ws.id}`);
      expect(found.messages_count).toBe(ws.emails);
      for (const m of found.messages) {
        expect(m.Tags).toEqual([`ws-${ws.id}`]);
        expect(m.To.map((t: { Address: string }) => t.Address).every((a: string) => a.endsWith(`.ws${ws.n}@example.com`))).toBe(true);
      }
    }
    expect(expected).toBeGreaterThan(0);
  });

  it('webhooks: every workspace’s sink gets only its own events, with its own secret, and all of them', async () => {
    const settled = async () => {
      for (const ws of all) {
        await waitFor(async () => {
          const s = (await call(ws.key, 'GET', '/__sandbox/webhooks/status')).body;
          return s.state === 'idle' && s.pending_events === 0;
        }, `the webhook queue of workspace ${ws.n}`, 30_000);
      }
    };
    await settled();
    const outboxes = new Map<Ws, Set<string>>();
    for (const ws of all) {
      const types = ((await call(ws.key, 'GET', '/__sandbox/webhooks/events')).body as { event: string }[]).map((e) => e.event);
      outboxes.set(ws, new Set((await readOutbox(sb.urls.api, ws.key, types)).map((e) => e.id)));
    }
    // Reading an outbox moves the clock by zero, which runs a job that was due that very moment.
    await settled();
    for (const ws of all) {
      const received = (await call(null, 'GET', `/__sandbox/webhook-sink/${ws.sink}`)).body as { headers: Record<string, string>; body: any }[];
      const ids = new Set(received.map((x) => x.body.id));
      // Everything in its outbox arrived (the reset workspace's sink also has what came before the reset).
      expect([...outboxes.get(ws)!].filter((id) => !ids.has(id))).toEqual([]);
      for (const { headers, body } of received) {
        expect(body.secret).toBe(ws.secret);
        expect(headers.authorization).toBe(`Bearer ${ws.secret}`);
        if (body.data?.profile_id) expect(ws.ever.has(body.data.profile_id)).toBe(true);
        for (const other of all) if (other !== ws) expect(outboxes.get(other)!.has(body.id)).toBe(false);
      }
      // Its deliveries log names only its own events.
      const log = (await call(ws.key, 'GET', '/__sandbox/webhooks/deliveries')).body as { event_ids: string[]; url: string }[];
      for (const d of log) {
        expect(d.url).toContain(ws.sink);
        for (const id of d.event_ids) expect(outboxes.get(ws)!.has(id) || ws.n === 0).toBe(true);
      }
    }
  });

  it('the event stream of a workspace carries only its own profiles', async () => {
    for (const ws of all) {
      const events = await readOutbox(sb.urls.api, ws.key);
      for (const e of events) if (e.data?.profile_id) expect(ws.ever.has(e.data.profile_id)).toBe(true);
    }
  });

  it('clocks: each workspace has moved by its own advances only', async () => {
    for (const ws of all) {
      const clock = clocks.get(ws)!;
      // offset_ms is workspace time minus real time: the sum of this workspace's own moves (a reset put it back to 0).
      expect(Math.abs(clock.offset_ms - ws.clockMs)).toBeLessThan(5_000);
    }
    expect(new Set(all.map((ws) => ws.clockMs)).size).toBeGreaterThan(2);
  });
});
