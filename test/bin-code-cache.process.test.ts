import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ensureBuilt } from '../bench/support.js';
import { inboxRecipients, ROOT, sendRequestEmail, whenReady } from './support/process.js';

/**
 * PROCESS TEST — the published bin runs the bundled CLI with V8's code cache
 * (bin/passfort-sandbox.js): it writes the cache when it has none or V8 rejected it, keeps a cache
 * V8 accepted, and a broken cache never stops the CLI.
 */

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin/passfort-sandbox.js');
const CACHE = path.join(ROOT, 'dist/cli.bundle.v8cache');
const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

beforeAll(() => ensureBuilt(), 300_000);

/** The built CLI with test/support/loaded-at-ready.cjs, which reports what it loaded to `report`. */
function startReporting(nodeFlags: string[] = []) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-loaded-')), 'loaded.json');
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'test/support/loaded-at-ready.cjs'), ...nodeFlags, BIN, '--port', '0', '--smtp-port', '0', '--inbox-port', '0', '--memory'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PFS_LOADED_REPORT: report },
  });
  const exited = new Promise((r) => child.once('exit', r));
  return { report, child, exited };
}

describe('[process] bin code cache', () => {
  it('runs an ASCII bundle, so V8 holds its 1.4 MB source at one byte per character', () => {
    // One character beyond Latin-1 doubles it for the life of the process; the build escapes what
    // it can and refuses the rest (scripts/bundle-cli.mjs).
    const bundle = fs.readFileSync(path.join(ROOT, 'dist/cli.bundle.cjs'));
    expect(bundle.findIndex((byte) => byte > 0x7f)).toBe(-1);
    expect(bundle.subarray(0, 12).toString()).toBe('(function (e');
  });

  it('leaves out of the bundle what loads on first use, and zod\'s locales but English', () => {
    // V8 keeps the bundle's whole source for the life of the process (scripts/bundle-cli.mjs).
    const text = fs.readFileSync(path.join(ROOT, 'dist/cli.bundle.cjs'), 'latin1');
    expect(text).toContain('"node_modules/zod/v4/locales/en.js"');
    expect(text.match(/"node_modules\/zod\/v4\/locales\/[\w-]+\.js"/g)).toEqual(['"node_modules/zod/v4/locales/en.js"']);
    for (const outside of ['"node_modules/ws/', '"node_modules/nodemailer/', '"node_modules/mailparser/']) expect(text).not.toContain(outside);
    expect(text).toContain('require("ws")');
    expect(text).toContain('require("nodemailer")');
  });

  it('writes the cache on the first run, keeps an accepted one, and replaces a broken one', async () => {
    fs.rmSync(CACHE, { force: true });
    expect((await run(process.execPath, [BIN, '--version'])).stdout.trim()).toBe(version);
    const first = fs.readFileSync(CACHE);
    expect(first.length).toBeGreaterThan(100_000);

    // Accepted: not written again (the bytes would differ, since the second run compiled more).
    const before = fs.statSync(CACHE).mtimeMs;
    expect((await run(process.execPath, [BIN, '--version'])).stdout.trim()).toBe(version);
    expect(fs.statSync(CACHE).mtimeMs).toBe(before);

    // Garbage: V8 rejects it, the command still works, and a good cache takes its place.
    fs.writeFileSync(CACHE, Buffer.from('not a code cache'));
    expect((await run(process.execPath, [BIN, '--version'])).stdout.trim()).toBe(version);
    expect(fs.readFileSync(CACHE).length).toBeGreaterThan(100_000);
  }, 60_000);

  it('reads the bundle and the cache without a WebAssembly memory too (--jitless has none)', async () => {
    const kept = fs.existsSync(CACHE) ? fs.readFileSync(CACHE) : null;
    try {
      const { stdout } = await run(process.execPath, ['--jitless', BIN, '--version']);
      expect(stdout.trim()).toBe(version);
    } finally {
      // Made under other flags, the cache it wrote would be rejected by the next start: put back the one before.
      if (kept) fs.writeFileSync(CACHE, kept);
    }
  }, 60_000);

  it('starts the server without faker, which the first check output loads (from outside the bundle)', async () => {
    // faker's locale data is ~2 MB of heap that a server which has run no check does not need.
    const { report, child, exited } = startReporting();
    try {
      const { url, apiKey } = await whenReady(child);
      const loaded = JSON.parse(fs.readFileSync(report, 'utf8')) as { required: string[] };
      // The report sees the bundle's requires: node:http is there, faker is not, nor is it in the bundle.
      expect(loaded.required).toContain('node:http');
      expect(loaded.required.filter((r) => r.includes('faker'))).toEqual([]);
      expect(fs.readFileSync(path.join(ROOT, 'dist/cli.bundle.cjs'), 'latin1')).not.toContain('node_modules/@faker-js');

      // The registry check of a company completes with a made-up registered address, from faker.
      const headers = { apikey: apiKey, 'content-type': 'application/json' };
      const created = await fetch(`${url}/4.0/profiles`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ role: 'COMPANY_CUSTOMER', collected_data: { entity_type: 'COMPANY', metadata: { name: 'Acme Widgets Ltd', number: '01234567', country_of_incorporation: 'GBR' } } }),
      });
      expect(created.status).toBe(200);
      const { id } = (await created.json()) as { id: string };
      expect((await fetch(`${url}/__sandbox/clock/advance`, { method: 'POST', headers, body: JSON.stringify({ by: '1h' }) })).status).toBe(200);
      type Check = { check_type: string; state: string; output_data?: { metadata?: { addresses?: { address: { locality?: string } }[] } } };
      const checks = (await fetch(`${url}/4.0/profiles/${id}/checks`, { headers }).then((r) => r.json())) as Check[];
      const registry = checks.find((c) => c.check_type === 'COMPANY_REGISTRY');
      expect(registry?.state).toBe('COMPLETE');
      expect(registry?.output_data?.metadata?.addresses?.[0]?.address.locality).toMatch(/\w/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const atExit = JSON.parse(fs.readFileSync(`${report}.exit`, 'utf8')) as { required: string[] };
    fs.rmSync(path.dirname(report), { recursive: true, force: true });
    expect(atExit.required).toContain('@faker-js/faker/locale/en_GB');
  }, 60_000);

  it("answers API calls without Node's fetch classes (undici), and loads them when one is needed", async () => {
    // See src/net/lazy-web-globals.ts: @hono/node-server reads Request, Response and Headers as it
    // loads, which made every start evaluate undici (~33 ms and ~3.5 MB here) for answers that
    // never use it.
    const { report, child, exited } = startReporting();
    const undiciNow = async (): Promise<boolean> => {
      fs.rmSync(`${report}.now`, { force: true });
      child.kill('SIGUSR2');
      await expect.poll(() => fs.existsSync(`${report}.now`)).toBe(true);
      await expect.poll(() => fs.readFileSync(`${report}.now`, 'utf8')).toMatch(/\}$/);
      return (JSON.parse(fs.readFileSync(`${report}.now`, 'utf8')) as { builtins: string[] }).builtins.some((m) => m.includes('undici'));
    };
    try {
      const { url, apiKey } = await whenReady(child);
      const atReady = JSON.parse(fs.readFileSync(report, 'utf8')) as { builtins: string[] };
      expect(atReady.builtins).toContain('http');
      expect(atReady.builtins.filter((m) => m.includes('undici'))).toEqual([]);
      // Nor http2, which @hono/node-server imports (src/net/http2-on-demand.ts).
      expect(atReady.builtins.filter((m) => m.includes('http2'))).toEqual([]);

      const headers = { apikey: apiKey, 'content-type': 'application/json' };
      const body = JSON.stringify({ role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: ['Ada'], family_name: 'Byron' } } } });
      const created = await fetch(`${url}/4.0/profiles`, { method: 'POST', headers, body });
      expect(created.status).toBe(200);
      const { id } = (await created.json()) as { id: string };
      expect((await fetch(`${url}/4.0/profiles/${id}`, { headers })).status).toBe(200);
      const listed = (await fetch(`${url}/4.0/profiles?limit=5`, { headers }).then((r) => r.json())) as { results: { id: string }[] };
      expect(listed.results.map((p) => p.id)).toEqual([id]);
      const broken = await fetch(`${url}/4.0/profiles`, { method: 'POST', headers, body: '{' });
      expect(broken.status).toBe(400);
      expect(((await broken.json()) as { errors: { code: number }[] }).errors[0]!.code).toBe(201);
      // "got number" is read from zod's English message (the only locale the bundle keeps; without
      // it zod says "Invalid input").
      const wrongType = await fetch(`${url}/4.0/profiles`, { method: 'POST', headers, body: JSON.stringify({ role: 'INDIVIDUAL_CUSTOMER', collected_data: 5 }) });
      expect(wrongType.status).toBe(400);
      expect(((await wrongType.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain('collected_data: must be object, got number');
      expect(await undiciNow()).toBe(false);

      // A header set before the answer (the weak ETag) needs a real Headers: loaded, and right.
      const data = await fetch(`${url}/4.0/profiles/${id}/collected_data`, { headers });
      expect(data.status).toBe(200);
      expect(data.headers.get('etag')).toMatch(/^W\/"/);
      expect(((await data.json()) as { personal_details: { name: { family_name: string } } }).personal_details.name.family_name).toBe('Byron');
      expect(await undiciNow()).toBe(true);
      const again = (await fetch(`${url}/__sandbox/requests`, { headers }).then((r) => r.json())) as { entries?: unknown[] } | unknown[];
      expect(JSON.stringify(again)).toContain('/collected_data');
    } finally {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(path.dirname(report), { recursive: true, force: true });
    }
  }, 60_000);

  it('starts the server from the cache and loads mailparser (outside the bundle) on the first message', async () => {
    expect(fs.existsSync(CACHE)).toBe(true);
    const child = spawn(process.execPath, [BIN, '--port', '0', '--smtp-port', '0', '--inbox-port', '0', '--memory'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const { url, apiKey, line } = await whenReady(child);
      const inbox = /inbox=(\S+)/.exec(line)![1]!;
      // ws, outside the bundle, serves the inbox's event stream from its first client on.
      const events = new WebSocket(`${inbox.replace(/^http/, 'ws')}/api/events`);
      const frames: { Type: string }[] = [];
      events.on('message', (data) => frames.push(JSON.parse(String(data)) as { Type: string }));
      await new Promise((resolve, reject) => events.once('open', resolve).once('error', reject));
      // nodemailer, outside the bundle too, sends the request's email.
      expect(await sendRequestEmail(url, apiKey, 'cas@example.com')).toBe(200);
      await expect.poll(() => inboxRecipients(inbox), { timeout: 10_000 }).toEqual(['cas@example.com']);
      await expect.poll(() => frames.map((f) => f.Type)).toEqual(expect.arrayContaining(['stats', 'new']));
      events.close();
      // The loaders are found from the bundle's own URL (import.meta.url in the sources).
      expect((await fetch(`${url}/onboarding`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  it('optimises nothing with TurboFan before the ready line, requests as usual after it, and keeps a --no-turbofan the user gave', async () => {
    // Start-up code that TurboFan optimised kept ~6 MB of RSS in an idle server (bin/passfort-sandbox.js).
    const traced = async (flags: string[]) => {
      const child = spawn(process.execPath, ['--trace-opt', ...flags, BIN, '--port', '0', '--smtp-port', '0', '--inbox-port', '0', '--memory'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      const closed = new Promise((r) => child.stdout!.once('close', r));
      const { url, apiKey } = await whenReady(child);
      for (let i = 0; i < 300; i++) await fetch(`${url}/4.0/profiles?limit=1`, { headers: { apikey: apiKey } }).then((r) => r.arrayBuffer());
      child.kill('SIGTERM');
      await closed; // all of its output is read
      const at = out.indexOf('passfort-sandbox ready');
      const optimised = (text: string) => (text.match(/\[completed optimizing /g) ?? []).length;
      return { before: optimised(out.slice(0, at)), after: optimised(out.slice(at)) };
    };
    // The same start-up optimised 5-10 functions before the ready line without this.
    const usual = await traced([]);
    expect(usual.before).toBe(0);
    expect(usual.after).toBeGreaterThan(0);
    expect(await traced(['--no-turbofan'])).toEqual({ before: 0, after: 0 });
  }, 60_000);

  it("keeps V8's young generation within 8 MB under load, unless the user set its flags", async () => {
    // bin/passfort-sandbox.js: V8 grows it to 32 MB under load and keeps it (~28 MB of RSS).
    const newSpaceMbAfterLoad = async (nodeFlags: string[]) => {
      const { report, child, exited } = startReporting(nodeFlags);
      try {
        const { url, apiKey } = await whenReady(child);
        const headers = { apikey: apiKey, 'content-type': 'application/json' };
        const body = JSON.stringify({ role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: ['Ada'], family_name: 'Byron' } } } });
        const { id } = (await fetch(`${url}/4.0/profiles`, { method: 'POST', headers, body }).then((r) => r.json())) as { id: string };
        await Promise.all(
          Array.from({ length: 10 }, async () => {
            for (let i = 0; i < 600; i++) expect((await fetch(`${url}/4.0/profiles/${id}`, { headers }).then((r) => r.arrayBuffer())).byteLength).toBeGreaterThan(0);
          }),
        );
        child.kill('SIGUSR2');
        await expect.poll(() => fs.existsSync(`${report}.now`) && fs.readFileSync(`${report}.now`, 'utf8').endsWith('}')).toBe(true);
        return (JSON.parse(fs.readFileSync(`${report}.now`, 'utf8')) as { newSpaceBytes: number }).newSpaceBytes / 2 ** 20;
      } finally {
        child.kill('SIGTERM');
        await exited;
        fs.rmSync(path.dirname(report), { recursive: true, force: true });
      }
    };
    // The same load grows it past the cap when the user's own flag makes the bin leave it alone.
    expect(await newSpaceMbAfterLoad(['--semi-space-growth-factor=2'])).toBeGreaterThan(8);
    expect(await newSpaceMbAfterLoad([])).toBeLessThanOrEqual(8);
  }, 60_000);
});

