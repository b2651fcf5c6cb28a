import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A programmable webhook receiver on a real port, for delivery tests: it records every call
 * and answers as the current behaviour says (200, another status, late, never, a reset, a
 * huge body).
 */

export type Answer =
  | { kind: 'status'; status: number; delayMs?: number; body?: string }
  | { kind: 'huge'; status: number; bytes: number }
  | { kind: 'reset' }
  | { kind: 'hang' };

export const ok: Answer = { kind: 'status', status: 200 };

export interface Call {
  n: number;
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
  answer: Answer;
}

export interface Receiver {
  url: string;
  port: number;
  calls: Call[];
  /** Bodies of calls answered 200, flattened to envelopes in arrival order. */
  accepted(): any[];
  answer: (call: { n: number; body: any }) => Answer;
  close(): Promise<void>;
}

export async function startReceiver(answer: Receiver['answer'] = () => ok, port = 0): Promise<Receiver> {
  const sockets = new Set<Socket>();
  const calls: Call[] = [];
  const receiver = { calls, answer } as Receiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        /* keep text */
      }
      const n = calls.length + 1;
      const a = receiver.answer({ n, body });
      calls.push({ n, headers: req.headers, raw, body, answer: a });
      if (a.kind === 'reset') {
        req.socket.destroy();
      } else if (a.kind === 'hang') {
        /* never answer */
      } else if (a.kind === 'huge') {
        res.writeHead(a.status, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        const pump = () => {
          while (sent < a.bytes) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => {});
        pump();
      } else {
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(a.status, { 'content-type': 'application/json' });
          res.end(a.body ?? '{"ok":true}');
        };
        if (a.delayMs) setTimeout(send, a.delayMs);
        else send();
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  receiver.accepted = () =>
    calls
      .filter((c) => c.answer.kind === 'status' && c.answer.status === 200)
      .flatMap((c) => (Array.isArray(c.body) ? c.body : [c.body]));
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return receiver;
}

/** Polls `fn` until it returns something truthy; fails with `what` after the deadline. */
export async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Ids in first-seen order: what an idempotent receiver ends up with. */
export function firstSeen(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? false : (seen.add(id), true)));
}
