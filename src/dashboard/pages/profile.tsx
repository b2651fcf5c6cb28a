import type { CheckDoc } from '../../domain/checks/types.js';
import type { ApprovalBlocker } from '../../domain/application-state.js';
import { ActionButton, Badge, Card, Json, Status, Table, Time } from '../components.js';
import { checkOutcome, humanize } from '../format.js';
import { Page, PageHead, type Frame } from '../layout.js';
import type { ProfileDetail } from '../data/profiles.js';
import type { TimelineEntry } from '../data/timeline.js';
import { AuditCard, CollectedDataCard, DocumentsCard, TimelineCard } from './profile-parts.js';

/**
 * A profile as a PassFort user sees it in the portal: applications with their decision,
 * tasks (with "Request from customer"), checks and their results, screening events,
 * documents, customer requests, the collected data, a timeline and the audit log.
 */

export interface ProfilePageProps {
  frame: Frame;
  detail: ProfileDetail;
  timeline: TimelineEntry[];
  requestableTaskTypes: Set<string>;
  flash: { text: string; ok: boolean } | null;
}

const SECTIONS: [string, string][] = [
  ['applications', 'Applications'],
  ['tasks', 'Tasks'],
  ['checks', 'Checks'],
  ['events', 'Events'],
  ['documents', 'Documents'],
  ['requests', 'Customer requests'],
  ['collected-data', 'Collected data'],
  ['timeline', 'Timeline'],
  ['audit', 'Audit log'],
];

