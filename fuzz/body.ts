import fc from 'fast-check';
import { oddKey, wrongValue } from './values.js';

/**
 * Bad request bodies, made from a good one. The generator draws a recipe (which mutations,
 * which encoding, which content type); the recipe is applied to the target's good body when
 * the request is sent, because good bodies name ids that exist only at run time.
 */

export type Mutation =
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'wrap'; at: number }
  | { op: 'whole'; value: unknown };

export type Encoding =
  | { kind: 'json' }
  | { kind: 'invalidUtf8'; at: number; bytes: number[] }
  | { kind: 'truncate'; at: number }
  | { kind: 'trailing'; text: string }
  | { kind: 'bom' }
  | { kind: 'duplicateKey'; value: unknown }
  | { kind: 'bigNumber'; text: string }
  | { kind: 'deep'; depth: number; open: '[' | '{"a":' }
  | { kind: 'proto'; key: string }
  | { kind: 'empty' }
  | { kind: 'raw'; bytes: number[] }
  | { kind: 'form' };

export interface BodyRecipe {
  mutations: Mutation[];
  encoding: Encoding;
  contentType: string | null;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: wrongValue }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: oddKey, value: wrongValue }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('whole' as const), value: fc.jsonValue({ maxDepth: 3 }) }), weight: 1 },
);

/** Byte sequences that are not UTF-8: a lone continuation byte, overlong forms, a surrogate in CESU-8, 0xFF. */
const BAD_UTF8 = [[0xff], [0x80], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]];

const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'json' } as const), weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant('invalidUtf8' as const), at: fc.nat(), bytes: fc.constantFrom(...BAD_UTF8) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('trailing' as const), text: fc.constantFrom('}', ']', ',', ' x', '\u0000', '{}', '\n{"a":1}') }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'bom' } as const), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('duplicateKey' as const), value: wrongValue }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('bigNumber' as const), text: fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '-0', '1E-400', '0.0000000000000000000000001') }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('deep' as const),
      depth: fc.constantFrom(63, 64, 65, 66, 200, 5_000, 200_000),
      open: fc.constantFrom('[' as const, '{"a":' as const),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('proto' as const), key: fc.constantFrom('__proto__', 'constructor', 'prototype') }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'empty' } as const), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('raw' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }) }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'form' } as const), weight: 1 },
);

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 14 },
  {
    arbitrary: fc.constantFrom(
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'APPLICATION/JSON',
      'application/vnd.api+json',
      'application/jsonx',
      'application/json, text/html',
      '',
    ),
    weight: 2,
  },
);

export const bodyRecipe: fc.Arbitrary<BodyRecipe> = fc.record({
  mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
  encoding,
  contentType,
});

type Json = unknown;

/** Every place in a value: [] is the root, ['a', 0] is value.a[0]. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = [], limit = 500): (string | number)[][] {
  out.push(prefix);
  if (out.length >= limit || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out, limit));
  else for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out, limit);
  return out;
}

/** Sets an own property even for "__proto__", which a plain assignment would treat as the prototype. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(value: Json): Json {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Rebuilds `root` with `fn` applied at `path` (copies on the way down; the base stays as it was). */
function at(root: Json, path: (string | number)[], fn: (v: Json) => Json | typeof REMOVE): Json {
  if (path.length === 0) {
    const r = fn(root);
    return r === REMOVE ? undefined : r;
  }
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    const next = at(copy[head as number], rest, fn);
    if (rest.length === 0 && fn === removeFn) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) setOwn(copy, k, v);
  if (rest.length === 0 && fn === removeFn) delete copy[head as string];
  else setOwn(copy, head as string, at(copy[head as string], rest, fn));
  return copy;
}
const REMOVE = Symbol('remove');
const removeFn = () => REMOVE;

export function applyMutations(base: Json, mutations: Mutation[]): Json {
  let value = clone(base);
  for (const m of mutations) {
    if (m.op === 'whole') {
      value = m.value;
      continue;
    }
    const all = paths(value);
    const path = all[m.at % all.length]!;
    if (m.op === 'replace') value = at(value, path, () => m.value);
    else if (m.op === 'delete') value = path.length === 0 ? undefined : at(value, path, removeFn);
    else if (m.op === 'wrap') value = at(value, path, (v) => [v]);
    else {
      value = at(value, path, (v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
        const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
        setOwn(copy, m.key, m.value);
        return copy;
      });
    }
  }
  return value;
}

/** The bytes and content type of a request body made from a good body and a recipe. */
export function renderBody(base: Json, recipe: BodyRecipe): { bytes: Buffer; contentType: string | null } | null {
  const value = applyMutations(base, recipe.mutations);
  const enc = recipe.encoding;
  let text = value === undefined ? '' : JSON.stringify(value);
  let bytes: Buffer;
  switch (enc.kind) {
    case 'json':
      if (value === undefined && recipe.mutations.length === 0) return null;
      bytes = Buffer.from(text);
      break;
    case 'invalidUtf8': {
      const buf = Buffer.from(text);
      // Inside a string when there is one, so it passes a tokenizer and reaches a validator.
      const quotes = [...text.matchAll(/"/g)].map((m) => Buffer.byteLength(text.slice(0, m.index! + 1)));
      const pos = quotes.length ? quotes[enc.at % quotes.length]! : enc.at % (buf.length + 1);
      bytes = Buffer.concat([buf.subarray(0, pos), Buffer.from(enc.bytes), buf.subarray(pos)]);
      break;
    }
    case 'truncate':
      bytes = Buffer.from(text).subarray(0, text.length ? enc.at % text.length : 0);
      break;
    case 'trailing':
      bytes = Buffer.from(text + enc.text);
      break;
    case 'bom':
      bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
      break;
    case 'duplicateKey':
      text = text.startsWith('{"') ? `{${text.slice(1, text.indexOf('":') + 2)}${JSON.stringify(enc.value)},${text.slice(1)}` : text;
      bytes = Buffer.from(text);
      break;
    case 'bigNumber':
      bytes = Buffer.from(/-?\d+(\.\d+)?([eE][+-]?\d+)?/.test(text) ? text.replace(/-?\d+(\.\d+)?([eE][+-]?\d+)?/, enc.text) : enc.text);
      break;
    case 'deep':
      bytes = Buffer.from(enc.open.repeat(enc.depth) + '1' + (enc.open === '[' ? ']' : '}').repeat(enc.depth));
      break;
    case 'proto':
      bytes = Buffer.from(text.startsWith('{') && text !== '{}' ? `{"${enc.key}":{"polluted":true},${text.slice(1)}` : `{"${enc.key}":{"polluted":true}}`);
      break;
    case 'empty':
      bytes = Buffer.alloc(0);
      break;
    case 'raw':
      bytes = Buffer.from(enc.bytes);
      break;
    case 'form':
      bytes = Buffer.from('a=1&b[]=2&__proto__[x]=1');
      break;
  }
  return { bytes, contentType: recipe.contentType };
}
