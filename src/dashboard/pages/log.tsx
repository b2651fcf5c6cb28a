import type { JournalEntry } from '../../mock-api/middleware/request-journal.js';
import { Badge, EmptyState, SearchBox, Table, searchText } from '../components.js';
import { fmtTime, matchesWords, searchWords, toMs } from '../format.js';
import { Page, PageHead, type Frame } from '../layout.js';

/** The API request log (Mockoon-style): every call this workspace's keys made, newest first. */

export function logPage(p: { frame: Frame; entries: JournalEntry[]; q: string; apiUrl: string }): string {
  const rows = [...p.entries].reverse().slice(0, 500);
  const words = searchWords(p.q);
  const text = (e: JournalEntry) => searchText(e.method, e.url, String(e.status), e.error_code === null ? '' : `code ${e.error_code}`);
  return Page({
    title: 'API request log',
    active: 'log',
    frame: p.frame,
    liveTypes: '',
    children: (
      <>
        <PageHead
          title="API request log"
          lead="Calls to /4.0 and /__sandbox with this workspace's keys, newest first, on the workspace clock. Kept in memory for this run (the newest 1,000); apikey values in URLs are masked."
        />
        <form method="get" action="/dashboard/log" class="toolbar" role="search">
          <SearchBox target="log" value={p.q} label="Search" placeholder="POST, /4.0/profiles, 400, code 201" />
        </form>
        <div class="card" id="log-region" data-live="">
          {rows.length === 0 ? (
            <EmptyState title="No API calls yet" curl={`curl -s ${p.apiUrl}/4.0/profiles -H "apikey: $KEY"`}>
              <p>Calls appear here as your code makes them. Try:</p>
            </EmptyState>
          ) : (
            <Table id="log" columns={['When', 'Method', 'Path', 'Status', { label: 'Time', class: 'num' }]}>
              {rows.map((e) => (
                <tr data-key={`j-${e.id}`} data-search={text(e)} hidden={!matchesWords(text(e), words)}>
                  <td class="mono nowrap">{fmtTime(toMs(e.at))}</td>
                  <td class="mono">{e.method}</td>
                  <td class="mono wrap-anywhere">{e.url}</td>
                  <td>
                    <Badge
                      word={{
                        label: `${e.status}${e.error_code !== null ? ` · code ${e.error_code}` : ''}`,
                        tone: e.status >= 500 ? 'bad' : e.status >= 400 ? 'warn' : 'ok',
                        symbol: e.status >= 400 ? '✗' : '✓',
                      }}
                    />
                  </td>
                  <td class="num">{e.duration_ms} ms</td>
                </tr>
              ))}
              <tr data-no-match="" hidden>
                <td colspan={5} class="no-match">
                  No call matches the search.
                </td>
              </tr>
            </Table>
          )}
        </div>
      </>
    ),
  });
}
