import { invalidInput, ErrorCode, PassFortError } from '../core/errors.js';
import { formatDateTime } from '../core/dates.js';
import type { DomainContext } from './context.js';
import { Msg } from './messages.js';
import { getProfile } from './profiles.js';

/**
 * Collect API keys: short-lived keys for browser-side collection, scoped to the listed
 * profiles. The `/4.0` auth middleware lets such a key reach only
 * `/4.0/profiles/{id}/…` of its profiles, and refuses it once the workspace clock passes
 * its expiry.
 */

/** How long a collect key lives, on the workspace clock. *(sandbox)* */
export const COLLECT_KEY_TTL_MS = 60 * 60 * 1000;
export const MAX_PROFILES_PER_KEY = 100;

export interface CollectKey {
  name: string;
  key: string;
  expiry: string;
}

export function issueCollectKey(ctx: DomainContext, profileIds: string[]): CollectKey {
  if (profileIds.length === 0) throw new PassFortError(400, ErrorCode.MISSING_REQUIRED_FIELDS, Msg.collectKeyNoProfiles, { field: 'profile_ids' });
  if (profileIds.length > MAX_PROFILES_PER_KEY) throw invalidInput(Msg.collectKeyTooMany(MAX_PROFILES_PER_KEY), { field: 'profile_ids' });
  const unique = [...new Set(profileIds)];
  unique.forEach((id) => {
    try {
      getProfile(ctx, id);
    } catch (err) {
      // Name the place in the request, not just the id.
      throw invalidInput(Msg.profileNotFound(id), { field: `profile_ids[${profileIds.indexOf(id)}]`, profile_id: id, cause: (err as Error).message });
    }
  });
  const expires = ctx.now + COLLECT_KEY_TTL_MS;
  const name = unique.length === 1 ? `Collect key for profile ${unique[0]}` : `Collect key for ${unique.length} profiles`;
  const key = ctx.issueKey({ kind: 'collect', name, profile_ids: unique, expires_at: expires });
  return { name, key, expiry: formatDateTime(expires) };
}
