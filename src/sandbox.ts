import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { WallClock } from './core/clock.js';
import { systemWallClock } from './core/wall-clock.js';
import { EventBus } from './core/event-bus.js';
import { cryptoIds, type IdGenerator } from './core/ids.js';
import { packageVersion } from './core/version.js';
import { ConfigError } from './config/load-config.js';
import { MemoryStore } from './store/memory-store.js';
import { compactHeap } from './store/compact-heap.js';
import { JournalStore } from './store/journal-store.js';
import type { Store } from './store/store.js';
import { jobHandlers } from './domain/jobs.js';
import { WorkspaceRegistry } from './workspace/registry.js';
import type { SandboxEvent } from './workspace/events.js';
import { createApp, type SandboxUrls } from './mock-api/app.js';
import { adapterErrorResponse, parserErrorAnswer } from './mock-api/errors.js';
import { RequestJournal } from './mock-api/middleware/request-journal.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { startInbox, type Inbox } from './inbox/server.js';
import { RequestMailer } from './inbox/mailer.js';
import { listen } from './net/listen.js';
import { answerParserErrors } from './net/client-errors.js';

export interface SandboxOptions {
  /** API port; 0 picks a free one. Default 8400. */
  port?: number;
  /** Inbox SMTP port; 0 picks a free one. Default 1025. */
  smtpPort?: number;
  /** Inbox HTTP port; 0 picks a free one. Default 8025. */
  inboxPort?: number;
  host?: string;
  /** Where data lives; ignored with `memory`. Default ./.passfort-sandbox */
  dataDir?: string;
  memory?: boolean;
  /** Config of the default workspace: a file path, or the config object. */
  config?: string | Record<string, unknown>;
  /** Master key of the default workspace; generated and kept when absent. */
  apiKey?: string;
  /** Use an external Mailpit instead of the embedded inbox. */
  smtpUrl?: string;
  inboxUrl?: string;
  /** Basic auth on the inbox's HTTP side (and the credentials for an external Mailpit). */
  inboxAuth?: { username: string; password: string };
  /** Allow SMTP chaos (`GET|PUT /api/v1/chaos` on the inbox). */
  smtpChaos?: boolean;
  /** Inbox retention: oldest messages are deleted past this many; 0 keeps all. Default 500. */
  inboxMaxMessages?: number;
  /** Largest message the inbox accepts, in bytes. Default 25 MB. */
  smtpMaxSize?: number;
  /** First retry delay of a failed request email, in workspace ms (default 5 s, doubling to 10 min). */
  emailRetryBaseMs?: number;
  allowRemoteWorkspaces?: boolean;
  /** fsync every write (survives power loss; slower). */
  fsync?: boolean;
  /** For tests: time and ids. */
  wall?: WallClock;
  ids?: IdGenerator;
}

export interface Sandbox {
  urls: SandboxUrls;
  /** Master key of the default workspace. */
  apiKey: string;
  registry: WorkspaceRegistry;
  bus: EventBus<SandboxEvent>;
  store: Store;
  app: ReturnType<typeof createApp>;
  /** Webhook delivery of every workspace (started with the server, stopped by close). */
  webhooks: WebhookDispatcher;
  /** The embedded inbox; null when an external Mailpit is used (`smtpUrl` + `inboxUrl`). */
  inbox: Inbox | null;
  /** Sends the customer-request emails. */
  mailer: RequestMailer;
  /** Credentials of the inbox (embedded or external), for `inboxClient()` in src/inbox/client.ts. */
  inboxAuth: { username: string; password: string } | null;
  close(): Promise<void>;
}

/** A start-up problem the user can fix; the CLI prints its message as one line. */
export class StartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartError';
  }
}

export const DEFAULTS = { port: 8400, smtpPort: 1025, inboxPort: 8025, host: '127.0.0.1', dataDir: '.passfort-sandbox' } as const;

