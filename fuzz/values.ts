import fc from 'fast-check';

/**
 * The raw material of bad inputs: values of the wrong type or size, strings that break
 * parsers and paths, identifiers that are not what a route expects. Everything here is
 * plain data, so a generated request prints and replays as is.
 */

/** Strings that have broken parsers, routers, templates or databases somewhere. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0644\u0627',
  '\ufeff',
  '😀'.repeat(50),
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-1',
  '1e400',
  '0x10',
  '2026-13-45',
  '9999-99-99 99:99:99',
  '0000-00-00 00:00:00',
  '+275760-09-13T00:00:00.001Z',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}<%= 7*7 %>',
  "' OR 1=1 --",
  '%00%2e%2e%2f',
  '\r\nX-Injected: 1',
  'a'.repeat(5000),
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];

export const nastyString = fc.constantFrom(...NASTY_STRINGS);

/** Any string, including lone surrogates and control characters. */
export const anyString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 30 }),
  nastyString,
);

/** Numbers at the edges: JSON can carry them, validators often mishandle them. */
export const edgeNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 0.5, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e21),
);

/** A big value, drawn rarely: long strings, long arrays, wide objects. */
export const hugeValue = fc.oneof(
  fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1_000, max: 50_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, () => ({ a: 'b' }))),
);

/** A value of some type, most likely the wrong one for wherever it lands. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: fc.boolean(), weight: 2 },
  { arbitrary: edgeNumber, weight: 3 },
  { arbitrary: anyString, weight: 4 },
  { arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), weight: 2 },
  { arbitrary: fc.dictionary(anyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), weight: 2 },
  { arbitrary: hugeValue, weight: 1 },
);

/** Keys nobody expects in an object. */
export const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '', ' ', 'id', 'extra_field', 'a'.repeat(2000), '\u0000', '$where', 'toString'),
  anyString,
);

/** What a path segment holding an id can be made of, before the real ids are known. */
export type IdChoice =
  | { kind: 'real' }
  | { kind: 'other'; pick: number }
  | { kind: 'uuid'; value: string }
  | { kind: 'trick'; value: string }
  | { kind: 'realWith'; prefix: string; suffix: string }
  | { kind: 'long'; length: number }
  | { kind: 'text'; value: string; encode: boolean };

const PATH_TRICKS = [
  '..',
  '.',
  '..%2F..%2F__sandbox%2Freset',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e',
  '%2e%2e%2f%2e%2e%2f4.0%2fwhoami',
  '..%5C..%5C',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%C0%80',
  '%ED%A0%80',
  '%FF%FE',
  '%F0%9F%98%80',
  '%20',
  '%0D%0AX-Injected:%201',
  '~',
  '*',
  '%2A',
  ';',
  ',',
  'null',
  '0',
  '-1',
  '__proto__',
  'constructor',
  '%5Bobject%20Object%5D',
  '%27%20OR%201%3D1--',
  'latest',
  'ws-default',
  '\u00e9\u00ff',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-00000000000g',
];

export const idChoice: fc.Arbitrary<IdChoice> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'real' } as const), weight: 10 },
  { arbitrary: fc.nat().map((pick) => ({ kind: 'other', pick }) as const), weight: 2 },
  { arbitrary: fc.uuid().map((value) => ({ kind: 'uuid', value }) as const), weight: 2 },
  { arbitrary: fc.constantFrom(...PATH_TRICKS).map((value) => ({ kind: 'trick', value }) as const), weight: 4 },
  {
    arbitrary: fc
      .record({ prefix: fc.constantFrom('', '', '%20', '..%2F', '/', '%00'), suffix: fc.constantFrom('', '%00', '/', '%2F..', '.json', '?', '#', 'X', ';a=b', '%0A') })
      .map((r) => ({ kind: 'realWith', ...r }) as const),
    weight: 2,
  },
  { arbitrary: fc.constantFrom(256, 1024, 4096, 9000, 17_000, 70_000).map((length) => ({ kind: 'long', length }) as const), weight: 1 },
  { arbitrary: fc.record({ value: anyString, encode: fc.boolean() }).map((r) => ({ kind: 'text', ...r }) as const), weight: 2 },
);

/** Turns an id choice into a path segment, given the real id and the other ids the workspace has. */
export function renderId(choice: IdChoice, real: string | undefined, others: string[]): string {
  switch (choice.kind) {
    case 'real':
      return real === undefined ? '00000000-0000-4000-8000-000000000000' : encodeURIComponent(real);
    case 'other':
      return others.length ? encodeURIComponent(others[choice.pick % others.length]!) : 'other';
    case 'uuid':
    case 'trick':
      return choice.value;
    case 'realWith':
      return `${choice.prefix}${encodeURIComponent(real ?? 'x')}${choice.suffix}`;
    case 'long':
      return 'a'.repeat(choice.length);
    case 'text':
      return choice.encode ? safeEncode(choice.value) : latin1Path(choice.value);
  }
}

/** encodeURIComponent throws on lone surrogates; encode those bytes as the CESU-8 a broken client would send. */
export function safeEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** Node puts characters U+0021..U+00FF in a path as single bytes; anything else is percent-encoded. */
function latin1Path(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    out += code > 0x20 && code <= 0xff && ch !== '?' && ch !== '#' ? ch : safeEncode(ch);
  }
  return out || '%20';
}

/** A query value: good, wrong type, out of range, malformed encoding, repeated. */
export const queryValue = fc.oneof(
  fc.constantFrom('5', '0', '-1', '1.5', '1e400', '99999999999999999999', 'abc', '', 'true', '[]', '{}', 'null', '%zz', '%00', '%E0%A4%A', 'x'.repeat(5000)),
  anyString.map(safeEncode),
);

export const extraQueryKey = fc.oneof(
  fc.constantFrom('__proto__[polluted]', 'constructor[prototype][x]', 'apikey', 'limit', 'offset', 'mode', 'x[]', '%zz', 'a'.repeat(3000)),
  fc.string({ maxLength: 10 }).map(safeEncode),
);
