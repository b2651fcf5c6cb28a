import type { MiddlewareHandler } from 'hono';
import { invalidInput, PassFortError, ErrorCode } from '../../core/errors.js';
import { HttpMsg } from '../messages.js';

export const MAX_JSON_DEPTH = 64;
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * Reads a JSON body once before any validator does, and refuses what would hurt later:
 * malformed JSON (with the parser's position), nesting deep enough to exhaust the stack
 * in recursive validation, and prototype keys. Hono caches the text, so validators
 * parse the same bytes.
 */
export const jsonGuard: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH' && method !== 'DELETE') return next();
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) return next();
  const text = await c.req.text();
  if (text.trim() === '') return next();
  const depth = maxDepth(text);
  if (depth > MAX_JSON_DEPTH) throw invalidInput(HttpMsg.tooDeep(MAX_JSON_DEPTH), { max_depth: MAX_JSON_DEPTH });
  let forbidden: string | undefined;
  // A reviver runs for every value and was the dearest step of a POST; it is only needed when
  // one of the names appears somewhere in the text (as a key, or inside a string value).
  const suspicious = FORBIDDEN_KEYS.some((k) => text.includes(k));
  try {
    if (!suspicious) JSON.parse(text);
    else {
      JSON.parse(text, (key, value) => {
        if (FORBIDDEN_KEYS.includes(key)) forbidden ??= key;
        return value;
      });
    }
  } catch (err) {
    throw new PassFortError(400, ErrorCode.INVALID_INPUT_DATA, HttpMsg.malformedJson((err as Error).message), {});
  }
  if (forbidden) throw invalidInput(HttpMsg.forbiddenKey(forbidden), { key: forbidden });
  return next();
};

/** Bracket depth outside strings: a linear scan, no recursion. */
export function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      if (++depth > max) max = depth;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}
