import fs from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';

/**
 * A Playwright reporter for `bench/scenarios.ts`: per test, its duration and the time its
 * fixtures took to launch the browser and start the worker's sandbox (both once per worker,
 * charged by Playwright to the worker's first test), written as JSON to BENCH_SCENARIO_OUT.
 */

export interface Row {
  file: string;
  title: string;
  status: string;
  workerIndex: number;
  durationMs: number;
  browserLaunchMs: number;
  sandboxStartMs: number;
}

const fixtureMs = (steps: TestStep[], name: RegExp): number =>
  steps.reduce((sum, s) => sum + (s.category === 'fixture' && name.test(s.title) ? s.duration : 0) + fixtureMs(s.steps, name), 0);

export default class ScenarioTimingReporter implements Reporter {
  readonly rows: Row[] = [];
  #started = 0;

  onBegin(): void {
    this.#started = performance.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.rows.push({
      file: test.location.file,
      title: test.title,
      status: result.status,
      workerIndex: result.workerIndex,
      durationMs: result.duration,
      browserLaunchMs: fixtureMs(result.steps, /^Fixture "browser"$/),
      sandboxStartMs: fixtureMs(result.steps, /^Fixture "sandbox"$/),
    });
  }

  onEnd(result: FullResult): void {
    const out = process.env.BENCH_SCENARIO_OUT;
    const body = { status: result.status, wallMs: performance.now() - this.#started, rows: this.rows };
    if (out) fs.writeFileSync(out, JSON.stringify(body, null, 2));
  }

  printsToStdio(): boolean {
    return false;
  }
}
