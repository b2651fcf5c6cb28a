import { describe, expect, it } from 'vitest';
import { JournalStore } from '../src/store/journal-store.js';
import { PART_DOCS } from '../src/store/snapshot-file.js';
import { tempDirs } from './support/snapshot-file.js';
import { individual, makeTestApp } from './support/test-app.js';

/**
 * API TEST over a durable store — the profile list after a restart, when the profiles are in the
 * snapshot in parts of PART_DOCS and the unfiltered page reads only the parts that hold it: every
 * page equals what a full scan (a search every profile matches) gives.
 */

const tempDir = tempDirs('pfs-list-');
const N = PART_DOCS * 2 + 23;
const config = { products: [] }; // the profile alone: the test needs many, quickly

describe('GET /4.0/profiles after a restart', () => {
  it('pages through profiles stored in snapshot parts exactly as a full scan does', async () => {
    const dir = tempDir();
    const first = await JournalStore.open(dir);
    const before = makeTestApp({ store: first, config });
    for (let i = 0; i < N; i++) expect((await before.call('POST', '/4.0/profiles', individual('Sam', `Person${i}`))).status).toBe(200);
    await first.compact();
    await first.close();

    const store = await JournalStore.open(dir);
    const { call } = makeTestApp({ store, config });
    const page = async (query: string) => (await call('GET', `/4.0/profiles?${query}`)).body as { count: number; results: { display_name: string }[] };
    const newest = await page('limit=3');
    expect(newest.count).toBe(N);
    expect(newest.results.map((p) => p.display_name)).toEqual([N - 1, N - 2, N - 3].map((i) => `Sam Person${i}`));
    // Every unfiltered page first, while the profiles are still read from the file's parts; a
    // search reads them all.
    const queries = [[50, 0], [10, 20], [10, 25], [7, N - PART_DOCS - 3], [200, N - 150], [10, N - 4], [10, N]].map(([limit, offset]) => `limit=${limit}&offset=${offset}`);
    const unfiltered = [];
    for (const q of queries) unfiltered.push(await page(q));
    for (const [i, q] of queries.entries()) expect(unfiltered[i]).toEqual(await page(`q=person&${q}`));
    expect(unfiltered.map((p) => p.results.length)).toEqual([50, 10, 10, 7, 150, 4, 0]);
    await store.close();
  }, 60_000);
});
