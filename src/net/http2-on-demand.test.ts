import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { constants, Http2ServerRequest, http2Loaded } from './http2-on-demand.js';

/** The request object a server of `kind` hands its handler for one GET. */
async function requestSeenBy(kind: 'http' | 'http2'): Promise<object> {
  let seen: object | undefined;
  const server = kind === 'http' ? http.createServer() : http2.createServer();
  server.on('request', (req: object, res: { end(): void }) => {
    seen = req;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    if (kind === 'http') {
      await fetch(`http://127.0.0.1:${port}/`).then((r) => r.arrayBuffer());
    } else {
      const client = http2.connect(`http://127.0.0.1:${port}`);
      await new Promise<void>((resolve, reject) => {
        const stream = client.request({ ':path': '/' });
        stream.on('response', () => stream.resume());
        stream.on('end', resolve);
        stream.on('error', reject);
        stream.end();
      });
      client.close();
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return seen!;
}

describe('http2-on-demand', () => {
  it('answers instanceof without loading http2 for values that cannot be an HTTP/2 request', async () => {
    const incoming = await requestSeenBy('http');
    expect(incoming instanceof http.IncomingMessage).toBe(true);
    for (const value of [incoming, {}, null, undefined, 'GET', Object.create(null)]) expect(value instanceof (Http2ServerRequest as unknown as typeof http2.Http2ServerRequest)).toBe(false);
    expect(http2Loaded()).toBe(false);
  });

  it('answers as node:http2 does for a real HTTP/2 request, a subclass of it, and a look-alike', async () => {
    const Real = Http2ServerRequest as unknown as typeof http2.Http2ServerRequest;
    expect((await requestSeenBy('http2')) instanceof Real).toBe(true);
    expect(http2Loaded()).toBe(true);
    class Custom extends http2.Http2ServerRequest {}
    expect(Object.create(Custom.prototype) instanceof Real).toBe(true);
    // Named like it, but not Node's class.
    const lookAlike = new (class Http2ServerRequest {})();
    expect(lookAlike instanceof Real).toBe(false);
  });

  it("reads http2's constants on use", () => {
    expect(constants.NGHTTP2_NO_ERROR).toBe(http2.constants.NGHTTP2_NO_ERROR);
    expect(constants.HTTP2_HEADER_STATUS).toBe(':status');
    expect('NGHTTP2_CANCEL' in constants).toBe(true);
    expect(Object.keys(constants)).toEqual(Object.keys(http2.constants));
  });
});
