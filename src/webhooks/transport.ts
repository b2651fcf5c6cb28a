import http from 'node:http';
import https from 'node:https';

/**
 * One webhook POST over node:http, with everything a hostile or broken receiver can do turned
 * into a recorded outcome: refused, unknown host, reset, no answer in time, a slow or endless
 * body, a huge body. Nothing here throws; the dispatcher decides what an outcome means.
 */

export interface AttemptOutcome {
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  /** Only a 200 counts as delivered, as in PassFort. */
  ok: boolean;
  /** Real milliseconds from sending to the end of the (read part of the) response. */
  latency_ms: number;
  /** Why the attempt did not count; null when it did. */
  error: string | null;
  /** The start of the response body (for the deliveries log). */
  response: string | null;
  response_truncated: boolean;
}

/** How much of a response body is kept for the log; the rest is not read (the socket is dropped). */
export const RESPONSE_EXCERPT_BYTES = 2048;
/**
 * How long the body may take once the status line is in. The status decides the outcome; the
 * body is only for the log, so a receiver that answers 200 and keeps the body open (trickling,
 * streaming) cannot hold the queue until the request timeout.
 */
export const RESPONSE_BODY_WAIT_MS = 250;

export interface Transport {
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, signal?: AbortSignal): Promise<AttemptOutcome>;
  close(): void;
}

export function describeNetworkError(err: NodeJS.ErrnoException, url: URL): string {
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused: nothing listens at ${where} (ECONNREFUSED)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${url.hostname} not found (${err.code})`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `the receiver closed the connection before answering (${err.code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable (${err.code})`;
    case 'EPROTO':
      return `TLS handshake with ${where} failed${/wrong version number/.test(err.message) ? ': it does not speak TLS (an http:// receiver?)' : ''} (EPROTO)`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the TLS certificate of ${where} is not trusted: ${err.message}; NODE_EXTRA_CA_CERTS=<ca.pem> makes the sandbox trust a CA (${err.code})`;
    default:
      if (err.code?.startsWith('HPE_')) return `the answer from ${where} is not HTTP: ${err.message} (${err.code})`;
      if (err.message === 'socket hang up') return 'the receiver closed the connection before answering (socket hang up)';
      return err.code ? `${err.message} (${err.code})` : err.message;
  }
}

export function describeStatus(status: number): string | null {
  if (status === 200) return null;
  if (status >= 300 && status < 400) return `HTTP ${status}: redirects are not followed; only 200 counts as delivered`;
  return `HTTP ${status}: only 200 counts as delivered`;
}

export function createHttpTransport(): Transport {
  // No socket limit: each workspace has at most one request in flight, and a cap would let
  // workspaces hanging on one receiver hold up others sending to the same host.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxFreeSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxFreeSockets: 64 }),
  };

  function once(url: URL, headers: Record<string, string>, body: string, deadline: number, started: number, signal?: AbortSignal) {
    return new Promise<AttemptOutcome & { staleSocket?: boolean }>((resolve) => {
      let settled = false;
      let status: number | null = null;
      const kept: Buffer[] = [];
      let keptBytes = 0;
      let truncated = false;
      const finish = (error: string | null, extra: { staleSocket?: boolean } = {}) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const response = kept.length ? Buffer.concat(kept).toString('utf8') : null;
        const ok = status === 200;
        resolve({
          status,
          ok,
          latency_ms: Math.round((performance.now() - started) * 100) / 100,
          error: ok ? null : (error ?? (status !== null ? describeStatus(status) : 'no response')),
          response,
          response_truncated: truncated,
          ...extra,
        });
      };
      const mod = url.protocol === 'https:' ? https : http;
      const req = mod.request(url, { method: 'POST', headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
        status = res.statusCode ?? null;
        // The outcome is known: give the body a moment for the log, then stop waiting for it.
        clearTimeout(timer);
        timer = setTimeout(() => {
          truncated = true;
          res.destroy();
          finish(null);
        }, Math.min(RESPONSE_BODY_WAIT_MS, Math.max(0, deadline - performance.now())));
        res.on('data', (chunk: Buffer) => {
          const room = RESPONSE_EXCERPT_BYTES - keptBytes;
          if (room > 0) {
            kept.push(chunk.subarray(0, room));
            keptBytes += Math.min(room, chunk.length);
          }
          if (chunk.length > room) {
            // A huge (or endless) body: the status is all that matters, stop reading.
            truncated = true;
            res.destroy();
            finish(null);
          }
        });
        res.on('end', () => finish(null));
        res.on('close', () => finish(null));
        res.on('error', () => finish(null));
      });
      const timeoutMs = Math.max(0, deadline - performance.now());
      let timer = setTimeout(() => {
        req.destroy();
        finish(status === null ? `no answer within ${Math.round(deadline - started)} ms (timeout)` : null);
      }, timeoutMs);
      const onAbort = () => {
        req.destroy();
        finish('cancelled (the sandbox is stopping or the workspace was reset)');
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err: NodeJS.ErrnoException) => {
        // A kept-alive socket the receiver closed while idle: not the receiver's fault, send again.
        const stale = req.reusedSocket && status === null && (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.message === 'socket hang up');
        finish(describeNetworkError(err, url), stale ? { staleSocket: true } : {});
      });
      req.end(body);
    });
  }

  return {
    async post(rawUrl, headers, body, timeoutMs, signal) {
      const started = performance.now();
      let url: URL;
      try {
        url = new URL(rawUrl);
      } catch {
        return { status: null, ok: false, latency_ms: 0, error: `not a URL: ${rawUrl}`, response: null, response_truncated: false };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return { status: null, ok: false, latency_ms: 0, error: `not an http(s) URL: ${rawUrl}`, response: null, response_truncated: false };
      }
      const deadline = started + timeoutMs;
      let outcome = await once(url, headers, body, deadline, started, signal);
      if (outcome.staleSocket && !signal?.aborted && performance.now() < deadline) outcome = await once(url, headers, body, deadline, started, signal);
      const { staleSocket: _stale, ...result } = outcome;
      return result;
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
