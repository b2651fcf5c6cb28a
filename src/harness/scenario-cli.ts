import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, findChromium } from './browser.js';
import { builtInScenarioDir, packageRoot, scenarioCatalog, type ScenarioEntry } from './catalog.js';
import { writeStarter } from './scenario-init.js';

/**
 * `passfort-sandbox scenario list | run [names…] | init`: the scenario library (or an
 * integrator's own folder of `*.scenario.ts`) run by Playwright in a child process, with a
 * generated config: Debian's Chromium, N workers fully parallel, the list reporter for
 * progress, and an HTML report plus JUnit XML in one output folder for CI to keep.
 */

export class ScenarioCliError extends Error {}

export const SCENARIO_HELP = `Usage:
  passfort-sandbox scenario list [--dir DIR] [--json]
  passfort-sandbox scenario run [names…] [flags]
  passfort-sandbox scenario init [DIR] [--force] [--github-actions]

scenario run flags:
  --dir DIR            run the *.scenario.ts files in DIR instead of the built-in library
  --workers N          parallel workers (default 2)
  --headed             show the browser (for demos)
  --slow-mo MS         slow every browser action down by MS milliseconds (for demos)
  --output DIR         where the reports go (default ./scenario-results):
                         DIR/html/index.html, DIR/junit.xml, DIR/results.json, DIR/artifacts/
  --sandbox-url URL    use a running sandbox instead of one per worker  [PASSFORT_SANDBOX_URL]
  --grep TEXT          only tests whose title matches
  --timeout MS         per-test time-out (default 60000)
  --retries N          retries of a failed test (default 0)
`;

export interface RunOptions {
  names: string[];
  dir: string | undefined;
  workers: number;
  headed: boolean;
  slowMo: number;
  output: string;
  sandboxUrl: string | undefined;
  grep: string | undefined;
  timeout: number;
  retries: number;
  /** Extra environment for the Playwright process (on top of this process's own). */
  env?: Record<string, string>;
}

const int = (flag: string, value: string | undefined, fallback: number, min = 0): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new ScenarioCliError(`${flag} must be a whole number of at least ${min}, got "${value}"`);
  return n;
};

export function parseRunArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): RunOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        dir: { type: 'string' },
        workers: { type: 'string', short: 'j' },
        headed: { type: 'boolean' },
        'slow-mo': { type: 'string' },
        output: { type: 'string' },
        'sandbox-url': { type: 'string' },
        grep: { type: 'string', short: 'g' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
      },
    });
  } catch (err) {
    throw new ScenarioCliError(`${(err as Error).message.split('\n')[0]} (see passfort-sandbox scenario --help)`);
  }
  const v = parsed.values;
  const sandboxUrl = v['sandbox-url'] ?? env.PASSFORT_SANDBOX_URL;
  if (sandboxUrl !== undefined && !/^https?:\/\/\S+$/.test(sandboxUrl)) throw new ScenarioCliError(`--sandbox-url must look like http://127.0.0.1:8400, got "${sandboxUrl}"`);
  return {
    names: parsed.positionals,
    dir: v.dir ? path.resolve(cwd, v.dir) : undefined,
    workers: int('--workers', v.workers, 2, 1),
    headed: v.headed ?? false,
    slowMo: int('--slow-mo', v['slow-mo'], 0),
    output: path.resolve(cwd, v.output ?? 'scenario-results'),
    sandboxUrl: sandboxUrl?.replace(/\/+$/, ''),
    grep: v.grep,
    timeout: int('--timeout', v.timeout, 60_000, 1000),
    retries: int('--retries', v.retries, 0),
  };
}

