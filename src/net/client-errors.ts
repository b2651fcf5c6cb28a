import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

export interface ParserErrorAnswer {
  status: number;
  body: string;
  contentType: string;
}

/** How long a refused connection is drained before it is closed for good. */
const LINGER_MS = 2_000;

/**
 * Answers what Node's HTTP parser refuses with the body `answer` gives, instead of Node's bare
 * status line, then closes the connection: after a parse error nothing more on it can be read.
 * The body goes only to a request whose method is known and is not HEAD (the refused bytes start
 * with it); a HEAD client would read the body as the next answer, and bytes that do not start a
 * request (a long header block arriving in pieces) get the status line alone.
 *
 * Whatever the client still sends (the rest of a large body) is read and dropped, for LINGER_MS
 * at most, before the socket closes: closing with unread bytes makes the kernel reset the
 * connection, and a client still writing then sees the reset instead of the answer. (Node's
 * parser stays on the socket and keeps reading, reporting each later chunk as another error;
 * those are ignored.) A connection that is already gone, or that broke before a request started,
 * gets no answer.
 */
export function answerParserErrors(server: Server, answer: (code: string | undefined) => ParserErrorAnswer): void {
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (answered.has(socket)) return;
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, body, contentType } = answer(err.code);
    const method = /^([A-Z]+) /.exec(err.rawPacket?.toString('latin1', 0, 16) ?? '')?.[1];
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\nConnection: close\r\n`;
    if (method === undefined || method === 'HEAD') socket.end(`${head}\r\n`);
    else socket.end(`${head}Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    answered.add(socket);
    socket.on('error', () => socket.destroy());
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
