import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The peers `npm run bench:compare` measures the sandbox against, installed from npm into a
 * temporary folder at run time (never into the project's dependencies), and started as their
 * users start them. Versions are pinned so two runs compare the same code.
 */

export const PEERS = { 'json-server': '0.17.4', '@stoplight/prism-cli': '5.16.0' } as const;

/** Installs the pinned peers into `dir` (a reused folder that already has them is kept). */
export function installPeers(dir: string): void {
  const have = (name: keyof typeof PEERS) => {
    const pkg = path.join(dir, 'node_modules', name, 'package.json');
    return fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version === PEERS[name];
  };
  if (have('json-server') && have('@stoplight/prism-cli')) return;
  const specs = Object.entries(PEERS).map(([name, version]) => `${name}@${version}`);
  process.stdout.write(`installing ${specs.join(' ')} into ${dir} … `);
  const t0 = performance.now();
  execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** RSS of a process and all its descendants in MB (Linux /proc), so a tool that forks is counted whole. */
export function treeRssMb(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      /* exited meanwhile */
    }
  };
  visit(pid);
  return kb / 1024;
}

/** CPU time (ms) a process has used so far, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/**
 * Waits until a process is idle (under 5% of a core for 500 ms), at most `maxMs`: so timers a
 * load left behind run before the next tool is measured, not during its load.
 */
export async function settle(pid: number, maxMs = 30_000): Promise<void> {
  const t0 = performance.now();
  let before = cpuMs(pid);
  while (performance.now() - t0 < maxMs) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMs(pid);
    if (now - before < 25) return;
    before = now;
  }
}

export interface Peer {
  name: string;
  url: string;
  child: ChildProcess;
  /** ms from spawn to the first HTTP answer of any status. */
  firstAnswerMs: number;
  /** ms from spawn to the first 2xx on the probe URL. */
  firstGoodMs: number;
  stop(): Promise<void>;
}

export interface PeerStart {
  name: string;
  /** The script a user's `npx <bin>` would run; spawned with this Node so its pid is the server's. */
  script: string;
  args: (port: number) => string[];
  /** Path probed until it answers 2xx. */
  probe: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

/** Spawns a peer and times its first answer and its first good (2xx) answer on the probe path. */
export async function startPeer(spec: PeerStart): Promise<Peer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [spec.script, ...spec.args(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((r) => child.once('exit', (code) => ((exited = code), r())));
  let firstAnswerMs = 0;
  for (;;) {
    if (exited !== undefined) throw new Error(`${spec.name} exited with ${exited}: ${output}`);
    if (performance.now() - t0 > spec.timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} gave no good answer on ${spec.probe} within ${spec.timeoutMs / 1000} s`);
    }
    const status = await fetch(url + spec.probe, { headers: spec.headers ?? {} }).then(
      (r) => (void r.body?.cancel(), r.status),
      () => 0,
    );
    if (status && !firstAnswerMs) firstAnswerMs = performance.now() - t0;
    if (status >= 200 && status < 300) break;
    // Polled every 5 ms: the sandbox is asked as soon as it prints its ready line, a peer has to be caught.
    await new Promise((r) => setTimeout(r, 5));
  }
  const firstGoodMs = performance.now() - t0;
  return {
    name: spec.name,
    url,
    child,
    firstAnswerMs,
    firstGoodMs,
    stop: async () => {
      if (exited === undefined) child.kill('SIGTERM');
      await Promise.race([exit, new Promise((r) => setTimeout(r, 5000))]);
      if (exited === undefined) child.kill('SIGKILL');
      await exit;
    },
  };
}

/** json-server on a db file seeded with `records` profiles (the body a client would POST, plus an id). */
export function jsonServerSpec(peersDir: string, dbFile: string): PeerStart {
  return {
    name: 'json-server',
    script: path.join(peersDir, 'node_modules/json-server/lib/cli/bin.js'),
    // --quiet: no log line per request, as the sandbox writes none (logging would slow it unfairly).
    args: (port) => [dbFile, '--port', String(port), '--host', '127.0.0.1', '--quiet'],
    probe: '/profiles?_limit=1',
    timeoutMs: 120_000,
  };
}

export function seedJsonServer(dbFile: string, records: number, body: (i: number) => string): string[] {
  const profiles = Array.from({ length: records }, (_, i) => ({ id: `seed-${i}`, ...(JSON.parse(body(i)) as object) }));
  fs.writeFileSync(dbFile, JSON.stringify({ profiles }));
  return profiles.map((p) => p.id);
}

/**
 * Prism mocking PassFort's OpenAPI file. Its profile routes never answer 2xx on this schema
 * (see the docs), so readiness is probed on the first route of the file it can mock
 * (`GET /address/search`); the profile routes are then measured like everyone else's.
 */
export function prismSpec(peersDir: string, openapi: string, apiKey: string): PeerStart {
  return {
    name: 'Prism',
    script: path.join(peersDir, 'node_modules/@stoplight/prism-cli/dist/index.js'),
    // -v warn: no log line per request, as above.
    args: (port) => ['mock', openapi, '--port', String(port), '--host', '127.0.0.1', '-v', 'warn'],
    probe: '/address/search?address=bench&country_code=GBR',
    headers: { apikey: apiKey },
    timeoutMs: 300_000,
  };
}

export const tempFolder = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
