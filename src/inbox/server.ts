import path from 'node:path';
import type { Server as NetServer } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { WallClock } from '../core/clock.js';
import { MemoryStore } from '../store/memory-store.js';
import { compactHeap } from '../store/compact-heap.js';
import { JournalStore } from '../store/journal-store.js';
import type { Store } from '../store/store.js';
import { Chaos } from './chaos.js';
import { EventsHub } from './events-hub.js';
import { authorizeUpgrade, createInboxApp, type InboxAuth } from './http/app.js';
import { Mailbox } from './mailbox.js';
import { createSmtpServer, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_RECIPIENTS } from './smtp.js';
import { listen } from '../net/listen.js';
import { serveWithoutUpgrade } from '../net/serve-without-upgrade.js';
import { answerParserErrors } from '../net/client-errors.js';

/**
 * The embedded inbox: a mailbox in its own store, the SMTP server that fills it, and the
 * Mailpit-compatible HTTP server (API, web page, websocket) that reads it. Started by
 * createSandbox unless the user points the sandbox at an external Mailpit.
 */

export interface InboxOptions {
  host: string;
  smtpPort: number;
  httpPort: number;
  /** `<dataDir>/inbox` is used; absent means memory only. */
  dataDir?: string;
  fsync?: boolean;
  maxMessages?: number;
  maxMessageSize?: number;
  maxRecipients?: number;
  auth?: InboxAuth;
  chaos?: boolean;
  version: string;
  wall?: WallClock;
  statsDelayMs?: number;
}

export interface Inbox {
  mailbox: Mailbox;
  chaos: Chaos;
  hub: EventsHub;
  store: Store;
  smtpPort: number;
  httpPort: number;
  close(): Promise<void>;
}

export class InboxStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InboxStartError';
  }
}

const closeServer = (server: NetServer) =>
  new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });

export async function startInbox(opts: InboxOptions): Promise<Inbox> {
  let store: Store;
  if (opts.dataDir === undefined) store = new MemoryStore();
  else {
    try {
      store = await JournalStore.open(path.join(opts.dataDir, 'inbox'), { fsync: opts.fsync ?? false, afterIdleCompaction: compactHeap });
    } catch (err) {
      throw new InboxStartError(`inbox: ${(err as Error).message}`);
    }
  }
  const maxSize = opts.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  let hub: EventsHub | null = null;
  const mailbox = new Mailbox({
    store,
    maxMessages: opts.maxMessages ?? 500,
    ...(opts.wall ? { wall: opts.wall } : {}),
    onEvent: (e) => hub?.publish(e),
    onStats: () => hub?.statsChanged(),
  });
  hub = new EventsHub({
    stats: () => mailbox.stats(),
    version: opts.version,
    authorize: authorizeUpgrade(opts.auth),
    ...(opts.statsDelayMs !== undefined ? { statsDelayMs: opts.statsDelayMs } : {}),
  });
  const chaos = new Chaos(opts.chaos ?? false);
  const app = createInboxApp({
    mailbox,
    chaos,
    version: opts.version,
    maxSize,
    database: opts.dataDir === undefined ? 'memory (--memory: nothing is kept on disk)' : path.resolve(opts.dataDir, 'inbox'),
    startedAt: Date.now(),
    ...(opts.auth ? { auth: opts.auth } : {}),
  });
  const http = createAdaptorServer({ fetch: app.fetch, hostname: opts.host }) as Server;
  const events = hub;
  // Mailpit is a Go server: this is what Go's HTTP server answers to bytes it cannot parse.
  answerParserErrors(http, (code) =>
    code === 'HPE_HEADER_OVERFLOW'
      ? { status: 431, body: '431 Request Header Fields Too Large', contentType: 'text/plain; charset=utf-8' }
      : { status: 400, body: '400 Bad Request', contentType: 'text/plain; charset=utf-8' },
  );
  http.on('upgrade', (req, socket, head) => {
    if (events.wants(req)) events.handleUpgrade(req, socket, head);
    else serveWithoutUpgrade(http, req, socket, head);
  });
  const smtp = createSmtpServer({ mailbox, chaos, maxSize, maxRecipients: opts.maxRecipients ?? DEFAULT_MAX_RECIPIENTS });

  let smtpPort: number;
  let httpPort: number;
  try {
    const fail = (message: string) => new InboxStartError(message);
    smtpPort = await listen(smtp.server, { port: opts.smtpPort, host: opts.host, what: 'the inbox SMTP', flag: '--smtp-port' }, fail);
    httpPort = await listen(http, { port: opts.httpPort, host: opts.host, what: 'the inbox', flag: '--inbox-port' }, fail);
  } catch (err) {
    hub.close();
    await closeServer(smtp.server);
    await closeServer(http);
    await store.close();
    throw err;
  }

  let closed: Promise<void> | undefined;
  return {
    mailbox,
    chaos,
    hub,
    store,
    smtpPort,
    httpPort,
    close: () =>
      (closed ??= (async () => {
        events.close();
        await new Promise<void>((resolve) => smtp.close(() => resolve()));
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
        await store.close();
      })()),
  };
}
