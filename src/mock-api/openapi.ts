import { createRoute as createOpenApiRoute, z, type Hook, type RouteConfig } from '@hono/zod-openapi';
import type { SandboxEnv } from './env.js';
import { ErrorCode, PassFortError } from '../core/errors.js';
import { errorJson, validationError } from './errors.js';
import { HttpMsg } from './messages.js';

/** Small helpers so route files read as a table of what each operation takes and gives. */

/**
 * @hono/zod-openapi's `createRoute`, with the request schemas parsed synchronously. Its validator
 * always calls `safeParseAsync`, and zod compiles an object's checks into one function only for
 * synchronous parses: the profile body took ~19 µs to validate asynchronously against ~5 µs
 * synchronously. @hono/zod-openapi hands the schema itself to its validator, with no option for
 * another parse, so the schema object gets its own `safeParseAsync` (the same result, as tested).
 * A schema that refines asynchronously makes the synchronous parse throw `$ZodAsyncError`; it is
 * then parsed asynchronously, as before.
 */
export const createRoute = <R extends RouteConfig>(config: R) => {
  const { query, params, headers, cookies, body } = config.request ?? {};
  const bodies = Object.values(body?.content ?? {}).map((media) => (media && 'schema' in media ? media.schema : undefined));
  for (const schema of [query, params, headers, cookies, ...bodies]) parseSync(schema);
  return createOpenApiRoute(config);
};

const syncParsed = new WeakSet<z.ZodType>();

function parseSync(schema: unknown): void {
  if (!(schema instanceof z.ZodType) || syncParsed.has(schema)) return;
  syncParsed.add(schema);
  const parseAsync = schema.safeParseAsync;
  const safeParseAsync: typeof parseAsync = async (data, params) => {
    try {
      return schema.safeParse(data, params);
    } catch (err) {
      if (err instanceof z.core.$ZodAsyncError) return parseAsync.call(schema, data, params);
      throw err;
    }
  };
  Object.defineProperty(schema, 'safeParseAsync', { value: safeParseAsync, configurable: true, writable: true });
}

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
    return errorJson(c, validationError(result.error as z.ZodError, result.target));
  }
  // A required JSON body that is absent (no body, no Content-Type) reaches the validator as `{}`
  // and would pass wherever every field is optional (a PUT would reset settings). Optional bodies
  // are only validated when a JSON Content-Type is present, so this check never touches them.
  if (result.target === 'json' && !c.req.header('content-type')) {
    return errorJson(c, new PassFortError(400, ErrorCode.INVALID_INPUT_DATA, HttpMsg.bodyRequired, { field: '(body)' }));
  }
  return undefined;
};
