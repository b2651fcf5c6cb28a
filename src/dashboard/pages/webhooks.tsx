import type { DeliveryRecord } from '../../webhooks/records.js';
import { ActionButton, Badge, Card, EmptyState, Facts, Select, Table } from '../components.js';
import { fmtTime, humanDuration, maskSecret, relative, stallsOf, statusWord, toMs } from '../format.js';
import { Page, PageHead, type Frame } from '../layout.js';

/**
 * Webhooks as PassFort's status panel shows them (state, last processed, stalled since, next
 * retry, "Retry now"), plus what the panel does not: every attempt with its answer, the
 * stalls the queue went through, and replay of an earlier event.
 */

export interface WebhookStatusView {
  state: string;
  url: string | null;
  last_processed: { event: string; at: string | null } | null;
  next_retry_at: string | null;
  stalled_since: string | null;
  stalled_for_ms: number | null;
  failed_attempts: number;
  pending_events: number;
  delivered_events: number;
  attempts: number;
  recent_failures: { error: string | null }[];
}

export interface WebhooksProps {
  frame: Frame;
  status: WebhookStatusView;
  settings: { url: string | null; secret: string; events: string[]; batching: boolean; enabled: boolean; source: string };
  deliveries: DeliveryRecord[];
  show: string;
  apiUrl: string;
}

