import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cliApi, killAll, runCli, type CliRun } from './support/process.js';
import { journalProblems, readOnlyDataDir, smallDataDir, startCliLimited, type FaultyDir } from './support/data-dir-faults.js';
import { waitFor } from './support/webhook-receiver.js';
import { individual } from './support/test-app.js';

/**
 * The data directory failing under the real CLI: full while running, or read-only from the
 * start. (A remount read-only under a running sandbox is refused by the kernel while the journal
 * is open for writing, so "read-only" is tested at start.) A failed write is a 503 in PassFort's envelope with nothing half
 * applied, the process keeps serving, no journal file is left corrupt, and a restart on a
 * healed directory has everything that was acknowledged. See test/support/data-dir-faults.ts
 * for how the faults are made (tmpfs when this runs as root, a file-size limit otherwise).
 */

const runs: CliRun[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await killAll(runs);
  for (const c of cleanups.splice(0)) c();
});

const ports = ['--port', '0', '--smtp-port', '0', '--inbox-port', '0'];

async function start(d: FaultyDir) {
  const run = await startCliLimited([...ports, '--data-dir', d.dir], d.limitKb);
  runs.push(run);
  return { ...run, api: cliApi(run) };
}

type Started = Awaited<ReturnType<typeof start>>;

/** Writes profiles until the store refuses one; returns the acknowledged ids and the refusal. */
async function writeUntilRefused(s: Started, max = 2_000) {
  const acked: string[] = [];
  for (let i = 0; i < max; i++) {
    const res = await s.api('POST', '/4.0/profiles', individual(`Full${i}`, 'Disk'));
    if (res.status === 200) acked.push(res.body.id);
    else return { acked, refusal: res };
  }
  throw new Error(`${max} writes and no refusal`);
}

/** What every store failure must look like from the outside, and what must not have happened. */
async function expectCleanRefusal(s: Started, acked: string[], refusal: { status: number; body: any }, code: RegExp) {
  expect(refusal.status).toBe(503);
  expect(refusal.body.errors).toHaveLength(1);
  expect(refusal.body.errors[0]).toMatchObject({ code: 401, source: 'API' });
  expect(refusal.body.errors[0].message).toMatch(/^The sandbox could not save the change: could not write to the data directory .*\. Nothing was changed\.$/);
  expect(refusal.body.errors[0].message).toMatch(code);
  // Nothing half-applied: the refused profile does not exist, a retry is refused the same way.
  expect((await s.api('GET', '/4.0/profiles?limit=1')).body.count).toBe(acked.length);
  expect((await s.api('POST', '/4.0/profiles', individual('Again', 'Disk'))).status).toBe(503);
  expect((await s.api('GET', '/4.0/profiles?limit=1')).body.count).toBe(acked.length);
  // Still serving: health, reads, the control API.
  expect((await s.api('GET', '/__sandbox/health')).status).toBe(200);
  expect((await s.api('GET', `/4.0/profiles/${acked.at(-1)}`)).status).toBe(200);
  expect((await s.api('GET', '/__sandbox/webhooks/status')).status).toBe(200);
}

async function restartAndCheck(d: FaultyDir, acked: string[]) {
  expect(journalProblems(d.dir)).toEqual([]);
  const again = await start(d);
  const missing: string[] = [];
  for (const id of acked) if ((await again.api('GET', `/4.0/profiles/${id}`)).status !== 200) missing.push(id);
  expect(missing).toEqual([]);
  expect((await again.api('GET', '/4.0/profiles?limit=1')).body.count).toBe(acked.length);
  // And it writes again.
  expect((await again.api('POST', '/4.0/profiles', individual('After', 'Disk'))).status).toBe(200);
  return again;
}

describe('a full disk', () => {
  it.each(['SIGKILL', 'SIGTERM'] as const)('refuses writes with a 503, changes nothing, keeps serving; stopped with %s, a restart after freeing space has every acknowledged write', async (signal) => {
    const d = smallDataDir(256);
    cleanups.push(d.cleanup);
    const s = await start(d);
    // Webhook bookkeeping writes too: it must survive failed writes without taking the process down.
    expect((await s.api('PUT', '/__sandbox/webhooks', { url: '/__sandbox/webhook-sink/disk-full' })).status).toBe(200);
    const { acked, refusal } = await writeUntilRefused(s);
    expect(acked.length).toBeGreaterThan(3);
    await expectCleanRefusal(s, acked, refusal, d.how === 'tmpfs' ? /ENOSPC/ : /EFBIG/);
    await waitFor(async () => (await s.api('GET', '/__sandbox/webhooks/status')).body.pending_events === 0, 'the webhook queue to settle');
    expect(s.child.exitCode).toBeNull();
    expect(journalProblems(d.dir)).toEqual([]);
    s.child.kill(signal);
    const code = await s.exited;
    // A clean stop writes a snapshot, which may not fit either: then it says so and exits 1; the journal still has everything.
    if (signal === 'SIGTERM' && code !== 0) {
      expect(code).toBe(1);
      expect(s.stderr()).toMatch(/passfort-sandbox: shutdown failed: Error: (ENOSPC|EFBIG)/);
    }
    d.heal();
    await restartAndCheck(d, acked);
  }, 120_000);
});

describe('a data directory that cannot be written at start', () => {
  it('stops with one clear line and a non-zero exit', async () => {
    const ro = readOnlyDataDir();
    cleanups.push(ro.cleanup);
    const { code, stderr } = await runCli([...ports, '--data-dir', ro.dir]);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(new RegExp(`^passfort-sandbox: data directory ${ro.dir.replace(/[/.]/g, '\\$&')} is not writable \\((EROFS|ENOTDIR)\\)\\n$`));
    // Nothing was created on the way.
    expect(fs.existsSync(ro.dir) ? fs.readdirSync(ro.dir) : []).toEqual([]);
  });

  it('the same for a path that cannot be created (under a regular file)', async () => {
    const parent = fs.mkdtempSync('/tmp/pfs-notdir-');
    cleanups.push(() => fs.rmSync(parent, { recursive: true, force: true }));
    fs.writeFileSync(`${parent}/file`, 'x');
    const { code, stderr } = await runCli([...ports, '--data-dir', `${parent}/file/data`]);
    expect(code).not.toBe(0);
    expect(stderr).toBe(`passfort-sandbox: data directory ${parent}/file/data is not writable (ENOTDIR)\n`);
  });
});
