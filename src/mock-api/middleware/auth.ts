import type { Context, MiddlewareHandler } from 'hono';
import { ErrorCode, PassFortError, forbidden } from '../../core/errors.js';
import type { WorkspaceRegistry } from '../../workspace/registry.js';
import type { SandboxEnv } from '../env.js';
import { HttpMsg } from '../messages.js';

export function apiKeyOf(c: Context): string | undefined {
  return c.req.header('apikey') ?? c.req.query('apikey') ?? undefined;
}

/** A path segment as text; a malformed escape (`%zz`, a lone surrogate) is kept as sent, never thrown. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const unauthorized = (code: number, message: string) => new PassFortError(401, code, message, {});

/**
 * `/4.0` authentication: a workspace master key opens everything; a collect key opens only
 * its own profiles; a customer-request key opens nothing here (it belongs to the form).
 */
export function apiAuth(registry: WorkspaceRegistry): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const key = apiKeyOf(c);
    if (!key) throw unauthorized(ErrorCode.MISSING_API_KEY, HttpMsg.missingApiKey);
    const principal = registry.authenticate(key);
    if (!principal) throw unauthorized(ErrorCode.INVALID_API_KEY, HttpMsg.invalidApiKey);
    if (principal.kind === 'expired') throw unauthorized(ErrorCode.INVALID_API_KEY, HttpMsg.expiredApiKey);
    if (principal.kind === 'request') throw forbidden(HttpMsg.requestKeyOnApi);
    if (principal.kind === 'collect') {
      const m = /^\/4\.0\/profiles\/([^/]+)(?:\/|$)/.exec(c.req.path);
      if (!m) throw forbidden(HttpMsg.collectKeyRoute);
      if (!principal.profileIds.includes(decodeSegment(m[1]!))) throw forbidden(HttpMsg.collectKeyOutOfScope(m[1]!));
    }
    c.set('principal', principal);
    c.set('workspace', principal.workspace);
    c.set('actor', { kind: 'apikey', name: principal.keyName });
    await next();
  };
}

/** The control API: a workspace master key picks the workspace it acts on. */
export function controlAuth(registry: WorkspaceRegistry): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const key = apiKeyOf(c);
    if (!key) throw unauthorized(ErrorCode.MISSING_API_KEY, HttpMsg.masterKeyRequired);
    const principal = registry.authenticate(key);
    if (!principal || principal.kind !== 'master') throw unauthorized(ErrorCode.INVALID_API_KEY, HttpMsg.masterKeyRequired);
    c.set('principal', principal);
    c.set('workspace', principal.workspace);
    c.set('actor', { kind: 'sandbox', name: 'sandbox control API' });
    await next();
  };
}
