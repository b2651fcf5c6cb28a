import type { MailpitMessageListItem, MailpitMessageSummaryResponse } from 'mailpit-api';
import { Card, EmptyState, Facts } from '../components.js';
import { fmtTime, relative, toMs } from '../format.js';
import { Page, PageHead, type Frame } from '../layout.js';

/**
 * The workspace's inbox, Mailpit-style: the list on the left with instant search (Mailpit's
 * search syntax, always narrowed to this workspace's `ws-<id>` tag), the message on the
 * right. The HTML is shown in an iframe sandboxed without `allow-scripts`, from a route that
 * sends it with a CSP that runs no script either.
 */

export interface InboxProps {
  frame: Frame;
  q: string;
  messages: MailpitMessageListItem[];
  total: number;
  selected: MailpitMessageSummaryResponse | null;
  error: string | null;
  inboxUrl: string;
  apiUrl: string;
}

const addr = (a: { Name: string; Address: string } | undefined) => (a ? (a.Name ? `${a.Name} <${a.Address}>` : a.Address) : '');

/** The customer's link in a request email (`…?request_id=…&apikey=…`), from its text part. */
export function requestLinkOf(text: string): string | null {
  return /https?:\/\/[^\s"'<>]+[?&]request_id=[^\s"'<>]+/.exec(text)?.[0] ?? null;
}

export function inboxPage(p: InboxProps): string {
  const link = p.selected ? requestLinkOf(p.selected.Text ?? '') : null;
  const href = (id: string) => `/dashboard/inbox?id=${encodeURIComponent(id)}${p.q ? `&q=${encodeURIComponent(p.q)}` : ''}`;
  return Page({
    title: p.selected ? `Inbox: ${p.selected.Subject}` : 'Inbox',
    active: 'inbox',
    frame: p.frame,
    liveTypes: 'EMAIL_*,WORKSPACE_RESET',
    children: (
      <>
        <PageHead
          title="Inbox"
          lead={
            <>
              Email the sandbox sent for this workspace (tagged <code>ws-{p.frame.workspaceId}</code>). Nothing leaves your machine: the inbox at{' '}
              <a href={p.inboxUrl}>{p.inboxUrl}</a> catches it all.
            </>
          }
        />
        <form method="get" action="/dashboard/inbox" class="toolbar" role="search">
          <div class="field">
            <label for="inbox-q">Search</label>
            <input class="input input-search" type="search" id="inbox-q" name="q" value={p.q} placeholder='to:alex@example.com subject:"update"' autocomplete="off" />
          </div>
          <button class="btn" type="submit">
            Search
          </button>
          {p.q ? (
            <a class="btn" href="/dashboard/inbox">
              Clear
            </a>
          ) : null}
          <p class="hint">Mailpit's search: words, "phrases", to:, from:, subject:, is:unread, has:attachment, before:, after:.</p>
        </form>
        {p.error ? (
          <p class="flash flash-bad" role="alert">
            {p.error}
          </p>
        ) : null}
        <div class="split">
          <div class="card" id="inbox-list" data-live="">
            <div class="card-head">
              <p class="count-line">
                {p.messages.length} of {p.total} message{p.total === 1 ? '' : 's'}
              </p>
            </div>
            {p.messages.length === 0 ? (
              <EmptyState
                title={p.q ? 'No email matches the search' : 'No email yet'}
                curl={
                  p.q
                    ? undefined
                    : `curl -s -X POST ${p.apiUrl}/4.0/forms/profile/$PROFILE/customer_request -H "apikey: $KEY" -H 'content-type: application/json' \\\n  -d '{"type":"FORMS","task_ids":["'$TASK'"]}'`
                }
              >
                <p>{p.q ? 'Try fewer words, or clear the search.' : 'The sandbox emails a customer when you request information: "Request from customer" on a profile, or:'}</p>
              </EmptyState>
            ) : (
              <ul class="mail-list" aria-label="Messages">
                {p.messages.map((m) => (
                  <li class={m.Read ? undefined : 'unread'} data-key={`m-${m.ID}-${m.Read ? 'r' : 'u'}`}>
                    <a href={href(m.ID)} aria-current={p.selected?.ID === m.ID ? 'true' : undefined}>
                      <span class="from">
                        <span class="wrap-anywhere">{m.To.map((t) => t.Address).join(', ') || '(no recipient)'}</span>
                        <time datetime={m.Created}>{relative(toMs(m.Created), Date.now())}</time>
                      </span>
                      <span class="subject">
                        {m.Read ? null : <span class="visually-hidden">Unread: </span>}
                        {m.Subject || '(no subject)'}
                      </span>
                      <span class="snippet">{m.Snippet}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {/* Its own live region: a new message in the list must not reload the open one's frame. */}
          <div id="inbox-message" data-live="">
            {p.selected ? (
              <MessageView m={p.selected} link={link} />
            ) : (
              <div class="card">
                <EmptyState title={p.messages.length ? 'Choose a message' : 'Nothing to show'}>
                  <p>{p.messages.length ? 'Pick one on the left to read it here.' : 'Emails appear here the moment the sandbox sends them.'}</p>
                </EmptyState>
              </div>
            )}
          </div>
        </div>
      </>
    ),
  });
}

function MessageView(props: { m: MailpitMessageSummaryResponse; link: string | null }) {
  const m = props.m;
  return (
    <Card
      title={<span class="wrap-anywhere">{m.Subject || '(no subject)'}</span>}
      actions={
        props.link ? (
          <a class="btn btn-primary" href={props.link} target="_blank" rel="noopener noreferrer">
            Open the customer's link
          </a>
        ) : undefined
      }
    >
      <Facts
        items={[
          ['From', addr(m.From)],
          ['To', m.To.map(addr).join(', ')],
          ['Date', `${fmtTime(toMs(m.Date))} (real time)`],
          ['Tags', m.Tags.join(', ')],
        ]}
      />
      {m.HTML ? (
        <iframe
          class="mail-frame"
          title={`The email "${m.Subject}" as HTML`}
          src={`/dashboard/inbox/${encodeURIComponent(m.ID)}/html`}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerpolicy="no-referrer"
        />
      ) : (
        <p class="muted">This message has no HTML part.</p>
      )}
      <details class="more" id="mail-text" data-key={`text-${m.ID}`} open={!m.HTML}>
        <summary>Plain text</summary>
        <pre class="mail-text">
          <code>{m.Text}</code>
        </pre>
      </details>
      {m.Attachments.length ? (
        <p class="muted">
          Attachments: {m.Attachments.map((a) => `${a.FileName} (${a.ContentType}, ${Math.ceil(a.Size / 1024)} KB)`).join(', ')}
        </p>
      ) : null}
    </Card>
  );
}

/** The CSP of the email's HTML: no script at all, styles and images as email needs them, frameable only by the dashboard. */
export const EMAIL_HTML_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'unsafe-inline' https: http:",
  'img-src data: https: http:',
  'font-src data: https: http:',
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox allow-popups allow-popups-to-escape-sandbox',
].join('; ');

/** The email's HTML, with links opening in a new tab (the frame itself is sandboxed). */
export function emailHtmlDocument(html: string): string {
  const base = '<base target="_blank">';
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (m) => m + base);
  return `<!DOCTYPE html><html><head><meta charset="utf-8">${base}</head><body>${html}</body></html>`;
}
