import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** The snapshot file read by hand: its header and, per collection, the count and each part's text. */
export const readSnapshot = (dir: string) => {
  const text = fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8');
  const lines = text.split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline
  const { index: indexAt } = JSON.parse(lines.pop()!) as { index: number };
  const index = JSON.parse(lines.pop()!) as [string, number, ...number[]][];
  expect(Buffer.byteLength(`${lines.join('\n')}\n`)).toBe(indexAt);
  const bytes = Buffer.from(text);
  const collections = new Map(
    index.map(([name, first, ...sizes]) => {
      let at = first;
      const parts: { count: number; json: string }[] = [];
      for (let i = 0; i < sizes.length; i += 2) {
        parts.push({ count: sizes[i]!, json: bytes.subarray(at, at + sizes[i + 1]!).toString() });
        at += sizes[i + 1]! + 1;
      }
      return [name, { count: parts.reduce((n, p) => n + p.count, 0), json: parts[0]!.json, parts }];
    }),
  );
  expect(index.reduce((n, entry) => n + (entry.length - 2) / 2, 0)).toBe(lines.length - 1); // one line per part
  return { header: JSON.parse(lines[0]!) as unknown, lines: collections };
};
