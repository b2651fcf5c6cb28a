import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../core/errors.js';
import { makeTestApp } from '../../../test/support/test-app.js';
import { maskSecrets, pathAndQuery } from './request-journal.js';

describe('request journal: the URL it keeps', () => {
  it('is the path and query, as URL would give them, with credentials masked', () => {
    const urls = [
      'http://127.0.0.1:8080/4.0/profiles',
      'http://127.0.0.1:8080/4.0/profiles?apikey=secret&limit=5',
      'http://localhost/4.0/profiles/6f1c/collected_data?token=t1&api_key=k2#frag-never-sent',
      'http://[::1]:3000/4.0/tags/search/a%20b?q=%3Fx',
      'https://user:pw@example.com/',
    ];
    for (const u of urls) {
      const parsed = new URL(u);
      expect(pathAndQuery(u), u).toBe(maskSecrets(parsed.pathname + parsed.search));
    }
    expect(pathAndQuery('http://127.0.0.1:8080/4.0/profiles?apikey=secret&limit=5')).toBe('/4.0/profiles?apikey=***&limit=5');
  });
});

describe('request journal: the error code of an answer', () => {
  it('is the code of the envelope sent, taken from the context without reading the answer again', async () => {
    const t = makeTestApp({ bodyLimitBytes: 1024 });
    const clone = vi.spyOn(Response.prototype, 'clone');
    try {
      const missing = await t.call('GET', '/4.0/profiles/00000000-0000-4000-8000-000000000000');
      const invalid = await t.call('POST', '/4.0/profiles', { role: 'NOT_A_ROLE' });
      const route = await t.call('GET', '/4.0/no-such-thing');
      const tooBig = await t.call('POST', '/4.0/profiles', { pad: 'x'.repeat(2048) });
      const ok = await t.call('GET', '/4.0/profiles');
      const answers = [missing, invalid, route, tooBig, ok];
      expect(answers.map((a) => a.status)).toEqual([404, 400, 404, 413, 200]);

      const journal = t.journal.list('default');
      expect(journal.map((e) => e.status)).toEqual([404, 400, 404, 413, 200]);
      // Each code is the one in the body the client got; a success has none.
      expect(journal.map((e) => e.error_code)).toEqual([...answers.slice(0, 4).map((a) => a.body.errors[0].code), null]);
      expect(journal.map((e) => e.error_code)).toEqual([ErrorCode.INVALID_INPUT_DATA, ErrorCode.INVALID_INPUT_DATA, ErrorCode.INVALID_INPUT_DATA, ErrorCode.INVALID_INPUT_DATA, null]);
      expect(clone).not.toHaveBeenCalled();
    } finally {
      clone.mockRestore();
    }
  });
});
