import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAgent, comparableText, send } from '../fuzz/http.js';

/**
 * The fuzzer's snapshots compare answers read through `send`, which keeps only their start. A
 * long answer used to be cut where a network chunk ended, so two reads of the same data could
 * differ, and a fuzz run then blamed whichever request came between the two reads (seen on the
 * webhook sink once it held large bodies). It also sends again a request that met a kept-alive
 * socket the server had just closed.
 */

const SIZE = 600 * 1024;
const body = (changeAt: number | null) => {
  const buf = Buffer.alloc(SIZE, 'a');
  if (changeAt !== null) buf[changeAt] = 'b'.charCodeAt(0);
  return buf;
};

let server: http.Server;
let base: string;
let chunking = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const data = body(req.url === '/changed' ? 500_000 : null);
    // Each answer is written in different pieces, as the network may deliver it.
    const step = [7_000, 65_536, 150_001][chunking++ % 3]!;
    res.writeHead(200, { 'content-type': 'text/plain' });
    let at = 0;
    const next = () => {
      if (at >= data.length) return res.end();
      res.write(data.subarray(at, at + step));
      at += step;
      setImmediate(next);
    };
    next();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  closeAgent();
  await new Promise((r) => server.close(r));
});

describe('fuzz http client', () => {
  it('keeps exactly the first maxBytes of an answer, however it arrived, and the size and digest of all of it', async () => {
    const reads = [];
    for (let i = 0; i < 3; i++) reads.push(await send(base, { method: 'GET', path: '/same' }));
    for (const r of reads) {
      expect(r.text.length).toBe(256 * 1024);
      expect(r.bytes).toBe(SIZE);
    }
    expect(new Set(reads.map(comparableText)).size).toBe(1);
  });

  it('still tells two answers apart when they differ only past the cut', async () => {
    const same = await send(base, { method: 'GET', path: '/same' });
    const changed = await send(base, { method: 'GET', path: '/changed' });
    expect(changed.text).toBe(same.text);
    expect(comparableText(changed)).not.toBe(comparableText(same));
  });

  it('sends again, once, a request whose kept-alive socket the server had closed', async () => {
    // The server drops the second request on a connection without answering, as a server closing
    // an idle socket does to a request that meets the close.
    let seen = 0;
    const perSocket = new WeakMap<object, number>();
    const flaky = http.createServer((req, res) => {
      seen++;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n > 1) req.socket.destroy();
      else res.end('ok');
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', () => r()));
    try {
      const at = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
      expect((await send(at, { method: 'GET', path: '/one' })).status).toBe(200);
      const second = await send(at, { method: 'GET', path: '/two' });
      expect(second.status).toBe(200);
      expect(seen).toBe(3);
    } finally {
      flaky.closeAllConnections();
      await new Promise((r) => flaky.close(r));
    }
  });

  it('sends it again on a connection of its own, not on another pooled socket the server closed too', async () => {
    // Two kept-alive sockets in the pool, both closed by the server while idle (it drops any
    // second request on a connection): the retry must not pick the other stale one.
    const perSocket = new WeakMap<object, number>();
    const answered: string[] = [];
    const held: http.ServerResponse[] = [];
    const flaky = http.createServer((req, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n > 1) return req.socket.destroy();
      answered.push(req.url!);
      if (answered.length > 2) return res.end('ok');
      // The first two are answered once both have arrived, so that both sockets are in the pool afterwards.
      held.push(res);
      if (held.length === 2) for (const r of held) r.end('ok');
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', () => r()));
    try {
      const at = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
      const both = await Promise.all([send(at, { method: 'GET', path: '/a' }), send(at, { method: 'GET', path: '/b' })]);
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      const third = await send(at, { method: 'POST', path: '/c', body: Buffer.alloc(64 * 1024, 'x') });
      expect(third.status).toBe(200);
      expect(answered.sort()).toEqual(['/a', '/b', '/c']);
    } finally {
      flaky.closeAllConnections();
      await new Promise((r) => flaky.close(r));
    }
  });

  it('compares a short answer as its text alone', async () => {
    const small = http.createServer((_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((r) => small.listen(0, '127.0.0.1', () => r()));
    try {
      const res = await send(`http://127.0.0.1:${(small.address() as AddressInfo).port}`, { method: 'GET', path: '/' });
      expect(comparableText(res)).toBe('{"ok":true}');
    } finally {
      await new Promise((r) => small.close(r));
    }
  });
});
