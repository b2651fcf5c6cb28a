import { ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * Serves, over plain HTTP/1.1, a request that asked to switch protocols to one this server does
 * not speak: `curl --http2` and Java's HttpClient ask for h2c on http:// requests, and a server
 * with an `upgrade` listener (the inbox's websocket) otherwise never sees them as requests. The
 * client must carry on with HTTP/1.1 when no 101 comes (RFC 9110 §7.8).
 *
 * Node hands such a request over before reading its body, and has already ended its stream, so
 * the body is read here: `head` (what came with the headers) and then the socket, up to
 * Content-Length, and given to the Node adapter as `rawBody`, which it reads instead of the
 * stream. A chunked body is refused with a 400. The connection closes after the answer, since
 * Node's parser has let go of it.
 */
export function serveWithoutUpgrade(server: Server, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const declared = req.headers['content-length'];
  const length = declared === undefined ? 0 : Number(declared);
  if (req.headers['transfer-encoding'] !== undefined || !Number.isSafeInteger(length) || length < 0) {
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nSend this request without an Upgrade header, or with a Content-Length\n');
    return;
  }
  const serve = () => {
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as Socket);
    res.once('finish', () => {
      res.detachSocket(socket as Socket);
      socket.end();
    });
    server.emit('request', req, res);
  };
  if (length === 0) return serve();
  const chunks: Buffer[] = [];
  let received = 0;
  const feed = (chunk: Buffer) => {
    const take = chunk.subarray(0, length - received);
    received += take.length;
    chunks.push(take);
    if (received < length) return;
    socket.off('data', feed);
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = Buffer.concat(chunks);
    serve();
  };
  feed(head);
  if (received < length) socket.on('data', feed);
}
