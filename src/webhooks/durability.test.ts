import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cliApi, killAll, startCli, tempDir, type CliApi, type CliRun } from '../../test/support/process.js';
import { firstSeen, ok, startReceiver, waitFor, type Receiver } from '../../test/support/webhook-receiver.js';
import { startWebhookSandbox } from '../../test/support/webhook-sandbox.js';
import { individual } from '../../test/support/test-app.js';

// Process tests: the outbox and the cursor must survive kill -9 of the real CLI.
const runs: CliRun[] = [];
const dirs: string[] = [];
let r: Receiver | undefined;
afterEach(async () => {
  await killAll(runs);
  await r?.close();
  r = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function start(dir: string): Promise<CliRun & { api: CliApi }> {
  const run = await startCli(['--port', '0', '--smtp-port', '0', '--inbox-port', '0', '--data-dir', dir]);
  runs.push(run);
  return { ...run, api: cliApi(run) };
}

async function kill9(run: CliRun): Promise<void> {
  run.child.kill('SIGKILL');
  expect(await run.exited).toBeNull();
}

async function trigger(api: (m: string, p: string, b?: unknown) => Promise<any>, count: number): Promise<string[]> {
  const res = await api('POST', '/__sandbox/webhooks/trigger', { event: 'TASK_STATE_CHANGED', count });
  expect(res.status).toBe(202);
  return res.body.queued.map((q: { id: string }) => q.id);
}

describe('webhook outbox durability', () => {
  it('delivers events that were pending at kill -9 after a restart, in order, with no gap', async () => {
    const dir = tempDir('pfs-wh-');
    dirs.push(dir);
    let down = true;
    r = await startReceiver(() => (down ? { kind: 'status', status: 500 } : ok));
    const first = await start(dir);
    expect((await first.api('PUT', '/__sandbox/webhooks', { url: r.url, secret: 'k' })).status).toBe(200);
    const ids = await trigger(first.api, 20);
    for (let i = 0; i < 5; i++) ids.push(...(await trigger(first.api, 1)));
    await waitFor(() => r!.calls.length >= 1, 'a first (failed) attempt');
    await kill9(first);

    down = false;
    const second = await start(dir);
    // The stored stall resumes on its own: the retry falls due a second after the failure.
    await waitFor(() => r!.accepted().length >= ids.length, 'every pending event after the restart', 20_000);
    expect(r!.accepted().map((e) => e.id)).toEqual(ids);
    const status = (await second.api('GET', '/__sandbox/webhooks/status')).body;
    expect(status).toMatchObject({ state: 'idle', pending_events: 0, delivered_events: ids.length, last_processed: { event_id: ids.at(-1) } });
    const log = (await second.api('GET', '/__sandbox/webhooks/deliveries')).body;
    expect(log[0]).toMatchObject({ ok: false, status: 500, event_ids: [ids[0]] });
    expect(log.filter((d: { ok: boolean }) => d.ok)).toHaveLength(ids.length);
  });

  it('resumes from the durable cursor after kill -9 mid-stream: every event at least once, in order, at most the in-flight one twice', async () => {
    const dir = tempDir('pfs-wh-');
    dirs.push(dir);
    r = await startReceiver(() => ({ kind: 'status', status: 200, delayMs: 2 }));
    const first = await start(dir);
    await first.api('PUT', '/__sandbox/webhooks', { url: r.url });
    const ids = await trigger(first.api, 300);
    await waitFor(() => r!.accepted().length >= 60, 'delivery under way');
    await kill9(first);
    const atKill = r!.accepted().length;
    expect(atKill).toBeLessThan(ids.length);

    await start(dir);
    await waitFor(() => firstSeen(r!.accepted().map((e) => e.id)).length >= ids.length, 'the rest after the restart', 20_000);
    const got = r!.accepted().map((e) => ids.indexOf(e.id));
    expect(firstSeen(r!.accepted().map((e) => e.id))).toEqual(ids);
    // One restart point at most, going back at most one event (the one whose 200 was not yet recorded).
    const backs = got.map((v, i) => (i > 0 ? got[i - 1]! - v : -1)).filter((d) => d >= 0);
    expect(backs.length).toBeLessThanOrEqual(1);
    expect(backs.every((d) => d <= 1)).toBe(true);
    expect(got.length - ids.length).toBeLessThanOrEqual(1);
  });
});

describe('events of a time when delivery was off', () => {
  it('are not sent later, even after kill -9', async () => {
    const dir = tempDir('pfs-wh-');
    dirs.push(dir);
    r = await startReceiver();
    const first = await start(dir);
    const profile = await first.api('POST', '/4.0/profiles', individual());
    expect((await first.api('POST', `/4.0/profiles/${profile.body.id}/collected_data`, individual('Off').collected_data)).status).toBe(200);
    // Killed right after delivery is turned on: the skipped events must already count as settled.
    const putAt = Date.parse((await first.api('GET', '/__sandbox/clock')).body.now);
    await first.api('PUT', '/__sandbox/webhooks', { url: r.url });
    await kill9(first);
    const second = await start(dir);
    const [b] = await trigger(second.api, 1);
    await waitFor(() => r!.accepted().some((e) => e.id === b), 'an event after the restart');
    // Checks started with the profile may finish later (those events are fair game); nothing from before the PUT is sent.
    expect(r!.accepted().some((e) => String(e.event).startsWith('COLLECTED_DATA'))).toBe(false);
    expect(r!.accepted().every((e) => e.timestamp >= Math.floor(putAt / 1000))).toBe(true);
  });
});

describe('webhook settings across restarts', () => {
  it('keeps a PUT over the config file until the file’s webhooks section changes', async () => {
    const dir = tempDir('pfs-wh-');
    dirs.push(dir);
    const config = (url: string) => ({ webhooks: { url, secret: 'from-file' } });
    let h = await startWebhookSandbox({ memory: false, dataDir: dir, config: config('http://a.example/hooks') });
    expect((await h.api('GET', '/__sandbox/webhooks')).body).toMatchObject({ url: 'http://a.example/hooks', source: 'config' });
    await h.api('PUT', '/__sandbox/webhooks', { url: 'http://b.example/hooks', secret: 'from-api' });
    await h.close();

    h = await startWebhookSandbox({ memory: false, dataDir: dir, config: config('http://a.example/hooks') });
    expect((await h.api('GET', '/__sandbox/webhooks')).body).toMatchObject({ url: 'http://b.example/hooks', secret: 'from-api', source: 'api' });
    expect((await h.api('GET', '/__sandbox/config')).body.webhooks.url).toBe('http://b.example/hooks');
    await h.close();

    h = await startWebhookSandbox({ memory: false, dataDir: dir, config: config('http://c.example/hooks') });
    expect((await h.api('GET', '/__sandbox/webhooks')).body).toMatchObject({ url: 'http://c.example/hooks', source: 'config' });
    await h.close();

    // The PUT is forgotten once the file won: going back to the first file gives the file's URL.
    h = await startWebhookSandbox({ memory: false, dataDir: dir, config: config('http://a.example/hooks') });
    expect((await h.api('GET', '/__sandbox/webhooks')).body).toMatchObject({ url: 'http://a.example/hooks', source: 'config' });
    await h.close();
  });
});
