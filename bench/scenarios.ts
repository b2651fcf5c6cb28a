import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtInScenarioDir } from '../src/harness/catalog.js';
import { findPlaywrightCli, parseRunArgs, renderConfig } from '../src/harness/scenario-cli.js';
import { findChromium } from '../src/harness/browser.js';
import { ROOT } from './support.js';
import type { Row } from './scenario-reporter.js';

/**
 * The scenario library on 2 workers, as `npm test` runs it: the wall time of the whole run,
 * and the time of each scenario with the browser launch (and the worker's sandbox start,
 * both paid once per worker) taken out. Baseline in the same run: ten empty scenarios that
 * only get a workspace, a page and one navigation — the fixed cost of any browser test here.
 * Targets: ≤ 3 s per scenario (median), ≤ 60 s for the library.
 */

interface Timing {
  status: string;
  wallMs: number;
  processMs: number;
  rows: Row[];
}

const BASELINE = `import { test } from 'passfort-sandbox/playwright';
for (let i = 1; i <= 10; i++) {
  test('empty scenario ' + i, async ({ api, page, sandbox }) => {
    await api.clock.get();
    await page.goto(sandbox.url + '/__sandbox/health');
  });
}
`;

async function timedRun(dir: string, workers: number): Promise<Timing> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-bench-scenarios-'));
  const config = path.join(out, 'playwright.config.mjs');
  fs.writeFileSync(config, renderConfig(parseRunArgs(['--workers', String(workers), '--output', out], {}), dir, findChromium()));
  const json = path.join(out, 'timing.json');
  const t0 = performance.now();
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [findPlaywrightCli(ROOT), 'test', '--config', config, `--reporter=${path.join(ROOT, 'bench', 'scenario-reporter.ts')}`], {
      cwd: ROOT,
      env: { ...process.env, BENCH_SCENARIO_OUT: json },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (c) => resolve(c ?? 1));
  });
  const processMs = performance.now() - t0;
  if (!fs.existsSync(json)) throw new Error(`the Playwright run wrote no timing (exit ${code})`);
  const timing = { ...(JSON.parse(fs.readFileSync(json, 'utf8')) as Omit<Timing, 'processMs'>), processMs };
  fs.rmSync(out, { recursive: true, force: true });
  return timing;
}

const own = (r: Row) => r.durationMs - r.browserLaunchMs - r.sandboxStartMs;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  if (!findChromium()) {
    console.log('scenarios: skipped, no Chromium (apt-get install -y chromium)');
    return;
  }
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-bench-baseline-'));
  fs.writeFileSync(path.join(baseDir, 'package.json'), '{"type":"module"}');
  fs.writeFileSync(path.join(baseDir, 'baseline.scenario.ts'), BASELINE);
  fs.writeFileSync(
    path.join(baseDir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', paths: { 'passfort-sandbox/playwright': [path.join(ROOT, 'src/harness/playwright.ts')] } } }),
  );
  const baseline = await timedRun(baseDir, 2);
  fs.rmSync(baseDir, { recursive: true, force: true });
  const library = await timedRun(builtInScenarioDir(), 2);

  const failed = library.rows.filter((r) => r.status !== 'passed');
  const byFile = new Map<string, number>();
  for (const r of library.rows) byFile.set(path.basename(r.file, '.scenario.ts'), (byFile.get(path.basename(r.file, '.scenario.ts')) ?? 0) + own(r));
  const perScenario = [...byFile.values()];
  const scenarioMedian = median(perScenario);
  const baseMedian = median(baseline.rows.map(own));
  const launches = library.rows.filter((r) => r.browserLaunchMs > 0).map((r) => r.browserLaunchMs);
  const starts = library.rows.filter((r) => r.sandboxStartMs > 0).map((r) => r.sandboxStartMs);

  console.log(`library: ${byFile.size} scenarios (${library.rows.length} tests) on 2 workers, ${failed.length ? `${failed.length} FAILED` : 'all passed'}`);
  console.log(`  wall time ${sec(library.processMs)} (Playwright's run ${sec(library.wallMs)}) — target ≤ 60 s: ${library.processMs <= 60_000 ? 'met' : 'NOT MET'}`);
  console.log(`  excluded per worker: browser launch ${launches.map(sec).join(', ') || 'n/a'}; sandbox start ${starts.map(sec).join(', ') || 'n/a'}`);
  console.log(`  per scenario, browser start excluded: median ${sec(scenarioMedian)}, max ${sec(Math.max(...perScenario))} — target median ≤ 3 s: ${scenarioMedian <= 3_000 ? 'met' : 'NOT MET'}`);
  for (const [name, ms] of [...byFile].sort((a, b) => b[1] - a[1])) console.log(`    ${name.padEnd(24)} ${sec(ms)}`);
  console.log(`  baseline (workspace + page + one navigation): median ${sec(baseMedian)} → median scenario = ${(scenarioMedian / baseMedian).toFixed(1)}× baseline`);
  for (const f of failed) console.log(`  FAILED: ${path.basename(f.file)} › ${f.title} (${f.status})`);
}
