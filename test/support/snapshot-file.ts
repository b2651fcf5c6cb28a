import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { INDEX_RUN } from '../../src/store/snapshot-file.js';

/** A maker of data directories for one test file, each removed after the test that made it. */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/** The snapshot file read by hand: its header and, per collection, the count and each part's text. */
export const readSnapshot = (dir: string) => {
  const text = fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8');
  const lines = text.split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline
  const { index: indexAt } = JSON.parse(lines.pop()!) as { index: number };
  const runs = JSON.parse(lines.pop()!) as Record<'names' | 'first' | 'parts' | 'sizes', unknown[][]>;
  // Format 4 writes each list in runs (snapshot-file.ts, INDEX_RUN).
  const join = <T>(list: unknown[][]) => {
    for (const run of list) expect(run.length).toBeLessThanOrEqual(INDEX_RUN);
    return list.flat() as T[];
  };
  const index = { names: join<string>(runs.names), first: join<number>(runs.first), parts: join<number>(runs.parts), sizes: join<number>(runs.sizes) };
  expect(Buffer.byteLength(`${lines.join('\n')}\n`)).toBe(indexAt);
  expect([...index.names].sort()).toEqual(index.names); // sorted, for the binary search
  const bytes = Buffer.from(text);
  const collections = new Map(
    index.names.map((name, i) => {
      let at = index.first[i]!;
      const parts: { count: number; json: string }[] = [];
      for (let p = index.parts[i]!; p < index.parts[i + 1]!; p++) {
        const [count, length] = [index.sizes[2 * p]!, index.sizes[2 * p + 1]!];
        parts.push({ count, json: bytes.subarray(at, at + length).toString() });
        at += length + 1;
      }
      return [name, { count: parts.reduce((n, p) => n + p.count, 0), json: parts[0]!.json, parts }];
    }),
  );
  expect(index.sizes.length / 2).toBe(lines.length - 1); // one line per part
  return { header: JSON.parse(lines[0]!) as unknown, lines: collections };
};
