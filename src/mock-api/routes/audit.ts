import { OpenAPIHono, z } from '@hono/zod-openapi';
import { formatDateTime } from '../../core/dates.js';
import { listAudit, type AuditItemDoc } from '../../domain/audit.js';
import { getProfile } from '../../domain/profiles.js';
import { auditItem } from '../../schemas/audit.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';
import { profileIdParam } from '../schemas.js';

/** AuditItem as PassFort returns it; the sandbox keeps no signed audit files (filename etc. are null). */
function presentAudit(item: AuditItemDoc) {
  return {
    id: item.id,
    profileID: item.profileID,
    action: item.action,
    user: item.user
      ? { name: item.user.name, ...(item.user.id ? { id: item.user.id } : {}), ...(item.user.email ? { email: item.user.email } : {}) }
      : null,
    apikey: item.apikey ? { name: item.apikey.name, ...(item.apikey.expiry ? { expiry: formatDateTime(Date.parse(item.apikey.expiry)) } : {}) } : null,
    timestamp: item.timestamp,
    message: item.message,
    ref_data: item.ref_data,
    filename: null,
    filehash: null,
    signature: null,
  };
}

export const auditRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook }).openapi(
  createRoute({
    method: 'get',
    path: '/profiles/{profile_id}/audit-items',
    tags: ['Audit'],
    summary: "A profile's audit log, oldest first, with PassFort's action names",
    request: { params: profileIdParam },
    responses: { 200: resourceResponse(z.array(auditItem), 'The audit items') },
  }),
  (c) => {
    const { profile_id } = c.req.valid('param');
    const items = c.get('workspace').read((ctx) => {
      getProfile(ctx, profile_id);
      return listAudit(ctx, profile_id);
    });
    return c.json([...items].sort((a, b) => a.order - b.order).map(presentAudit), 200);
  },
);
