import os from 'node:os';
import path from 'node:path';
import type { EventBus } from '../../core/event-bus.js';
import type { SandboxEvent } from '../../workspace/events.js';
import type { WorkspaceRegistry } from '../../workspace/registry.js';
import type { Workspace } from '../../workspace/workspace.js';
import { describeEvent } from '../describe.js';
import { scenarioCatalog } from '../../harness/catalog.js';

/**
 * Plays one scenario of the library from the dashboard: the harness's own runner
 * (`runScenarios`, what `passfort-sandbox scenario run` does) against this sandbox, with
 * Playwright's list reporter printing each `test.step` as it ends. Progress is parsed from
 * that output; the workspaces the scenario creates (named after its tests) are watched on
 * the bus. Each change is told to the dashboard's workspace as a `SCENARIO_RUN_PROGRESS`
 * notice (a runtime notice: not stored, not a webhook), which is what refreshes the page.
 */

export type StepState = 'pending' | 'running' | 'done' | 'failed';

export interface ScenarioRun {
  id: number;
  name: string;
  title: string;
  startedAt: number;
  finishedAt: number | null;
  state: 'running' | 'passed' | 'failed' | 'error';
  message: string | null;
  steps: { title: string; state: StepState }[];
  tests: { title: string; state: 'pending' | 'passed' | 'failed' }[];
  output: string[];
  workspaces: { id: string; name: string }[];
  activity: { key: string; at: number; workspace: string; text: string }[];
  headed: boolean;
  slowMo: number;
  reportDir: string;
}

export interface CatalogEntry {
  name: string;
  title: string;
  description: string;
  tests: { title: string; steps: string[] }[];
  steps: string[];
}

/** What the runner needs from the harness; tests give a fake, the dashboard the real one. */
export interface ScenarioBackend {
  catalog(): CatalogEntry[];
  /** Runs one scenario; `onOutput` gets the reporter's text as it comes. Resolves to the exit code. */
  run(opts: { name: string; sandboxUrl: string; headed: boolean; slowMo: number; output: string }, onOutput: (chunk: string) => void): Promise<number>;
}

// Escapes, not the characters: the bundle stays ASCII (scripts/bundle-cli.mjs). \u203A is the
// list reporter's "›"; \u2713, \u2718 and \u00B0 its pass, fail and skip marks.
export const STEP_LINE = /^\s+\d+\.\d+ .* \u203A (.+) \((?:\d+(?:\.\d+)?)(?:ms|s|m)\)$/;
export const TEST_LINE = /^\s+(\u2713|\u2718|ok|x|-|\u00B0)\s+\d+ .*? \u203A (.+?) \((?:\d+(?:\.\d+)?)(?:ms|s|m)\)$/;

/** Applies one line of the list reporter's output to a run (pure, so it is unit-tested). */
export function applyLine(run: ScenarioRun, line: string): boolean {
  const step = STEP_LINE.exec(line);
  if (step) {
    const title = step[1]!;
    const i = run.steps.findIndex((s) => s.state !== 'done' && (title === s.title || title.endsWith(` › ${s.title}`)));
    if (i >= 0) {
      run.steps[i] = { ...run.steps[i]!, state: 'done' };
      const next = run.steps.findIndex((s) => s.state === 'pending');
      if (next >= 0) run.steps[next] = { ...run.steps[next]!, state: 'running' };
      return true;
    }
    return false;
  }
  const test = TEST_LINE.exec(line);
  if (test) {
    const passed = test[1] === '✓' || test[1] === 'ok';
    const t = run.tests.find((x) => x.state === 'pending' && test[2]!.startsWith(x.title));
    if (t) t.state = passed ? 'passed' : 'failed';
    if (!passed) {
      const running = run.steps.find((s) => s.state === 'running');
      if (running) running.state = 'failed';
    }
    return true;
  }
  return false;
}

export function newRun(id: number, entry: CatalogEntry, opts: { headed: boolean; slowMo: number; reportDir: string; now: number }): ScenarioRun {
  return {
    id,
    name: entry.name,
    title: entry.title,
    startedAt: opts.now,
    finishedAt: null,
    state: 'running',
    message: null,
    steps: entry.steps.map((title, i) => ({ title, state: i === 0 ? 'running' : 'pending' })),
    tests: entry.tests.map((t) => ({ title: t.title, state: 'pending' })),
    output: [],
    workspaces: [],
    activity: [],
    headed: opts.headed,
    slowMo: opts.slowMo,
    reportDir: opts.reportDir,
  };
}

export class ScenarioRunner {
  readonly runs: ScenarioRun[] = [];
  #nextId = 1;
  #active: ScenarioRun | null = null;

