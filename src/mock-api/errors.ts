import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { ErrorCode, PassFortError, isPassFortError } from '../core/errors.js';
import { StoreWriteError } from '../store/store.js';
import { ConfigError, formatIssuePath } from '../config/load-config.js';
import { HttpMsg } from './messages.js';
import type { ParserErrorAnswer } from '../net/client-errors.js';

/**
 * The one error handler: whatever went wrong, the client gets PassFort's envelope with a
 * message that names the field and the problem. Unknown errors are logged and answered
 * with a 500 that leaks nothing.
 */

export interface FieldProblem {
  field: string;
  problem: string;
}

export function describeIssue(issue: z.core.$ZodIssue): FieldProblem[] {
  const path = formatIssuePath(issue.path);
  const base = path === '(root)' ? '(body)' : path;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: `${base === '(body)' ? '' : `${base}.`}${key}`, problem: 'is not a field PassFort accepts here' }));
  }
  if (issue.code === 'invalid_type') {
    // An issue carries its input only when a parse asks for it, so the message tells a missing
    // field from a wrong type ("expected string, received undefined" / "… received number").
    const received = /received (\w+)$/.exec(issue.message)?.[1];
    if (received === 'undefined') return [{ field: base, problem: `is required (${issue.expected})` }];
    if (received === 'NaN') return [{ field: base, problem: 'must be a number' }];
    if (received) return [{ field: base, problem: `must be ${issue.expected}, got ${received}` }];
  }
  // zod's own wording for a bound ("Too small: expected number to be >=1"); a schema's own message is kept.
  if ((issue.code === 'too_small' || issue.code === 'too_big') && /^Too (small|big):/.test(issue.message)) {
    const small = issue.code === 'too_small';
    const bound = String(small ? issue.minimum : issue.maximum);
    const words = small ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
    const problem =
      issue.origin === 'string'
        ? `must be ${words} ${bound} characters long`
        : issue.origin === 'array' || issue.origin === 'set'
          ? `must have ${words} ${bound} items`
          : `must be ${words} ${bound}`;
    return [{ field: base, problem }];
  }
  return [{ field: base, problem: issue.message }];
}

/**
 * The problems an error lists at most: a body with 16,398 unknown keys was answered with all of
 * them, 1.1 MB of error. The message still counts them all.
 */
export const MAX_LISTED_PROBLEMS = 100;

export function validationError(error: z.ZodError, target?: string): PassFortError {
  const problems = error.issues.flatMap((issue) => describeIssue(issue));
  const first = problems[0] ?? { field: '(body)', problem: 'is invalid' };
  const unlisted = problems.length - MAX_LISTED_PROBLEMS;
  return new PassFortError(
    400,
    ErrorCode.INVALID_INPUT_DATA,
    HttpMsg.invalidInput(`${first.field}: ${first.problem}`, problems.length - 1),
    {
      field: first.field,
      problems: unlisted > 0 ? problems.slice(0, MAX_LISTED_PROBLEMS) : problems,
      ...(unlisted > 0 ? { problems_not_listed: unlisted } : {}),
      ...(target ? { location: target } : {}),
    },
  );
}

export function toPassFortError(err: unknown, contentType?: string): PassFortError {
  if (isPassFortError(err)) return err;
  if (err instanceof StoreWriteError) {
    return new PassFortError(503, ErrorCode.UNKNOWN_INTERNAL_ERROR, HttpMsg.storageFailure(err.message), {});
  }
  if (err instanceof ConfigError) {
    return new PassFortError(400, ErrorCode.INVALID_INPUT_DATA, `Invalid config: ${err.problems[0]}`, { problems: err.problems });
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) return new PassFortError(413, ErrorCode.INVALID_INPUT_DATA, err.message, {});
    if (err.status === 415) {
      return new PassFortError(415, ErrorCode.INVALID_INPUT_DATA, HttpMsg.unsupportedMediaType(contentType || undefined), {
        content_type: contentType ?? null,
      });
    }
    if (err.status === 400 && /JSON/i.test(err.message)) {
      return new PassFortError(400, ErrorCode.INVALID_INPUT_DATA, HttpMsg.malformedJson(err.message), {});
    }
    const status = err.status >= 400 && err.status < 500 ? err.status : 500;
    return new PassFortError(status as 400, ErrorCode.INVALID_INPUT_DATA, err.message || 'Request failed', {});
  }
  return new PassFortError(500, ErrorCode.UNKNOWN_INTERNAL_ERROR, HttpMsg.internal, {});
}

export function errorResponse(c: Context, err: unknown): Response {
  const pf = toPassFortError(err, c.req.header('content-type'));
  // Only the unexpected is logged; a deliberate PassFortError (chaos, storage full) is the answer itself.
  if (pf.status >= 500 && !isPassFortError(err) && !(err instanceof StoreWriteError)) {
    console.error(`passfort-sandbox: ${c.req.method} ${c.req.path} failed:`, err);
  }
  return errorJson(c, pf);
}

/**
 * The envelope as the answer. Every error answer of the app is made here; the request journal
 * reads the code from the context instead of parsing the body it just wrote.
 */
export function errorJson(c: Context, err: PassFortError): Response {
  c.set('errorCode', err.code);
  return c.json(err.toEnvelope(), err.status);
}

/**
 * The answer to a request the Node adapter could not even turn into a `Request` (a malformed
 * Host header, a backslash in the path): it never reaches the app and its handler, and
 * the adapter's own answer is a bare 400 with no body. `RequestError` is the adapter's name for
 * those; anything else reaching here failed outside Hono's handler and is answered like it.
 */
export function adapterErrorResponse(err: unknown): Response {
  const unreadable = err instanceof Error && err.name === 'RequestError';
  if (!unreadable) console.error('passfort-sandbox: a request failed outside the app:', err);
  const pf = unreadable
    ? new PassFortError(400, ErrorCode.INVALID_INPUT_DATA, HttpMsg.unreadableRequest((err as Error).message), {})
    : new PassFortError(500, ErrorCode.UNKNOWN_INTERNAL_ERROR, HttpMsg.internal, {});
  return new Response(JSON.stringify(pf.toEnvelope()), { status: pf.status, headers: { 'content-type': 'application/json' } });
}

/**
 * The answer to bytes Node's HTTP parser refused (a header block over 16 KB, bytes a URL may not
 * hold, broken framing), for the server's `clientError` handler: Node's own is a bare 400 or 431.
 * `code` is the parser's (`HPE_…`).
 */
export function parserErrorAnswer(code: string | undefined): ParserErrorAnswer {
  const overflow = code === 'HPE_HEADER_OVERFLOW';
  const pf = overflow
    ? new PassFortError(431, ErrorCode.INVALID_INPUT_DATA, HttpMsg.headersTooLarge, {})
    : new PassFortError(400, ErrorCode.INVALID_INPUT_DATA, HttpMsg.notHttp(code ?? 'unknown'), { parser_code: code ?? null });
  return { status: pf.status, body: JSON.stringify(pf.toEnvelope()), contentType: 'application/json' };
}
