/**
 * What the CLI bundle gives @hono/node-server in place of `node:http2` (scripts/bundle-cli.mjs).
 *
 * node-server imports http2 as it loads, for two things: `instanceof Http2ServerRequest` on every
 * request, and one constant when it closes an HTTP/2 stream. Loading http2 starts nghttp2 and its
 * bindings: ~2 MB of RSS in a process that idles (measured here: a bare Node process with http,
 * net and crypto loaded, 42.9 MB, and 44.9 MB once it has also loaded http2). The sandbox's servers
 * speak HTTP/1.1 only (see serve-without-upgrade.ts), so no request is ever one.
 *
 * The answers stay exact: a value whose prototype chain has no class named Http2ServerRequest
 * cannot be an instance of Node's (or of a subclass of it), and that is decided without loading
 * http2; a value that has one is checked against the real class, which is loaded then.
 */
import { IncomingMessage } from 'node:http';

type Http2 = typeof import('node:http2');

let http2: Http2 | undefined;
const real = (): Http2 => (http2 ??= process.getBuiltinModule('node:http2'));

function hasHttp2RequestName(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (let proto = Object.getPrototypeOf(value) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    if (Object.hasOwn(proto, 'constructor') && (proto as { constructor: { name?: unknown } }).constructor.name === 'Http2ServerRequest') return true;
  }
  return false;
}

export const Http2ServerRequest = {
  [Symbol.hasInstance](value: unknown): boolean {
    // Every request of an HTTP/1.1 server, asked on each: answered by one check, no walk.
    if (value instanceof IncomingMessage) return false;
    return hasHttp2RequestName(value) && value instanceof real().Http2ServerRequest;
  },
};

export const constants: Http2['constants'] = new Proxy({} as Http2['constants'], {
  get: (_target, key) => Reflect.get(real().constants, key),
  has: (_target, key) => Reflect.has(real().constants, key),
  ownKeys: () => Reflect.ownKeys(real().constants),
  getOwnPropertyDescriptor: (_target, key) => {
    const desc = Reflect.getOwnPropertyDescriptor(real().constants, key);
    return desc && { ...desc, configurable: true };
  },
});

/** Whether node:http2 has been loaded through this module (tests). */
export const http2Loaded = (): boolean => http2 !== undefined;
