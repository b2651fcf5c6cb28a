import type { CustomerRequestDoc } from '../../domain/customer-requests/index.js';
import { EmptyState, SearchBox, Select, Status, Table, Time, searchText } from '../components.js';
import { humanize, matchesWords, searchWords } from '../format.js';
import { Page, PageHead, type Frame } from '../layout.js';

/** Customer requests: every request of the workspace with its forms' states, newest first. */

export interface RequestRow {
  req: CustomerRequestDoc;
  profileName: string;
  emailStatus: string | null;
}

export const REQUEST_LIVE_TYPES = 'CUSTOMER_REQUEST_*,FORM_STATE_CHANGED,EMAIL_*,CLOCK_CHANGED,WORKSPACE_RESET,PROFILE_CREATED';

export function requestsPage(props: { frame: Frame; rows: RequestRow[]; status: string; type: string; q: string; apiUrl: string; flash: { text: string; ok: boolean } | null }): string {
  const words = searchWords(props.q);
  const rows = props.rows.filter((r) => (!props.status || r.req.status === props.status) && (!props.type || r.req.type === props.type));
  const text = (r: RequestRow) => searchText(r.profileName, r.req.id, r.req.profile_id, r.req.email?.to, r.req.flow_alias, r.req.status, ...r.req.forms.map((f) => `${f.title} ${f.status}`));
  const visible = rows.filter((r) => matchesWords(text(r), words)).length;
  return Page({
    title: 'Customer requests',
    active: 'requests',
    frame: props.frame,
    liveTypes: REQUEST_LIVE_TYPES,
    children: (
      <>
        {props.flash ? <p class={`flash ${props.flash.ok ? 'flash-ok' : 'flash-bad'}`} role="status">{props.flash.text}</p> : null}
        <PageHead
          title="Customer requests"
          lead="Task forms emailed to customers and registration flows, with the state of each form. A request stays Sent until every form has ended; it expires on the workspace clock."
        />
        <form method="get" action="/dashboard/requests" class="toolbar" role="search">
          <SearchBox target="requests" value={props.q} label="Search" placeholder="Name, email, form or id" />
          <Select name="status" label="Status" value={props.status} options={[['', 'Any status'], ['SENT', 'Sent (open)'], ['COMPLETED', 'Completed'], ['EXPIRED', 'Expired']]} />
          <Select name="type" label="Kind" value={props.type} options={[['', 'Any kind'], ['FORMS', 'Task forms (email)'], ['FLOW', 'Registration flow']]} />
          <noscript>
            <button class="btn" type="submit">
              Apply
            </button>
          </noscript>
        </form>
        <div class="card" id="requests-region" data-live="">
          {props.rows.length === 0 ? (
            <EmptyState
              title="No customer requests yet"
              curl={`curl -s -X POST ${props.apiUrl}/4.0/forms/profile/$PROFILE/customer_request -H "apikey: $KEY" -H 'content-type: application/json' \\\n  -d '{"type":"FORMS","task_ids":["'$TASK'"],"email":{"message":"Hi, one last step."}}'`}
            >
              <p>
                Open a profile and press "Request from customer" on a task, or create one through the API (PROFILE and TASK are ids from{' '}
                <code>GET /4.0/profiles/$PROFILE/tasks</code>):
              </p>
            </EmptyState>
          ) : (
            <>
              <div class="card-head">
                <p class="count-line">
                  Showing <span data-shown-count="requests">{visible}</span> of {props.rows.length} requests
                </p>
              </div>
              <Table id="requests" columns={['Customer', 'Status', 'Forms', 'Kind', 'Created', 'Expires']}>
                {rows.map((r) => (
                  <tr data-key={`r-${r.req.id}`} data-search={text(r)} hidden={!matchesWords(text(r), words)}>
                    <td class="primary">
                      <a href={`/dashboard/requests/${r.req.id}`}>{r.profileName}</a>
                      <span class="sub">{r.req.email?.to ?? ''}</span>
                    </td>
                    <td>
                      <Status status={r.req.status} />
                    </td>
                    <td>
                      {r.req.forms.map((f) => (
                        <div>
                          <Status status={f.status} /> {f.title}
                        </div>
                      ))}
                    </td>
                    <td>
                      {r.req.type === 'FLOW' ? `Flow: ${humanize(r.req.flow_alias?.toUpperCase() ?? '')}` : 'Task forms'}
                      {r.emailStatus ? <span class="sub">Email {r.emailStatus.toLowerCase()}</span> : null}
                    </td>
                    <td>
                      <Time ms={r.req.created_at} now={props.frame.nowMs} dateOnly />
                    </td>
                    <td>
                      <Time ms={r.req.expires_at} now={props.frame.nowMs} dateOnly />
                    </td>
                  </tr>
                ))}
                <tr data-no-match="" hidden={visible !== 0 || rows.length === 0}>
                  <td colspan={6} class="no-match">
                    No request matches the search.
                  </td>
                </tr>
                {rows.length === 0 ? (
                  <tr>
                    <td colspan={6} class="no-match">
                      No request matches these filters. <a href="/dashboard/requests">Show all</a>
                    </td>
                  </tr>
                ) : null}
              </Table>
            </>
          )}
        </div>
      </>
    ),
  });
}

