import type { Context } from 'hono';

/**
 * Whether the caller is on this machine. Requests made in-process (`app.request()` in tests)
 * have no socket and count as local.
 */
export function isLoopbackRequest(c: Context): boolean {
  const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  return !remote || /^(127\.|::1$|::ffff:127\.)/.test(remote);
}