export function profilePage(props: ProfilePageProps): string {
  const { detail: d, frame } = props;
  const now = frame.nowMs;
  const p = d.profile;
  const base = `/dashboard/profiles/${p.id}`;
  const openRequest = d.requests.find((r) => r.status === 'SENT');
  return Page({
    title: d.name,
    active: 'profiles',
    frame,
    liveTypes: '',
    children: (
      <>
        {props.flash ? <p class={`flash ${props.flash.ok ? 'flash-ok' : 'flash-bad'}`} role="status">{props.flash.text}</p> : null}
        <PageHead
          id="profile-head"
          crumbs={[['Profiles', '/dashboard/profiles']]}
          title={d.name}
          lead={
            <>
              {p.collected_data.entity_type === 'INDIVIDUAL' ? 'Individual' : 'Company'} · {humanize(d.category)} · created <Time ms={p.creation_date} now={now} relativeOnly /> ·{' '}
              <span class="mono">{p.id}</span>
            </>
          }
          actions={
            <>
              <Status status={p.status} />
              {openRequest ? (
                <a class="btn" href={`/dashboard/requests/${openRequest.id}`}>
                  Open request ({openRequest.forms.length} form{openRequest.forms.length === 1 ? '' : 's'})
                </a>
              ) : (
                <a class="btn btn-primary" href={`${base}/request`}>
                  Request from customer
                </a>
              )}
            </>
          }
        />
        <nav aria-label="On this page">
          <ul class="sections-nav">
            {SECTIONS.map(([id, label]) => (
              <li>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="stack" id="profile-body" data-live="">
          <div class="grid-2">
            <ApplicationsCard d={d} base={base} now={now} />
            <TasksCard d={d} base={base} requestable={props.requestableTaskTypes} hasOpenRequest={Boolean(openRequest)} />
          </div>
          <ChecksCard d={d} now={now} />
          <EventsCard d={d} now={now} />
          <DocumentsCard documents={(p.collected_data as { documents?: [] }).documents ?? []} images={d.images} now={now} />
          <RequestsCard d={d} now={now} base={base} />
          <CollectedDataCard data={p.collected_data as Record<string, unknown>} />
          <TimelineCard
            items={props.timeline.map((e) => ({ key: e.key, at: e.at, tone: e.tone, text: e.text, sub: e.webhook ?? undefined }))}
          />
          <AuditCard items={d.audit} now={now} />
        </div>
      </>
    ),
  });
}

function ApplicationsCard(props: { d: ProfileDetail; base: string; now: number }) {
  const apps = props.d.applications.filter((a) => !a.hidden);
  return (
    <Card id="applications" title="Applications">
      {apps.length === 0 ? <p class="muted">No product applications. Products with automatically_apply are added when a profile is created.</p> : null}
      {apps.map((a) => {
        const decision = a.history.at(-1);
        return (
          <div class="stack" data-key={`app-${a.id}-${a.status}`}>
            <div class="actions">
              <h3>{a.product.name}</h3>
              <Status status={a.status} />
              <span class="muted">{humanize(a.flag)}</span>
            </div>
            {decision?.decisioner ? (
              <p class="muted">
                Last change by {decision.decisioner.name}, <Time ms={decision.date} now={props.now} relativeOnly />
                {decision.comment ? `: “${decision.comment}”` : ''}
              </p>
            ) : null}
            {a.status === 'APPLIED' || a.status === 'IN_REVIEW' ? <Decision d={props.d} appId={a.id} status={a.status} base={props.base} /> : null}
          </div>
        );
      })}
    </Card>
  );
}

function blockerText(b: ApprovalBlocker, d: ProfileDetail): string {
  if (b.blocker_type === 'INCOMPLETE_TASK') return `${b.task_variant.name ?? humanize(b.task_type)} is not passed yet`;
  if (b.blocker_type === 'UNRESOLVED_EVENT') {
    const e = d.events.find((x) => x.id === b.event_id);
    return `${e ? humanize(e.data.event_type) : 'A screening event'} is unresolved`;
  }
  return 'The profile is suspended or banned';
}

function Decision(props: { d: ProfileDetail; appId: string; status: string; base: string }) {
  const blockers = props.d.blockers.get(props.appId) ?? [];
  const action = `${props.base}/applications/${props.appId}/status`;
  return (
    <>
      {blockers.length ? (
        <div>
          <p class="muted">Approval is blocked:</p>
          <ul class="blockers">
            {blockers.map((b) => (
              <li>{blockerText(b, props.d)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="muted">Ready for a decision: nothing blocks approval.</p>
      )}
      <div class="btn-group">
        <ActionButton action={action} fields={{ status: 'APPROVED' }} label="Approve" variant="primary" small disabled={blockers.length > 0} title={blockers.length ? 'Resolve the blockers first' : undefined} />
        {props.status === 'APPLIED' ? <ActionButton action={action} fields={{ status: 'REJECTED' }} label="Reject" variant="danger" small /> : null}
      </div>
    </>
  );
}

function TasksCard(props: { d: ProfileDetail; base: string; requestable: Set<string>; hasOpenRequest: boolean }) {
  const tasks = props.d.tasks.filter((t) => !t.is_deleted);
  return (
    <Card id="tasks" title="Tasks">
      {tasks.length === 0 ? <p class="muted">No tasks. The products' required tasks appear here.</p> : null}
      <ul class="plain-list">
        {tasks.map((t) => (
          <li data-key={`task-${t.id}-${t.state}`} class={t.is_expired ? 'muted' : undefined}>
            <div class="actions">
              <strong>{t.variant.name ?? humanize(t.type)}</strong>
              <Status status={t.state} />
              {t.is_expired ? <span class="badge tone-neutral">Expired version</span> : null}
            </div>
            <span class="sub muted">
              {humanize(t.type)} · {t.check_ids.length} check{t.check_ids.length === 1 ? '' : 's'}
            </span>
            {!t.is_expired && props.requestable.has(t.type) ? (
              props.hasOpenRequest ? (
                <span class="sub muted">A customer request is open on this profile.</span>
              ) : (
                <a class="btn btn-small" href={`${props.base}/request?task=${t.id}`}>
                  Request from customer
                </a>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ChecksCard(props: { d: ProfileDetail; now: number }) {
  const checks = props.d.checks;
  return (
    <Card id="checks" title="Checks">
      {checks.length === 0 ? (
        <p class="muted">No checks. Automatic checks run when a product's tasks are added; a demo keyword in the name decides their result.</p>
      ) : (
        <Table columns={['Check', 'Result', 'Instructed', 'Completed', 'Details']}>
          {checks.map((c) => (
            <CheckRow c={c} state={props.d.checkStates.get(c.id) ?? c.state} now={props.now} />
          ))}
        </Table>
      )}
    </Card>
  );
}

function CheckRow(props: { c: CheckDoc; state: string; now: number }) {
  const c = props.c;
  return (
    <tr data-key={`check-${c.id}`}>
      <td>
        <strong>{humanize(c.check_type)}</strong>
        {c.manual_decision ? <span class="sub">Manual decision: {humanize(c.manual_decision.decision)}</span> : null}
      </td>
      <td>
        <Badge word={checkOutcome({ state: props.state, result: c.result })} />
      </td>
      <td>
        <Time ms={c.creation_date} now={props.now} />
      </td>
      <td>
        <Time ms={c.performed_on} now={props.now} />
      </td>
      <td>
        {c.output_data ? <Json value={c.output_data} summary="Output" id={`check-out-${c.id}`} /> : null}
        {c.errors.length ? <Json value={c.errors} summary="Errors" id={`check-err-${c.id}`} /> : null}
      </td>
    </tr>
  );
}

function EventsCard(props: { d: ProfileDetail; now: number }) {
  const events = props.d.events;
  return (
    <Card id="events" title="Events">
      {events.length === 0 ? (
        <p class="muted">No screening events. A PEP, sanction, adverse media or refer hit raises one.</p>
      ) : (
        <Table columns={['Event', 'Match', 'Resolution', 'Raised']}>
          {events.map((e) => (
            <tr data-key={`event-${e.id}-${e.resolution}`}>
              <td>
                <strong>{humanize(e.data.event_type)}</strong>
              </td>
              <td class="wrap-anywhere">
                {String((e.data as { match_name?: string }).match_name ?? '—')}
                {(e.data as { score?: number }).score !== undefined ? <span class="sub">score {String((e.data as { score?: number }).score)}</span> : null}
              </td>
              <td>
                <Status status={e.resolution} />
              </td>
              <td>
                <Time ms={e.creation_date} now={props.now} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

function RequestsCard(props: { d: ProfileDetail; now: number; base: string }) {
  const reqs = [...props.d.requests].reverse();
  return (
    <Card id="requests" title="Customer requests">
      {reqs.length === 0 ? (
        <p class="muted">
          No customer requests yet. Use <a href={`${props.base}/request`}>Request from customer</a> to email this customer a form.
        </p>
      ) : (
        <Table columns={['Request', 'Status', 'Forms', 'Created', 'Expires']}>
          {reqs.map((r) => (
            <tr data-key={`req-${r.id}`}>
              <td>
                <a href={`/dashboard/requests/${r.id}`}>{r.type === 'FLOW' ? `Flow: ${r.flow_alias}` : 'Task forms'}</a>
              </td>
              <td>
                <Status status={r.status} />
              </td>
              <td>
                {r.forms.map((f) => (
                  <div>
                    {f.title} <span class="muted">({humanize(f.status).toLowerCase()})</span>
                  </div>
                ))}
              </td>
              <td>
                <Time ms={r.created_at} now={props.now} />
              </td>
              <td>
                <Time ms={r.expires_at} now={props.now} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
