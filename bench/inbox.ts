import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { SMTPServer } from 'smtp-server';
import { startInbox } from '../src/inbox/server.js';

/**
 * The inbox: SMTP ingest rate through a pool of connections (target ≥ 300 messages/s; Mailpit's
 * README claims 200–300/s), against a baseline smtp-server that throws every message away, in
 * the same run; search latency with 500 stored messages; and how long a request email takes
 * from the unit of work that queues it to the inbox.
 */

const MESSAGES = 1000;
/** Each rate is measured this many times: the median and the best are printed (shared machines are noisy). */
const ROUNDS = 3;
const CONNECTIONS = 8;

/** Sends `count` messages from a worker thread; resolves with messages per second. */
async function ingest(port: number, count: number): Promise<number> {
  const worker = new Worker(new URL('./inbox-smtp-client.mjs', import.meta.url), { workerData: { port, count, connections: CONNECTIONS } });
  const { ms, failed } = await new Promise<{ ms: number; failed: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (failed) throw new Error(`${failed} of ${count} messages were refused`);
  return count / (ms / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (rates: number[]) => `median ${median(rates).toFixed(0)}/s, best ${Math.max(...rates).toFixed(0)}/s`;

async function baselineRate(): Promise<number> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      stream.on('data', () => {});
      stream.on('end', () => cb());
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const rate = await ingest((server.server.address() as AddressInfo).port, MESSAGES);
  await new Promise<void>((r) => server.close(() => r()));
  return rate;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;

export async function run(): Promise<void> {
  const baselines: number[] = [];
  for (let r = 0; r < ROUNDS; r++) baselines.push(await baselineRate());
  const baseline = median(baselines);
  console.log(`baseline smtp-server that discards mail: ${summary(baselines)} (${MESSAGES} messages, ${CONNECTIONS} connections, client in a worker)`);

  for (const mode of ['disk', 'memory'] as const) {
    const rates: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const dir = mode === 'disk' ? fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-inbox-bench-')) : undefined;
      const inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 'bench', maxMessages: 500, ...(dir ? { dataDir: dir } : {}) });
      rates.push(await ingest(inbox.smtpPort, MESSAGES));
      await inbox.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
    const m = median(rates);
    console.log(
      `inbox ingest (${mode}, retention 500): ${summary(rates)}, ${((m / baseline) * 100).toFixed(0)}% of the baseline — ` +
        `target ≥ 300/s: ${m >= 300 ? 'met' : Math.max(...rates) >= 300 ? 'met at best, not at the median' : 'NOT MET'}`,
    );
  }

  // Search latency with 500 stored messages, over HTTP as a client sees it.
  const inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 'bench', maxMessages: 500 });
  await ingest(inbox.smtpPort, 600);
  const base = `http://127.0.0.1:${inbox.httpPort}`;
  console.log(`search with ${inbox.mailbox.all().length} stored messages (HTTP round trip, 200 runs each):`);
  for (const query of ['invoice', 'to:user599', 'tag:ws-bench3 is:unread', 'from:sender2 -subject:update has:attachment', '"hello from the benchmark"', 'after:2020-01-01 larger:1kb']) {
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/search?limit=50&query=${encodeURIComponent(query)}`);
      count = ((await res.json()) as { messages_count: number }).messages_count;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${JSON.stringify(query).padEnd(48)} ${String(count).padStart(3)} hits  p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}`);
  }
  await inbox.close();

  // The request email: from the unit of work that queues it to the message in the inbox.
  const { createSandbox } = await import('../src/sandbox.js');
  const { queueEmail } = await import('../src/domain/emails.js');
  const sb = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, memory: true, config: {} });
  const latencies: number[] = [];
  for (let i = 0; i < 30; i++) {
    const before = sb.inbox!.mailbox.all().length;
    const t0 = performance.now();
    sb.registry.default.run((ctx) => queueEmail(ctx, { request_id: `r${i}`, profile_id: 'p', to: `c${i}@example.test`, message: null, request_apikey: 'k' }));
    while (sb.inbox!.mailbox.all().length === before) await new Promise((r) => setImmediate(r));
    latencies.push(performance.now() - t0);
  }
  await sb.close();
  latencies.sort((a, b) => a - b);
  console.log(`request email, queued → in the inbox (30 runs): p50 ${ms(pct(latencies, 50))}, max ${ms(latencies.at(-1)!)} — target < 1000 ms: ${latencies.at(-1)! < 1000 ? 'met' : 'NOT MET'}`);
}