  constructor(
    private readonly backend: ScenarioBackend,
    private readonly deps: { registry: WorkspaceRegistry; bus: EventBus<SandboxEvent>; sandboxUrl: () => string },
  ) {}

  get active(): ScenarioRun | null {
    return this.#active;
  }

  catalog(): CatalogEntry[] {
    return this.backend.catalog();
  }

  /** Starts a run watched from `ws`; refuses while another run is going (one browser at a time). */
  start(name: string, ws: Workspace, opts: { headed: boolean; slowMo: number }): ScenarioRun {
    if (this.#active) throw new Error(`"${this.#active.title}" is still playing; wait for it to finish`);
    const entry = this.backend.catalog().find((e) => e.name === name);
    if (!entry) throw new Error(`no scenario named "${name}"`);
    const id = this.#nextId++;
    const run = newRun(id, entry, { ...opts, reportDir: path.join(os.tmpdir(), 'passfort-sandbox-dashboard', `${ws.id.slice(0, 8)}-run-${id}`), now: Date.now() });
    this.runs.unshift(run);
    this.runs.splice(10);
    this.#active = run;
    const tell = () => ws.notify('SCENARIO_RUN_PROGRESS', { run_id: run.id, scenario: run.name, state: run.state, steps_done: run.steps.filter((s) => s.state === 'done').length, steps: run.steps.length });
    const known = new Set(this.deps.registry.list().map((w) => w.id));
    const titles = entry.tests.map((t) => t.title);
    const off = this.deps.bus.subscribe((e) => {
      let watched = run.workspaces.find((w) => w.id === e.workspace);
      if (!watched && !known.has(e.workspace)) {
        const other = this.deps.registry.get(e.workspace);
        known.add(e.workspace);
        if (other && titles.some((t) => other.name.startsWith(t.slice(0, 150)))) run.workspaces.push((watched = { id: other.id, name: other.name }));
      }
      if (!watched || e.type.startsWith('WEBHOOK_DELIVER')) return;
      run.activity.unshift({ key: `${e.workspace}-${e.seq ?? e.id}`, at: e.at, workspace: watched.name, text: describeEvent(e.type, e.data) });
      run.activity.splice(40);
      tell();
    });
    let partial = '';
    const onOutput = (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      let changed = false;
      for (const line of lines) {
        if (!line.trim()) continue;
        run.output.push(line);
        changed = applyLine(run, line) || changed;
      }
      run.output.splice(0, Math.max(0, run.output.length - 200));
      if (changed) tell();
    };
    tell();
    this.backend
      .run({ name, sandboxUrl: this.deps.sandboxUrl(), headed: opts.headed, slowMo: opts.slowMo, output: run.reportDir }, onOutput)
      .then(
        (code) => {
          if (partial.trim()) onOutput('\n');
          run.state = code === 0 ? 'passed' : 'failed';
          if (code === 0) for (const s of run.steps) s.state = 'done';
          else run.message = `Playwright exited with code ${code}; the last lines of its output say why.`;
        },
        (err: unknown) => {
          run.state = 'error';
          run.message = err instanceof Error ? err.message : String(err);
          for (const s of run.steps) if (s.state === 'running') s.state = 'failed';
        },
      )
      .finally(() => {
        run.finishedAt = Date.now();
        off();
        this.#active = null;
        tell();
      });
    return run;
  }

  /** The workspaces a run created, for "open in the dashboard" (only those, never any other). */
  workspaceOf(runId: number, workspaceId: string): string | null {
    const run = this.runs.find((r) => r.id === runId);
    return run?.workspaces.some((w) => w.id === workspaceId) ? workspaceId : null;
  }
}

/** The harness's catalog and runner (`passfort-sandbox scenario run`), against this sandbox. */
export function harnessBackend(): ScenarioBackend {
  let cached: CatalogEntry[] | null = null;
  return {
    catalog() {
      return (cached ??= scenarioCatalog().map(({ file: _file, ...e }) => e));
    },
    async run(o, onOutput) {
      const { runScenarios } = await import('../../harness/scenario-cli.js');
      // The list reporter prints each test.step only with PLAYWRIGHT_LIST_PRINT_STEPS set.
      return runScenarios(
        { names: [o.name], dir: undefined, workers: 1, headed: o.headed, slowMo: o.slowMo, output: o.output, sandboxUrl: o.sandboxUrl, grep: undefined, timeout: 90_000, retries: 0, env: { PLAYWRIGHT_LIST_PRINT_STEPS: '1' } },
        (line) => onOutput(line + '\n'),
        onOutput,
      );
    },
  };
}
