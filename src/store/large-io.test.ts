import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../test/support/snapshot-file.js';
import { readText, writeText } from './large-io.js';

const tempDir = tempDirs('large-io-');
afterEach(() => vi.restoreAllMocks());

/** ~300 KB of text whose characters take one, two, three and four bytes, so pieces end inside them. */
const mixed = () => Array.from({ length: 20_000 }, (_, i) => `a${i}\u00e9\u20ac\u{1f600}`).join('|');

describe('writeText', () => {
  it('writes a long text through buffers of at most 64 KB, never the text itself, byte for byte', () => {
    const file = path.join(tempDir(), 'f');
    const fd = fs.openSync(file, 'w');
    const text = mixed();
    const writes = vi.spyOn(fs, 'writeSync');
    const bytes = writeText(fd, text);
    fs.closeSync(fd);
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(writes.mock.calls.length).toBeGreaterThan(4);
    for (const [, data] of writes.mock.calls) {
      expect(Buffer.isBuffer(data)).toBe(true);
      expect((data as unknown as Buffer).length).toBeLessThanOrEqual(64 * 1024);
    }
  });

  it('writes a short text in one call, after what the file holds', () => {
    const file = path.join(tempDir(), 'f');
    fs.writeFileSync(file, 'x\n');
    const fd = fs.openSync(file, 'a');
    const writes = vi.spyOn(fs, 'writeSync');
    expect(writeText(fd, '{"\u00e9":1}\n')).toBe(9);
    fs.closeSync(fd);
    expect(writes).toHaveBeenCalledTimes(1);
    expect(fs.readFileSync(file, 'utf8')).toBe('x\n{"\u00e9":1}\n');
  });

  it('ends in the error that stopped a write', () => {
    const file = path.join(tempDir(), 'f');
    fs.writeFileSync(file, '');
    const fd = fs.openSync(file, 'r'); // not open for writing
    try {
      expect(() => writeText(fd, mixed())).toThrow(/EBADF/);
    } finally {
      fs.closeSync(fd);
    }
  });
});

describe('readText', () => {
  it('reads a range across many pieces, characters split between pieces included', () => {
    const file = path.join(tempDir(), 'f');
    const text = mixed();
    fs.writeFileSync(file, `head\n${text}\ntail`);
    const fd = fs.openSync(file, 'r');
    try {
      expect(readText(fd, 5, Buffer.byteLength(text), () => new Error('short'))).toBe(text);
      expect(readText(fd, 0, 4, () => new Error('short'))).toBe('head');
    } finally {
      fs.closeSync(fd);
    }
  });

  it('fails with the caller’s error when the file ends first', () => {
    const file = path.join(tempDir(), 'f');
    fs.writeFileSync(file, 'abc');
    const fd = fs.openSync(file, 'r');
    try {
      expect(() => readText(fd, 1, 10, () => new Error('cut short'))).toThrow('cut short');
    } finally {
      fs.closeSync(fd);
    }
  });
});
