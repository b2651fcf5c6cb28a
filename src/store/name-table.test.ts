import { describe, expect, it, vi } from 'vitest';
import { NameList, NameTable } from './name-table.js';
import { Slice } from './slice.js';
import { hashString } from '../core/ids.js';

const uuid = (n: number) => {
  const hex = (n * 2_654_435_761).toString(16).padStart(8, '0').slice(-8) + n.toString(16).padStart(24, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** Names of every shape the table groups differently, sorted as an index sorts them. */
function mixedNames(): string[] {
  const names = new Set<string>(['keys', 'workspaces', 'w/default/meta', 'w/default/outbox', 'w/b2/meta', 'é', 'a/', 'a/b/', '😀/x', 'w/default/audit/short', 'w/default/audit/', '']);
  for (let i = 0; i < 300; i++) {
    names.add(`w/default/audit/${uuid(i)}`);
    names.add(`w/default/tasks/${uuid(i)}`);
    if (i % 3 === 0) names.add(`w/b2/checks/${uuid(i)}`);
  }
  // Longer ids under the same prefix sort between the UUIDs: groups of one prefix, split.
  names.add(`w/default/audit/${uuid(150)}-x`);
  names.add(`w/default/audit/${uuid(7)}é`);
  // One upper-case UUID: its group cannot be packed.
  names.add(`w/b2/checks/${uuid(4).toUpperCase()}`);
  // Cut where an id of 36 would start, though its last `/` is later; and names as long as an id.
  names.add(`w/default/files/${'ab/cd'.padEnd(36, '0')}`);
  names.add(`w/default/files/${'ab/ce'.padEnd(36, '0')}`);
  names.add(`/${'x'.repeat(36)}`);
  names.add('y'.repeat(36));
  return [...names].sort();
}

describe.each([
  ['NameTable', (names: string[]) => NameTable.from(names)],
  ['NameList', (names: string[]) => new NameList(names)],
])('%s', (_, make) => {
  it('gives back every name at its position and finds each one there', () => {
    const names = mixedNames();
    const table = make(names);
    expect(table.length).toBe(names.length);
    expect(Array.from({ length: names.length }, (_, i) => table.at(i))).toEqual(names);
    // Out of order too (the group remembered from the last call is not the one needed).
    for (const i of [names.length - 1, 0, 417, 3, 601, 2]) expect(table.at(i)).toBe(names[i]);
    names.forEach((name, i) => expect(table.indexOf(name)).toBe(i));
    expect(() => table.at(names.length)).toThrow(RangeError);
  });

  it('does not find names it does not hold, whatever they share with those it does', () => {
    const table = make(mixedNames());
    for (const absent of [
      `w/default/audit/${uuid(300)}`, // a prefix it holds, an id it does not
      `w/default/checks/${uuid(3)}`, // an id it holds, under another prefix
      `w/default/audit/${uuid(7)}`.toUpperCase(),
      `w/default/audit/${uuid(150)}-y`, // the length of a split group
      `w/default/audit/${uuid(1)}x`,
      'w/default/audit/shorT',
      'w/default/audit/x/',
      'key',
      'keys/',
      'w/default/',
      'zzz',
      `w/default/files/${'ab/cf'.padEnd(36, '0')}`,
      `w/default/files/ab/${'cd'.padEnd(34, '0')}`,
      `/${'x'.repeat(35)}`,
      `w/default/audit/${uuid(7).toUpperCase()}`, // not packable: not in the packed group
      `w/b2/checks/${uuid(4)}`, // the lower-case twin of the one upper-case
      `w/default/audit/${uuid(7).replace(/-/g, 'x')}`,
    ]) {
      expect(table.indexOf(absent), absent).toBe(-1);
    }
  });

  it('holds an empty list', () => {
    const table = make([]);
    expect(table.length).toBe(0);
    expect(table.indexOf('a')).toBe(-1);
    expect(() => table.at(0)).toThrow(RangeError);
  });

  it("gives where each name's end lies", () => {
    const names = mixedNames();
    const hashes: number[] = [];
    make(names).forEachEndHash(12, (hash) => void hashes.push(hash));
    expect(hashes).toEqual(names.map((name) => hashString(name, name.length - 12)));
  });
});

describe('NameTable', () => {
  it('is made the same in slices, letting the event loop run between them', async () => {
    const names = mixedNames();
    const slice = new Slice(0);
    const next = vi.spyOn(slice, 'next');
    const table = await NameTable.build(names, slice);
    expect(next.mock.calls.length).toBeGreaterThan(1);
    expect(Array.from({ length: names.length }, (_, i) => table.at(i))).toEqual(names);
    // One group of 10,000 names is packed in pieces of 4,096, with the event loop let run between.
    const many = Array.from({ length: 10_000 }, (_, i) => `w/default/tasks/${uuid(i)}`).sort();
    next.mockClear();
    const big = await NameTable.build(many, slice);
    expect(next).toHaveBeenCalledTimes(3); // after 4,096 and 8,192 names, and once the group is made
    expect(big.indexOf(many[9_999]!)).toBe(9_999);
    expect(big.at(5_000)).toBe(many[5_000]);
  });

  it('holds lower-case UUIDs as 16 bytes each, and a group with anything else as its text', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `w/default/audit/${uuid(i)}`).sort();
    expect(NameTable.from(ids).suffixChars).toBe(16 * 1000);
    const mixed = [...ids.filter((name) => !name.endsWith(uuid(1))), `w/default/audit/${uuid(1).toUpperCase()}`].sort();
    const table = NameTable.from(mixed);
    expect(table.suffixChars).toBe(36 * 1000);
    mixed.forEach((name, i) => expect(table.indexOf(name)).toBe(i));
  });

  it('gives the ends of names from its suffixes, making only names whose suffix is shorter', () => {
    const names = mixedNames();
    const table = NameTable.from(names);
    const made = vi.spyOn(table, 'at');
    table.forEachEndHash(12, () => {});
    // The UUIDs' suffixes are 36 long: only the odd names were made.
    expect(made.mock.calls.length).toBe(names.filter((name) => name.length - name.lastIndexOf('/') - 1 < 12).length);
    expect(made.mock.calls.length).toBeLessThan(15);
  });
});
