import fs from 'node:fs';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { cliApi, killAll, startCli, tempDir, type CliApi, type CliRun } from './support/process.js';
import { firstSeen, ok, startReceiver, waitFor, type Receiver } from './support/webhook-receiver.js';
import { readOutbox } from './support/outbox.js';
import { individual } from './support/test-app.js';

/**
 * `kill -9` of the real CLI in the middle of mixed traffic (profile creates, collected-data
 * replacements, customer requests, checks, webhooks to a receiver), then a restart on the same
 * data directory: every write the API acknowledged is there, and the receiver ends up with every
 * webhook event the outbox holds, in order, with no gap (at-least-once: the one in flight may come twice).
 */

const runs: CliRun[] = [];
const dirs: string[] = [];
let receiver: Receiver | undefined;
afterEach(async () => {
  await killAll(runs);
  await receiver?.close();
  receiver = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function start(dir: string): Promise<CliRun & { api: CliApi }> {
  const run = await startCli(['--port', '0', '--smtp-port', '0', '--inbox-port', '0', '--data-dir', dir]);
  runs.push(run);
  return { ...run, api: cliApi(run) };
}

describe('kill -9 under mixed load', () => {
  it('keeps every acknowledged write and delivers every stored webhook event in order, with no gap', async () => {
    const dir = tempDir('pfs-crash-');
    dirs.push(dir);
    // A receiver slower than the load, so events are still queued at the kill.
    receiver = await startReceiver(() => ({ ...ok, delayMs: 3 }));
    const first = await start(dir);
    expect((await first.api('PUT', '/__sandbox/webhooks', { url: receiver.url, secret: 'crash' })).status).toBe(200);

    // Profiles whose collected data one writer each replaces, so "the last acknowledged value" is well defined.
    const owned = await Promise.all([0, 1, 2].map(async (i) => (await first.api('POST', '/4.0/profiles', individual(`Owner${i}`, 'Crash'))).body.id as string));
    const acked = {
      profiles: [] as string[],
      data: new Map<string, { acked: number; inFlight: number | null }>(owned.map((id) => [id, { acked: -1, inFlight: null }])),
      requests: [] as { id: string; profile: string }[],
      checks: [] as { id: string; profile: string }[],
    };
    let stop = false;
    const loop = (fn: (n: number) => Promise<void>) =>
      (async () => {
        for (let n = 0; !stop; n++) {
          try {
            await fn(n);
          } catch {
            return; // the process is gone
          }
        }
      })();
    const writers = [
      ...[0, 1].map((w) =>
        loop(async (n) => {
          const res = await first.api('POST', '/4.0/profiles', individual(`Load${w}x${n}`, 'Crash'));
          if (res.status === 200) acked.profiles.push(res.body.id);
        }),
      ),
      ...owned.map((pid) =>
        loop(async (n) => {
          const slot = acked.data.get(pid)!;
          slot.inFlight = n;
          const res = await first.api('POST', `/4.0/profiles/${pid}/collected_data`, { ...individual('Owner', 'Crash').collected_data, customer_ref: `v${n}` });
          if (res.status === 200) slot.acked = n;
          slot.inFlight = null;
        }),
      ),
      loop(async (n) => {
        const p = await first.api('POST', '/4.0/profiles', individual(`Requested${n}`, 'Crash'));
        if (p.status !== 200) return;
        acked.profiles.push(p.body.id);
        const res = await first.api('POST', `/4.0/forms/profile/${p.body.id}/customer_request`, {
          type: 'FLOW',
          flow_template: { alias: 'individual_registration' },
          theme: { alias: 'default' },
        });
        if (res.status === 200) acked.requests.push({ id: res.body.id, profile: p.body.id });
      }),
      loop(async (n) => {
        const pid = owned[n % owned.length]!;
        const res = await first.api('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: n % 2 ? 'PEPS_AND_SANCTIONS_SCREEN' : 'IDENTITY_CHECK' });
        if (res.status === 200) acked.checks.push({ id: res.body.id, profile: pid });
      }),
    ];
    const total = () => acked.profiles.length + acked.requests.length + acked.checks.length + [...acked.data.values()].reduce((n, s) => n + s.acked + 1, 0);
    await waitFor(() => total() >= 150 && receiver!.accepted().length >= 10, 'mixed load under way', 60_000);
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(await first.exited).toBeNull();
    const deliveredBeforeKill = firstSeen(receiver.accepted().map((e) => e.id));
    receiver.answer = () => ok;

    const second = await start(dir);
    // Checks started before the kill finish on the workspace clock: stop it, so the outbox holds still while it is compared.
    expect((await second.api('POST', '/__sandbox/clock/freeze')).status).toBe(200);
    const missing: string[] = [];
    for (const id of acked.profiles) if ((await second.api('GET', `/4.0/profiles/${id}`)).status !== 200) missing.push(`profile ${id}`);
    for (const [pid, slot] of acked.data) {
      const ref = (await second.api('GET', `/4.0/profiles/${pid}/collected_data`)).body.customer_ref;
      // The last acknowledged value, or the one in flight at the kill if its commit made it to the journal.
      const allowed = [`v${slot.acked}`, ...(slot.inFlight !== null ? [`v${slot.inFlight}`] : [])];
      if (slot.acked >= 0 && !allowed.includes(ref)) missing.push(`collected data of ${pid}: ${ref}, expected one of ${allowed.join(', ')}`);
    }
    for (const r of acked.requests) if ((await second.api('GET', `/__sandbox/customer-requests/${r.id}`)).status !== 200) missing.push(`request ${r.id}`);
    for (const c of acked.checks) if ((await second.api('GET', `/4.0/profiles/${c.profile}/checks/${c.id}`)).status !== 200) missing.push(`check ${c.id}`);
    expect(missing).toEqual([]);

    // Delivery resumes by itself from the stored cursor.
    await waitFor(async () => {
      const s = (await second.api('GET', '/__sandbox/webhooks/status')).body;
      return s.state === 'idle' && s.pending_events === 0 ? s : null;
    }, 'the webhook queue to drain after the restart', 60_000);
    const deliverable = ((await second.api('GET', '/__sandbox/webhooks/events')).body as { event: string }[]).map((e) => e.event);
    const outbox = await readOutbox(second.url, second.apiKey, deliverable);
    const stored = outbox.map((e) => e.id);
    expect(outbox.map((e) => e.seq)).toEqual([...outbox.map((e) => e.seq)].sort((a, b) => a - b));
    await waitFor(() => stored.every((id) => receiver!.accepted().some((e) => e.id === id)), 'every stored event at the receiver', 30_000);
    const received = firstSeen(receiver.accepted().map((e) => e.id));
    // Every stored event, in the order it was committed, none missing and none invented.
    expect(received).toEqual(stored);
    expect(deliveredBeforeKill.every((id) => stored.includes(id))).toBe(true);
    expect(deliveredBeforeKill.length).toBeLessThan(stored.length);
    console.log(`crash test: ${total()} acknowledged writes, ${stored.length} webhook events stored, ${deliveredBeforeKill.length} delivered before the kill, ${receiver.accepted().length - received.length} sent twice`);
    // Each acknowledged check committed its CHECK_COMPLETED event with it.
    const completed = new Set(outbox.filter((e) => e.type === 'CHECK_COMPLETED').map((e) => e.data.check_id));
    expect(acked.checks.filter((c) => !completed.has(c.id))).toEqual([]);
    expect(acked.profiles.length + acked.checks.length + acked.requests.length).toBeGreaterThan(60);
  }, 150_000);
});

describe('kill -9 of the inbox', () => {
  it('keeps every message the SMTP side acknowledged with 250', async () => {
    const dir = tempDir('pfs-crash-mail-');
    dirs.push(dir);
    const first = await start(dir);
    const smtp = new URL(/smtp=(\S+)/.exec(first.line)![1]!);
    const transport = nodemailer.createTransport({ host: smtp.hostname, port: Number(smtp.port), secure: false, pool: true, maxConnections: 4 });
    const acked: string[] = [];
    let stop = false;
    const senders = Array.from({ length: 4 }, (_, w) =>
      (async () => {
        for (let n = 0; !stop; n++) {
          const subject = `crash ${w}-${n}`;
          try {
            const info = await transport.sendMail({ from: 'a@example.com', to: `w${w}@example.com`, subject, text: `message ${n} of sender ${w}` });
            if (/^250 /.test(info.response)) acked.push(subject);
          } catch {
            return; // the process is gone
          }
        }
      })(),
    );
    await waitFor(() => acked.length >= 60, '60 acknowledged messages', 30_000);
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(senders);
    transport.close();
    await first.exited;

    const second = await start(dir);
    const inbox = /inbox=(\S+)/.exec(second.line)![1]!;
    const list = (await (await fetch(`${inbox}/api/v1/messages?limit=100000`)).json()) as { total: number; messages: { Subject: string }[] };
    const stored = new Set(list.messages.map((m) => m.Subject));
    expect(acked.filter((subject) => !stored.has(subject))).toEqual([]);
    // At most the messages in flight at the kill are there without their 250 having arrived.
    expect(list.total - acked.length).toBeLessThanOrEqual(4);
  }, 90_000);
});
