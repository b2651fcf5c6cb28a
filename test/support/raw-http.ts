import net from 'node:net';

export interface RawAnswer {
  status: number;
  /** The status line and headers, as sent. */
  headers: string;
  /** The body, with chunked framing taken off. */
  body: string;
}

/**
 * Sends bytes no HTTP client would (bad request lines, raw bytes in a path, Upgrade headers) on a
 * new connection and reads until the server closes it. The body, if any, goes in a later write
 * than the head, so it may reach the server after the headers were handed over.
 */
export function rawHttp(port: number, head: string, body: string | Buffer = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head);
      setImmediate(() => socket.end(body));
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const at = data.indexOf('\r\n\r\n');
      const headers = at < 0 ? data : data.slice(0, at);
      let rest = at < 0 ? '' : data.slice(at + 4);
      if (/transfer-encoding: chunked/i.test(headers)) rest = rest.split('\r\n').filter((_, i) => i % 2 === 1).join('');
      resolve({ status: Number(data.split(' ')[1]), headers, body: rest });
    });
  });
}
