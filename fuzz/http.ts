import { createHash } from 'node:crypto';
import http from 'node:http';

/**
 * A raw HTTP client for the fuzzer. `fetch` normalises what the fuzzer wants to send as is
 * (it resolves `..` in paths, refuses bodies on GET, re-encodes bytes), so requests go out
 * through `node:http` with the path and the body bytes exactly as generated.
 */

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent (already percent-encoded where the generator chose to). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  /** null when no answer came back (connection dropped, timeout). */
  status: number | null;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Bytes of the whole body, and its SHA-1: what the answer was beyond the `maxBytes` of `text`. */
  bytes: number;
  digest: string;
  /** Why there was no answer. */
  error?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/**
 * Sends one request; never throws. `text` is the answer's first `maxBytes` bytes exactly (the
 * fuzzer reads only the start), wherever the network split it: a cut at a chunk boundary made the
 * same long answer read as different text from one read to the next. `bytes` and `digest` cover
 * the whole answer.
 */
export async function send(base: string, req: RawRequest, timeoutMs = 15_000, maxBytes = 256 * 1024): Promise<RawResponse> {
  const { reusedSocketReset, ...first } = await attempt(base, req, timeoutMs, maxBytes);
  // A kept-alive socket the server closed for idleness just as this request went out: the server
  // never read the request (it closes only idle sockets), so sending it again on a new socket is
  // safe. Without this, such a race showed in the report as a route that gave no answer. The
  // second attempt opens a connection of its own: the pool may hold more sockets the server closed
  // in the same idle spell (seen with seed 131, after fast-check spent a while building a 190 KB body).
  if (!reusedSocketReset) return first;
  const { reusedSocketReset: _again, ...second } = await attempt(base, req, timeoutMs, maxBytes, true);
  return second;
}

function attempt(
  base: string,
  req: RawRequest,
  timeoutMs: number,
  maxBytes: number,
  newConnection = false,
): Promise<RawResponse & { reusedSocketReset?: boolean }> {
  const url = new URL(base);
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: RawResponse & { reusedSocketReset?: boolean }) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    let request: http.ClientRequest;
    try {
      request = http.request(
        {
          agent: newConnection ? false : agent,
          host: url.hostname,
          port: url.port,
          method: req.method,
          path: req.path,
          headers: { ...(req.body ? { 'content-length': String(req.body.length) } : {}), ...req.headers },
          timeout: timeoutMs,
        },
        (res) => {
          // A stream (server-sent events) never ends by itself: its status and headers are the answer.
          if (/^text\/event-stream/i.test(res.headers['content-type'] ?? '')) {
            finish({ status: res.statusCode ?? null, headers: res.headers, text: '', bytes: 0, digest: '' });
            res.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          const hash = createHash('sha1');
          let size = 0;
          res.on('data', (c: Buffer) => {
            if (size < maxBytes) chunks.push(c);
            size += c.length;
            hash.update(c);
          });
          res.on('end', () =>
            finish({
              status: res.statusCode ?? null,
              headers: res.headers,
              text: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'),
              bytes: size,
              digest: hash.digest('hex'),
            }),
          );
          res.on('error', (err) => finish({ status: res.statusCode ?? null, headers: res.headers, text: '', bytes: size, digest: '', error: err.message }));
        },
      );
    } catch (err) {
      // Node refuses to build the request (a character it will not put on the wire): nothing was sent.
      finish({ status: null, headers: {}, text: '', bytes: 0, digest: '', error: `not sendable: ${(err as Error).message}` });
      return;
    }
    request.on('timeout', () => {
      request.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    request.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      finish({ status: null, headers: {}, text: '', bytes: 0, digest: '', error: code ?? err.message, reusedSocketReset: request.reusedSocket && code === 'ECONNRESET' });
    });
    if (req.body) request.end(req.body);
    else request.end();
  });
}

/**
 * An answer as snapshots compare it: its text, and when that was cut (a sink or an inbox holding
 * large bodies), the whole answer's size and digest first, so a change past the cut still shows.
 */
export function comparableText(res: RawResponse): string {
  return res.bytes > Buffer.byteLength(res.text) ? `(${res.bytes} bytes, sha1 ${res.digest}) ${res.text}` : res.text;
}

/** A JSON call for setup and snapshots: throws on anything but the expected status. */
export async function json(base: string, method: string, path: string, key: string | null, body?: unknown, expect: number[] = [200, 201]): Promise<any> {
  const res = await send(base, {
    method,
    path,
    headers: { ...(key ? { apikey: key } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }),
  });
  if (res.status === null || !expect.includes(res.status)) {
    throw new Error(`${method} ${path} answered ${res.status ?? res.error}: ${res.text.slice(0, 300)}`);
  }
  return res.text ? JSON.parse(res.text) : undefined;
}

export function closeAgent(): void {
  agent.destroy();
}