/** The files to run: every scenario, or the named ones (an unknown name lists the known ones). */
export function selectScenarios(catalog: ScenarioEntry[], names: string[]): ScenarioEntry[] {
  if (!names.length) return catalog;
  const unknown = names.filter((n) => !catalog.some((s) => s.name === n.replace(/\.scenario\.ts$/, '')));
  if (unknown.length) {
    throw new ScenarioCliError(`no scenario named ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${catalog.map((s) => s.name).join(', ') || 'none'}`);
  }
  return catalog.filter((s) => names.some((n) => n.replace(/\.scenario\.ts$/, '') === s.name));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Playwright config of a run, as an ES module with no imports (it may live anywhere). */
export function renderConfig(o: RunOptions, testDir: string, chromium: string | undefined): string {
  const config = {
    testDir,
    testMatch: ['**/*.scenario.ts'],
    fullyParallel: true,
    workers: o.workers,
    timeout: o.timeout,
    retries: o.retries,
    forbidOnly: true,
    outputDir: path.join(o.output, 'artifacts'),
    reporter: [
      ['list'],
      ['html', { outputFolder: path.join(o.output, 'html'), open: 'never' }],
      ['junit', { outputFile: path.join(o.output, 'junit.xml') }],
      ['json', { outputFile: path.join(o.output, 'results.json') }],
    ],
    use: {
      browserName: 'chromium',
      headless: !o.headed,
      launchOptions: { ...(chromium ? { executablePath: chromium } : {}), args: CHROMIUM_ARGS, slowMo: o.slowMo },
      trace: 'retain-on-failure',
      screenshot: 'only-on-failure',
    },
  };
  return `// Written by passfort-sandbox scenario run; safe to delete.\nexport default ${JSON.stringify(config, null, 2)};\n`;
}

/** Where `@playwright/test`'s CLI is: the project's own first (users bring theirs), then ours. */
export function findPlaywrightCli(cwd = process.cwd()): string {
  for (const from of [path.join(cwd, 'package.json'), fileURLToPath(import.meta.url)]) {
    try {
      const pkg = createRequire(from).resolve('@playwright/test/package.json');
      return path.join(path.dirname(pkg), 'cli.js');
    } catch {
      /* next */
    }
  }
  throw new ScenarioCliError('scenario run needs @playwright/test; install it next to passfort-sandbox: npm install -D @playwright/test');
}

/**
 * Playwright neither collects nor compiles files inside node_modules, so an installed
 * package's library is copied next to the project first, with a tsconfig that resolves
 * `passfort-sandbox/playwright` to the package's compiled fixtures.
 */
export function stageLibrary(libraryDir: string, cwd = process.cwd()): string {
  if (!libraryDir.split(path.sep).includes('node_modules')) return libraryDir;
  const staged = path.join(cwd, '.passfort-sandbox', 'scenario-library');
  fs.rmSync(staged, { recursive: true, force: true });
  fs.cpSync(libraryDir, staged, { recursive: true });
  const fixtures = path.join(packageRoot(), 'dist', 'src', 'harness', 'playwright.js');
  fs.writeFileSync(
    path.join(staged, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', paths: { 'passfort-sandbox/playwright': [fixtures] } } }, null, 2),
  );
  return staged;
}

/**
 * Runs Playwright and resolves to its exit code. `childOutput`, when given, receives the
 * child's stdout and stderr instead of this process's terminal (tests read it).
 */
export async function runScenarios(
  o: RunOptions,
  log: (line: string) => void = (l) => process.stdout.write(l + '\n'),
  childOutput?: (chunk: string) => void,
): Promise<number> {
  const dir = o.dir ?? builtInScenarioDir();
  if (!fs.existsSync(dir)) throw new ScenarioCliError(`the scenario folder ${dir} does not exist`);
  const selected = selectScenarios(scenarioCatalog(dir), o.names);
  if (!selected.length) throw new ScenarioCliError(`no *.scenario.ts files in ${dir}; write one with: passfort-sandbox scenario init`);
  const chromium = findChromium();
  if (!chromium) {
    throw new ScenarioCliError('no Chromium found. Install one (Debian/Ubuntu: apt-get install -y chromium) or set PASSFORT_SANDBOX_CHROMIUM to a Chromium or Chrome executable');
  }
  const testDir = stageLibrary(dir);
  fs.mkdirSync(o.output, { recursive: true });
  const configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'passfort-scenarios-')), 'playwright.config.mjs');
  fs.writeFileSync(configFile, renderConfig(o, testDir, chromium));
  const filters = o.names.length ? selected.map((s) => escapeRegExp(path.join(testDir, path.relative(dir, s.file)))) : [];
  const args = [findPlaywrightCli(), 'test', '--config', configFile, ...(o.grep ? ['--grep', o.grep] : []), ...filters];

  log(`passfort-sandbox: running ${selected.length} scenario${selected.length === 1 ? '' : 's'} from ${dir} on ${o.workers} worker${o.workers === 1 ? '' : 's'}${o.sandboxUrl ? ` against ${o.sandboxUrl}` : ''}`);
  const env = { ...process.env, ...o.env, ...(o.sandboxUrl ? { PASSFORT_SANDBOX_URL: o.sandboxUrl } : {}) };
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: childOutput ? 'pipe' : 'inherit', env, cwd: process.cwd() });
    child.stdout?.on('data', (d: Buffer) => childOutput?.(d.toString()));
    child.stderr?.on('data', (d: Buffer) => childOutput?.(d.toString()));
    child.on('error', reject);
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 130 : 1)));
  });
  fs.rmSync(path.dirname(configFile), { recursive: true, force: true });
  log(`passfort-sandbox: HTML report ${path.join(o.output, 'html', 'index.html')} (open it with: npx playwright show-report ${path.join(o.output, 'html')})`);
  log(`passfort-sandbox: JUnit XML ${path.join(o.output, 'junit.xml')}, JSON ${path.join(o.output, 'results.json')}`);
  return code;
}

export function listScenarios(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t), cwd = process.cwd()): void {
  const { values } = parseArgs({ args: argv, options: { dir: { type: 'string' }, json: { type: 'boolean' } } });
  const catalog = scenarioCatalog(values.dir ? path.resolve(cwd, values.dir) : builtInScenarioDir());
  if (values.json) {
    out(JSON.stringify(catalog.map(({ file: _file, ...entry }) => entry), null, 2) + '\n');
    return;
  }
  const width = Math.max(4, ...catalog.map((s) => s.name.length));
  out(catalog.map((s) => `${s.name.padEnd(width)}  ${s.title} (${s.steps.length} step${s.steps.length === 1 ? '' : 's'})`).join('\n') + '\n');
  out(`\nRun them all with: passfort-sandbox scenario run   (or name some: passfort-sandbox scenario run ${catalog[0]?.name ?? 'NAME'})\n`);
}

/** `passfort-sandbox scenario …`; resolves to the process exit code. */
export async function scenarioCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'list':
        listScenarios(rest);
        return 0;
      case 'run':
        return await runScenarios(parseRunArgs(rest));
      case 'init':
        writeStarter(rest);
        return 0;
      case undefined:
      case '--help':
      case '-h':
        process.stdout.write(SCENARIO_HELP);
        return sub === undefined ? 2 : 0;
      default:
        throw new ScenarioCliError(`unknown scenario command "${sub}" (list, run or init)`);
    }
  } catch (err) {
    if (err instanceof ScenarioCliError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`passfort-sandbox: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}
