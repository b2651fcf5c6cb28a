import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { SandboxEnv } from './env.js';
import { validationError } from './errors.js';

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
  return undefined;
};
