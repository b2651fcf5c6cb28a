import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../src/sandbox.js';
import { runFuzz } from '../fuzz/runner.js';

/**
 * The short, fixed-seed run of `npm run fuzz`, so `npm test` keeps its guarantee: a few inputs
 * for every route of the API, the collection back end, the control API, the inbox API and
 * the SMTP port; no 5xx, no crash, nothing changed by a refused request. The long run with a
 * random seed is `npm run fuzz` (docs/performance-and-reliability.md).
 */

let sb: Sandbox;
beforeAll(async () => {
  sb = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, memory: true, inboxMaxMessages: 0, smtpChaos: true });
});
afterAll(() => sb?.close());

describe('fuzzing (fixed seed, short)', () => {
  it('finds no 5xx, no crash and no data changed by refused requests on any route', async () => {
    const smtp = new URL(sb.urls.smtp);
    const report = await runFuzz({
      api: sb.urls.api,
      inbox: sb.urls.inbox,
      smtp: { host: smtp.hostname, port: Number(smtp.port) },
      seed: 20260115,
      seconds: 120,
      runs: 400,
      batch: 4,
      sharedWorkspace: true,
      checkEveryTargets: 8,
    });
    const summary = `${report.inputs} inputs over ${report.targets.length} targets in ${report.elapsedMs} ms (seed ${report.seed})`;
    expect(report.failures, summary).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.targets.length).toBeGreaterThanOrEqual(110);
    expect(report.targets.every((t) => t.inputs > 0)).toBe(true);
    expect(report.inputs).toBeGreaterThanOrEqual(400);
  }, 180_000);
});
