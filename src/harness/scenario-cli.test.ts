import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInScenarioDir, packageRoot, scenarioCatalog } from './catalog.js';
import { findPlaywrightCli, listScenarios, parseRunArgs, renderConfig, ScenarioCliError, selectScenarios, stageLibrary } from './scenario-cli.js';
import { GITHUB_WORKFLOW, initProject, STARTER_CONFIG, writeStarter } from './scenario-init.js';

const tmp: string[] = [];
const tempDir = (prefix = 'pfs-cli-') => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmp.push(d);
  return d;
};
afterEach(() => {
  for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('scenario run flags', () => {
  it('defaults: built-in library, 2 workers, headless, ./scenario-results', () => {
    expect(parseRunArgs([], {}, '/proj')).toEqual({
      names: [],
      dir: undefined,
      workers: 2,
      headed: false,
      slowMo: 0,
      output: '/proj/scenario-results',
      sandboxUrl: undefined,
      grep: undefined,
      timeout: 60_000,
      retries: 0,
    });
  });

  it('reads names and every flag; the sandbox URL also from PASSFORT_SANDBOX_URL', () => {
    const o = parseRunArgs(['theme', '--workers', '4', '--headed', '--slow-mo', '250', '--dir', 'my', '--output', 'out', '--grep', 'email', '--retries', '1'], { PASSFORT_SANDBOX_URL: 'http://127.0.0.1:8400/' }, '/proj');
    expect(o).toMatchObject({ names: ['theme'], workers: 4, headed: true, slowMo: 250, dir: '/proj/my', output: '/proj/out', sandboxUrl: 'http://127.0.0.1:8400', grep: 'email', retries: 1 });
  });

  it.each([
    [['--workers', '0'], '--workers must be a whole number of at least 1, got "0"'],
    [['--slow-mo', 'fast'], '--slow-mo must be a whole number of at least 0, got "fast"'],
    [['--sandbox-url', 'localhost:8400'], '--sandbox-url must look like http://127.0.0.1:8400, got "localhost:8400"'],
    [['--wrokers', '2'], "Unknown option '--wrokers'"],
  ])('refuses %j with a one-line reason', (argv, message) => {
    expect(() => parseRunArgs(argv, {}, '/proj')).toThrow(ScenarioCliError);
    expect(() => parseRunArgs(argv, {}, '/proj')).toThrow(message);
  });
});

describe('choosing scenarios', () => {
  const catalog = scenarioCatalog(builtInScenarioDir());
  it('runs all, or the named ones (with or without the suffix)', () => {
    expect(selectScenarios(catalog, [])).toHaveLength(catalog.length);
    expect(selectScenarios(catalog, ['theme', 'expired-link.scenario.ts']).map((s) => s.name)).toEqual(['expired-link', 'theme']);
  });
  it('refuses an unknown name, listing the known ones', () => {
    expect(() => selectScenarios(catalog, ['theme', 'themes'])).toThrow(/^no scenario named "themes"; known: company-registration, document-request, /);
  });
});

describe('the generated Playwright config', () => {
  it('is an importable module with the reporters, workers, browser and demo options', async () => {
    const o = parseRunArgs(['--workers', '3', '--headed', '--slow-mo', '100', '--output', '/out'], {}, '/proj');
    const file = path.join(tempDir(), 'c.mjs');
    fs.writeFileSync(file, renderConfig(o, '/lib', '/usr/bin/chromium'));
    const config = (await import(file)).default;
    expect(config).toMatchObject({
      testDir: '/lib',
      testMatch: ['**/*.scenario.ts'],
      fullyParallel: true,
      workers: 3,
      outputDir: '/out/artifacts',
      reporter: [['list'], ['html', { outputFolder: '/out/html', open: 'never' }], ['junit', { outputFile: '/out/junit.xml' }], ['json', { outputFile: '/out/results.json' }]],
      use: { headless: false, launchOptions: { executablePath: '/usr/bin/chromium', slowMo: 100 }, trace: 'retain-on-failure' },
    });
  });

  it("finds @playwright/test's CLI", () => {
    expect(fs.existsSync(findPlaywrightCli())).toBe(true);
  });
});

describe('staging an installed library', () => {
  it('leaves a library outside node_modules where it is', () => {
    expect(stageLibrary('/work/x/scenarios', '/proj')).toBe('/work/x/scenarios');
  });

  it('copies one inside node_modules next to the project, with a tsconfig resolving the fixtures', () => {
    const root = tempDir();
    const lib = path.join(root, 'node_modules', 'passfort-sandbox', 'scenarios');
    fs.mkdirSync(lib, { recursive: true });
    fs.writeFileSync(path.join(lib, 'a.scenario.ts'), '// a');
    const project = path.join(root, 'project');
    const staged = stageLibrary(lib, project);
    expect(staged).toBe(path.join(project, '.passfort-sandbox', 'scenario-library'));
    expect(fs.readFileSync(path.join(staged, 'a.scenario.ts'), 'utf8')).toBe('// a');
    const tsconfig = JSON.parse(fs.readFileSync(path.join(staged, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.paths['passfort-sandbox/playwright']).toEqual([path.join(packageRoot(), 'dist', 'src', 'harness', 'playwright.js')]);
  });
});

describe('scenario list', () => {
  it('prints one line per scenario with its title and step count, or the catalog as JSON', () => {
    let text = '';
    listScenarios([], (t) => (text += t));
    expect(text).toMatch(/^company-registration +Company registration flow .+ \(\d+ steps\)$/m);
    expect(text).toMatch(/^webhook-receiver-down +The webhook receiver is down/m);
    let json = '';
    listScenarios(['--json'], (t) => (json += t));
    const parsed = JSON.parse(json) as { name: string; file?: string; steps: string[] }[];
    expect(parsed.find((s) => s.name === 'theme')?.steps.length).toBeGreaterThan(2);
    expect(parsed[0]).not.toHaveProperty('file');
  });
});

describe('scenario init', () => {
  it('writes the starter scenario and config, keeps existing files unless --force', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'playwright.config.ts'), '// mine');
    const lines: string[] = [];
    const written = writeStarter([dir], (l) => lines.push(l), '/');
    expect(written.map((w) => [path.relative(dir, w.path), w.status])).toEqual([
      ['scenarios/onboarding.scenario.ts', 'written'],
      ['playwright.config.ts', 'kept'],
    ]);
    expect(fs.readFileSync(path.join(dir, 'playwright.config.ts'), 'utf8')).toBe('// mine');
    expect(lines.join('\n')).toContain('playwright.config.ts (exists; --force overwrites)');
    initProject(dir, { force: true, githubActions: true });
    expect(fs.readFileSync(path.join(dir, 'playwright.config.ts'), 'utf8')).toBe(STARTER_CONFIG);
    expect(fs.readFileSync(path.join(dir, '.github', 'workflows', 'passfort-scenarios.yml'), 'utf8')).toBe(GITHUB_WORKFLOW);
  });

  it('writes the same workflow as docs/testing-in-ci.md shows (examples/github-actions.yml)', () => {
    expect(fs.readFileSync(path.join(packageRoot(), 'examples', 'github-actions.yml'), 'utf8')).toBe(GITHUB_WORKFLOW);
  });
});
