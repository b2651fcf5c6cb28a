/** Id and secret generation, injected so tests and seeded demos get repeatable values. */

export interface IdGenerator {
  /** A UUID (v4 layout) as PassFort uses for every resource. */
  uuid(): string;
  /** A secret of `bytes` random bytes as lower-case hex (API keys, webhook ids). */
  hex(bytes: number): string;
}

const HEX = '0123456789abcdef';

function toUuid(bytes: Uint8Array): string {
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[bytes[i]! >> 4]! + HEX[bytes[i]! & 15]!;
  }
  return out;
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

/** Cryptographically random ids: the default for a running sandbox. */
export const cryptoIds: IdGenerator = {
  uuid: () => globalThis.crypto.randomUUID(),
  hex: (bytes) => toHex(globalThis.crypto.getRandomValues(new Uint8Array(bytes))),
};

/** Repeatable ids from a seed: for tests and seeded demo data. Not secret. */
export function seededIds(seed: number | string): IdGenerator {
  const next = prng(typeof seed === 'number' ? seed : hashString(seed));
  const fill = (n: number) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
    return b;
  };
  return { uuid: () => toUuid(fill(16)), hex: (n) => toHex(fill(n)) };
}

/** mulberry32: small, fast, good enough for test data (not for secrets). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * FNV-1a 32-bit: turns any input into a seed, so the same input gives the same output. `from`
 * and `to` hash only the text between those positions, without making the substring.
 */
export function hashString(text: string, from = 0, to = text.length): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(0, from); i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_PATTERN.test(s);
