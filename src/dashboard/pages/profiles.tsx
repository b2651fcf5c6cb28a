import { Badge, Card, EmptyState, SearchBox, Select, Status, Table, Time, searchText } from '../components.js';
import { CHECKS_SUMMARY_WORDS, humanize, matchesWords, searchWords, statusWord } from '../format.js';
import { Page, PageHead, type Frame } from '../layout.js';
import { filterRows, type ProfileFilters, type ProfileRow } from '../data/profiles.js';

/** Profiles: a dense table with instant search and filters, newest first (PassFort's order). */

export const PROFILE_LIVE_TYPES = 'PROFILE_*,PRODUCT_*,CHECK_*,TASK_*,EVENTS_*,CUSTOMER_REQUEST_CHANGED,COLLECTED_DATA_CHANGED,CLOCK_CHANGED,WORKSPACE_RESET,WEBHOOK_QUEUE_*';

export function profilesPage(props: { frame: Frame; rows: ProfileRow[]; filters: ProfileFilters; q: string; apiUrl: string; flash: { text: string; ok: boolean } | null }): string {
  const shown = filterRows(props.rows, props.filters);
  const words = searchWords(props.q);
  const filtered = Object.values(props.filters).some(Boolean);
  return Page({
    title: 'Profiles',
    active: 'profiles',
    frame: props.frame,
    liveTypes: PROFILE_LIVE_TYPES,
    children: (
      <>
        {props.flash ? <p class={`flash ${props.flash.ok ? 'flash-ok' : 'flash-bad'}`} role="status">{props.flash.text}</p> : null}
        <PageHead title="Profiles" lead="Every individual and company in this workspace, newest first, with their applications, checks and latest customer request." />
        <form method="get" action="/dashboard/profiles" class="toolbar" role="search">
          <SearchBox target="profiles" value={props.q} label="Search" placeholder="Name, email, ref or id" />
          <Select name="type" label="Type" value={props.filters.type} options={[['', 'All types'], ['INDIVIDUAL', 'Individuals'], ['COMPANY', 'Companies']]} />
          <Select
            name="application"
            label="Application"
            value={props.filters.application}
            options={[['', 'Any application'], ['APPLIED', 'Applied'], ['IN_REVIEW', 'In review'], ['APPROVED', 'Approved'], ['REJECTED', 'Rejected'], ['CANCELLED', 'Cancelled'], ['none', 'No application']]}
          />
          <Select
            name="checks"
            label="Checks"
            value={props.filters.checks}
            options={[['', 'Any checks'], ['passed', 'All passed'], ['failed', 'Failed'], ['hit', 'Screening hit'], ['pending', 'Running'], ['none', 'No checks']]}
          />
          <Select
            name="request"
            label="Customer request"
            value={props.filters.request}
            options={[['', 'Any request'], ['SENT', 'Sent (open)'], ['COMPLETED', 'Completed'], ['EXPIRED', 'Expired'], ['none', 'No request']]}
          />
          <noscript>
            <button class="btn" type="submit">
              Apply
            </button>
          </noscript>
          {filtered ? (
            <a class="btn" href="/dashboard/profiles">
              Clear filters
            </a>
          ) : null}
        </form>
        <div class="card" id="profiles-region" data-live="">
          {props.rows.length === 0 ? (
            <EmptyState
              title="No profiles yet"
              curl={`curl -s -X POST ${props.apiUrl}/4.0/profiles -H "apikey: $KEY" -H 'content-type: application/json' \\\n  -d '{"role":"INDIVIDUAL_CUSTOMER","collected_data":{"entity_type":"INDIVIDUAL","personal_details":{"name":{"given_names":["Alex"],"family_name":"Wheeler"}},"contact_details":{"email":"alex@example.com"}}}'`}
            >
              <p>
                Create one through the API (KEY is this workspace's master key), or fill this workspace with demo data:{' '}
                <code>passfort-sandbox seed --url {props.apiUrl} --api-key $KEY</code>. A demo keyword in a name (fail, pep, sanction, media, refer) forces a
                check result.
              </p>
            </EmptyState>
          ) : (
            <ProfileTable rows={shown} total={props.rows.length} words={words} now={props.frame.nowMs} />
          )}
        </div>
      </>
    ),
  });
}

function ProfileTable(props: { rows: ProfileRow[]; total: number; words: string[]; now: number }) {
  const visible = props.rows.filter((r) => matchesWords(rowText(r), props.words)).length;
  return (
    <>
      <div class="card-head">
        <p class="count-line" aria-live="polite">
          Showing <span data-shown-count="profiles">{visible}</span> of {props.total} profiles
        </p>
      </div>
      <Table id="profiles" columns={['Name', 'Type', 'Applications', 'Checks', 'Customer request', 'Created']}>
        {props.rows.map((r) => (
          <tr data-key={`p-${r.id}`} data-search={rowText(r)} hidden={!matchesWords(rowText(r), props.words)}>
            <td class="primary">
              <a href={`/dashboard/profiles/${r.id}`}>{r.name}</a>
              <span class="sub">{r.email ?? r.customerRef ?? ''}</span>
            </td>
            <td>
              {r.entity === 'INDIVIDUAL' ? 'Individual' : 'Company'}
              <span class="sub">{humanize(r.category)}</span>
            </td>
            <td>
              {r.applications.length === 0 ? <span class="muted">None</span> : null}
              {r.applications.map((a) => (
                <div>
                  <Badge word={statusWord(a.status)} title={a.product} />
                  {r.applications.length > 1 ? <span class="sub">{a.product}</span> : null}
                </div>
              ))}
            </td>
            <td>
              <Badge word={CHECKS_SUMMARY_WORDS[r.checks]} />
              {r.results.length ? <span class="sub">{r.results.join(', ')}</span> : null}
            </td>
            <td>{r.request ? <a href={`/dashboard/requests/${r.request.id}`}><Status status={r.request.status} /></a> : <span class="muted">None</span>}</td>
            <td>
              <Time ms={r.created} now={props.now} dateOnly />
            </td>
          </tr>
        ))}
        <tr data-no-match="" hidden={visible !== 0 || props.rows.length === 0}>
          <td colspan={6} class="no-match">
            No profile matches the search. Clear it to see all {props.total}.
          </td>
        </tr>
        {props.rows.length === 0 ? (
          <tr>
            <td colspan={6} class="no-match">
              No profile matches these filters.
            </td>
          </tr>
        ) : null}
      </Table>
    </>
  );
}

const rowText = (r: ProfileRow) =>
  searchText(r.name, r.email, r.customerRef, r.id, r.entity, r.category, ...r.tags, ...r.applications.map((a) => `${a.product} ${a.status}`), ...r.results, r.request?.status);
