import fc from 'fast-check';

/**
 * Request headers other than the key and the content type (fuzzed elsewhere): what proxies,
 * browsers and broken clients send. Framing headers (Content-Length, Transfer-Encoding) are left
 * out on purpose: a wrong one desynchronises the kept-alive connection the fuzzer shares between
 * requests, so the next, innocent request would get the blame; Node's parser answers them before
 * the sandbox sees anything.
 */
const ODD_HEADERS: Record<string, readonly string[]> = {
  host: ['a b', '[::1', 'user@evil.example', 'evil.example', '%zz', 'localhost:99999', 'x'.repeat(300), '127.0.0.1:1', '-', '..'],
  'content-encoding': ['gzip', 'br', 'deflate', 'identity', 'x-unknown', 'gzip, gzip'],
  accept: ['text/html', 'application/xml', '*/*;q=0', '', 'application/json;q=abc'],
  'accept-encoding': ['gzip', 'br;q=1, *;q=0', 'x'],
  'accept-language': ['*', 'zz-ZZ', 'en;q=-1'],
  'if-match': ['*', 'W/"x"', '"unterminated', 'W/"1.5"', ''],
  'if-none-match': ['*', 'W/"x"', '"'],
  'if-modified-since': ['Thu, 01 Jan 1970 00:00:00 GMT', 'garbage', 'Fri, 31 Dec 9999 23:59:59 GMT'],
  range: ['bytes=0-0', 'bytes=999999999-', 'bytes=a-b', 'bytes=-1,0-'],
  origin: ['null', 'http://evil.example', 'javascript:alert(1)', ''],
  referer: ['http://evil.example/', '%zz', ''],
  cookie: ['a=b', '%zz=%zz', 'pfs_dash=garbage', ';;;', `a=${'x'.repeat(4000)}`],
  authorization: ['Bearer x', 'Basic !!!', 'Basic YTpi', ''],
  'x-forwarded-for': ['8.8.8.8', 'unknown', '127.0.0.1, 8.8.8.8'],
  'x-forwarded-host': ['evil.example', ''],
  'x-forwarded-proto': ['https', 'gopher'],
  forwarded: ['for=8.8.8.8;host=evil.example;proto=https', 'garbage'],
  expect: ['100-continue'],
  connection: ['close', 'upgrade', 'keep-alive, close'],
  upgrade: ['websocket', 'h2c'],
  'last-event-id': ['-1', 'abc', '99999999999999999999', ''],
  'x-http-method-override': ['DELETE', 'PUT'],
  'user-agent': ['', 'x'.repeat(2000)],
};

/** Zero to three odd headers (most requests get none, so the other problems are still reached). */
export const oddHeaders: fc.Arbitrary<[string, string][]> = fc.oneof(
  { arbitrary: fc.constant([] as [string, string][]), weight: 4 },
  {
    arbitrary: fc.uniqueArray(
      fc.constantFrom(...Object.keys(ODD_HEADERS)).chain((name) => fc.tuple(fc.constant(name), fc.constantFrom(...ODD_HEADERS[name]!))),
      { minLength: 1, maxLength: 3, selector: ([name]) => name },
    ),
    weight: 1,
  },
);
