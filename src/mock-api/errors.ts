import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { ErrorCode, PassFortError, isPassFortError } from '../core/errors.js';
import { StoreWriteError } from '../store/store.js';
import { ConfigError, formatIssuePath } from '../config/load-config.js';
import { HttpMsg } from './messages.js';

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
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [{ field: base, problem: `is required (${issue.expected})` }];
  }
  return [{ field: base, problem: issue.message }];
}

export function validationError(error: z.ZodError, target?: string): PassFortError {
  const problems = error.issues.flatMap((issue) => describeIssue(issue));
  const first = problems[0] ?? { field: '(body)', problem: 'is invalid' };
  return new PassFortError(
    400,
    ErrorCode.INVALID_INPUT_DATA,
    HttpMsg.invalidInput(`${first.field}: ${first.problem}`, problems.length - 1),
    { field: first.field, problems, ...(target ? { location: target } : {}) },
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
  return c.json(pf.toEnvelope(), pf.status);
}
