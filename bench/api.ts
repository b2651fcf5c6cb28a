import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, fmt, load, rssMb, startBaseline, startSandbox, table, type LoadResult } from './support.js';

/**
 * POST and GET /4.0/profiles with 100 and with 10,000 stored profiles, concurrency 10, on
 * loopback, against the built CLI with a durable data directory. The baseline is a bare
 * node:http server on the same machine in the same run: every figure is also shown as a share
 * of it. Targets (issue 2): POST ≥ 2,000/s at 10,000 with write(10k)/write(100) ≥ 0.7;
 * GET ≥ 5,000/s; ready ≤ 1 s; idle memory ≤ 150 MB.
 */

export const profileBody = (i: number) =>
  JSON.stringify({
    role: 'INDIVIDUAL_CUSTOMER',
    collected_data: {
      entity_type: 'INDIVIDUAL',
      customer_ref: `bench-${i}`,
      personal_details: { name: { given_names: ['Bench'], family_name: `Person${i}` }, dob: '1990-01-01', nationality: 'GBR' },
      contact_details: { email: `bench${i}@example.com` },
      address_history: [{ address: { type: 'STRUCTURED', country: 'GBR', locality: 'London', postal_code: 'EC1A 1BB', route: 'Long Lane', street_number: '1' } }],
    },
  });

export async function fill(url: string, apiKey: string, target: number, current: number): Promise<void> {
  if (target <= current) return;
  let i = current;
  await load({
    url: `${url}/4.0/profiles`,
    amount: target - current,
    connections: 20,
    requests: [{ method: 'POST', headers: { apikey: apiKey, 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: profileBody(i++) }) }],
  });
}

interface Variant {
  label: string;
  args: string[];
}

async function measure(variant: Variant, baseRps: number) {
  const sb = await startSandbox(variant.args);
  const idleMb = rssMb(sb.child.pid!);
  const headers = { apikey: sb.apiKey, 'content-type': 'application/json' };
  const rows: Record<string, string | number>[] = [];
  const results: Record<string, LoadResult> = {};
  let stored = 0;
  let seq = 1_000_000;
  for (const size of [100, 10_000]) {
    await fill(sb.url, sb.apiKey, size, stored);
    stored = size;
    // The built-in config finishes a check 3 s after each new profile: reads are measured on the
    // stored profiles at rest, not while the last ~2,000 of those complete (as bench:compare does).
    await new Promise((r) => setTimeout(r, 3_500));
    const list = await fetch(`${sb.url}/4.0/profiles?limit=1`, { headers }).then((r) => r.json() as Promise<{ results: { id: string }[] }>);
    const someId = list.results[0]!.id;
    const get = await load({ url: `${sb.url}/4.0/profiles/${someId}`, headers });
    // The same profile over and over is what the read cache serves best: also every stored
    // profile in turn, most of them not in the cache (it keeps 2,000).
    const ids: string[] = [];
    for (let offset = 0; offset < size; offset += 200) {
      const page = (await fetch(`${sb.url}/4.0/profiles?limit=200&offset=${offset}`, { headers }).then((r) => r.json())) as { results: { id: string }[] };
      ids.push(...page.results.map((p) => p.id));
    }
    let next = 0;
    const getMany = await load({
      url: `${sb.url}/4.0/profiles/${someId}`,
      headers,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/4.0/profiles/${ids[next++ % ids.length]}` }) }],
    });
    const list50 = await load({ url: `${sb.url}/4.0/profiles`, headers });
    const post = await load({
      url: `${sb.url}/4.0/profiles`,
      method: 'POST',
      headers,
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: profileBody(seq++) }) }],
    });
    stored += post.requests;
    results[`post${size}`] = post;
    for (const [name, r] of [
      [`POST /4.0/profiles @${fmt(size)}`, post],
      [`GET /4.0/profiles/{id} @${fmt(size)}`, get],
      [`GET /4.0/profiles/{id} @${fmt(size)}, every id in turn`, getMany],
      [`GET /4.0/profiles (50) @${fmt(size)}`, list50],
    ] as const) {
      rows.push({
        operation: name,
        'req/s': fmt(r.rps),
        'p50 ms': fmt(r.p50, 1),
        'p99 ms': fmt(r.p99, 1),
        'of baseline': `${fmt((100 * r.rps) / baseRps, 0)}%`,
        errors: r.errors + r.non2xx,
      });
    }
  }
  const loadedMb = rssMb(sb.child.pid!);
  await sb.stop();
  console.log(`\n${variant.label}`);
  table(rows);
  const ratio = results.post10000!.rps / results.post100!.rps;
  console.log(`write-rate(10k)/write-rate(100): ${fmt(ratio, 2)}  (target ≥ 0.70)`);
  console.log(`ready line after ${fmt(sb.readyMs)} ms, first good answer after ${fmt(sb.firstAnswerMs)} ms (target ≤ 1,000 ms)`);
  console.log(`memory: idle ${fmt(idleMb)} MB (target ≤ 150), after ${fmt(stored)} profiles ${fmt(loadedMb)} MB`);
}

export async function run(): Promise<void> {
  ensureBuilt();
  const baseline = await startBaseline();
  const base = await load({ url: `${baseline.url}/`, method: 'GET' });
  await baseline.close();
  console.log(`baseline (bare node:http, GET, c=10): ${fmt(base.rps)} req/s, p99 ${fmt(base.p99, 1)} ms`);
  // The first start after a build compiles without V8's code cache and writes it (see
  // bin/passfort-sandbox.js): shown apart, so each variant's ready figures are those of any later start.
  const first = await startSandbox();
  await first.stop();
  console.log(`first start after a build or with no code cache: ready line after ${fmt(first.readyMs)} ms, first good answer after ${fmt(first.firstAnswerMs)} ms (not a variant's figure)`);

  // The default config applies a product to every new profile: an application, two tasks,
  // two checks (one async, finishing 3 s later), seven audit items and eleven events per
  // POST. The second variant has no products, so a POST is the profile and its storage only.
  const cfgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-bench-cfg-'));
  const noProducts = path.join(cfgDir, 'config.json');
  fs.writeFileSync(noProducts, JSON.stringify({ products: [] }));
  try {
    await measure({ label: 'default config (smart policy on every profile)', args: [] }, base.rps);
    await measure({ label: 'no products (the profile and its storage only)', args: ['--config', noProducts] }, base.rps);
  } finally {
    fs.rmSync(cfgDir, { recursive: true, force: true });
  }
}
