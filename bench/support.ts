import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { whenReady } from '../test/support/process.js';

/** Shared pieces of the benchmarks: starting the built CLI, load generation, formatting. */

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Builds dist/ when it is missing or older than the sources, so we time what users run. */
export function ensureBuilt(): void {
  const cli = path.join(ROOT, 'dist/cli.bundle.cjs'); // what bin/passfort-sandbox.js runs
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < newest(path.join(ROOT, 'src'))) {
    process.stdout.write('building dist/ … ');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    console.log('done');
  }
}

export interface Started {
  child: ChildProcess;
  url: string;
  apiKey: string;
  /** ms from spawn to the ready line. */
  readyMs: number;
  /** ms from spawn to the first good answer of /__sandbox/health. */
  firstAnswerMs: number;
  /**
   * ms from spawn to the first good answer that reads stored data (`GET /4.0/profiles?limit=1`,
   * what bench:compare asks json-server too): collections are read on first use, so with data
   * this is later than the health answer.
   */
  firstDataMs: number;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startSandbox(extraArgs: string[] = []): Promise<Started> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-bench-'));
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/passfort-sandbox.js'), '--port', '0', '--smtp-port', '0', '--inbox-port', '0', '--data-dir', dataDir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const { url, apiKey } = await whenReady(child);
  const readyMs = performance.now() - t0;
  for (;;) {
    const ok = await fetch(`${url}/__sandbox/health`).then((r) => r.ok, () => false);
    if (ok) break;
  }
  const firstAnswerMs = performance.now() - t0;
  const list = await fetch(`${url}/4.0/profiles?limit=1`, { headers: { apikey: apiKey } });
  await list.arrayBuffer();
  if (!list.ok) throw new Error(`GET /4.0/profiles?limit=1 answered ${list.status}`);
  const firstDataMs = performance.now() - t0;
  return {
    child,
    url,
    apiKey,
    readyMs,
    firstAnswerMs,
    firstDataMs,
    dataDir,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** RSS of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: 10, ...(opts.amount ? {} : { duration: 5 }), ...opts });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

/** A bare node:http server answering a fixed JSON body: the ceiling of this machine. */
export async function startBaseline(): Promise<{ url: string; close(): Promise<void> }> {
  const body = JSON.stringify({ status: 'ok' });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export function table(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => String(r[c] ?? '')));
  const width = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(width[i]!)).join('  ');
  console.log(line(cols));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of cells) console.log(line(r));
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
