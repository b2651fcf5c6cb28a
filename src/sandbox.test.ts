import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from './core/errors.js';
import { HttpMsg } from './mock-api/messages.js';
import { createSandbox, type Sandbox } from './sandbox.js';
import { rawHttp } from '../test/support/raw-http.js';

/**
 * Requests the Node adapter cannot turn into a `Request` never reach the app: these go through
 * the real server on a socket, since `app.request()` starts after that step.
 */

let sb: Sandbox;
let port: number;
beforeAll(async () => {
  sb = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, memory: true });
  port = Number(new URL(sb.urls.api).port);
});
afterAll(async () => {
  await sb.close();
});

const raw = (request: string) => rawHttp(port, request);

const get = (path: string, headers: string) => `GET ${path} HTTP/1.1\r\n${headers}apikey: ${sb.apiKey}\r\nconnection: close\r\n\r\n`;

describe('requests the adapter cannot read', () => {
  it.each([
    ['a Host with a space', '/4.0/whoami', 'host: a b\r\n', 'Invalid URL'],
    ['a Host with user info', '/4.0/whoami', 'host: user@evil.example\r\n', 'Invalid host header'],
    ['a backslash in the path', '/4.0/profiles\\..\\whoami', 'host: localhost\r\n', 'Backslash in request path'],
  ])('%s: 400 in the PassFort envelope, naming the problem', async (_what, path, headers, detail) => {
    const res = await raw(get(path, headers));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      errors: [{ code: ErrorCode.INVALID_INPUT_DATA, message: HttpMsg.unreadableRequest(detail), source: 'API', info: {} }],
    });
  });

  it('bytes a URL may not hold: 400 in the envelope, naming the parser error, where Node would send a bare 400', async () => {
    const res = await raw(get('/4.0/profiles/\u00e9\u00ff/status', 'host: localhost\r\n'));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      errors: [{ code: ErrorCode.INVALID_INPUT_DATA, message: HttpMsg.notHttp('HPE_INVALID_URL'), source: 'API', info: { parser_code: 'HPE_INVALID_URL' } }],
    });
  });

  it('a header block over 16 KB: 431 in the envelope', async () => {
    const res = await raw(get('/4.0/whoami', `host: localhost\r\nx-big: ${'a'.repeat(20_000)}\r\n`));
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body).errors[0]).toEqual({ code: ErrorCode.INVALID_INPUT_DATA, message: HttpMsg.headersTooLarge, source: 'API', info: {} });
  });

  it('a client still sending a large body after a refused request line reads the answer, not a reset', async () => {
    // Far more than the kernel buffers hold: the client is still writing when the answer comes.
    const body = Buffer.alloc(16 * 1024 * 1024, 'x');
    const res = await rawHttp(port, `PATCH /4.0/profiles/\u00f0 HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`, body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).errors[0].message).toBe(HttpMsg.notHttp('HPE_INVALID_URL'));
  });

  it('a refused HEAD gets the status alone, with no body to misread', async () => {
    const res = await raw(`HEAD /4.0/profiles/\u00e9 HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n`);
    expect(res.status).toBe(400);
    expect(res.body).toBe('');
  });

  it('still answers a well-formed request on the same server afterwards', async () => {
    await raw(get('/4.0/whoami', 'host: a b\r\n'));
    const res = await raw(get('/4.0/whoami', `host: 127.0.0.1:${port}\r\n`));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('institution');
  });
});
