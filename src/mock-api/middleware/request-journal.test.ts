import { describe, expect, it } from 'vitest';
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
