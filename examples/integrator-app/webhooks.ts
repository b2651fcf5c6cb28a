import { timingSafeEqual } from 'node:crypto';
import type { Store } from './store.js';

/**
 * PassFort's webhooks: a POST with `Authorization: Bearer <secret>` and the same secret in the
 * body, one envelope `{id, event, secret, timestamp, data}` or (with batching) an array of
 * them. Answer 200 quickly: anything else makes PassFort retry, and stalls the queue behind it.
 */

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function handleWebhook(request: Request, secret: string, store: Store): Promise<Response> {
  const auth = request.headers.get('authorization') ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
  if (!secret || !sameSecret(token, secret)) return new Response('wrong or missing bearer secret', { status: 401 });

  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return new Response('not JSON', { status: 400 });
  }
  const envelopes = (Array.isArray(body) ? body : [body]) as { id: string; event: string; secret: string; timestamp: number; data: Record<string, any> }[];
  for (const e of envelopes) {
    if (!e || typeof e.id !== 'string' || typeof e.event !== 'string') return new Response('not a PassFort envelope', { status: 400 });
    if (!sameSecret(String(e.secret ?? ''), secret)) return new Response('wrong secret in the body', { status: 401 });
  }
  for (const e of envelopes) {
    const fresh = store.addWebhook({ id: e.id, event: e.event, timestamp: e.timestamp, received_at: new Date().toISOString(), data: e.data ?? {} });
    if (!fresh) continue;
    // Our own record of the request's state: PassFort's GET only says is_completed.
    if (e.event === 'CUSTOMER_REQUEST_CHANGED') {
      const applicant = store.byProfile(e.data.profile_id);
      if (applicant) store.update(applicant.id, { request_status: e.data.status });
    }
  }
  return new Response('ok', { status: 200 });
}