export function webhooksPage(p: WebhooksProps): string {
  const s = p.status;
  const now = p.frame.nowMs;
  const stalls = stallsOf(p.deliveries);
  const shown = [...p.deliveries].reverse().filter((d) => p.show !== 'failed' || !d.ok).slice(0, 150);
  const word = statusWord(s.state);
  return Page({
    title: 'Webhooks',
    active: 'webhooks',
    frame: p.frame,
    liveTypes: 'WEBHOOK_*,CONFIG_CHANGED,CLOCK_CHANGED,WORKSPACE_RESET',
    children: (
      <>
        <PageHead
          title="Webhooks"
          lead="One queue per workspace, in the order things happened. Only a 200 counts; a failure stalls the queue and it retries with backoff on the workspace clock."
        />
        <div class="grid-2" id="webhook-status" data-live="">
          <Card
            title={
              <>
                Queue <Badge word={word} />
              </>
            }
            actions={<ActionButton action="/dashboard/webhooks/retry" label="Retry now" variant="primary" disabled={s.state !== 'stalled'} title={s.state === 'stalled' ? undefined : 'Only a stalled queue has a retry to hurry'} />}
          >
            {s.state === 'off' ? (
              <EmptyState
                title="Delivery is off: no webhook URL"
                curl={`curl -s -X PUT ${p.apiUrl}/__sandbox/webhooks -H "apikey: $KEY" -H 'content-type: application/json' \\\n  -d '{"url":"/__sandbox/webhook-sink/demo","secret":"s3cret","events":[],"batching":false}'`}
              >
                <p>Point the workspace at your endpoint, or at the sandbox's built-in receiver:</p>
              </EmptyState>
            ) : (
              <Facts
                items={([
                  ['State', s.state === 'stalled' ? `Stalled for ${humanDuration(s.stalled_for_ms ?? 0)}` : word.label],
                  ['Stalled since', s.stalled_since ? `${fmtTime(toMs(s.stalled_since))} (${relative(toMs(s.stalled_since), now)})` : null],
                  ['Failed attempts', s.state === 'stalled' ? String(s.failed_attempts) : null],
                  ['Next retry', s.next_retry_at ? `${fmtTime(toMs(s.next_retry_at))} (${relative(toMs(s.next_retry_at), now)})` : null],
                  ['Last error', s.state === 'stalled' ? (s.recent_failures[0]?.error ?? null) : null],
                  ['Last processed', s.last_processed ? `${s.last_processed.event} at ${fmtTime(toMs(s.last_processed.at))}` : 'Nothing yet'],
                  ['Waiting', `${s.pending_events} event${s.pending_events === 1 ? '' : 's'}`],
                  ['Delivered', `${s.delivered_events} events in ${s.attempts} attempts`],
                ] as [string, string | null][]).filter(([, v]) => v !== null)}
              />
            )}
          </Card>
          <Card title="Settings">
            <Facts
              items={[
                ['URL', p.settings.url ? <span class="mono">{p.settings.url}</span> : 'none'],
                ['Events', p.settings.events.length ? p.settings.events.join(', ') : 'All'],
                ['Batching', p.settings.batching ? 'Yes, up to 100 per POST' : 'No, one event per POST'],
                ['Secret', maskSecret(p.settings.secret)],
                ['Enabled', p.settings.enabled ? 'Yes' : 'No'],
                ['Set by', p.settings.source === 'api' ? 'the control API' : 'the config file'],
              ]}
            />
          </Card>
        </div>
        <div class="stack" id="webhook-log" data-live="">
          <Card title="Stalls">
            {stalls.length === 0 ? (
              <p class="muted">The queue has not stalled{p.deliveries.length ? ' in the attempts kept (the newest 1,000)' : ''}.</p>
            ) : (
              <ul>
                {stalls.map((st) => (
                  <li data-key={`stall-${st.from}`}>
                    <strong>{st.to ? 'Stalled and recovered' : 'Stalled now'}</strong>: from {fmtTime(toMs(st.from))}
                    {st.to ? ` to ${fmtTime(toMs(st.to))} (${humanDuration((toMs(st.to) ?? 0) - (toMs(st.from) ?? 0))})` : ''}, {st.failed_attempts} failed attempt
                    {st.failed_attempts === 1 ? '' : 's'}
                    {st.error ? <span class="sub">First error: {st.error}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card
            title="Deliveries"
            actions={
              <form method="get" action="/dashboard/webhooks" class="toolbar">
                <Select name="show" label="Show" value={p.show} options={[['', 'Every attempt'], ['failed', 'Failed attempts only']]} />
              </form>
            }
          >
            {shown.length === 0 ? (
              <p class="muted">{p.deliveries.length ? 'No failed attempts.' : 'No attempts yet: they appear here as the queue sends.'}</p>
            ) : (
              <Table id="deliveries" columns={[{ label: '#', class: 'num' }, 'When', 'Events', 'Result', 'Details']}>
                {shown.map((d) => (
                  <DeliveryRow d={d} canReplay={p.status.state !== 'off'} />
                ))}
              </Table>
            )}
          </Card>
        </div>
      </>
    ),
  });
}

function DeliveryRow(props: { d: DeliveryRecord; canReplay: boolean }) {
  const d = props.d;
  return (
    <tr data-key={`d-${d.n}`}>
      <td class="num">{d.n}</td>
      <td>
        <span class="nowrap mono">{fmtTime(toMs(d.at))}</span>
        <span class="sub">attempt {d.attempt}</span>
      </td>
      <td class="wrap-anywhere">
        {d.events.slice(0, 3).join(', ')}
        {d.events.length > 3 ? ` and ${d.events.length - 3} more` : ''}
        <span class="sub mono">{d.url}</span>
      </td>
      <td>
        <Badge word={d.ok ? { label: `HTTP ${d.status}`, tone: 'ok', symbol: '✓' } : { label: d.status ? `HTTP ${d.status}` : 'No answer', tone: 'bad', symbol: '✗' }} />
        <span class="sub">{d.latency_ms} ms</span>
      </td>
      <td>
        <details class="more" data-key={`dd-${d.n}`}>
          <summary>{d.ok ? 'Events and replay' : 'Why it failed'}</summary>
          {d.error ? <p>{d.error}</p> : null}
          {d.next_retry_at ? <p class="muted">Next retry due {fmtTime(toMs(d.next_retry_at))}</p> : null}
          <ul>
            {d.event_ids.map((id, i) => (
              <li>
                <span class="mono">{d.events[i]}</span> <span class="muted mono">{id}</span>
                {props.canReplay ? <ActionButton action="/dashboard/webhooks/replay" fields={{ event_id: id }} label="Replay" small /> : null}
              </li>
            ))}
          </ul>
          {d.response ? (
            <pre>
              <code>{d.response}</code>
            </pre>
          ) : null}
        </details>
      </td>
    </tr>
  );
}
