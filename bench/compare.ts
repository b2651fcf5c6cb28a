import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fill, profileBody } from './api.js';
import { combine, ComparisonTable, loadCells, medianCell, type Cell, type Measured, type Row } from './compare-table.js';
import { installPeers, jsonServerSpec, prismSpec, seedJsonServer, settle, startPeer, tempFolder, treeRssMb, type Peer } from './peers.js';
import { timeStarts } from './starts.js';
import { ensureBuilt, fmt, load, ROOT, startSandbox, type LoadResult, type Started } from './support.js';

/**
 * `npm run bench:compare [-- path/to/passfort-openapi-4.0.0.json] [--peers DIR] [--duration S] [--rounds N] [--config PATH]`
 * (`--peers` reuses an install folder; `--config` is passed to the sandbox, default: its built-in config).
 *
 * The sandbox against its peers, measured back to back in one run on one machine:
 * - json-server (a stateful JSON mock on lowdb), its db file seeded with a `profiles` collection;
 * - Prism (`prism mock` of PassFort's own OpenAPI file: stateless, examples from the schema).
 * Every tool gets the same autocannon load (c=10, same duration), the same headers and the same
 * profile body. The machine this runs on is shared, so every load line is measured in `--rounds`
 * rounds (3) with the tools taking turns, and start-ups at least five times, taking turns too,
 * after one start each that is reported apart (bench/starts.ts): the median is shown. A tool that answers errors fast is not faster: throughput counts 2xx answers only, and
 * non-2xx are shown on their own line. Ratios are sandbox/peer.
 */

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const peersDirArg = flag('--peers');
const duration = Number(flag('--duration') ?? 5);
/** Each load line and each start-up is measured this many times, tools taking turns; the median is shown. */
const rounds = Math.max(1, Number(flag('--rounds') ?? 3));
// Start-ups are cheap and noisier than a 5 s load: at least five of each.
const startTimes = Math.max(5, rounds);
const sandboxConfig = flag('--config');
const sandboxArgs = (dir: string) => ['--data-dir', dir, ...(sandboxConfig ? ['--config', path.resolve(sandboxConfig)] : [])];
/** The default config finishes a check 3 s after each new profile: let those land before measuring anything else. */
const CHECK_DELAY_MS = 3_500;
/**
 * Memory after start is read this long after each start's first good answer, the same for every
 * tool. It used to be read later in the run, after the sandbox's 100 writes, while json-server had
 * idled through Prism's ~55 s start; V8 shrinks an idle heap ~8 s after start-up (json-server
 * 69-70 -> 59 MB), so the two were not read in the same state.
 */
const MEMORY_AFTER_MS = 2_000;
/** And once more, for the last start of each tool, when V8 has shrunk its idle heap. */
const MEMORY_IDLE_MS = 12_000;
/** RSS of a tool as a table cell, read once. */
const rssCell = (pid: number): Cell => {
  const mb = treeRssMb(pid);
  return { value: mb, text: fmt(mb) };
};
const memoryAfterStart = async (pid: number) => {
  await new Promise((r) => setTimeout(r, MEMORY_AFTER_MS));
  return treeRssMb(pid);
};
if (args.some((a) => a.startsWith('-')) || args.length > 1) {
  console.error('usage: npm run bench:compare [-- path/to/passfort-openapi-4.0.0.json] [--peers DIR] [--duration S] [--rounds N] [--config PATH]');
  process.exit(2);
}
const openapi = path.resolve(args[0] ?? path.join(ROOT, '../shared/reference/passfort-openapi-4.0.0.json'));
const SIZES = [100, 10_000] as const;
const PEER_KEY = 'bench-key-0001';
/** Any UUID: Prism is stateless, it has no stored profile to find. */
const PRISM_ID = '0f1e2d3c-4b5a-4697-8877-665544332211';

type Op = 'read' | 'write';
interface Tool {
  name: string;
  /** Base of the profile routes: `…/4.0` for the sandbox, the root for the peers. */
  base: string;
  headers: Record<string, string>;
  readId: string;
  pid: number;
  stateless?: boolean;
}

