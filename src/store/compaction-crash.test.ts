import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/support/snapshot-file.js';
import { JournalStore } from './journal-store.js';

/**
 * A compaction writes the new snapshot over many turns of the event loop (serialising parts as it
 * goes, to a temporary file renamed at the end) while writes go on into the new journal. A
 * process killed at any of those turns must start again with every change it had committed.
 * Each turn here copies the data directory as it is on disk, which is what `kill -9` would leave.
 */

const tempDir = tempDirs('pfs-compaction-crash-');
const ids = (store: JournalStore, col: string) => [...store.values<{ id: string }>(col)].map((d) => d.id);

describe('a data directory left by a crash during a compaction', () => {
  it('opens with every committed change, whichever turn of the compaction it was left at', async () => {
    const dir = tempDir();
    // A first snapshot holding a large collection (parts copied from the file by the next compaction)…
    const first = await JournalStore.open(dir, { compactAfterBytes: 1e9 });
    first.commit(Array.from({ length: 1_200 }, (_, i) => ({ op: 'put' as const, col: 'w/x/big', id: `b${i}`, doc: { id: `b${i}`, n: i } })));
    await first.close();
    const store = await JournalStore.open(dir, { compactAfterBytes: 1e9, compactSliceMs: 0 });
    // …then, in memory, a tail on it and many small collections (serialised by the next compaction).
    store.commit([{ op: 'add', col: 'w/x/big', id: 'added-before', doc: { id: 'added-before' } }]);
    for (let c = 0; c < 120; c++) store.commit([{ op: 'put', col: `w/x/c${c}`, id: 'a', doc: { id: 'a', c, pad: 'x'.repeat(200) } }]);

    const committed: { col: string; id: string }[] = [{ col: 'w/x/big', id: 'added-before' }];
    const copies: { dir: string; committed: number }[] = [];
    let done = false;
    const compaction = store.compact().then(() => (done = true));
    for (let turn = 0; !done; turn++) {
      await new Promise((r) => setImmediate(r));
      const copy = tempDir();
      fs.cpSync(dir, copy, { recursive: true });
      fs.rmSync(path.join(copy, 'LOCK'));
      copies.push({ dir: copy, committed: committed.length });
      // A write between two turns: a new small collection, a change to one being written, an add to the tail.
      const changes = [
        { op: 'put' as const, col: `w/x/during${turn}`, id: 'd', doc: { id: 'd', turn } },
        { op: 'put' as const, col: `w/x/c${turn % 120}`, id: `t${turn}`, doc: { id: `t${turn}` } },
        { op: 'add' as const, col: 'w/x/big', id: `added${turn}`, doc: { id: `added${turn}` } },
      ];
      store.commit(changes);
      committed.push(...changes.map(({ col, id }) => ({ col, id })));
    }
    await compaction;
    await store.close();
    // The compaction took several turns, and some copies have its temporary file half written.
    expect(copies.length).toBeGreaterThan(5);
    expect(copies.some((c) => fs.readdirSync(c.dir).includes('.snapshot.json.tmp'))).toBe(true);

    for (const { dir: copy, committed: upTo } of copies) {
      const again = await JournalStore.open(copy);
      for (const { col, id } of committed.slice(0, upTo)) expect(again.get(col, id), `${col}/${id} in a copy at ${upTo}`).toBeDefined();
      expect(again.size('w/x/big')).toBe(1_200 + committed.slice(0, upTo).filter((c) => c.col === 'w/x/big').length);
      expect(ids(again, 'w/x/c7')[0]).toBe('a');
      expect(again.get<{ pad: string }>('w/x/c119', 'a')?.pad).toHaveLength(200);
      await again.close();
    }
  });
});
