import { formatDate } from '../../core/dates.js';
import type { CustomerRequestDoc, FormDoc } from '../../domain/customer-requests/index.js';
import type { EmailDoc } from '../../domain/emails.js';
import { ActionButton, Badge, Card, Facts, Json, Status, Table, Time, Timeline, type TimelineItem } from '../components.js';
import { humanize, maskSecret, type Tone } from '../format.js';
import { Page, PageHead, type Frame } from '../layout.js';
import { REQUEST_LIVE_TYPES } from './requests.js';
import type { TimelineEntry } from '../data/timeline.js';

/**
 * One customer request: its forms and the timeline of their states, the email and its send
 * attempts, the checks its forms started, follow-up forms, the answers, and the buttons a
 * presenter needs (do the customer's part, cancel a form, open the customer's link).
 */

export interface RequestPageProps {
  frame: Frame;
  req: CustomerRequestDoc;
  profileName: string;
  emails: EmailDoc[];
  customerLink: string;
  /** The request's CUSTOMER_REQUEST_CHANGED events with how their webhooks went. */
  webhooks: TimelineEntry[];
  flash: { text: string; ok: boolean } | null;
}

const HISTORY_WORDS: Record<string, string> = {
  CREATED: 'Request created',
  FORM_STATE_CHANGED: 'Form',
  REQUEST_STATE_CHANGED: 'Request',
  ANSWERS_SAVED: 'Answers saved',
  DOCUMENT_UPLOADED: 'Document uploaded',
  CHECK_STARTED: 'Check started',
  CHECK_NOT_STARTED: 'Check could not start',
  CHECK_COMPLETED: 'Check completed',
  FORM_ADDED: 'Follow-up form asked',
  APPLICATION_ADDED: 'Product applied for',
  APPLICATION_NOT_ADDED: 'Product not added',
  EXPIRED: 'Request expired',
  FINISHED: 'The customer pressed Finish',
  EMAIL_SENT: 'Email sent',
  EMAIL_FAILED: 'Email failed',
};

function toneOfTo(to: string | undefined): Tone {
  return to === 'COMPLETED' ? 'ok' : to === 'EXPIRED' ? 'warn' : to === 'CANCELLED' ? 'neutral' : 'info';
}

export function historyItems(req: CustomerRequestDoc): TimelineItem[] {
  const titles = new Map(req.forms.map((f) => [f.id, f.title]));
  return req.history.map((h, i) => {
    const form = h.form_id ? titles.get(h.form_id) : undefined;
    const words = HISTORY_WORDS[h.event] ?? humanize(h.event);
    const change = h.to ? `${h.from ? `${h.from} → ` : ''}${h.to}` : '';
    const detail = h.detail as { check_type?: string; result?: string; error?: string; product_alias?: string } | undefined;
    const extra = [detail?.check_type ? humanize(detail.check_type) : '', detail?.result ?? '', detail?.error ?? '', detail?.product_alias ?? ''].filter(Boolean).join(' · ');
    return {
      key: `h-${i}`,
      at: h.at,
      tone: toneOfTo(h.to),
      text: `${words}${form ? `: ${form}` : ''}${change ? ` (${change})` : ''}`,
      sub: [extra, h.actor].filter(Boolean).join(' · ') || undefined,
    };
  });
}

/** History, email attempts and webhooks in one list, in the order they happened. */
export function requestTimeline(req: CustomerRequestDoc, emails: EmailDoc[], webhooks: TimelineEntry[]): TimelineItem[] {
  const items: TimelineItem[] = historyItems(req);
  for (const e of emails) {
    e.attempts.forEach((a, i) =>
      items.push({ key: `mail-${e.id}-${i}`, at: a.at, tone: a.ok ? 'ok' : 'bad', kind: 'Email', text: a.ok ? `Sent to ${e.to}` : `Sending to ${e.to} failed`, sub: a.error ?? undefined }),
    );
  }
  for (const w of webhooks) items.push({ key: `wh-${w.key}`, at: w.at, tone: w.webhook?.startsWith('webhook delivered') ? 'ok' : w.webhook ? 'bad' : 'neutral', kind: 'Webhook', text: `${w.type}: ${w.text}`, sub: w.webhook ?? 'not sent (no webhook URL, or filtered out)' });
  // Stable: entries at the same time keep their order (history first, as it caused the rest).
  return items.map((item, i) => ({ item, i })).sort((a, b) => a.item.at - b.item.at || a.i - b.i).map((x) => x.item);
}

