import { MailpitClient, type MailpitMessageListItem } from 'mailpit-api';
import { describeValue, waitFor, type WaitOptions } from './wait.js';

/**
 * One workspace's mail, read through `mailpit-api` (so it works the same against the embedded
 * inbox and a real Mailpit) and filtered by the `ws-<workspace id>` tag every request email
 * carries: tests sharing one inbox never see each other's mail.
 */

export interface EmailFilter {
  to?: string;
  subject?: string;
  /** Any extra Mailpit search terms, e.g. `has:attachment`. */
  query?: string;
}

export interface RequestLink {
  url: string;
  request_id: string;
  apikey: string;
}

export interface Email {
  id: string;
  subject: string;
  from: string;
  to: string[];
  created: string;
  html: string;
  text: string;
  /** Every link in the HTML (or the text when there is no HTML), in order. */
  links: string[];
  /** The customer-request link (`{form_url}?request_id=…&apikey=…`), when the email has one. */
  requestLink: RequestLink | null;
  headers: Record<string, string[]>;
}

/** Links in an email body: hrefs of the HTML, else URLs in the text; entities decoded. */
export function extractLinks(html: string, text: string): string[] {
  const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#x3D;|&#61;/gi, '=').replace(/&quot;/g, '"');
  if (html) return [...html.matchAll(/href\s*=\s*"([^"]*)"|href\s*=\s*'([^']*)'/gi)].map((m) => decode(m[1] ?? m[2] ?? ''));
  return [...text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0]);
}

/** The first link that carries a customer request's id and key. */
export function findRequestLink(links: string[]): RequestLink | null {
  for (const url of links) {
    try {
      const u = new URL(url);
      const request_id = u.searchParams.get('request_id');
      const apikey = u.searchParams.get('apikey');
      if (request_id && apikey) return { url, request_id, apikey };
    } catch {
      /* not a URL */
    }
  }
  return null;
}

/** Builds the Mailpit search for a filter inside a workspace's tag. */
export function searchQuery(tag: string, filter: EmailFilter = {}): string {
  const quote = (s: string) => (/[\s"]/.test(s) ? `"${s.replace(/"/g, '')}"` : s);
  return [`tag:${tag}`, filter.to ? `to:${quote(filter.to)}` : '', filter.subject ? `subject:${quote(filter.subject)}` : '', filter.query ?? ''].filter(Boolean).join(' ');
}

export const describeFilter = (filter: EmailFilter) =>
  [filter.to ? `to ${filter.to}` : '', filter.subject ? `with subject "${filter.subject}"` : '', filter.query ? `matching ${filter.query}` : ''].filter(Boolean).join(' ') || 'any';

export class WorkspaceInbox {
  readonly tag: string;
  constructor(
    readonly mailpit: MailpitClient,
    readonly workspaceId: string,
  ) {
    this.tag = `ws-${workspaceId}`;
  }

  /** Summaries of this workspace's messages, newest first. */
  async list(filter: EmailFilter = {}): Promise<MailpitMessageListItem[]> {
    return (await this.mailpit.searchMessages({ query: searchQuery(this.tag, filter), limit: 200 })).messages;
  }

  /** The full message with its links and the request link parsed out. */
  async read(id: string): Promise<Email> {
    const [msg, headers] = await Promise.all([this.mailpit.getMessageSummary(id), this.mailpit.getMessageHeaders(id)]);
    const links = extractLinks(msg.HTML ?? '', msg.Text ?? '');
    return {
      id: msg.ID,
      subject: msg.Subject,
      from: msg.From ? (msg.From.Name ? `${msg.From.Name} <${msg.From.Address}>` : msg.From.Address) : '',
      to: (msg.To ?? []).map((a) => a.Address),
      created: msg.Date,
      html: msg.HTML ?? '',
      text: msg.Text ?? '',
      links,
      requestLink: findRequestLink(links),
      headers: headers as Record<string, string[]>,
    };
  }

  /**
   * Waits for the newest email that fits the filter. On time-out the error lists what this
   * workspace's inbox did hold (subjects and recipients).
   */
  async waitForEmail(filter: EmailFilter = {}, options: WaitOptions = {}): Promise<Email> {
    const found = await waitFor(
      `an email ${describeFilter(filter)} in the inbox of workspace ${this.workspaceId}`,
      () => this.list(filter),
      (list) => list.length > 0,
      {
        ...options,
        describe: () => 'no match',
      },
    ).catch(async (err: Error) => {
      const all = await this.list().catch(() => []);
      const held = all.length ? all.map((m) => `"${m.Subject}" to ${m.To.map((t) => t.Address).join(', ')}`).join('; ') : 'no email at all';
      err.message = err.message.replace(/last saw no match/, `last saw ${describeValue(held, 600)} for this workspace`);
      throw err;
    });
    return this.read(found[0]!.ID);
  }

  /** Subject, recipients and link of every email of the workspace (what a failure report shows). */
  async summary(): Promise<{ subject: string; to: string[]; created: string; link: string | null }[]> {
    const list = await this.list();
    return Promise.all(
      list.map(async (m) => {
        const full = await this.read(m.ID).catch(() => null);
        return { subject: m.Subject, to: m.To.map((t) => t.Address), created: m.Created, link: full?.requestLink?.url ?? full?.links[0] ?? null };
      }),
    );
  }
}
