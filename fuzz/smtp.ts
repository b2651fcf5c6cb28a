import net from 'node:net';
import fc from 'fast-check';

/**
 * SMTP sessions a broken or hostile client might run: malformed and unknown commands, huge
 * lines, binary bytes, commands pipelined without waiting, a DATA section that never ends,
 * a client that vanishes. The server must answer or close, keep serving others, and store a
 * message only when it said `250 … queued as …`.
 */

export type SmtpStep =
  | { kind: 'line'; text: string; wait: boolean }
  | { kind: 'bytes'; bytes: number[]; wait: boolean }
  | { kind: 'huge'; length: number; crlf: boolean }
  | { kind: 'message'; body: string; terminate: boolean }
  | { kind: 'pipeline'; lines: string[] };

const addr = fc.oneof(
  fc.constantFrom('<a@example.com>', '<>', '<<>>', 'a@example.com', '<a@b@c>', '<"quoted local"@example.com>', '<ü@exämple.com>', '<@route:a@b>', `<${'a'.repeat(5000)}@x.com>`, '<a@[127.0.0.1]>', ':', ''),
  fc.string({ maxLength: 20 }).map((s) => `<${s}>`),
);

const command = fc.oneof(
  fc.constantFrom('EHLO fuzz', 'HELO fuzz', 'EHLO', 'HELO', 'RSET', 'NOOP', 'QUIT', 'DATA', 'HELP', 'VRFY a', 'EXPN list', 'STARTTLS', 'TURN', 'BDAT 10 LAST', 'AUTH', 'AUTH LOGIN', 'AUTH PLAIN', 'AUTH PLAIN !!!notbase64', 'AUTH PLAIN AGZvbwBiYXI=', 'AUTH CRAM-MD5', 'AUTH XOAUTH2 eA==', '*', 'ehlo fuzz'),
  addr.map((a) => `MAIL FROM:${a}`),
  addr.map((a) => `RCPT TO:${a}`),
  fc.constantFrom('MAIL FROM:<a@example.com> SIZE=-1', 'MAIL FROM:<a@example.com> SIZE=99999999999999999999', 'MAIL FROM:<a@example.com> BODY=8BITMIME SMTPUTF8', 'MAIL FROM:<a@example.com> FOO=BAR', 'RCPT TO:<b@example.com> NOTIFY=NEVER', 'MAIL FROM <a@example.com>', 'RCPT <b@example.com>'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** A message body, sometimes good, sometimes broken MIME, bare LFs, lone dots, NULs. */
const messageBody = fc.oneof(
  fc.constantFrom(
    'Subject: fuzz\r\nFrom: a@example.com\r\nTo: b@example.com\r\n\r\nhello\r\n',
    'Subject: =?utf-8?B?broken\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nunterminated',
    'no headers at all',
    '\r\n\r\n',
    '..leading dot\r\n.\r\n.x\r\n',
    'Subject: nul\u0000byte\r\n\r\n\u0000\u0001\u0002',
    'Content-Transfer-Encoding: base64\r\n\r\n!!!!not base64!!!!',
    'Subject: bare LF\n\nbody with bare LF\n.\n',
    `Subject: long\r\n\r\n${'x'.repeat(200_000)}`,
    `X-Tags: ${'t,'.repeat(2000)}\r\n\r\nmany tags`,
  ),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

const step: fc.Arbitrary<SmtpStep> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('line' as const), text: command, wait: fc.boolean() }), weight: 8 },
  { arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 200 }), wait: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('huge' as const), length: fc.constantFrom(1_001, 10_000, 100_000, 1_000_000), crlf: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('message' as const), body: messageBody, terminate: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('pipeline' as const), lines: fc.array(command, { minLength: 2, maxLength: 8 }) }), weight: 2 },
);

