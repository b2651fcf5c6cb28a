import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { SandboxEnv } from './env.js';
import { ErrorCode, PassFortError } from '../core/errors.js';
import { validationError } from './errors.js';
import { HttpMsg } from './messages.js';

/** Small helpers so route files read as a table of what each operation takes and gives. */

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true as const,
  content: { 'application/json': { schema } },
  ...(description ? { description } : {}),
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** Every validation failure becomes PassFort's envelope, naming the field. */
export const passfortHook: Hook<unknown, SandboxEnv, string, unknown> = (result, c) => {
  if (!result.success) {
    const err = validationError(result.error as z.ZodError, result.target);
    return c.json(err.toEnvelope(), err.status);
  }
  // A required JSON body that is absent (no body, no Content-Type) reaches the validator as `{}`
  // and would pass wherever every field is optional (a PUT would reset settings). Optional bodies
  // are only validated when a JSON Content-Type is present, so this check never touches them.
  if (result.target === 'json' && !c.req.header('content-type')) {
    const err = new PassFortError(400, ErrorCode.INVALID_INPUT_DATA, HttpMsg.bodyRequired, { field: '(body)' });
    return c.json(err.toEnvelope(), err.status);
  }
  return undefined;
};
