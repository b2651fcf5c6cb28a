import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureBuilt, fmt, startSandbox, table } from './support.js';

/**
 * Webhook delivery on loopback, against the built CLI with a durable data directory, to a bare
 * node:http receiver in this process:
 * - event-to-receiver latency: from sending `POST /__sandbox/webhooks/trigger` (one event) to the
 *   envelope arriving, one event at a time, without and with batching;
 * - throughput: events/s and POSTs/s for a backlog of events, without and with batching.
 * Baseline: the same receiver driven by a bare keep-alive node:http client in another process,
 * one POST at a time (the ceiling for unbatched, strictly ordered delivery on this machine).
 * Targets (issue 5): p50 ≤ 20 ms; ≥ 1,000 events/s batched.
 */

interface Receiver {
  url: string;
  /** Arrival time (performance.now) of each event id. */
  arrived: Map<string, number>;
  posts: number;
  waitFor(id: string): Promise<number>;
  waitForCount(n: number): Promise<number>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const arrived = new Map<string, number>();
  const waiters = new Map<string, (t: number) => void>();
  let countWaiter: { n: number; resolve: (t: number) => void } | null = null;
  const r = { arrived, posts: 0 } as Receiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const t = performance.now();
      r.posts++;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string } | { id: string }[];
      for (const env of Array.isArray(body) ? body : [body]) {
        if (!arrived.has(env.id)) arrived.set(env.id, t);
        waiters.get(env.id)?.(t);
        waiters.delete(env.id);
      }
      if (countWaiter && arrived.size >= countWaiter.n) {
        countWaiter.resolve(t);
        countWaiter = null;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 });
      res.end('{}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  r.waitFor = (id) => {
    const t = arrived.get(id);
    return t !== undefined ? Promise.resolve(t) : new Promise((resolve) => waiters.set(id, resolve));
  };
  r.waitForCount = (n) => (arrived.size >= n ? Promise.resolve(performance.now()) : new Promise((resolve) => (countWaiter = { n, resolve })));
  r.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Sequential POSTs with a keep-alive agent from a child process (the sandbox, too, sends from
 * another process than the receiver's): what one ordered stream can do on this machine.
 */
async function baseline(url: string, n: number): Promise<number> {
  const code = `
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (i) => new Promise((resolve, reject) => {
      const body = JSON.stringify({ id: 'base-' + i, event: 'CHECK_COMPLETED', secret: 's', timestamp: 0, data: { profile_id: 'p' } });
      const req = http.request(${JSON.stringify(url)}, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
    (async () => {
      const t0 = performance.now();
      for (let i = 0; i < ${n}; i++) await post(i);
      process.stdout.write(String(performance.now() - t0));
      agent.destroy();
    })();`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  await new Promise((resolve) => child.once('exit', resolve));
  return n / (Number(out) / 1000);
}

export async function run(): Promise<void> {
  ensureBuilt();
  const sb = await startSandbox();
  const headers = { apikey: sb.apiKey, 'content-type': 'application/json' };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(sb.url + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<any>;
  };
  const trigger = async (count: number): Promise<string[]> =>
    (await api('POST', '/__sandbox/webhooks/trigger', { event: 'CHECK_COMPLETED', count })).queued.map((q: { id: string }) => q.id);

  const rows: Record<string, string | number>[] = [];
  const targets: string[] = [];
  try {
    const base = await startReceiver();
    const baseRate = await baseline(base.url, 3000);
    await base.close();

    for (const batching of [false, true]) {
      const r = await startReceiver();
      await api('PUT', '/__sandbox/webhooks', { url: r.url, secret: 'bench', batching });
      // Latency: one event at a time, so nothing queues behind another.
      const samples: number[] = [];
      for (let i = 0; i < (batching ? 100 : 500); i++) {
        const t0 = performance.now();
        const [id] = await trigger(1);
        samples.push((await r.waitFor(id!)) - t0);
      }
      samples.sort((a, b) => a - b);
      // Throughput: a backlog of events queued in chunks of 1,000 (one commit each).
      const n = batching ? 20_000 : 5_000;
      const before = r.arrived.size;
      const postsBefore = r.posts;
      const t0 = performance.now();
      for (let done = 0; done < n; done += 1000) await trigger(1000);
      const tEnd = await r.waitForCount(before + n);
      const secs = (tEnd - t0) / 1000;
      const eventsPerSec = n / secs;
      const postsPerSec = (r.posts - postsBefore) / secs;
      rows.push({
        mode: batching ? 'batched (≤100 per POST, 50 ms window)' : 'one event per POST',
        'latency p50 ms': fmt(pct(samples, 50), 1),
        'latency p99 ms': fmt(pct(samples, 99), 1),
        'events/s': fmt(eventsPerSec),
        'POSTs/s': fmt(postsPerSec),
        'of baseline POSTs/s': `${fmt((100 * postsPerSec) / baseRate)}%`,
      });
      if (!batching) targets.push(`latency p50 ${fmt(pct(samples, 50), 1)} ms (target ≤ 20 ms): ${pct(samples, 50) <= 20 ? 'met' : 'MISSED'}`);
      else targets.push(`batched ${fmt(eventsPerSec)} events/s (target ≥ 1,000): ${eventsPerSec >= 1000 ? 'met' : 'MISSED'}`);
      await api('PUT', '/__sandbox/webhooks', { url: null });
      await r.close();
    }
    console.log(`baseline (bare keep-alive node:http client in a child process, one POST at a time): ${fmt(baseRate)} POSTs/s`);
    table(rows);
    for (const t of targets) console.log(t);
  } finally {
    await sb.stop();
  }
}
