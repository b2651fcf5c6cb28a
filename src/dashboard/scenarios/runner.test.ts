import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../../test/support/test-app.js';
import { applyLine, newRun, ScenarioRunner, type CatalogEntry, type ScenarioBackend } from './runner.js';

const entry: CatalogEntry = {
  name: 'second-request-refused',
  title: 'A second request is refused',
  description: '',
  tests: [{ title: 'a second customer request while one is active is refused', steps: ['create the applicant', 'send a document request', 'a second request is refused'] }],
  steps: ['create the applicant', 'send a document request', 'a second request is refused'],
};

// What Playwright's list reporter prints with PLAYWRIGHT_LIST_PRINT_STEPS=1 when its output is not a terminal.
const OUTPUT = [
  '',
  'Running 1 test using 1 worker',
  '     1.1 scenarios/second-request-refused.scenario.ts:11:1 › a second customer request while one is active is refused › create the applicant (52ms)',
  '     1.2 scenarios/second-request-refused.scenario.ts:11:1 › a second customer request while one is active is refused › send a document request (25ms)',
];

describe('reading the list reporter', () => {
  it('ticks steps in order as their lines arrive, and marks the next one playing', () => {
    const run = newRun(1, entry, { headed: false, slowMo: 0, reportDir: '/tmp/x', now: 0 });
    expect(run.steps.map((s) => s.state)).toEqual(['running', 'pending', 'pending']);
    for (const line of OUTPUT) applyLine(run, line);
    expect(run.steps.map((s) => s.state)).toEqual(['done', 'done', 'running']);
  });

  it('a failed test fails the step that was playing', () => {
    const run = newRun(1, entry, { headed: false, slowMo: 0, reportDir: '/tmp/x', now: 0 });
    for (const line of OUTPUT) applyLine(run, line);
    expect(applyLine(run, '  ✘  1 scenarios/second-request-refused.scenario.ts:11:1 › a second customer request while one is active is refused (1.2s)')).toBe(true);
    expect(run.steps.map((s) => s.state)).toEqual(['done', 'done', 'failed']);
    expect(run.tests[0]!.state).toBe('failed');
  });
});

describe('a run', () => {
  it('tells the watching workspace how it goes, and follows the workspace the scenario creates', async () => {
    const t = makeTestApp();
    let finish!: (code: number) => void;
    const backend: ScenarioBackend = {
      catalog: () => [entry],
      run: (_o, onOutput) =>
        new Promise((resolve) => {
          finish = resolve;
          // The scenario's fixture makes a workspace named after its test, then works in it.
          const { workspace } = t.registry.create({ name: entry.tests[0]!.title });
          workspace.run((ctx) => ctx.emit('PROFILE_CREATED', { profile_id: 'p1' }));
          onOutput(OUTPUT.join('\n') + '\n');
        }),
    };
    const runner = new ScenarioRunner(backend, { registry: t.registry, bus: t.bus, sandboxUrl: () => 'http://sandbox.test' });
    const ws = t.registry.default;
    const run = runner.start('second-request-refused', ws, { headed: false, slowMo: 0 });
    expect(() => runner.start('second-request-refused', ws, { headed: false, slowMo: 0 })).toThrow(/still playing/);
    await new Promise((r) => setImmediate(r));
    expect(run.workspaces.map((w) => w.name)).toEqual([entry.tests[0]!.title]);
    expect(run.activity[0]!.text).toBe('Profile created');
    expect(runner.workspaceOf(run.id, run.workspaces[0]!.id)).toBe(run.workspaces[0]!.id);
    expect(runner.workspaceOf(run.id, 'default')).toBeNull();
    finish(0);
    await new Promise((r) => setImmediate(r));
    expect(run.state).toBe('passed');
    expect(run.steps.every((s) => s.state === 'done')).toBe(true);
    expect(runner.active).toBeNull();
    const notices = t.events.filter((e) => e.type === 'SCENARIO_RUN_PROGRESS' && e.workspace === 'default');
    expect(notices.length).toBeGreaterThan(2);
    expect(notices.at(-1)!.data).toMatchObject({ state: 'passed', steps_done: 3, steps: 3 });
  });

  it('an unknown scenario is refused', () => {
    const t = makeTestApp();
    const runner = new ScenarioRunner({ catalog: () => [entry], run: async () => 0 }, { registry: t.registry, bus: t.bus, sandboxUrl: () => '' });
    expect(() => runner.start('nope', t.registry.default, { headed: false, slowMo: 0 })).toThrow('no scenario named "nope"');
  });
});
