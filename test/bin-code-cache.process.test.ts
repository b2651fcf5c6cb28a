import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
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

describe('[process] bin code cache', () => {
  it('runs an ASCII bundle, so V8 holds its 2.5 MB source at one byte per character', () => {
    // One character beyond Latin-1 doubles it to ~7 MB for the life of the process; the build
    // escapes what it can and refuses the rest (scripts/bundle-cli.mjs).
    const bundle = fs.readFileSync(path.join(ROOT, 'dist/cli.bundle.cjs'));
    expect(bundle.findIndex((byte) => byte > 0x7f)).toBe(-1);
    expect(bundle.subarray(0, 12).toString()).toBe('(function (e');
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

  it('starts the server from the cache and loads mailparser (outside the bundle) on the first message', async () => {
    expect(fs.existsSync(CACHE)).toBe(true);
    const child = spawn(process.execPath, [BIN, '--port', '0', '--smtp-port', '0', '--inbox-port', '0', '--memory'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const { url, apiKey, line } = await whenReady(child);
      expect(await sendRequestEmail(url, apiKey, 'cas@example.com')).toBe(200);
      const inbox = /inbox=(\S+)/.exec(line)![1]!;
      await expect.poll(() => inboxRecipients(inbox), { timeout: 10_000 }).toEqual(['cas@example.com']);
      // The loaders are found from the bundle's own URL (import.meta.url in the sources).
      expect((await fetch(`${url}/onboarding`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
