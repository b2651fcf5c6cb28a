import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../bench/support.js';
import { inboxRecipients, ROOT, sendRequestEmail, whenReady } from './support/process.js';

/**
 * PROCESS TEST — slow (about a minute) and needs the npm registry: the package as a user gets
 * it. `npm pack` of this checkout, `npm install <tarball>` into a fresh project in a temp folder,
 * then the installed bin (`npx passfort-sandbox`), the programmatic import and both `exports`
 * entries are used from that project, which has nothing but the tarball and its dependencies.
 * dist/ is rebuilt first only when older than src/ (as `npm run bench` does); `npm pack` runs
 * with --ignore-scripts so `prepare` does not build a second time.
 */

const run = promisify(execFile);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
/** npm's own variables from an `npm test` around us would leak into the child npm (prefix, cache, scripts). */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

let work: string;
let project: string;
let packed: string[];

beforeAll(async () => {
  ensureBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env: cleanEnv, maxBuffer: 64 * 2 ** 20 });
  const info = (JSON.parse(stdout) as { filename: string; files: { path: string }[] }[])[0]!;
  packed = info.files.map((f) => f.path);
  project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'clean-install', private: true, type: 'module' }));
  await run('npm', ['install', path.join(work, info.filename), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project, env: cleanEnv });
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('[process] npm pack, installed into a clean project', () => {
  it('ships the runtime (dist, bin, loaders, scenarios, schema, README, docs) and no tests, sources or maps', () => {
    for (const f of ['package.json', 'README.md', 'bin/passfort-sandbox.js', 'dist/cli.bundle.cjs', 'dist/src/cli.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/harness/playwright.js', 'dist/src/harness/playwright.d.ts', 'loaders/static_loader.html', 'loaders/dynamic_loader.html', 'schema/config.schema.json']) {
      expect(packed, f).toContain(f);
    }
    expect(packed.some((f) => f.startsWith('scenarios/') && f.endsWith('.scenario.ts'))).toBe(true);
    expect(packed.some((f) => f.startsWith('docs/'))).toBe(true);
    const unwanted = packed.filter((f) => /\.test\.[jt]sx?$|\.map$|^(src|test|e2e|bench|fuzz|scripts)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('scenarios/'));
    expect(unwanted).toEqual([]);
  });

  it('npx passfort-sandbox starts, prints its ready line and answers /__sandbox/health and /4.0 with the printed key', async () => {
    expect(fs.existsSync(path.join(project, 'node_modules/.bin/passfort-sandbox'))).toBe(true);
    // `--no --`: never fetch a package of that name from the registry; the `--` keeps npm 11 from
    // reading the sandbox's flags as its own after `--no`. Its own process group, so the server
    // npx starts goes down with it.
    const child = spawn('npx', ['--no', '--', 'passfort-sandbox', '--port', '0', '--smtp-port', '0', '--inbox-port', '0', '--memory'], {
      cwd: project,
      env: cleanEnv,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    try {
      const { url, apiKey, line } = await whenReady(child);

      const health = await fetch(`${url}/__sandbox/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', version: pkg.version });

      const headers = { apikey: apiKey, 'content-type': 'application/json' };
      const created = await fetch(`${url}/4.0/profiles`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', customer_ref: 'packed-1', personal_details: { name: { given_names: ['Pat'], family_name: 'Packed' } } } }),
      });
      expect(created.status).toBe(200);
      const { id } = (await created.json()) as { id: string };
      const read = await fetch(`${url}/4.0/profiles/${id}`, { headers });
      expect(((await read.json()) as { collected_data: { customer_ref: string } }).collected_data.customer_ref).toBe('packed-1');
      expect((await fetch(`${url}/4.0/profiles`)).status).toBe(401);

      // The loaders are files of the package, read at run time.
      const loader = await fetch(`${url}/onboarding`);
      expect(loader.status).toBe(200);
      expect(await loader.text()).toContain(`${url}/embed.js`);
      expect((await fetch(`${url}/`)).status).toBe(200); // the dashboard

      // A request email goes through the bundled mailer and SMTP server, and the inbox parses it
      // with mailparser, which the bundle leaves outside and loads on first use.
      expect(await sendRequestEmail(url, apiKey, 'pat@example.com')).toBe(200);
      const inbox = /inbox=(\S+)/.exec(line)![1]!;
      await expect.poll(() => inboxRecipients(inbox), { timeout: 10_000 }).toEqual(['pat@example.com']);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }, 60_000);

  it('lists the built-in scenarios shipped in the package', async () => {
    const { stdout } = await run('npx', ['--no', '--', 'passfort-sandbox', 'scenario', 'list'], { cwd: project, env: cleanEnv });
    expect(stdout).toContain('pep-outcome');
  }, 60_000);

  it("import { createSandbox } from 'passfort-sandbox' works and its types resolve", async () => {
    fs.writeFileSync(
      path.join(project, 'check.mjs'),
      `import { createSandbox } from 'passfort-sandbox';
const sb = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, memory: true });
const res = await fetch(sb.urls.api + '/4.0/profiles', { headers: { apikey: sb.apiKey } });
console.log(JSON.stringify({ status: res.status, body: await res.json() }));
await sb.close();
`,
    );
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project, env: cleanEnv });
    expect(JSON.parse(stdout)).toMatchObject({ status: 200, body: { count: 0 } });

    // What a TypeScript user's editor sees: the `types` condition of both exports.
    fs.writeFileSync(
      path.join(project, 'check.ts'),
      `import { createSandbox, type Sandbox, type SandboxOptions } from 'passfort-sandbox';
const options: SandboxOptions = { port: 0, memory: true };
const sb: Sandbox = await createSandbox(options);
const key: string = sb.apiKey;
export { key };
`,
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules/@types'), 'check.ts'], {
      cwd: project,
      env: cleanEnv,
    }).catch((err: { stdout: string }) => ({ stdout: err.stdout }));
    expect(result.stdout).toBe('');
  }, 60_000);

  it("'passfort-sandbox/playwright' resolves and loads once @playwright/test (its optional peer) is installed", async () => {
    // The peer is optional, so npm did not install it: borrow this checkout's copy, as a user's own would be.
    fs.mkdirSync(path.join(project, 'node_modules/@playwright'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules/@playwright/test'), path.join(project, 'node_modules/@playwright/test'), 'dir');
    fs.writeFileSync(
      path.join(project, 'check-playwright.mjs'),
      `const m = await import('passfort-sandbox/playwright');
console.log(JSON.stringify({ resolved: import.meta.resolve('passfort-sandbox/playwright'), exports: Object.keys(m).sort() }));
`,
    );
    const { stdout } = await run(process.execPath, ['check-playwright.mjs'], { cwd: project, env: cleanEnv });
    const out = JSON.parse(stdout) as { resolved: string; exports: string[] };
    expect(out.resolved).toContain('/node_modules/passfort-sandbox/dist/src/harness/playwright.js');
    expect(out.exports).toEqual(expect.arrayContaining(['test', 'expect', 'SandboxClient', 'routeCollection']));
  }, 60_000);
});