export function requestPage(p: RequestPageProps): string {
  const { req, frame } = p;
  const now = frame.nowMs;
  const open = req.status === 'SENT';
  return Page({
    title: `Request for ${p.profileName}`,
    active: 'requests',
    frame,
    liveTypes: REQUEST_LIVE_TYPES + ',CHECK_COMPLETED,PRODUCT_STATUS_CHANGED',
    children: (
      <>
        {p.flash ? <p class={`flash ${p.flash.ok ? 'flash-ok' : 'flash-bad'}`} role="status">{p.flash.text}</p> : null}
        <div id="request-head" data-live="">
          <PageHead
            crumbs={[
              ['Customer requests', '/dashboard/requests'],
              [p.profileName, `/dashboard/profiles/${req.profile_id}`],
            ]}
            title={
              <>
                {req.type === 'FLOW' ? `Registration flow for ${p.profileName}` : `Request to ${p.profileName}`} <Status status={req.status} />
              </>
            }
            lead={
              <>
                Created <Time ms={req.created_at} now={now} relativeOnly />; {open ? 'expires' : 'deadline was'} {' '}
                <Time ms={req.expires_at} now={now} relativeOnly /> ({formatDate(req.expires_at)}).
              </>
            }
            actions={
              open ? (
                <>
                  <a class="btn" href={p.customerLink} target="_blank" rel="noopener noreferrer">
                    Open the customer's form
                  </a>
                  <ActionButton action={`/dashboard/requests/${req.id}/complete`} label="Complete as the customer" variant="primary" />
                </>
              ) : undefined
            }
          />
        </div>
        <div class="stack" id="request-body" data-live="">
          <Card id="forms" title="Forms">
            <FormsTable req={req} now={now} />
          </Card>
          <div class="grid-2">
            <Card id="facts" title="About this request">
              <Facts
                items={[
                  ['Kind', req.type === 'FLOW' ? `Registration flow (${req.flow_alias})` : 'Task forms, sent by email'],
                  ['Profile', <a href={`/dashboard/profiles/${req.profile_id}`}>{p.profileName}</a>],
                  ['Theme', req.theme_alias],
                  ['Email to', req.email?.to ?? null],
                  ['Message', req.email?.message ?? (req.email ? "(the theme's text)" : null)],
                  ['Product', req.product_alias ? `${req.product_alias}${req.application_id ? ' (applied)' : ''}` : null],
                  ['Request key', <span class="mono">{maskSecret(req.apikey)}</span>],
                  ['Request id', <span class="mono">{req.id}</span>],
                ]}
              />
            </Card>
            {p.emails.length ? <EmailsCard emails={p.emails} now={now} /> : req.checks.length || req.conditions.length ? <ChecksCard req={req} now={now} /> : <span />}
          </div>
          <Card id="history" title="Timeline">
            <Timeline items={requestTimeline(req, p.emails, p.webhooks)} />
          </Card>
          {p.emails.length && (req.checks.length || req.conditions.length) ? <ChecksCard req={req} now={now} /> : null}
          <Card id="answers" title="Answers">
            {req.forms.every((f) => Object.keys(f.answers).length === 0 && Object.keys(f.documents).length === 0) ? (
              <p class="muted">The customer has not answered anything yet.</p>
            ) : (
              req.forms.map((f) =>
                Object.keys(f.answers).length || Object.keys(f.documents).length ? (
                  <Json value={{ answers: f.answers, documents: f.documents }} summary={`${f.title}: answers and documents`} id={`answers-${f.id}`} />
                ) : null,
              )
            )}
          </Card>
        </div>
      </>
    ),
  });
}

function FormsTable(props: { req: CustomerRequestDoc; now: number }) {
  const open = props.req.status === 'SENT';
  return (
    <Table columns={['Form', 'State', 'Sent', 'Ended', open ? 'Action' : null]}>
      {props.req.forms.map((f: FormDoc) => (
        <tr data-key={`form-${f.id}`}>
          <td>
            <strong>{f.title}</strong>
            {f.asked_because ? <span class="sub">Follow-up: {humanize(f.asked_because.check_type)} {f.asked_because.condition.replace(/_/g, ' ')}</span> : null}
          </td>
          <td>
            <Status status={f.status} />
          </td>
          <td>
            <Time ms={f.created_at} now={props.now} />
          </td>
          <td>
            <Time ms={f.terminal_at} now={props.now} />
          </td>
          {open ? (
            <td>
              {f.status === 'SENT' ? <ActionButton action={`/dashboard/requests/${props.req.id}/forms/${f.id}/cancel`} label="Cancel form" small /> : null}
            </td>
          ) : null}
        </tr>
      ))}
    </Table>
  );
}

function EmailsCard(props: { emails: EmailDoc[]; now: number }) {
  return (
    <Card id="emails" title="Email">
      {props.emails.map((e) => (
        <div class="stack" data-key={`email-${e.id}-${e.attempts.length}`}>
          <p>
            To <strong>{e.to}</strong>{' '}
            <Badge word={e.status === 'SENT' ? { label: 'Sent', tone: 'ok', symbol: '✓' } : e.attempts.some((a) => !a.ok) ? { label: 'Failing, retrying', tone: 'bad', symbol: '✗' } : { label: 'Queued', tone: 'info', symbol: '○' }} />{' '}
            <a href={`/dashboard/inbox?q=${encodeURIComponent(`to:${e.to}`)}`}>Find it in the inbox</a>
          </p>
          <ul>
            {e.attempts.map((a) => (
              <li>
                <Time ms={a.at} now={props.now} /> {a.ok ? 'sent' : `failed: ${a.error ?? 'unknown error'}`}
              </li>
            ))}
            {e.attempts.length === 0 ? <li class="muted">Waiting to be sent.</li> : null}
          </ul>
        </div>
      ))}
    </Card>
  );
}

function ChecksCard(props: { req: CustomerRequestDoc; now: number }) {
  return (
    <Card id="request-checks" title="Checks and follow-up forms">
      <ul>
        {props.req.checks.map((c) => (
          <li data-key={`rc-${c.check_type}-${c.state}`}>
            <strong>{humanize(c.check_type)}</strong>: {c.state === 'COMPLETE' ? `completed, ${c.result ?? 'no result'}` : c.state === 'STARTED' ? 'running' : `could not start (${c.error ?? ''})`}
            {c.check_id ? (
              <>
                {' '}
                · <a href={`/dashboard/profiles/${props.req.profile_id}#checks`}>see the check</a>
              </>
            ) : null}
          </li>
        ))}
        {props.req.conditions.map((c) => (
          <li data-key={`cond-${c.form_alias}-${c.state}`}>
            Follow-up form <strong>{c.form_alias}</strong> when {humanize(c.check_type)} {c.condition.replace(/_/g, ' ')}: {humanize(c.state).toLowerCase()}
          </li>
        ))}
      </ul>
    </Card>
  );
}
