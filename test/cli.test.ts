import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli, startCli, tempDir, type CliRun } from './support/process.js';

const running: CliRun[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const portArgs = ['--port', '0', '--smtp-port', '0', '--inbox-port', '0'];
async function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = await startCli([...portArgs, ...args], env);
  running.push(run);
  return run;
}
const dataDir = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};

const profileBody = (n: number) =>
  JSON.stringify({
    role: 'INDIVIDUAL_CUSTOMER',
    collected_data: { entity_type: 'INDIVIDUAL', customer_ref: `ref-${n}`, personal_details: { name: { given_names: ['P'], family_name: `N${n}` } } },
  });

async function createProfile(run: CliRun, n: number): Promise<string> {
  const res = await fetch(`${run.url}/4.0/profiles`, {
    method: 'POST',
    headers: { apikey: run.apiKey, 'content-type': 'application/json' },
    body: profileBody(n),
  });
  if (res.status !== 200) throw new Error(`POST answered ${res.status}`);
  return ((await res.json()) as { id: string }).id;
}

describe('the CLI', () => {
  it('starts on port 0, prints one ready line with its URLs and key, and answers health', async () => {
    const run = await start(['--memory']);
    expect(run.line).toMatch(/^passfort-sandbox ready http:\/\/127\.0\.0\.1:\d+ inbox=http:\/\/\S+ smtp=smtp:\/\/\S+ apikey=[0-9a-f]{46}$/);
    const health = await fetch(`${run.url}/__sandbox/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', urls: { api: run.url } });
    const whoami = await fetch(`${run.url}/4.0/whoami`, { headers: { apikey: run.apiKey } });
    expect(whoami.status).toBe(200);
  });

  it('takes the master key from PASSFORT_SANDBOX_API_KEY', async () => {
    const run = await start(['--memory'], { PASSFORT_SANDBOX_API_KEY: 'my-fixed-key-123' });
    expect(run.apiKey).toBe('my-fixed-key-123');
  });

  it('shuts down cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const run = await start(['--data-dir', dataDir()]);
      run.child.kill(signal);
      expect(await run.exited).toBe(0);
    }
  });

  it('refuses a port in use with one clear line and a non-zero exit', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { code, stderr } = await runCli(['--memory', '--port', String(port), '--smtp-port', '0', '--inbox-port', '0']);
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`port ${port}`);
      expect(stderr).toContain('already in use');
    } finally {
      blocker.close();
    }
  });

  it.each([
    [['--port', 'eighty'], '--port must be a port number'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--smtp-url', 'smtp://localhost:1025'], '--smtp-url and --inbox-url go together'],
    [['launch'], 'unknown command "launch"'],
  ])('refuses %j with one line', async (args, message) => {
    const { code, stderr } = await runCli([...args, '--memory']);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(message);
  });

  it('refuses an invalid config file, naming the path and the problem', async () => {
    const dir = dataDir();
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ expiry_days: -3, email_theme: { template: 'custom', custom_html: '<p>{{logo}}</p>' } }));
    const { code, stderr } = await runCli(['--memory', ...portArgs, '--config', file]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('expiry_days');
  });
});

describe('durability', () => {
  it('keeps data and the master key across a restart', async () => {
    const dir = dataDir();
    const first = await start(['--data-dir', dir]);
    const id = await createProfile(first, 1);
    first.child.kill('SIGTERM');
    await first.exited;
    const second = await start(['--data-dir', dir]);
    expect(second.apiKey).toBe(first.apiKey);
    const res = await fetch(`${second.url}/4.0/profiles/${id}`, { headers: { apikey: second.apiKey } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { collected_data: { customer_ref: string } }).collected_data.customer_ref).toBe('ref-1');
  });

  it('loses no acknowledged write when killed with SIGKILL during a stream of writes', async () => {
    const dir = dataDir();
    const run = await start(['--data-dir', dir]);
    const acknowledged: string[] = [];
    let n = 0;
    let stop = false;
    // Eight writers in parallel, so writes are in flight at the moment of the kill.
    const writers = Array.from({ length: 8 }, async () => {
      while (!stop) {
        try {
          acknowledged.push(await createProfile(run, n++));
        } catch {
          return; // the process is gone
        }
      }
    });
    while (acknowledged.length < 400) await new Promise((r) => setImmediate(r));
    run.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await run.exited;

    const again = await start(['--data-dir', dir]);
    const missing: string[] = [];
    for (const id of acknowledged) {
      const res = await fetch(`${again.url}/4.0/profiles/${id}`, { headers: { apikey: again.apiKey } });
      if (res.status !== 200) missing.push(id);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);
    expect(missing).toEqual([]);
    const list = (await fetch(`${again.url}/4.0/profiles?limit=1`, { headers: { apikey: again.apiKey } }).then((r) => r.json())) as { count: number };
    expect(list.count).toBeGreaterThanOrEqual(acknowledged.length);
  });
});

describe('output to a reader that stops early', () => {
  it('`scenario list | head -1`: a closed stdout ends the command quietly with its own exit code', async () => {
    const child = spawnCli(['scenario', 'list']);
    child.stdout!.destroy(); // the reader is gone before the first line is written
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
