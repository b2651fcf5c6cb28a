import { describe, expect, it } from 'vitest';
import { topLevelKeys } from './part-keys.js';

const keysOf = (value: object) => topLevelKeys(Buffer.from(JSON.stringify(value)));

describe('topLevelKeys', () => {
  it('finds the keys of the outer object only, whatever the values hold', () => {
    const part = {
      a: { id: 'a', nested: { b: 1, 'c"}': ['{', '}', '"', '\\', ',"x":'] } },
      'd,e': [{ f: { g: [] } }, 'h'],
      '': null,
      'q"uote': 'v\\"w',
      'é😀': { '\u2028': true },
      back: '\\',
    };
    expect(keysOf(part)).toEqual(Object.keys(part));
  });

  it('gives the same keys as JSON.parse on a real part, and none for an empty one', () => {
    const docs = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [`id-${i}`, { id: `id-${i}`, name: `Person "${i}"`, tags: [{ id: 't', name: '}{' }], n: i / 3, ok: i % 2 === 0, none: null }]),
    );
    expect(keysOf(docs)).toEqual(Object.keys(docs));
    expect(keysOf({})).toEqual([]);
  });

  it('reads a part out of a larger buffer (a view with an offset)', () => {
    const whole = Buffer.from(`xxxx${JSON.stringify({ k1: { a: 1 }, k2: 'v' })}yyyy`);
    expect(topLevelKeys(whole.subarray(4, whole.length - 4))).toEqual(['k1', 'k2']);
  });
});
