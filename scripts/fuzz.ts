import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeAgent } from '../fuzz/http.js';
import { runFuzz, type FuzzReport } from '../fuzz/runner.js';

/**
 * `npm run fuzz -- [--seconds 60] [--runs 20000] [--seed N] [--batch 20] [--only REGEX] [--fresh] [--json FILE]`
 *
 * Targets share one seeded workspace (seeded again when a fuzzed reset empties it); `--fresh`
 * seeds a new one for every target instead (slower: fewer inputs in the same time).
 *
 * Starts the real CLI in a child process (memory store, port 0 everywhere), fuzzes every
 * route of the API, the collection back end, the control API, the inbox API and the SMTP
 * port, and prints how many inputs each target got. Exit code 1 when anything failed:
 * a 5xx, a crash, data changed by refused requests, or an SMTP session that lost a message.
 */

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const { values: v } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    runs: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    batch: { type: 'string', default: '20' },
    only: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    json: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (v.help) {
  console.log('npm run fuzz -- [--seconds 60] [--runs 20000] [--seed N] [--batch 20] [--only REGEX] [--fresh] [--json FILE] [--quiet]');
  process.exit(0);
}
const num = (name: string, text: string | undefined) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`fuzz: --${name} must be a positive whole number, got "${text}"`);
    process.exit(2);
  }
  return n;
};
const seconds = num('seconds', v.seconds);
const runs = num('runs', v.runs);
const batch = num('batch', v.batch);
const seed = v.seed === undefined ? Date.now() % 2 ** 31 : Number(v.seed);
if (!Number.isInteger(seed)) {
  console.error(`fuzz: --seed must be a whole number, got "${v.seed}"`);
  process.exit(2);
}

/** The user's sandbox settings (a fixed key, a data dir) must not leak into the child. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('PASSFORT_SANDBOX_')) delete env[name];
  return env;
}

// The sandbox under test: the real CLI, so a crash is a dead process and not a dead test runner.
const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), '--memory', '--port', '0', '--smtp-port', '0', '--inbox-port', '0', '--inbox-max-messages', '0', '--smtp-chaos'],
  { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv() },
);
let stderr = '';
let exit: string | null = null;
child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-200_000)));
child.once('exit', (code, signal) => (exit = `the sandbox process exited (code ${code}, signal ${signal})`));
const ready = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
    const m = /passfort-sandbox ready .*\n/.exec(out);
    if (m) resolve(m[0]);
  });
  child.once('exit', () => reject(new Error(`the sandbox did not start: ${stderr}`)));
});
const api = /ready (\S+)/.exec(ready)![1]!;
const inbox = /inbox=(\S+)/.exec(ready)![1]!;
const smtp = new URL(/smtp=(\S+)/.exec(ready)![1]!);

console.log(`fuzz: seed ${seed}, up to ${seconds} s and ${runs} inputs, batches of ${batch}; sandbox ${api} (pid ${child.pid})`);
let report: FuzzReport;
try {
  report = await runFuzz({
    api,
    inbox,
    smtp: { host: smtp.hostname, port: Number(smtp.port) },
    seed,
    seconds,
    runs,
    batch,
    ...(v.only ? { only: new RegExp(v.only) } : {}),
    sharedWorkspace: !v.fresh,
    gone: () => exit,
    ...(v.quiet ? {} : { log: (line: string) => console.log(`  ${line}`) }),
  });
} finally {
  closeAgent();
  if (!exit) child.kill('SIGTERM');
}

console.log(formatReport(report));
// What the sandbox logged about unexpected errors is the quickest way to the bug.
const logged = [...new Set(stderr.split('\n').filter((l) => /failed:|Error|error/.test(l)).map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l)))].slice(0, 40);
if (logged.length) console.log(`\nsandbox stderr (first ${logged.length} error lines):\n${logged.join('\n')}`);
if (v.json) fs.writeFileSync(v.json, JSON.stringify(report, null, 2));
process.exit(report.failures.length ? 1 : 0);

function formatReport(r: FuzzReport): string {
  const groups = new Map<string, { targets: number; inputs: number; accepted: number; fives: number; none: number }>();
  for (const t of r.targets) {
    const g = groups.get(t.group) ?? { targets: 0, inputs: 0, accepted: 0, fives: 0, none: 0 };
    g.targets++;
    g.inputs += t.inputs;
    g.accepted += t.accepted;
    g.fives += Object.entries(t.statuses).filter(([s]) => /^5\d\d$/.test(s)).reduce((n, [, c]) => n + c, 0);
    g.none += t.statuses.none ?? 0;
    groups.set(t.group, g);
  }
  const lines = ['', 'group        targets   inputs  accepted  5xx  no answer', '-----------  -------  -------  --------  ---  ---------'];
  for (const [name, g] of groups) {
    lines.push(`${name.padEnd(11)}  ${String(g.targets).padStart(7)}  ${String(g.inputs).padStart(7)}  ${String(g.accepted).padStart(8)}  ${String(g.fives).padStart(3)}  ${String(g.none).padStart(9)}`);
  }
  const checked = r.targets.reduce((n, t) => n + t.checkedBatches, 0);
  lines.push(
    '',
    `${r.inputs} inputs over ${r.targets.length} targets in ${(r.elapsedMs / 1000).toFixed(1)} s (seed ${r.seed}); ${checked} batches compared before/after`,
  );
  if (r.skipped.length) lines.push(`not fuzzed after the crash: ${r.skipped.length} targets (${r.skipped.slice(0, 5).join(', ')}${r.skipped.length > 5 ? ', …' : ''})`);
  const samples = r.targets.flatMap((t) => t.noAnswerSamples.map((s) => `${t.name}: ${s}`));
  if (samples.length) lines.push(`requests that got no answer (first ${Math.min(samples.length, 8)} of ${samples.length} samples):`, ...samples.slice(0, 8).map((s) => `  ${s.slice(0, 300)}`));
  if (r.crashed) lines.push('THE SANDBOX CRASHED');
  lines.push(r.failures.length ? `${r.failures.length} failures:` : 'no failures: no 5xx, no crash, no data changed by a refused request');
  for (const f of r.failures) lines.push(`- [${f.kind}] ${f.target}: ${f.detail}${f.request ? `\n    ${f.request.split('\n').join('\n    ')}` : ''}`);
  lines.push(`\nreplay: npm run fuzz -- --seed ${r.seed} --seconds ${Math.ceil(r.elapsedMs / 1000) + 5} (add --only '<target>' for one target)`);
  return lines.join('\n');
}
