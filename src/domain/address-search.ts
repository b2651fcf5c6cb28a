import { invalidInput, notFound } from '../core/errors.js';
import { seededFaker } from './seeded-faker.js';
import { Msg } from './messages.js';

/**
 * Address look-up *(sandbox)*: `/address/search` suggests believable addresses built around
 * what was typed (its house number and words), the same ones for the same query, and
 * `/address/format` turns a suggestion's id back into a StructuredAddress. The id carries
 * the address itself, so nothing is stored and an id stays valid forever.
 */

export interface AddressSuggestion {
  id: string;
  text: string;
  query_substrings: [number, number][];
}

interface AddressParts {
  c: string;
  n: string;
  r: string;
  l: string;
  p: string;
  s: string;
}

const STREET_KINDS: Record<string, string[]> = {
  GBR: ['Street', 'Road', 'Lane', 'Avenue', 'Close', 'Way', 'Gardens', 'Terrace'],
  USA: ['Street', 'Avenue', 'Boulevard', 'Road', 'Drive', 'Lane', 'Court', 'Place'],
  IRL: ['Street', 'Road', 'Avenue', 'Park', 'Terrace', 'Lane', 'Square', 'Quay'],
};
const ID_PREFIX = 'sbx-addr-';
export const ADDRESS_LIMIT_DEFAULT = 7;
export const ADDRESS_LIMIT_MAX = 100;

const encodeId = (parts: AddressParts) => ID_PREFIX + Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');

function decodeId(id: string): AddressParts | null {
  if (!id.startsWith(ID_PREFIX)) return null;
  try {
    const parts = JSON.parse(Buffer.from(id.slice(ID_PREFIX.length), 'base64url').toString('utf8')) as Partial<AddressParts>;
    const keys: (keyof AddressParts)[] = ['c', 'n', 'r', 'l', 'p', 's'];
    return keys.every((k) => typeof parts[k] === 'string') ? (parts as AddressParts) : null;
  } catch {
    return null;
  }
}

const titleCase = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

function textOf(a: AddressParts): string {
  return [`${a.n} ${a.r}`.trim(), a.l, a.c === 'USA' ? `${a.s} ${a.p}` : a.p].filter(Boolean).join(', ');
}

/** Where each typed word appears in the suggestion, as [start, end) pairs. */
function substrings(text: string, words: string[]): [number, number][] {
  const lower = text.toLowerCase();
  const out: [number, number][] = [];
  for (const w of words) {
    const at = lower.indexOf(w.toLowerCase());
    if (at >= 0) out.push([at, at + w.length]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

export function searchAddresses(input: { address: string; country_code: string; limit?: number | undefined }): {
  count: number;
  results: AddressSuggestion[];
} {
  const query = input.address.trim();
  if (query.length === 0) throw invalidInput(Msg.addressQueryEmpty, { field: 'address' });
  const limit = input.limit ?? ADDRESS_LIMIT_DEFAULT;
  const country = input.country_code;
  const words = query.split(/[\s,]+/).filter(Boolean);
  const number = words.find((w) => /^\d+[a-z]?$/i.test(w));
  const nameWords = words.filter((w) => w !== number).map(titleCase);
  const f = seededFaker('address', country, query.toLowerCase());
  const kinds = STREET_KINDS[country] ?? STREET_KINDS.GBR!;
  const results: AddressSuggestion[] = [];
  for (let i = 0; i < limit; i++) {
    const kind = kinds[i % kinds.length]!;
    const typedKind = nameWords.length > 0 && kinds.some((k) => k.toLowerCase() === nameWords[nameWords.length - 1]!.toLowerCase());
    const street = nameWords.length === 0 ? `${f.location.street()}` : typedKind ? nameWords.join(' ') : `${nameWords.join(' ')} ${kind}`;
    const parts: AddressParts = {
      c: country,
      n: number ?? f.location.buildingNumber(),
      r: street,
      l: f.location.city(),
      p: f.location.zipCode(),
      s: country === 'USA' ? f.location.state({ abbreviated: true }) : f.location.county(),
    };
    const text = textOf(parts);
    results.push({ id: encodeId(parts), text, query_substrings: substrings(text, words) });
  }
  return { count: results.length, results };
}

export function formatAddress(input: { id: string; country_code: string }) {
  const parts = decodeId(input.id);
  if (!parts) throw notFound(Msg.addressIdUnknown(input.id), { field: 'id' });
  if (parts.c !== input.country_code) {
    throw invalidInput(Msg.addressCountryMismatch(input.country_code, parts.c), { field: 'country_code' });
  }
  return {
    type: 'STRUCTURED' as const,
    country: parts.c,
    state_province: parts.c === 'USA' ? parts.s : '',
    county: parts.c === 'USA' ? '' : parts.s,
    postal_code: parts.p,
    locality: parts.l,
    route: parts.r,
    street_number: parts.n,
    premise: '',
    subpremise: '',
    original_freeform_address: textOf(parts),
  };
}