/** A session: usually a proper greeting and envelope first, so DATA is reached often. */
export const smtpSession = fc.record({
  prelude: fc.constantFrom<string[]>([], ['EHLO fuzz'], ['EHLO fuzz', 'MAIL FROM:<a@example.com>', 'RCPT TO:<b@example.com>'], ['EHLO fuzz', 'MAIL FROM:<a@example.com>', 'RCPT TO:<b@example.com>', 'DATA']),
  steps: fc.array(step, { minLength: 1, maxLength: 8 }),
  end: fc.constantFrom('quit', 'close', 'destroy'),
});
export type SmtpSession = typeof smtpSession extends fc.Arbitrary<infer T> ? T : never;

export interface SessionResult {
  transcript: string;
  /** How many messages the server said it stored. */
  queued: number;
  /** How many end-of-data markers the client sent: the most messages the session can have stored. */
  terminators: number;
  /** Connection-level error seen by the client (ECONNRESET after a 5xx is normal). */
  error: string | null;
}

/** Runs one session against `host:port`; never throws. */
export function runSession(host: string, port: number, s: SmtpSession, timeoutMs = 10_000): Promise<SessionResult> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    let transcript = '';
    let written = '';
    let error: string | null = null;
    let waiter: (() => void) | null = null;
    const timer = setTimeout(() => socket.destroy(new Error('session timeout')), timeoutMs);
    socket.on('data', (d) => {
      transcript += d.toString('latin1');
      waiter?.();
    });
    socket.on('error', (err) => (error = (err as NodeJS.ErrnoException).code ?? err.message));
    socket.on('close', () => {
      clearTimeout(timer);
      waiter?.();
      resolve({
        transcript: transcript.slice(0, 20_000),
        queued: (transcript.match(/^250 .*queued as /gm) ?? []).length,
        terminators: (written.match(/\n\.\r?\n/g) ?? []).length,
        error,
      });
    });
    // Waits for more server output (or a short pause) before the next write.
    const reply = () =>
      new Promise<void>((r) => {
        const t = setTimeout(() => ((waiter = null), r()), 300);
        waiter = () => {
          clearTimeout(t);
          waiter = null;
          r();
        };
      });
    const write = (data: string | Buffer) => {
      if (socket.destroyed || !socket.writable) return;
      written += typeof data === 'string' ? data : data.toString('latin1');
      socket.write(data);
    };
    /** After an end-of-data marker: wait for the verdict on the message (stored or refused), up to 5 s. */
    const verdict = async () => {
      const from = transcript.length;
      const deadline = Date.now() + 5_000;
      while (!socket.destroyed && Date.now() < deadline && !/^\d{3} /m.test(transcript.slice(from))) await reply();
    };
    socket.once('connect', async () => {
      await reply();
      for (const line of s.prelude) {
        write(`${line}\r\n`);
        await reply();
      }
      for (const st of s.steps) {
        if (socket.destroyed) break;
        switch (st.kind) {
          case 'line':
            write(`${st.text}\r\n`);
            if (st.wait) await reply();
            break;
          case 'bytes':
            write(Buffer.from(st.bytes));
            if (st.wait) await reply();
            break;
          case 'huge':
            write('X'.repeat(st.length) + (st.crlf ? '\r\n' : ''));
            await reply();
            break;
          case 'message':
            write(st.body);
            if (st.terminate) {
              write('\r\n.\r\n');
              await verdict();
            }
            break;
          case 'pipeline':
            write(st.lines.map((l) => `${l}\r\n`).join(''));
            await reply();
            break;
        }
      }
      if (s.end === 'quit') {
        write('QUIT\r\n');
        socket.end();
      } else if (s.end === 'close') socket.end();
      else socket.destroy();
      // A server that never closes its side is cut off by the session timer.
    });
  });
}

/** A proper, minimal session: proves the SMTP port still serves a well-behaved client. */
export async function smtpAlive(host: string, port: number): Promise<boolean> {
  const r = await runSession(host, port, { prelude: ['EHLO check', 'NOOP'], steps: [{ kind: 'line', text: 'RSET', wait: true }], end: 'quit' }, 5_000);
  return /^220 /m.test(r.transcript) && /^250 /m.test(r.transcript);
}
