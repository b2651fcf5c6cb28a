import { seededIds } from '../core/ids.js';
import { createSandbox, DEFAULTS, StartError, type Sandbox, type SandboxOptions } from '../sandbox.js';
import { SandboxClient, SandboxApiError } from '../harness/client.js';
import { canShowBrowser, setDemoContext } from '../dashboard/runtime.js';
import { DEFAULT_SEED, demoPlan } from './plan.js';
import { seedWorkspace, type SeedResult } from './seeder.js';

/**
 * `passfort-sandbox demo` and `passfort-sandbox seed` (docs/demo.md). The server flags are
 * the `start` flags (parsed by the CLI); these are the commands' own.
 */

export class DemoCliError extends Error {}

export const DEMO_HELP = `Usage:
  passfort-sandbox demo [--seed N] [--headed] [--slow-mo MS] [--app-port N] [server flags]
  passfort-sandbox seed [--seed N] [--url URL] [--api-key KEY] [server flags]

demo   starts the sandbox (in memory), its inbox and the example integrator app, fills the
       default workspace with demo data, and prints where to look. Ctrl+C stops everything.
         --seed N        which demo data (default ${DEFAULT_SEED}); the same seed gives the same people and stories
         --headed        scenario playback and the story's customer in a visible browser
         --slow-mo MS    slow every browser action down by MS milliseconds (with --headed)
         --app-port N    port of the example integrator app (default 3000, 0 = any free)
seed   fills a new workspace with the same demo data, in a running sandbox (--url, default
       PASSFORT_SANDBOX_URL) or, without one, in the data directory (--data-dir) for the next start.
         --seed N        which demo data (default ${DEFAULT_SEED})
         --url URL       a running sandbox, e.g. http://127.0.0.1:8400
         --api-key KEY   seed this existing workspace instead of a new one (its clock moves!)
`;

const OWN_FLAGS = {
  seed: { type: 'string' },
  headed: { type: 'boolean' },
  'slow-mo': { type: 'string' },
  'app-port': { type: 'string' },
  url: { type: 'string' },
} as const;

/** Splits the command's own flags from the server flags (which the CLI parses). */
export function splitDemoArgs(argv: string[]): { own: Record<string, string | boolean | undefined>; rest: string[] } {
  const own: Record<string, string | boolean | undefined> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') ? (arg.slice(2).split(/=(.*)/s) as [string, string | undefined]) : [null, undefined];
    const spec = flag ? OWN_FLAGS[flag as keyof typeof OWN_FLAGS] : undefined;
    if (!spec) {
      rest.push(arg);
      continue;
    }
    if (spec.type === 'boolean') own[flag!] = true;
    else {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new DemoCliError(`--${flag} needs a value`);
      own[flag!] = value;
    }
  }
  return { own, rest };
}

export function intFlag(name: string, value: string | boolean | undefined, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min || n > max) throw new DemoCliError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

export const dashboardLink = (apiUrl: string, key: string) => `${apiUrl}/dashboard/login?key=${encodeURIComponent(key)}`;

function summary(r: SeedResult): string {
  const req = Object.entries(r.requests)
    .map(([s, n]) => `${n} ${s.toLowerCase()}`)
    .join(', ');
  return `${r.profiles} profiles, customer requests: ${req || 'none'}${r.stalled ? `, a webhook queue that stalled (${r.stalled.failed_attempts} failed attempts) and recovered` : ''}`;
}