let seq = 1_000_000;
const report = new ComparisonTable();
const dirBytes = (dir: string): number =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? dirBytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const goodRps = (r: LoadResult) => (r.requests ? (r.rps * (r.requests - r.non2xx)) / r.requests : 0);

/** One request like the load's, to name the error a peer answers (the load only counts them). */
async function sample(tool: Tool, op: Op): Promise<string | undefined> {
  const res = await fetch(op === 'read' ? `${tool.base}/profiles/${tool.readId}` : `${tool.base}/profiles`, {
    method: op === 'read' ? 'GET' : 'POST',
    headers: { ...tool.headers, 'content-type': 'application/json' },
    ...(op === 'write' ? { body: profileBody(seq++) } : {}),
  });
  const text = await res.text();
  if (res.ok) return undefined;
  let title = text.slice(0, 80);
  try {
    const body = JSON.parse(text) as { title?: string; errors?: { message?: string }[] };
    title = body.title ?? body.errors?.[0]?.message ?? title;
  } catch {
    /* not JSON */
  }
  return `${res.status} ${title}`;
}

async function measure(tool: Tool, op: Op, warm: boolean): Promise<Measured> {
  const headers = { ...tool.headers, 'content-type': 'application/json' };
  const first = warm ? await sample(tool, op) : undefined;
  const run = (seconds: number) =>
    op === 'read'
      ? load({ url: `${tool.base}/profiles/${tool.readId}`, headers, duration: seconds })
      : load({
          url: `${tool.base}/profiles`,
          method: 'POST',
          headers,
          duration: seconds,
          requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: profileBody(seq++) }) }],
        });
  if (warm) {
    // One second of the same load first, not counted: whichever tool goes first would otherwise
    // pay for V8 warming up its code path.
    await run(1);
    if (op === 'write') await new Promise((r) => setTimeout(r, CHECK_DELAY_MS));
    await settle(tool.pid);
  }
  const r = await run(duration);
  return { load: r, goodRps: goodRps(r), ...(first ? { sample: first } : {}) };
}

