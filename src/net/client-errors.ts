import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Answers what Node's HTTP parser refuses with the body `answer` gives, instead of Node's bare
 * status line, then closes the connection: after a parse error nothing more on it can be read.
 * The body goes only to a request whose method is known and is not HEAD (the refused bytes start
 * with it); a HEAD client would read the body as the next answer, and bytes that do not start a
 * request (a long header block arriving in pieces) get Node's status line alone. A connection
 * that is already gone, or that broke before a request started, gets no answer.
 */
export function answerParserErrors(server: Server, answer: (code: string | undefined) => { status: number; body: string }): void {
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, body } = answer(err.code);
    const method = /^([A-Z]+) /.exec(err.rawPacket?.toString('latin1', 0, 16) ?? '')?.[1];
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\nConnection: close\r\n`;
    if (method === undefined || method === 'HEAD') socket.end(`${head}\r\n`);
    else socket.end(`${head}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}
