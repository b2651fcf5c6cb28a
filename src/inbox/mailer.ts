import type { Transporter } from 'nodemailer';
import type { EventBus } from '../core/event-bus.js';
import { getEmail, pendingEmails, recordEmailAttempt, type EmailDoc } from '../domain/emails.js';
import type { SandboxEvent } from '../workspace/events.js';
import type { WorkspaceRegistry } from '../workspace/registry.js';
import type { Workspace } from '../workspace/workspace.js';
import { renderRequestEmail, requestLink } from './request-email.js';

/** nodemailer (about 50 modules) is loaded with the first email instead of at every start. */
let nodemailerModule: Promise<typeof import('nodemailer')> | undefined;
export const loadNodemailer = async () => (await (nodemailerModule ??= import('nodemailer'))).default;

/**
 * Sends the customer-request emails. The unit of work that creates a FORMS request queues an
 * `emails` document and publishes EMAIL_QUEUED; this subscriber renders the email from the
 * workspace's email theme, sends it over SMTP (the embedded inbox, or `--smtp-url`) and
 * records every attempt with a unit of work of its own (EMAIL_SENT / EMAIL_FAILED). A failed
 * send stays PENDING and is retried with exponential backoff on the workspace's timers, so
 * moving the workspace clock fires retries and a frozen clock holds them. At start every
 * PENDING email is sent again: nothing queued is lost across restarts. The request itself is
 * never touched.
 */

export interface MailerOptions {
  registry: WorkspaceRegistry;
  bus: EventBus<SandboxEvent>;
  /** Where to send: `smtp://host:port` (read at send time, so it may be set after start). */
  smtpUrl: () => string;
  /** The sandbox's API URL: the default form URL is `<api>/onboarding`. */
  apiUrl: () => string;
  /** First retry delay and the cap, in workspace ms. Default 5 s doubling to 10 min. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** For tests: how to build the transport for a URL. */
  transport?: (url: string) => Transporter;
}

export function retryDelay(failedAttempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(30, failedAttempts - 1)));
}

export class RequestMailer {
  readonly #opts: MailerOptions;
  readonly #inFlight = new Set<string>();
  readonly #transports = new Map<string, Transporter>();
  /** Timer keys armed per workspace, so close() can clear them. */
  readonly #armed = new Map<string, Set<string>>();
  #unsubscribe: (() => void) | null = null;
  #closed = false;
  /** Sends that have not settled yet (tests and close() wait for them). */
  readonly #pending = new Set<Promise<void>>();

  constructor(opts: MailerOptions) {
    this.#opts = opts;
  }

  /** Subscribes to the bus and resends every PENDING email of every workspace. */
  start(): void {
    this.#unsubscribe = this.#opts.bus.subscribe((event) => {
      if (event.type !== 'EMAIL_QUEUED') return;
      const workspace = this.#opts.registry.get(event.workspace);
      const emailId = event.data.email_id;
      if (workspace && typeof emailId === 'string') this.send(workspace, emailId);
    });
    for (const workspace of this.#opts.registry.list()) {
      let pending: EmailDoc[];
      try {
        pending = workspace.read((ctx) => pendingEmails(ctx));
      } catch (err) {
        console.error(`passfort-sandbox: could not read pending emails of workspace ${workspace.id}:`, err);
        continue;
      }
      for (const email of pending) this.send(workspace, email.id);
    }
  }

  async #transport(url: string): Promise<Transporter> {
    const nodemailer = this.#opts.transport || this.#transports.has(url) ? null : await loadNodemailer();
    // Looked up after the await: another attempt may have made this transport meanwhile.
    let t = this.#transports.get(url);
    if (!t) {
      t =
        this.#opts.transport?.(url) ??
        nodemailer!.createTransport({
          url,
          // Reuse connections: opening one costs smtp-server's fixed 100 ms greeting delay.
          pool: true,
          maxConnections: 2,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
          // The sandbox only talks to its own inbox or a local Mailpit, often with a self-signed certificate.
          tls: { rejectUnauthorized: false },
        });
      this.#transports.set(url, t);
    }
    return t;
  }

  /** Starts one attempt now (no-op if one is already running for this email). */
  send(workspace: Workspace, emailId: string): void {
    const key = `${workspace.id}:${emailId}`;
    if (this.#closed || this.#inFlight.has(key)) return;
    this.#inFlight.add(key);
    const run = this.#attempt(workspace, emailId).finally(() => {
      this.#inFlight.delete(key);
      this.#pending.delete(run);
    });
    this.#pending.add(run);
  }

  async #attempt(workspace: Workspace, emailId: string): Promise<void> {
    let email: EmailDoc;
    try {
      email = workspace.read((ctx) => getEmail(ctx, emailId));
    } catch {
      return; // gone (workspace reset): nothing is owed any more
    }
    if (email.status !== 'PENDING') return;
    let outcome: { ok: boolean; error?: string; message_id?: string };
    try {
      const config = workspace.config;
      const formUrl = config.form_url ?? `${this.#opts.apiUrl().replace(/\/+$/, '')}/onboarding`;
      const rendered = renderRequestEmail({
        theme: config.email_theme,
        link: requestLink(formUrl, email.request_id, email.request_apikey),
        message: email.message,
        to: email.to,
        workspaceId: workspace.id,
        requestId: email.request_id,
        baseUrl: this.#opts.apiUrl(),
      });
      const info = await (await this.#transport(this.#opts.smtpUrl())).sendMail({
        from: rendered.from,
        to: rendered.to,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers: rendered.headers,
      });
      outcome = { ok: true, message_id: String(info.messageId ?? '').replace(/^<|>$/g, '') };
    } catch (err) {
      outcome = { ok: false, error: describe(err) };
    }
    let recorded: EmailDoc;
    try {
      recorded = workspace.run((ctx) => recordEmailAttempt(ctx, emailId, outcome));
    } catch (err) {
      if (outcome.ok) return; // sent, but the workspace was reset meanwhile: nothing to record
      console.error(`passfort-sandbox: could not record an email attempt for ${emailId}:`, err);
      return;
    }
    // Shutting down: a failed email stays PENDING and is sent again at the next start.
    if (!outcome.ok && !this.#closed) this.#scheduleRetry(workspace, emailId, recorded.attempts.filter((a) => !a.ok).length);
  }

  #scheduleRetry(workspace: Workspace, emailId: string, failed: number): void {
    const delay = retryDelay(failed, this.#opts.retryBaseMs ?? 5_000, this.#opts.retryMaxMs ?? 600_000);
    const key = `email:${emailId}`;
    let armed = this.#armed.get(workspace.id);
    if (!armed) this.#armed.set(workspace.id, (armed = new Set()));
    armed.add(key);
    workspace.timers.set(key, workspace.clock.nowMs() + delay, () => {
      armed.delete(key);
      this.send(workspace, emailId);
    });
  }

  /** Resolves when every send started so far has settled (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    for (const [wsId, keys] of this.#armed) {
      const ws = this.#opts.registry.get(wsId);
      for (const key of keys) ws?.timers.clear(key);
    }
    await this.idle();
    for (const t of this.#transports.values()) t.close();
  }
}

function describe(err: unknown): string {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  if (e.response) return `${e.code ? `${e.code}: ` : ''}${e.response}`;
  return e.message ?? String(err);
}