function readConfig(config: SandboxOptions['config']): unknown {
  if (config === undefined) {
    const local = 'passfort-sandbox.config.json';
    if (!fs.existsSync(local)) return undefined;
    config = local;
  }
  if (typeof config !== 'string') return config;
  let text: string;
  try {
    text = fs.readFileSync(config, 'utf8');
  } catch (err) {
    throw new StartError(`cannot read the config file ${config}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new StartError(`the config file ${config} is not valid JSON: ${(err as Error).message}`);
  }
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host);

/** Starts the sandbox in this process and resolves once it answers. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULTS.host;
  const rawConfig = readConfig(options.config);
  let store: Store;
  if (options.memory) store = new MemoryStore();
  else {
    try {
      store = await JournalStore.open(options.dataDir ?? DEFAULTS.dataDir, { fsync: options.fsync ?? false, afterIdleCompaction: compactHeap });
    } catch (err) {
      throw new StartError((err as Error).message);
    }
  }
  const bus = new EventBus<SandboxEvent>();
  let registry: WorkspaceRegistry;
  try {
    registry = WorkspaceRegistry.open({
      store,
      wall: options.wall ?? systemWallClock,
      ids: options.ids ?? cryptoIds,
      bus,
      jobs: jobHandlers,
      defaultWorkspaceConfig: rawConfig,
      ...(options.apiKey ? { defaultApiKey: options.apiKey } : {}),
    });
  } catch (err) {
    await store.close();
    if (err instanceof ConfigError) throw new StartError(`invalid config: ${err.problems.join('; ')}`);
    throw err;
  }

  const urls: SandboxUrls = {
    api: '',
    inbox: options.inboxUrl ?? `http://${urlHost(host)}:${options.inboxPort ?? DEFAULTS.inboxPort}`,
    smtp: options.smtpUrl ?? `smtp://${urlHost(host)}:${options.smtpPort ?? DEFAULTS.smtpPort}`,
  };
  const journal = new RequestJournal();
  const webhooks = new WebhookDispatcher({ registry, bus, store, selfUrl: () => urls.api, version: packageVersion() });
  const app = createApp({
    webhooks,
    events: { bus, store },
    registry,
    journal,
    version: packageVersion(),
    urls: () => urls,
    allowRemoteWorkspaces: options.allowRemoteWorkspaces ?? false,
    inboxAuth: options.inboxAuth ?? null,
  });
  // createAdaptorServer, but a request the adapter cannot read, or that Node's parser refuses,
  // gets the envelope too. (An HTTP/1.1 request without Host still gets Node's bare 400.)
  const server = createServer(getRequestListener(app.fetch, { hostname: host, errorHandler: adapterErrorResponse }));
  answerParserErrors(server, parserErrorAnswer);
  let apiPort: number;
  try {
    apiPort = await listen(server, { port: options.port ?? DEFAULTS.port, host, what: 'the sandbox', flag: '--port' }, (message) => new StartError(message));
  } catch (err) {
    registry.close();
    await store.close();
    throw err;
  }
  urls.api = `http://${urlHost(host)}:${apiPort}`;
  // After listen: a webhook URL that is a path on the sandbox needs its address.
  webhooks.start();

  let inbox: Inbox | null = null;
  if (!(options.smtpUrl && options.inboxUrl)) {
    try {
      inbox = await startInbox({
        host,
        smtpPort: options.smtpPort ?? DEFAULTS.smtpPort,
        httpPort: options.inboxPort ?? DEFAULTS.inboxPort,
        ...(options.memory ? {} : { dataDir: options.dataDir ?? DEFAULTS.dataDir }),
        fsync: options.fsync ?? false,
        ...(options.inboxMaxMessages !== undefined ? { maxMessages: options.inboxMaxMessages } : {}),
        ...(options.smtpMaxSize !== undefined ? { maxMessageSize: options.smtpMaxSize } : {}),
        ...(options.inboxAuth ? { auth: options.inboxAuth } : {}),
        chaos: options.smtpChaos ?? false,
        version: packageVersion(),
        ...(options.wall ? { wall: options.wall } : {}),
      });
    } catch (err) {
      webhooks.stop();
      registry.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      throw new StartError((err as Error).message);
    }
    urls.inbox = `http://${urlHost(host)}:${inbox.httpPort}`;
    urls.smtp = `smtp://${urlHost(host)}:${inbox.smtpPort}`;
  }
  const mailer = new RequestMailer({
    registry,
    bus,
    smtpUrl: () => urls.smtp,
    apiUrl: () => urls.api,
    ...(options.emailRetryBaseMs !== undefined ? { retryBaseMs: options.emailRetryBaseMs } : {}),
  });
  mailer.start();

  let closed: Promise<void> | undefined;
  return {
    urls,
    apiKey: registry.masterKeyOf('default')!,
    registry,
    bus,
    store,
    app,
    webhooks,
    inbox,
    mailer,
    inboxAuth: options.inboxAuth ?? null,
    close: () =>
      (closed ??= (async () => {
        await mailer.close();
        webhooks.stop();
        registry.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await inbox?.close();
        await store.close();
      })()),
  };
}
