import { MailpitClient } from 'mailpit-api';

/**
 * A `mailpit-api` client for the sandbox's inbox: the embedded one, or the external Mailpit
 * given with `--inbox-url` (Mailpit mode), with the `--inbox-auth` credentials when set. The
 * harness, the dashboard and tests read mail through this, so both modes behave the same.
 */
export function inboxClient(sandbox: { urls: { inbox: string }; inboxAuth: { username: string; password: string } | null }): MailpitClient {
  return new MailpitClient(sandbox.urls.inbox, sandbox.inboxAuth ? { auth: sandbox.inboxAuth } : undefined);
}
