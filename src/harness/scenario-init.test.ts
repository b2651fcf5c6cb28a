import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { parseRunArgs, runScenarios } from './scenario-cli.js';
import { initProject } from './scenario-init.js';

/**
 * The starter passes as written: `scenario init` in an empty ESM project, then
 * `scenario run --dir scenarios` (a child Playwright run in Chromium).
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-init-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('the starter scenario written by scenario init passes against the example app', async () => {
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bank', private: true, type: 'module' }));
  initProject(dir);
  // The project has no node_modules here: resolve the package name to this checkout's fixtures.
  const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'playwright.ts');
  fs.writeFileSync(path.join(dir, 'scenarios', 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', paths: { 'passfort-sandbox/playwright': [fixtures] } } }));
  let output = '';
  const code = await runScenarios(parseRunArgs(['--dir', path.join(dir, 'scenarios'), '--workers', '1', '--output', path.join(dir, 'out')], {}), () => {}, (c) => (output += c));
  expect(code, output).toBe(0);
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'results.json'), 'utf8'));
  expect(report.stats).toMatchObject({ expected: 1, unexpected: 0 });
}, 180_000);
