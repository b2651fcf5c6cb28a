import type { Actor } from './context.js';

/** Who made a change, as PassFort's webhook payloads say it: `apikey` for API calls, `user` for people, both null for automation. */
export function attribution(actor: Actor): { apikey: { name: string } | null; user: { id: string | null; name: string; email: string | null } | null } {
  if (actor.kind === 'apikey') return { apikey: { name: actor.name }, user: null };
  if (actor.kind === 'user' || actor.kind === 'customer') {
    return { apikey: null, user: { id: actor.id ?? null, name: actor.name, email: actor.email ?? null } };
  }
  return { apikey: null, user: null };
}
