import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The hub loads ws with its first client (see events-hub.ts); the websocket itself is covered by
// the inbox's API and upgrade tests. Here: what a failed load does.
describe('inbox event stream when ws is broken', () => {
  afterEach(() => {
    vi.doUnmock('ws');
    vi.resetModules();
  });

  it('closes that client and keeps the hub working', async () => {
    vi.resetModules();
    // A broken install: ws loads, but its server cannot be made.
    vi.doMock('ws', () => ({
      WebSocketServer: class {
        constructor() {
          throw new Error('broken ws');
        }
      },
    }));
    const { EventsHub } = await import('./events-hub.js');
    const hub = new EventsHub({ stats: () => ({ total: 0, unread: 0 }), version: 'test', statsDelayMs: 0 });
    const socket = new PassThrough();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const req = { url: '/api/events', headers: { upgrade: 'websocket' } } as unknown as IncomingMessage;
    expect(hub.wants(req)).toBe(true);
    hub.handleUpgrade(req, socket, Buffer.alloc(0));
    await closed;
    expect(socket.destroyed).toBe(true);
    expect(hub.clients).toBe(0);
    // Broadcasting with no client and closing are still fine.
    hub.broadcast('stats', { Total: 0 });
    hub.close();
  });
});
