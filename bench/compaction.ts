import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fill, profileBody } from './api.js';
import { ensureBuilt, fmt, load, startBaseline, startSandbox, table, type LoadResult } from './support.js';

/**
 * `npm run bench compaction`: how long a compaction keeps the sandbox from answering.
 *
 * The sandbox restarts on 10,000 profiles (built-in config), then takes POST /4.0/profiles for
 * 30 s at c=10: ~270 MB of journal, past the point where the store compacts (twice the snapshot,
 * ~90 MB here). A second client reads GET /__sandbox/health every 50 ms throughout. Printed: the
 * compactions that fell in the window (journal generations), the POSTs' p99 and longest answer,
 * and the longest probe. The baseline is the same load and probe against a bare node:http server
 * in the same run: the longest answer that this machine's scheduling alone produces.
 */

const SECONDS = 30;
const PROFILES = 10_000;

interface Window {
  post: LoadResult & { max: number };
  probeMax: number;
}

/** POSTs for SECONDS with a health probe every 50 ms beside them. */
async function window(postUrl: string, probeUrl: string, headers: Record<string, string>): Promise<Window> {
  let seq = 3_000_000;
  let stop = false;
  let probeMax = 0;
  const probing = (async () => {
    while (!stop) {
      const t = performance.now();
      await fetch(probeUrl).then((r) => r.arrayBuffer());
      probeMax = Math.max(probeMax, performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  let max = 0;
  const post = await load({
    url: postUrl,
    method: 'POST',
    headers,
    duration: SECONDS,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: profileBody(seq++) }) }],
    // autocannon's own histogram rounds; the longest answer is what this bench is about.
    setupClient: (client) => client.on('response', (_status: number, _bytes: number, ms: number) => (max = Math.max(max, ms))),
  });
  stop = true;
  await probing;
  return { post: { ...post, max }, probeMax };
}

const generation = (dir: string) => Math.max(0, ...fs.readdirSync(dir).map((f) => Number(/^journal-(\d+)\.jsonl$/.exec(f)?.[1] ?? 0)));

export async function run(): Promise<void> {
  ensureBuilt();
  const baseline = await startBaseline();
  const base = await window(`${baseline.url}/`, `${baseline.url}/`, { 'content-type': 'application/json' });
  await baseline.close();

  // A directory of its own: stop() removes the one startSandbox made, which this overrides.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-bench-compaction-'));
  const filled = await startSandbox(['--data-dir', dir]);
  await fill(filled.url, filled.apiKey, PROFILES, 0);
  await filled.stop();
  const sb = await startSandbox(['--data-dir', dir]);
  try {
    const before = generation(dir);
    const headers = { apikey: sb.apiKey, 'content-type': 'application/json' };
    const w = await window(`${sb.url}/4.0/profiles`, `${sb.url}/__sandbox/health`, headers);
    const compactions = generation(dir) - before;
    console.log(`\n${SECONDS} s of POST /4.0/profiles at c=10 on ${fmt(PROFILES)} profiles (built-in config), a health probe every 50 ms`);
    table([
      { server: 'bare node:http (baseline)', 'req/s': fmt(base.post.rps), 'p99 ms': fmt(base.post.p99), 'longest answer ms': fmt(base.post.max), 'longest probe ms': fmt(base.probeMax), compactions: '' },
      { server: 'sandbox', 'req/s': fmt(w.post.rps), 'p99 ms': fmt(w.post.p99), 'longest answer ms': fmt(w.post.max), 'longest probe ms': fmt(w.probeMax), compactions: compactions },
    ]);
    console.log(`longest answer: ${fmt(w.post.max / Math.max(1, base.post.max), 1)} × the baseline's; longest probe ${fmt(w.probeMax / Math.max(1, base.probeMax), 1)} ×`);
    if (compactions === 0) console.log('no compaction fell in the window: the figures above do not show one (the journal did not outgrow twice the snapshot)');
  } finally {
    await sb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
