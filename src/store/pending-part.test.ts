import { describe, expect, it } from 'vitest';
import { toParts } from './pending-part.js';
import { PART_DOCS } from './snapshot-file.js';

describe('toParts', () => {
  it('writes the text JSON.stringify gives for an object of the documents by id, escapes and all', () => {
    const entries: [string, unknown][] = [
      ['6431fb5b-b9a1-4c1e-9d3f-0a1b2c3d4e5f', { id: '6431fb5b-b9a1-4c1e-9d3f-0a1b2c3d4e5f', name: 'Zoë "Q" \\ Smith', n: [1, null] }],
      ['counters', { id: 'counters', event_seq: 7 }],
      ['with "quote" and \u2028', { id: 'with "quote" and \u2028', nested: { a: { b: 'é' } } }],
      ['__proto__', { id: '__proto__' }],
    ];
    const [part] = toParts(entries);
    const text = part!.bytes().toString('utf8');
    expect(text).toBe(JSON.stringify(Object.fromEntries(entries)));
    expect(part!.count).toBe(4);
    expect(Object.entries(JSON.parse(text) as object)).toEqual(entries);
  });

  it('gives each part its own documents, and the same bytes through length, copyTo and bytes', () => {
    const entries = Array.from({ length: PART_DOCS + 3 }, (_, i): [string, unknown] => [`d${i}`, { id: `d${i}`, text: 'é'.repeat(i % 7) }]);
    const parts = toParts(entries);
    expect(parts.map((p) => p.count)).toEqual([PART_DOCS, 3]);
    const last = parts[1]!;
    const length = last.length;
    const target = Buffer.alloc(length + 2);
    last.copyTo(target, 1);
    expect(target.subarray(1, 1 + length).toString()).toBe(JSON.stringify(Object.fromEntries(entries.slice(PART_DOCS))));
    expect(last.bytes().length).toBe(length);
  });

  it('writes an empty collection as one empty part', () => {
    const parts = toParts([]);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.bytes().toString()).toBe('{}');
  });
});
