import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The scenario library as data: one entry per `*.scenario.ts` file, read from the file itself
 * (the doc comment at the top, the `test(…)` titles and the `test.step(…)` titles), so the
 * catalog the CLI lists and the dashboard shows cannot drift from the scripts that run.
 */

export interface ScenarioEntry {
  /** The file name without `.scenario.ts`: what `scenario run <name>` takes. */
  name: string;
  /** The first line of the doc comment. */
  title: string;
  /** The rest of the doc comment, as one paragraph per blank-line-separated block. */
  description: string;
  /** The tests in the file, each with its steps in order. */
  tests: { title: string; steps: string[] }[];
  /** Every step of every test, in order (what a presenter reads out). */
  steps: string[];
  file: string;
}

export const SCENARIO_SUFFIX = '.scenario.ts';

/** The package's own root (the folder with its package.json), from src/ or dist/src/ alike. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'passfort-sandbox') return dir;
    dir = path.dirname(dir);
  }
  throw new Error('passfort-sandbox: cannot find the package root above ' + fileURLToPath(import.meta.url));
}

/** The built-in scenario library shipped with the package. */
export const builtInScenarioDir = () => path.join(packageRoot(), 'scenarios');

/** A JS string literal's text: '…', "…" or `…` (without interpolation), escapes resolved. */
const STRING = String.raw`'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|\`((?:[^\`\\$]|\\.)*)\``;
const unescape = (s: string) => s.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
const literal = (m: RegExpExecArray, from: number) => unescape(m[from] ?? m[from + 1] ?? m[from + 2] ?? '');

export function parseScenario(source: string, file: string): ScenarioEntry {
  const name = path.basename(file).replace(/\.scenario\.ts$/, '');
  const doc = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
  const lines = doc.split('\n').map((l) => l.replace(/^\s*\* ?/, '').trimEnd());
  const paragraphs = lines
    .join('\n')
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  const title = paragraphs.shift() ?? name;

  const tests: ScenarioEntry['tests'] = [];
  const call = new RegExp(String.raw`\btest(\.step)?\(\s*(?:${STRING})`, 'g');
  for (let m = call.exec(source); m; m = call.exec(source)) {
    const text = literal(m, 2);
    if (m[1]) {
      if (!tests.length) tests.push({ title: name, steps: [] });
      tests.at(-1)!.steps.push(text);
    } else tests.push({ title: text, steps: [] });
  }
  return { name, title: title.replace(/\.$/, ''), description: paragraphs.join('\n\n'), tests, steps: tests.flatMap((t) => t.steps), file };
}

/** Every scenario of a folder (default: the built-in library), sorted by name. */
export function scenarioCatalog(dir: string = builtInScenarioDir()): ScenarioEntry[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(SCENARIO_SUFFIX)) files.push(full);
    }
  };
  walk(dir);
  return files.map((f) => parseScenario(fs.readFileSync(f, 'utf8'), f)).sort((a, b) => a.name.localeCompare(b.name));
}
