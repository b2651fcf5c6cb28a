import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { MailboxEvent } from './mailbox.js';

/**
 * ws (and the zlib and https it loads) comes with the first client instead of at every start:
 * most runs never open the inbox's event stream.
 */
let wsModule: Promise<typeof import('ws')> | undefined;
const loadWs = () => (wsModule ??= import('ws'));

/**
 * Mailpit's websocket at `/api/events`: every change is broadcast as `{"Type","Data"}`
 * (`new`, `update`, `delete`, `truncate`, `prune`, `stats`). `stats` (`{Total, Unread,
 * Version}`) is rate-limited like Mailpit's (at most one per `statsDelayMs`, sent after the
 * delay so it carries the settled totals) and is also sent to each client when it connects.
 */

export interface HubOptions {
  stats: () => { total: number; unread: number };
  version: string;
  statsDelayMs?: number;
  /** Checks an upgrade request (basic auth); false answers 401. */
  authorize?: (req: IncomingMessage) => boolean;
}

export class EventsHub {
  #wss: Promise<WebSocketServer> | null = null;
  /** Who is connected: kept here so that broadcasting never waits for ws. */
  readonly #clients = new Set<WebSocket>();
  readonly #opts: HubOptions;
  #statsTimer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(opts: HubOptions) {
    this.#opts = opts;
  }

  get clients(): number {
    return this.#clients.size;
  }

  #server(): Promise<WebSocketServer> {
    return (this.#wss ??= loadWs().then(({ WebSocketServer }) => {
      const wss = new WebSocketServer({ noServer: true, clientTracking: false });
      wss.on('connection', (ws: WebSocket) => {
        this.#clients.add(ws);
        ws.on('close', () => this.#clients.delete(ws));
        ws.on('error', () => ws.terminate());
        // Clients only listen; anything they send is ignored, as Mailpit does.
        this.#sendTo(ws, 'stats', this.#statsData());
      });
      return wss;
    }));
  }

  #statsData() {
    const s = this.#opts.stats();
    return { Total: s.total, Unread: s.unread, Version: this.#opts.version };
  }

  #sendTo(ws: WebSocket, type: string, data: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ Type: type, Data: data }));
  }

  broadcast(type: string, data: unknown): void {
    if (this.#closed || this.#clients.size === 0) return;
    const frame = JSON.stringify({ Type: type, Data: data });
    for (const ws of this.#clients) if (ws.readyState === ws.OPEN) ws.send(frame);
  }

  publish(event: MailboxEvent): void {
    this.broadcast(event.type, event.data);
  }

  /** Totals may have changed: one `stats` event after the delay, whatever happens meanwhile. */
  statsChanged(): void {
    if (this.#statsTimer || this.#closed) return;
    this.#statsTimer = setTimeout(() => {
      this.#statsTimer = null;
      this.broadcast('stats', this.#statsData());
    }, this.#opts.statsDelayMs ?? 250);
    this.#statsTimer.unref?.();
  }

  /** Whether an upgrade request is for the event stream (anything else is served as plain HTTP). */
  wants(req: IncomingMessage): boolean {
    return (req.url ?? '').split('?')[0] === '/api/events' && (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
  }

  /** For the HTTP server's `upgrade` event, when `wants` the request. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (this.#opts.authorize && !this.#opts.authorize(req)) {
      socket.end(
        'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="Login"\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nUnauthorised.\n',
      );
      return;
    }
    this.#server().then(
      (wss) => {
        if (this.#closed) socket.destroy();
        else wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      },
      // ws could not be loaded (a broken install): this client goes, the inbox stays up.
      () => socket.destroy(),
    );
  }

  close(): void {
    this.#closed = true;
    if (this.#statsTimer) clearTimeout(this.#statsTimer);
    for (const ws of this.#clients) ws.terminate();
    void this.#wss?.then(
      (wss) => wss.close(),
      () => undefined, // never made: nothing to close
    );
  }
}