/** POST a profile, then GET it by the id the POST returned: a stateful mock gives back what it stored. */
async function createThenRead(tool: Tool): Promise<{ text: string; ms: number | null }> {
  const ref = `create-read-${seq++}`;
  const body = JSON.parse(profileBody(seq)) as { collected_data: { customer_ref: string } };
  body.collected_data.customer_ref = ref;
  const t0 = performance.now();
  const post = await fetch(`${tool.base}/profiles`, {
    method: 'POST',
    headers: { ...tool.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const created = (await post.json().catch(() => ({}))) as { id?: string; title?: string };
  if (!post.ok || !created.id) return { text: `cannot: POST → ${post.status}${created.title ? ` ${created.title}` : ''}`, ms: null };
  const get = await fetch(`${tool.base}/profiles/${created.id}`, { headers: tool.headers });
  const read = (await get.json().catch(() => ({}))) as { collected_data?: { customer_ref?: string }; title?: string };
  const ms = performance.now() - t0;
  if (!get.ok) return { text: `cannot: GET → ${get.status}${read.title ? ` ${read.title}` : ''}`, ms: null };
  if (read.collected_data?.customer_ref !== ref) return { text: 'read back something else', ms: null };
  return { text: `ok, ${fmt(ms, 1)} ms`, ms };
}

async function main(): Promise<void> {
  ensureBuilt();
  const load0 = os.loadavg();
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`load average at start: ${load0.map((l) => l.toFixed(2)).join(', ')}`);
  console.log(`load: autocannon c=10, ${rounds} rounds of ${duration} s per line (tools taking turns, median shown) after 1 s of warm-up; same headers and profile body for every tool`);
  console.log(`sandbox config: ${sandboxConfig ? path.resolve(sandboxConfig) : 'built-in default (a product applied to every new profile: application, tasks, checks, events)'}`);

  const peersDir = peersDirArg ? path.resolve(peersDirArg) : tempFolder('pfs-peers-');
  fs.mkdirSync(peersDir, { recursive: true });
  installPeers(peersDir);
  const havePrism = fs.existsSync(openapi);
  if (!havePrism) {
    console.log(`\nPrism SKIPPED: PassFort's OpenAPI file was not found at ${openapi}.`);
    console.log('Pass its path: npm run bench:compare -- path/to/passfort-openapi-4.0.0.json\n');
  }

  const work = tempFolder('pfs-compare-');
  const grownDir = path.join(work, 'sandbox-data-10k');
  const dbFile = path.join(work, 'db.json');
  const running: { stop(): Promise<void> }[] = [];
  const tools: Tool[] = [];
  // The table's rows, in print order; cells are filled as the run goes.
  const startRow = report.row('start-up: spawn to first good answer of a list read (ms)', 'lower');
  const restartRow = report.row('start-up with 10,000 records, same measure (ms)', 'lower');
  const crRow = report.row('create a profile, then read it back');
  const loadRows = new Map<string, { rps: Row; p99: Row; bad: Row }>();
  for (const size of SIZES) {
    for (const op of ['read', 'write'] as const) {
      const what = `${op === 'read' ? 'GET /profiles/{id}' : 'POST /profiles'} @${fmt(size)}`;
      loadRows.set(`${op}:${size}`, {
        rps: report.row(`${what}: 2xx answers/s`, 'higher'),
        p99: report.row(`${what}: p99 latency (ms)`, 'lower'),
        bad: report.row(`${what}: non-2xx of all answers`),
      });
    }
  }
  const diskRow = report.row('data on disk at the 10,000-record restart (MB)');
  const idleRow = report.row(`memory after start: RSS ${MEMORY_AFTER_MS / 1000} s after the first good answer, no other request (MB)`, 'lower');
  const shrunkRow = report.row(`memory idle: RSS ${MEMORY_IDLE_MS / 1000} s after the first good answer, V8 having shrunk its heap (MB)`, 'lower');
  // The same amount of data in every tool: each has restarted on exactly 10,000 profiles and served
  // the read loads, which add nothing. (The sandbox's profiles come with their applications, tasks,
  // checks and audit; a json-server record is the profile body alone.)
  const heldRow = report.row('memory holding exactly 10,000 profiles, after the read loads, RSS (MB)', 'lower');
  const loadedRow = report.row('memory after the 10,000-record write loads too, RSS (MB)', 'lower');
  // Writes add records: the faster tool ends with more of them, which the memory line must show.
  const countRow = report.row('profiles stored at the end');
  try {
    // --- start-ups: the tools take turns, one at a time, so start-up times do not overlap ---
    seedJsonServer(dbFile, SIZES[0], profileBody);
    let startN = 0;
    const starts = await timeStarts<Started | Peer>(
      [
        {
          name: 'sandbox',
          start: () => startSandbox(sandboxArgs(path.join(work, `sandbox-start-${startN++}`))),
          stop: (t) => t.stop(),
          ms: (t) => (t as Started).firstDataMs,
          sample: (t) => memoryAfterStart((t as Started).child.pid!),
        },
        {
          name: 'json-server',
          start: () => startPeer(jsonServerSpec(peersDir, dbFile)),
          stop: (t) => t.stop(),
          ms: (t) => (t as Peer).firstGoodMs,
          sample: (t) => memoryAfterStart((t as Peer).child.pid!),
        },
      ],
      startTimes,
    );
    let sandbox = starts.get('sandbox')!.running as Started;
    let json = starts.get('json-server')!.running as Peer;
    running.push(sandbox, json);
    startRow.cells.sandbox = medianCell(starts.get('sandbox')!.ms);
    startRow.cells['json-server'] = medianCell(starts.get('json-server')!.ms);
    for (const name of ['sandbox', 'json-server']) idleRow.cells[name] = medianCell(starts.get(name)!.samples);
    // json-server started last: once it has idled this long, so has the sandbox, a little longer.
    await new Promise((r) => setTimeout(r, MEMORY_IDLE_MS - MEMORY_AFTER_MS));
    shrunkRow.cells.sandbox = rssCell(sandbox.child.pid!);
    shrunkRow.cells['json-server'] = rssCell(json.child.pid!);
    report.notes.push(`first start of the run, not in the median: sandbox ${fmt(starts.get('sandbox')!.first)} ms, json-server ${fmt(starts.get('json-server')!.first)} ms`);
    let sandboxTool: Tool = { name: 'sandbox', base: `${sandbox.url}/4.0`, headers: { apikey: sandbox.apiKey }, readId: '', pid: sandbox.child.pid! };
    let jsonTool: Tool = { name: 'json-server', base: json.url, headers: { apikey: PEER_KEY }, readId: 'seed-0', pid: json.child.pid! };

    let prismTool: Tool | undefined;
    if (havePrism) {
      try {
        process.stdout.write('starting Prism on PassFort\'s OpenAPI file (slow) … ');
        const prism = await startPeer(prismSpec(peersDir, openapi, PEER_KEY));
        running.push(prism);
        console.log(`${fmt(prism.firstGoodMs / 1000, 1)} s`);
        startRow.cells.Prism = { value: prism.firstGoodMs, text: `${fmt(prism.firstGoodMs)} (once)` };
        const prismMb = await memoryAfterStart(prism.child.pid!);
        idleRow.cells.Prism = { value: prismMb, text: `${fmt(prismMb)} (once)` };
        await new Promise((r) => setTimeout(r, MEMORY_IDLE_MS - MEMORY_AFTER_MS));
        const prismIdleMb = treeRssMb(prism.child.pid!);
        shrunkRow.cells.Prism = { value: prismIdleMb, text: `${fmt(prismIdleMb)} (once)` };
        prismTool = { name: 'Prism', base: prism.url, headers: { apikey: PEER_KEY }, readId: PRISM_ID, pid: prism.child.pid!, stateless: true };
      } catch (err) {
        console.log('failed');
        startRow.cells.Prism = { value: null, text: 'did not start' };
        report.notes.push(`Prism did not start: ${(err as Error).message}`);
      }
    }
    restartRow.cells.Prism = { value: null, text: 'n/a (stateless)' };

    // --- at 100 records ---
    await fill(sandbox.url, sandbox.apiKey, SIZES[0], 0);
    await new Promise((r) => setTimeout(r, CHECK_DELAY_MS));
    await settle(sandbox.child.pid!);
    const list = (await fetch(`${sandbox.url}/4.0/profiles?limit=1`, { headers: { apikey: sandbox.apiKey } }).then((r) => r.json())) as { results: { id: string }[] };
    sandboxTool.readId = list.results[0]!.id;
    tools.push(sandboxTool, jsonTool, ...(prismTool ? [prismTool] : []));
    for (const t of tools) {
      const cr = await createThenRead(t);
      crRow.cells[t.name] = { value: cr.ms, text: t.stateless && cr.ms === null ? `${cr.text} (stateless)` : cr.text };
    }
    const phase = async (size: number, afterReads?: () => void) => {
      for (const op of ['read', 'write'] as const) {
        if (op === 'write') afterReads?.();
        const measured = new Map<string, Measured[]>(tools.map((t) => [t.name, []]));
        for (let round = 0; round < rounds; round++) {
          for (const t of tools) {
            process.stdout.write(`${t.name} ${op} @${fmt(size)} round ${round + 1}/${rounds} … `);
            const m = await measure(t, op, round === 0);
            measured.get(t.name)!.push(m);
            // Work a load left behind (the sandbox's checks finish 3 s after each POST) must not
            // run during the next tool's load; every tool gets the same pause.
            if (op === 'write') await new Promise((r) => setTimeout(r, CHECK_DELAY_MS));
            await settle(t.pid);
            console.log(`${fmt(m.goodRps)} good/s, p99 ${fmt(m.load.p99, 1)} ms, ${fmt(m.load.non2xx)} non-2xx${m.sample ? ` (${m.sample})` : ''}`);
          }
        }
        const r = loadRows.get(`${op}:${size}`)!;
        for (const t of tools) {
          const cells = loadCells(combine(measured.get(t.name)!), Boolean(t.stateless));
          r.rps.cells[t.name] = cells.rps;
          r.p99.cells[t.name] = cells.p99;
          r.bad.cells[t.name] = cells.bad;
        }
      }
    };
    await phase(SIZES[0]);

    // --- exactly 10,000 records each: the sandbox on a new data directory filled through its API
    // (the @100 writes would otherwise leave it with more than json-server), json-server by seeding
    // its file (at its write rate a fill through the API would take minutes); both then restart on
    // their data, timed ---
    await sandbox.stop();
    running.splice(running.indexOf(sandbox), 1);
    sandbox = await startSandbox(sandboxArgs(grownDir));
    running.push(sandbox);
    await fill(sandbox.url, sandbox.apiKey, SIZES[1], 0);
    await new Promise((r) => setTimeout(r, CHECK_DELAY_MS));
    await settle(sandbox.child.pid!);
    seedJsonServer(dbFile, SIZES[1], profileBody);
    running.splice(running.indexOf(sandbox), 1);
    running.splice(running.indexOf(json), 1);
    const restarts = await timeStarts<Started | Peer>(
      [
        { name: 'sandbox', running: sandbox, start: () => startSandbox(sandboxArgs(grownDir)), stop: (t) => t.stop(), ms: (t) => (t as Started).firstDataMs },
        { name: 'json-server', running: json, start: () => startPeer(jsonServerSpec(peersDir, dbFile)), stop: (t) => t.stop(), ms: (t) => (t as Peer).firstGoodMs },
      ],
      startTimes,
    );
    sandbox = restarts.get('sandbox')!.running as Started;
    json = restarts.get('json-server')!.running as Peer;
    running.push(sandbox, json);
    restartRow.cells.sandbox = medianCell(restarts.get('sandbox')!.ms);
    restartRow.cells['json-server'] = medianCell(restarts.get('json-server')!.ms);
    report.notes.push(`first restart on 10,000 records, not in the median: sandbox ${fmt(restarts.get('sandbox')!.first)} ms, json-server ${fmt(restarts.get('json-server')!.first)} ms`);
    const someProfile = (await fetch(`${sandbox.url}/4.0/profiles?limit=1`, { headers: { apikey: sandbox.apiKey } }).then((r) => r.json())) as { count: number; results: { id: string }[] };
    sandboxTool = { ...sandboxTool, base: `${sandbox.url}/4.0`, headers: { apikey: sandbox.apiKey }, readId: someProfile.results[0]!.id, pid: sandbox.child.pid! };
    diskRow.cells.sandbox = { value: null, text: `${fmt(dirBytes(grownDir) / 2 ** 20, 1)} (${fmt(someProfile.count)} profiles)` };
    diskRow.cells['json-server'] = { value: null, text: `${fmt(fs.statSync(dbFile).size / 2 ** 20, 1)} (${fmt(SIZES[1])} profiles)` };
    diskRow.cells.Prism = { value: null, text: 'n/a (stateless)' };
    jsonTool = { ...jsonTool, base: json.url, pid: json.child.pid! };
    tools.splice(0, 2, sandboxTool, jsonTool);
    for (const t of tools) await settle(t.pid);
    await phase(SIZES[1], () => {
      for (const t of tools) heldRow.cells[t.name] = rssCell(t.pid);
    });

    for (const t of tools) loadedRow.cells[t.name] = rssCell(t.pid);
    const sandboxCount = (await fetch(`${sandboxTool.base}/profiles?limit=1`, { headers: sandboxTool.headers }).then((r) => r.json())) as { count: number };
    countRow.cells.sandbox = { value: null, text: fmt(sandboxCount.count) };
    const jsonCount = await fetch(`${jsonTool.base}/profiles?_limit=1`).then((r) => (void r.body?.cancel(), r.headers.get('x-total-count')));
    countRow.cells['json-server'] = { value: null, text: fmt(Number(jsonCount)) };
    countRow.cells.Prism = { value: null, text: 'n/a (stateless)' };
  } finally {
    for (const r of running) await r.stop().catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
    if (!peersDirArg) fs.rmSync(peersDir, { recursive: true, force: true });
  }

  report.print(tools.map((t) => t.name), version);
  const load1 = os.loadavg();
  console.log(`\nload average at end: ${load1.map((l) => l.toFixed(2)).join(', ')} (${os.cpus().length} cores)`);
}

await main();