/** `passfort-sandbox demo`: resolves once everything runs; stops on SIGINT/SIGTERM. */
export async function demoCommand(argv: string[], serverOptions: (rest: string[]) => SandboxOptions, out = (l: string) => process.stdout.write(l + '\n')): Promise<{ sandbox: Sandbox; stop: () => Promise<void> }> {
  const { own, rest } = splitDemoArgs(argv);
  const seed = intFlag('seed', own.seed, DEFAULT_SEED, 0, 2 ** 31 - 1);
  const slowMo = intFlag('slow-mo', own['slow-mo'], own.headed ? 250 : 0, 0, 10_000);
  const appPort = intFlag('app-port', own['app-port'], 3000, 0, 65535);
  const options = serverOptions(rest);
  const started = Date.now();
  // In memory, with ids from the seed: every demo starts from the same data (and the same key).
  const sandbox = await createSandbox({ ...options, memory: true, ids: seededIds(`demo-${seed}`) });
  const { startIntegratorApp } = await import('../../examples/integrator-app/app.js');
  const webhookSecret = `whsec_demo_${seed}`;
  let app;
  try {
    app = await startIntegratorApp({ passfortUrl: sandbox.urls.api, apiKey: sandbox.apiKey, webhookSecret, collectionUrl: sandbox.urls.api, port: appPort, bankName: 'Example Bank' });
  } catch (err) {
    await sandbox.close();
    const code = (err as NodeJS.ErrnoException).code;
    throw new StartError(code === 'EADDRINUSE' ? `the example app's port ${appPort} is already in use (choose another with --app-port, or 0 for any free port)` : `the example app did not start: ${(err as Error).message}`);
  }
  const exampleApp = { url: app.url, webhookUrl: app.webhookUrl, webhookSecret };
  setDemoContext(sandbox.registry, { exampleApp, headed: Boolean(own.headed), slowMo, seed });
  const stop = async () => {
    await app.close();
    await sandbox.close();
  };
  try {
    out(`passfort-sandbox demo: seeding the default workspace with demo data (seed ${seed}, ${demoPlan(seed).length} profiles)…`);
    const client = new SandboxClient({ baseUrl: sandbox.urls.api, apiKey: sandbox.apiKey });
    const result = await seedWorkspace(client, { seed, exampleApp });
    const { urls } = sandbox;
    out(`passfort-sandbox ready ${urls.api} inbox=${urls.inbox} smtp=${urls.smtp} apikey=${sandbox.apiKey} app=${app.url}`);
    out('');
    out(`  Demo data (seed ${seed}): ${summary(result)}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    out('');
    out(`  Dashboard     ${dashboardLink(urls.api, sandbox.apiKey)}`);
    out(`  Guided story  ${urls.api}/dashboard/story`);
    out(`  Inbox         ${urls.inbox}`);
    out(`  Example app   ${app.url}   (the integrator's sign-up page; its webhooks: ${app.url}/status/…)`);
    out(`  API           ${urls.api}/4.0   apikey=${sandbox.apiKey}   (reference: ${urls.api}/docs)`);
    if (own.headed) {
      out(
        canShowBrowser()
          ? `  Browser       scenarios and the story's customer play in a visible browser, ${slowMo} ms per action`
          : '  Browser       --headed needs a display (DISPLAY is not set): browsers will run headless',
      );
    }
    out('');
    out('  Press Ctrl+C to stop.');
  } catch (err) {
    await stop();
    throw err;
  }
  return { sandbox, stop };
}

/** `passfort-sandbox seed`: a new (or given) workspace of a running sandbox, or of the data directory. */
export async function seedCommand(argv: string[], serverOptions: (rest: string[]) => SandboxOptions, out = (l: string) => process.stdout.write(l + '\n'), env = process.env): Promise<SeedResult> {
  const { own, rest } = splitDemoArgs(argv);
  if (own.headed || own['slow-mo'] !== undefined || own['app-port'] !== undefined) throw new DemoCliError('--headed, --slow-mo and --app-port belong to demo, not seed');
  const seed = intFlag('seed', own.seed, DEFAULT_SEED, 0, 2 ** 31 - 1);
  const url = (typeof own.url === 'string' ? own.url : env.PASSFORT_SANDBOX_URL)?.replace(/\/+$/, '');
  const options = serverOptions(rest);
  const name = `Demo data (seed ${seed})`;

  const run = async (baseUrl: string, shownUrl: string) => {
    let client: SandboxClient;
    if (options.apiKey) {
      client = new SandboxClient({ baseUrl, apiKey: options.apiKey });
      out(`passfort-sandbox seed: seeding the workspace of the given key; its clock is moved back about 100 days and forward again`);
    } else {
      ({ client } = await SandboxClient.createWorkspace(baseUrl, { name }));
    }
    const ws = await client.workspace();
    out(`passfort-sandbox seed: seeding workspace "${ws.name}" (seed ${seed})…`);
    const result = await seedWorkspace(client, { seed });
    out(`passfort-sandbox seed: ${summary(result)} in ${(result.durationMs / 1000).toFixed(1)} s`);
    out(`  Workspace  ${ws.name} (${ws.id})  apikey=${client.apiKey}`);
    out(`  Dashboard  ${dashboardLink(shownUrl, client.apiKey)}`);
    return result;
  };

  if (url) {
    if (!/^https?:\/\/\S+$/.test(url)) throw new DemoCliError(`--url must look like http://127.0.0.1:8400, got "${url}"`);
    try {
      return await run(url, url);
    } catch (err) {
      if (err instanceof SandboxApiError) throw new DemoCliError(`the sandbox at ${url} refused: ${err.message}`);
      if (err instanceof TypeError && err.message === 'fetch failed') {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new DemoCliError(`nothing answers at ${url} (${cause?.code ?? cause?.message ?? 'no connection'}); start the sandbox first, or leave --url out to seed the data directory`);
      }
      throw err;
    }
  }
  if (options.memory) throw new DemoCliError('seed with --memory would keep nothing; give --url of a running sandbox, or a --data-dir');
  // A short-lived sandbox on free ports over the data directory; the next `start` shows the data.
  const sandbox = await createSandbox({ ...options, port: 0, smtpPort: 0, inboxPort: 0 });
  try {
    const shown = `http://${options.host ?? DEFAULTS.host}:${options.port ?? DEFAULTS.port}`;
    const result = await run(sandbox.urls.api, shown);
    out(`  Start the sandbox on this data directory (passfort-sandbox start) to open it.`);
    return result;
  } finally {
    await sandbox.close();
  }
}

/**
 * The CLI entry of both commands: help, one-line errors, and for `demo` a process that runs
 * until SIGINT/SIGTERM. Resolves to an exit code (`demo` resolves once it is up; the signal
 * handlers end the process).
 */
export async function demoCli(command: 'demo' | 'seed', argv: string[], serverOptions: (rest: string[]) => SandboxOptions): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(DEMO_HELP);
    return 0;
  }
  try {
    if (command === 'seed') {
      await seedCommand(argv, serverOptions);
      return 0;
    }
    const { stop } = await demoCommand(argv, serverOptions);
    let stopping = false;
    const onSignal = (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`passfort-sandbox: ${signal}, shutting down\n`);
      stop().then(
        () => process.exit(0),
        (err) => {
          process.stderr.write(`passfort-sandbox: shutdown failed: ${err}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    return 0;
  } catch (err) {
    if (err instanceof DemoCliError || err instanceof StartError) {
      process.stderr.write(`passfort-sandbox: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
