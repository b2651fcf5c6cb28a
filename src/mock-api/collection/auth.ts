import type { MiddlewareHandler } from 'hono';
import { ErrorCode, PassFortError, forbidden } from '../../core/errors.js';
import type { Actor } from '../../domain/context.js';
import { findRequest } from '../../domain/customer-requests/index.js';
import type { WorkspaceRegistry } from '../../workspace/registry.js';
import type { SandboxEnv } from '../env.js';
import { apiKeyOf, decodeSegment } from '../middleware/auth.js';
import { CollectionMsg } from './messages.js';

/** Who the collection back end says made a change: the customer, never an API key. */
export const CUSTOMER: Actor = { kind: 'customer', name: 'Customer' };

const REQUEST_PATH = /^\/collection\/api\/requests\/([^/]+)/;

/**
 * The collection back end opens one request, with that request's apikey (header or query)
 * and nothing else: not the master key, not another request's key. A key past its
 * request's deadline still reads its own request, so the form can say "This request has
 * expired."; every write then answers 409 because the request is no longer SENT.
 */
export function collectionAuth(registry: WorkspaceRegistry): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const key = apiKeyOf(c);
    if (!key) throw new PassFortError(401, ErrorCode.MISSING_API_KEY, CollectionMsg.missingKey, {});
    const principal = registry.authenticate(key);
    if (!principal) throw new PassFortError(401, ErrorCode.INVALID_API_KEY, CollectionMsg.unknownKey, {});
    const pathId = decodeSegment(REQUEST_PATH.exec(c.req.path)?.[1] ?? '');
    if (principal.kind === 'expired') {
      const own = pathId ? principal.workspace.read((ctx) => findRequest(ctx, pathId)) : undefined;
      if (!own || own.apikey !== key) throw new PassFortError(401, ErrorCode.INVALID_API_KEY, CollectionMsg.expiredKey, {});
    } else if (principal.kind !== 'request') {
      throw forbidden(CollectionMsg.notARequestKey, { key_kind: principal.kind });
    } else if (pathId && principal.requestId !== pathId) {
      throw forbidden(CollectionMsg.otherRequest, { customer_request_id: pathId });
    } else {
      c.set('principal', principal);
    }
    c.set('workspace', principal.workspace);
    c.set('actor', CUSTOMER);
    await next();
    // Answers are personal data: no cache keeps them.
    c.header('Cache-Control', 'no-store');
  };
}
