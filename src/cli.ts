// First: see src/net/lazy-web-globals.ts.
import './net/install-lazy-web-globals.js';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createSandbox, DEFAULTS, StartError, type SandboxOptions } from './sandbox.js';
import { packageVersion } from './core/version.js';

/**
 * `passfort-sandbox [command] [flags]`. Every failure the user can fix ends as one line on
 * stderr and a non-zero exit code.
 */

const serverFlags = {
  port: { type: 'string' },
  'smtp-port': { type: 'string' },
  'inbox-port': { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  memory: { type: 'boolean' },
  config: { type: 'string' },
  'smtp-url': { type: 'string' },
  'inbox-url': { type: 'string' },
  'inbox-auth': { type: 'string' },
  'smtp-chaos': { type: 'boolean' },
  'inbox-max-messages': { type: 'string' },
  'smtp-max-size': { type: 'string' },
  'api-key': { type: 'string' },
  'allow-remote-workspaces': { type: 'boolean' },
  fsync: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

const HELP = `passfort-sandbox ${packageVersion()} — a local, stateful PassFort API 4.0 with an inbox, webhooks and a movable clock

Usage: passfort-sandbox [command] [flags]

Commands:
  start            start the sandbox (default)
  reset            delete the data directory (the sandbox must not be running on it)
  scenario run [names…]   run the scenario library (or --dir DIR) in Chromium; HTML and JUnit reports
  scenario list    list the scenarios          scenario init   write a starter for your own app
                   (passfort-sandbox scenario --help for their flags)
  demo             start the sandbox, inbox and example app with seeded demo data; prints the dashboard URL
  seed             fill a new workspace with the demo data (--url of a running sandbox, or the data directory)
                   (passfort-sandbox demo --help for their flags)

Flags (env variable in brackets):
  --port N             API, collection form and control API port, 0 = any free  [PASSFORT_SANDBOX_PORT] (${DEFAULTS.port})
  --smtp-port N        inbox SMTP port                                          [PASSFORT_SANDBOX_SMTP_PORT] (${DEFAULTS.smtpPort})
  --inbox-port N       inbox HTTP port (Mailpit-compatible API and web page)    [PASSFORT_SANDBOX_INBOX_PORT] (${DEFAULTS.inboxPort})
  --host ADDR          bind address                                             [PASSFORT_SANDBOX_HOST] (${DEFAULTS.host})
  --data-dir DIR       where data is kept                                       [PASSFORT_SANDBOX_DATA_DIR] (./${DEFAULTS.dataDir})
  --memory             keep nothing on disk
  --config PATH        workspace config (default ./passfort-sandbox.config.json if present, else built-in)
  --smtp-url URL       send email to this SMTP server (e.g. a real Mailpit) instead of the embedded inbox
  --inbox-url URL      read email from this Mailpit instead of the embedded inbox
  --inbox-auth U:P     basic auth on the inbox web page and API (also sent to --inbox-url)  [PASSFORT_SANDBOX_INBOX_AUTH]
  --smtp-chaos         allow SMTP chaos (GET|PUT /api/v1/chaos on the inbox) to make email sending fail
  --inbox-max-messages N   keep at most N messages, oldest deleted first; 0 keeps all (500)
  --smtp-max-size SIZE largest accepted message, bytes or with kb/mb (25mb)
  --api-key KEY        master key of the default workspace                      [PASSFORT_SANDBOX_API_KEY]
  --allow-remote-workspaces   allow POST /__sandbox/workspaces from other machines
  --fsync              flush every write to disk (survives power loss; slower)
  -h, --help           this help
  -v, --version        the version
`;

function fail(message: string): never {
  process.stderr.write(`passfort-sandbox: ${message}\n`);
  process.exit(2);
}

function port(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${name} must be a port number from 0 to 65535, got "${value}"`);
  return n;
}

export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: serverFlags, allowPositionals: true, strict: true });
  } catch (err) {
    fail(`${(err as Error).message.split('\n')[0]} (see --help)`);
  }
  const v = parsed.values;
  const options: SandboxOptions = {
    port: port('--port', v.port ?? env.PASSFORT_SANDBOX_PORT) ?? DEFAULTS.port,
    smtpPort: port('--smtp-port', v['smtp-port'] ?? env.PASSFORT_SANDBOX_SMTP_PORT) ?? DEFAULTS.smtpPort,
    inboxPort: port('--inbox-port', v['inbox-port'] ?? env.PASSFORT_SANDBOX_INBOX_PORT) ?? DEFAULTS.inboxPort,
    host: v.host ?? env.PASSFORT_SANDBOX_HOST ?? DEFAULTS.host,
    dataDir: v['data-dir'] ?? env.PASSFORT_SANDBOX_DATA_DIR ?? DEFAULTS.dataDir,
    memory: v.memory ?? false,
    allowRemoteWorkspaces: v['allow-remote-workspaces'] ?? false,
    fsync: v.fsync ?? false,
  };
  if (v.config) options.config = v.config;
  const apiKey = v['api-key'] ?? env.PASSFORT_SANDBOX_API_KEY;
  if (apiKey !== undefined) {
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(apiKey)) fail('the API key must be 8 to 128 letters, digits, "_" or "-"');
    options.apiKey = apiKey;
  }
  if (Boolean(v['smtp-url']) !== Boolean(v['inbox-url'])) fail('--smtp-url and --inbox-url go together (both point at the same Mailpit)');
  if (v['smtp-url']) {
    if (!/^smtps?:\/\/[^/\s]+$/.test(v['smtp-url'])) fail(`--smtp-url must look like smtp://host:port, got "${v['smtp-url']}"`);
    options.smtpUrl = v['smtp-url'];
  }
  if (v['inbox-url']) {
    if (!/^https?:\/\/[^\s]+$/.test(v['inbox-url'])) fail(`--inbox-url must look like http://host:8025, got "${v['inbox-url']}"`);
    options.inboxUrl = v['inbox-url'].replace(/\/+$/, '');
  }
  const inboxAuth = v['inbox-auth'] ?? env.PASSFORT_SANDBOX_INBOX_AUTH;
  if (inboxAuth !== undefined && inboxAuth !== '') {
    const colon = inboxAuth.indexOf(':');
    if (colon <= 0 || colon === inboxAuth.length - 1) fail('--inbox-auth must be user:password');
    options.inboxAuth = { username: inboxAuth.slice(0, colon), password: inboxAuth.slice(colon + 1) };
  }
  if (v['smtp-chaos']) options.smtpChaos = true;
  if (v['inbox-max-messages'] !== undefined) {
    const n = Number(v['inbox-max-messages']);
    if (!Number.isInteger(n) || n < 0) fail(`--inbox-max-messages must be a whole number (0 keeps every message), got "${v['inbox-max-messages']}"`);
    options.inboxMaxMessages = n;
  }
  if (v['smtp-max-size'] !== undefined) {
    const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(v['smtp-max-size'].trim());
    const bytes = m ? Math.floor(Number(m[1]) * ({ k: 1024, kb: 1024, m: 1048576, mb: 1048576 }[(m[2] ?? 'b').toLowerCase() as 'k'] ?? 1)) : NaN;
    if (!Number.isFinite(bytes) || bytes < 1024) fail(`--smtp-max-size must be a size of at least 1kb such as 25mb, got "${v['smtp-max-size']}"`);
    options.smtpMaxSize = bytes;
  }
  return { options, positionals: parsed.positionals, help: v.help ?? false, version: v.version ?? false };
}

async function start(options: SandboxOptions): Promise<void> {
  let sandbox;
  try {
    sandbox = await createSandbox(options);
  } catch (err) {
    if (err instanceof StartError) fail(err.message);
    throw err;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`passfort-sandbox: ${signal}, shutting down\n`);
    sandbox
      .close()
      .then(() => process.exit(0))
      .catch((err) => {
        process.stderr.write(`passfort-sandbox: shutdown failed: ${err}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Printed last: whoever waits for this line may signal us right away.
  const { urls } = sandbox;
  process.stdout.write(`passfort-sandbox ready ${urls.api} inbox=${urls.inbox} smtp=${urls.smtp} apikey=${sandbox.apiKey}\n`);
}

function reset(options: SandboxOptions): void {
  const dir = path.resolve(options.dataDir ?? DEFAULTS.dataDir);
  if (!fs.existsSync(dir)) {
    process.stdout.write(`passfort-sandbox: nothing to reset, ${dir} does not exist\n`);
    return;
  }
  const lock = path.join(dir, 'LOCK');
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      /* stale */
    }
    if (alive) fail(`a sandbox (pid ${pid}) is running on ${dir}; stop it, or call POST /__sandbox/reset instead`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`passfort-sandbox: deleted ${dir}\n`);
}

/** The command an argument list runs: its first word, or `start` when it begins with a flag or is empty. */
export function commandOf(argv: readonly string[]): string {
  return argv[0] && !argv[0].startsWith('-') ? argv[0] : 'start';
}

export async function main(argv: string[]): Promise<void> {
  // `passfort-sandbox scenario list | head`: a reader that stops early is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const command = commandOf(argv);
  const rest = command === argv[0] ? argv.slice(1) : argv;
  if (command === 'scenario') {
    // Its own flags (--workers, --headed, …); loaded only when asked for.
    const { scenarioCommand } = await import('./harness/scenario-cli.js');
    process.exitCode = await scenarioCommand(rest);
    return;
  }
  if (command === 'demo' || command === 'seed') {
    // Their own flags (--seed, --headed, …) besides the server flags (docs/demo.md).
    const { demoCli } = await import('./demo/command.js');
    process.exitCode = await demoCli(command, rest, (serverArgs) => {
      const parsed = parseServerArgs(serverArgs);
      if (parsed.positionals.length) fail(`unexpected argument "${parsed.positionals[0]}" (see passfort-sandbox ${command} --help)`);
      return parsed.options;
    });
    return;
  }
  const { options, positionals, help, version } = parseServerArgs(rest);
  if (version) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  if (help) {
    process.stdout.write(HELP);
    return;
  }
  switch (command) {
    case 'start':
      if (positionals.length) fail(`unexpected argument "${positionals[0]}" (see --help)`);
      return start(options);
    case 'reset':
      return reset(options);
    default:
      fail(`unknown command "${command}" (see --help)`);
  }
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`passfort-sandbox: ${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  });
}
