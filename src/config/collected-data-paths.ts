import { z } from 'zod';
import { companyData, individualData } from '../schemas/entity-data.js';

/**
 * Collected-data paths as form questions name them: `personal_details.dob`,
 * `address_history[0].address`, `personal_details.name.given_names[]`. One module parses,
 * reads, writes them and checks them against PassFort's entity schema, so the config
 * check at start and the write at submit agree.
 */

export type PathSegment = { key: string } | { index: number };

export interface ParsedPath {
  segments: PathSegment[];
  /** The path ends in `[]`: the answer is written as a list. */
  list: boolean;
}

const SEGMENT = /^([a-z_][a-z0-9_]*)((?:\[\d{1,3}\])*)$/i;

/** Parses a path; returns a problem in words when it is not one. */
export function parsePath(path: string): ParsedPath | string {
  let text = path.trim();
  let list = false;
  if (text.endsWith('[]')) {
    list = true;
    text = text.slice(0, -2);
  }
  if (text === '') return 'is empty';
  const segments: PathSegment[] = [];
  for (const part of text.split('.')) {
    const m = SEGMENT.exec(part);
    if (!m) return `"${part}" is not a field name: use letters, digits and "_", with optional list indexes like [0]`;
    segments.push({ key: m[1]! });
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) segments.push({ index: Number(idx[1]) });
  }
  if (segments[0] && 'key' in segments[0] && segments[0].key === 'entity_type') return 'entity_type cannot be written by a form';
  return { segments, list };
}

export function formatPath(p: ParsedPath): string {
  let out = '';
  for (const s of p.segments) out += 'key' in s ? (out ? `.${s.key}` : s.key) : `[${s.index}]`;
  return p.list ? `${out}[]` : out;
}

/** The value at a path, or undefined. */
export function getAtPath(data: unknown, p: ParsedPath): unknown {
  let cur: unknown = data;
  for (const s of p.segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = 'key' in s ? (cur as Record<string, unknown>)[s.key] : Array.isArray(cur) ? cur[s.index] : undefined;
  }
  if (p.list && Array.isArray(cur)) return cur.every((x) => typeof x === 'string') ? cur.join(' ') : cur[0];
  return cur;
}

/** What an answer becomes at a `[]` path: a text answer is split into words, anything else is one item. */
export function listValue(value: unknown): unknown[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [value];
}

/**
 * Writes `value` at the path and returns new objects along it (stored documents are frozen).
 * A list index past the end appends, so `[3]` on a two-item list writes the third item.
 */
export function setAtPath<T>(data: T, p: ParsedPath, value: unknown): T {
  const leaf = p.list ? listValue(value) : value;
  const write = (cur: unknown, i: number): unknown => {
    if (i === p.segments.length) return leaf;
    const s = p.segments[i]!;
    if ('key' in s) {
      const obj = cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>) : {};
      return { ...obj, [s.key]: write(obj[s.key], i + 1) };
    }
    const arr = Array.isArray(cur) ? [...cur] : [];
    const at = Math.min(s.index, arr.length);
    arr[at] = write(arr[at], i + 1);
    return arr;
  };
  return write(data, 0) as T;
}

// --- checking a path against PassFort's schema ------------------------------------------

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (let i = 0; i < 20; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodLazy) s = s.unwrap() as z.ZodType;
    else break;
  }
  return s;
}

function objectOptions(schema: z.ZodType): z.ZodObject[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return [s];
  if (s instanceof z.ZodDiscriminatedUnion || s instanceof z.ZodUnion) {
    return (s.options as z.ZodType[]).flatMap((o) => objectOptions(o));
  }
  return [];
}

export const entitySchemaOf = (entityType: 'INDIVIDUAL' | 'COMPANY'): z.ZodType =>
  entityType === 'INDIVIDUAL' ? individualData : companyData;

/** The schema of the field a path names, or a problem in words (an unknown field, a list where an object is). */
export function schemaAtPath(entityType: 'INDIVIDUAL' | 'COMPANY', p: ParsedPath): z.ZodType | string {
  let cur: z.ZodType = entitySchemaOf(entityType);
  let where = '';
  for (const s of p.segments) {
    if ('key' in s) {
      const options = objectOptions(cur);
      if (options.length === 0) return `${where || 'collected_data'} is not an object, so it has no field "${s.key}"`;
      const owner = options.find((o) => s.key in o.shape);
      if (!owner) {
        const known = [...new Set(options.flatMap((o) => Object.keys(o.shape)))].filter((k) => k !== 'entity_type');
        return `${entityType} collected_data has no field ${where ? `${where}.` : ''}${s.key} (known here: ${known.join(', ')})`;
      }
      cur = owner.shape[s.key] as z.ZodType;
      where = where ? `${where}.${s.key}` : s.key;
    } else {
      const arr = unwrap(cur);
      if (!(arr instanceof z.ZodArray)) return `${where} is not a list, so it cannot take the index [${s.index}]`;
      cur = arr.element as z.ZodType;
      where = `${where}[${s.index}]`;
    }
  }
  return cur;
}

/**
 * Checks that `sample` (an answer of the question's type) can be written at the path.
 * Returns a problem in words, or null.
 */
export function checkPathValue(entityType: 'INDIVIDUAL' | 'COMPANY', p: ParsedPath, sample: unknown): string | null {
  const leaf = schemaAtPath(entityType, p);
  if (typeof leaf === 'string') return leaf;
  const isList = unwrap(leaf) instanceof z.ZodArray;
  if (p.list && !isList) return `${formatPath({ ...p, list: false })} is not a list; remove the trailing []`;
  const value = p.list ? listValue(sample) : sample;
  const parsed = leaf.safeParse(value);
  if (parsed.success) return null;
  if (isList && !p.list) return `${formatPath(p)} is a list; end the path with [] to write the answer as a list`;
  return `${formatPath(p)} does not take this answer: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
}
