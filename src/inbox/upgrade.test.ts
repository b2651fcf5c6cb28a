import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startInbox, type Inbox } from './server.js';
import { rawHttp } from '../../test/support/raw-http.js';

/**
 * `curl --http2` and Java's HttpClient ask to switch to h2c on http:// requests. The inbox listens
 * for upgrades (its websocket), so such requests used to get "404 page not found" whatever their
 * path. They are now answered over HTTP/1.1, as RFC 9110 asks of a server that does not switch.
 * Also here: what the inbox answers to bytes Node's parser refuses.
 */

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: 'test', statsDelayMs: 0 });
});
afterAll(() => inbox.close());

const H2C = 'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n';

const raw = (head: string, body = '') => rawHttp(inbox.httpPort, head, body);

describe('a request asking for h2c', () => {
  it('is answered over HTTP/1.1 like any other', async () => {
    const res = await raw(`GET /api/v1/messages HTTP/1.1\r\nHost: x\r\n${H2C}\r\n`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ total: 0, messages: [] });
  });

  it('gets no body to a HEAD', async () => {
    const res = await raw(`HEAD /api/v1/messages HTTP/1.1\r\nHost: x\r\n${H2C}\r\n`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });

  it('has its body read, whether it came with the headers or after them', async () => {
    const body = '{"Read":';
    const late = await raw(`PUT /api/v1/messages HTTP/1.1\r\nHost: x\r\n${H2C}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`, body);
    expect(late.status).toBe(400);
    expect(late.body).toMatch(/invalid JSON body/);
    const good = '{"Read":true}';
    const early = await raw(`PUT /api/v1/messages HTTP/1.1\r\nHost: x\r\n${H2C}Content-Type: application/json\r\nContent-Length: ${good.length}\r\n\r\n${good}`);
    expect(early.status).toBe(200);
    expect(early.body).toBe('ok');
  });

  it('with a chunked body is refused with a 400 that says what to do', async () => {
    const res = await raw(`PUT /api/v1/messages HTTP/1.1\r\nHost: x\r\n${H2C}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n`);
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/without an Upgrade header/);
  });

  it('leaves the websocket upgrade of /api/events working', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${inbox.httpPort}/api/events`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});

describe('bytes the HTTP parser refuses', () => {
  it('get the answer Go gives, as Mailpit would, not a bare status line', async () => {
    const res = await raw('GET /api/v1/message/\u00f0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.headers).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(res.body).toBe('400 Bad Request');
  });
});
