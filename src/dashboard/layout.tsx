import type { Child } from 'hono/jsx';
import { fmtTime } from './format.js';
import { htmlDocument } from '../mock-api/html-document.js';

/**
 * The frame of every dashboard page: the left navigation (Profiles, Customer requests,
 * Inbox, Webhooks, Clock, Scenarios), the workspace's name with the "sandbox" badge, and a
 * top bar with the workspace clock and the live status. The top bar is a live region, so a
 * clock move or a stalled queue shows everywhere without a reload.
 */

export type NavKey = 'profiles' | 'requests' | 'inbox' | 'webhooks' | 'clock' | 'scenarios' | 'story' | 'log';

export interface Frame {
  workspaceName: string;
  workspaceId: string;
  nowMs: number;
  frozen: boolean;
  counts: { profiles: number; openRequests: number };
  webhookState: string;
}

const icon = (d: string) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
    <path d={d} />
  </svg>
);

const ICONS: Record<NavKey, string> = {
  profiles: 'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM22 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8',
  requests: 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6M9 15l2 2 4-4',
  inbox: 'M22 12h-6l-2 3h-4l-2-3H2M5.5 5.1 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z',
  webhooks: 'M18 16.1a4 4 0 1 1-3.5 6M6 16a4 4 0 1 1 3.6-5.8M12 6a4 4 0 1 1 3.4 6.1M8.5 17.5 12 10M9.6 10.2 6 16h12M15.5 12.1 18 16',
  clock: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 6v6l4 2',
  scenarios: 'M5 3l14 9-14 9V3z',
  story: 'M2 4h20v13H2zM8 21h8M12 17v4M7 12l3-3 3 3 4-4',
  log: 'M4 6h16M4 12h16M4 18h10',
};

const MAIN_NAV: [NavKey, string, string][] = [
  ['profiles', 'Profiles', '/dashboard/profiles'],
  ['requests', 'Customer requests', '/dashboard/requests'],
  ['inbox', 'Inbox', '/dashboard/inbox'],
  ['webhooks', 'Webhooks', '/dashboard/webhooks'],
  ['clock', 'Clock', '/dashboard/clock'],
  ['scenarios', 'Scenarios', '/dashboard/scenarios'],
];
const MORE_NAV: [NavKey, string, string][] = [
  ['story', 'Guided story', '/dashboard/story'],
  ['log', 'API request log', '/dashboard/log'],
];

const Logo = () => (
  <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="8" fill="#2563eb" />
    <path d="M9 22V10h7.5a4.5 4.5 0 0 1 0 9H12" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" />
    <circle cx="23" cy="23" r="3" fill="#fbbf24" />
  </svg>
);

function NavLinks(props: { items: [NavKey, string, string][]; active: NavKey; frame: Frame }) {
  return (
    <ul class="nav-list">
      {props.items.map(([key, label, href]) => (
        <li>
          <a class="nav-link" href={href} aria-current={props.active === key ? 'page' : undefined}>
            {icon(ICONS[key])}
            <span>{label}</span>
            {key === 'profiles' ? <span class="nav-count" aria-label={`${props.frame.counts.profiles} profiles`}>{props.frame.counts.profiles}</span> : null}
            {key === 'requests' && props.frame.counts.openRequests > 0 ? (
              <span class="nav-count" aria-label={`${props.frame.counts.openRequests} open`}>{props.frame.counts.openRequests}</span>
            ) : null}
            {key === 'webhooks' && props.frame.webhookState === 'stalled' ? <span class="nav-count alert">! Stalled</span> : null}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function Page(props: {
  title: string;
  active: NavKey;
  frame: Frame;
  /** Event types that should refresh this page (`GET /__sandbox/events?types=`); empty: every event. */
  liveTypes?: string;
  story?: boolean;
  children: Child;
}): string {
  const f = props.frame;
  return htmlDocument({
    title: `${props.title} · ${f.workspaceName} · passfort-sandbox`,
    referrer: 'same-origin',
    head: (
      <>
        <link rel="icon" href="/dashboard/assets/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/dashboard/assets/app.css" />
        <script src="/dashboard/assets/app.js" defer></script>
      </>
    ),
    body: { 'data-live-types': props.liveTypes ?? '', 'data-story': props.story ? '' : undefined, 'data-workspace': f.workspaceId },
    children: (
      <>
        <a class="skip-link" href="#content">
          Skip to the content
        </a>
        <div class="app">
          <nav class="nav" aria-label="Dashboard">
            <a class="brand" href="/dashboard/profiles">
              <Logo />
              passfort-sandbox
            </a>
            <div class="workspace-card">
              <p class="workspace-label">Workspace</p>
              <p class="workspace-name" data-testid="workspace-name" title={f.workspaceName}>
                {f.workspaceName}
              </p>
              <span class="sandbox-badge">
                <span aria-hidden="true">●</span> Sandbox
              </span>
            </div>
            <div id="nav-main" data-live="">
              <NavLinks items={MAIN_NAV} active={props.active} frame={f} />
            </div>
            <p class="nav-section">Present and inspect</p>
            <NavLinks items={MORE_NAV} active={props.active} frame={f} />
            <div class="nav-foot">
              <a class="nav-link" href="/docs">
                {icon('M4 19.5A2.5 2.5 0 0 1 6.5 17H20V2H6.5A2.5 2.5 0 0 0 4 4.5v15zM20 17v5H6.5A2.5 2.5 0 0 1 4 19.5')}
                <span>API reference</span>
              </a>
              <form method="post" action="/dashboard/logout">
                <button class="btn btn-small" type="submit">
                  Switch workspace
                </button>
              </form>
            </div>
          </nav>
          <div class="main">
            <header class="topbar">
              <span class="topbar-banner">
                <span class="sandbox-badge">Sandbox</span>
                <span class="banner-text">Test data only: nothing here reaches PassFort.</span>
              </span>
              <span class="topbar-clock" id="topbar-clock" data-live="">
                <span class="label">Workspace clock{f.frozen ? ' (frozen)' : ''}</span>
                <time data-clock-ms={String(f.nowMs)} data-frozen={String(f.frozen)} datetime={new Date(f.nowMs).toISOString()}>
                  {fmtTime(f.nowMs)}
                </time>
                <span class="muted">UTC</span>
              </span>
              <span class="live" id="live-status" data-state="off" role="status">
                Not live
              </span>
            </header>
            <main class="content" id="content" tabindex={-1}>
              <p id="action-status" class="flash" role="status" hidden></p>
              {props.children}
            </main>
            <div id="live-announcer" class="visually-hidden" aria-live="polite"></div>
          </div>
        </div>
      </>
    ),
  });
}

/** The head of a page: breadcrumbs, the title, a sentence, and the page's actions. */
export function PageHead(props: { title: Child; lead?: Child; crumbs?: [string, string][]; actions?: Child; id?: string }) {
  return (
    <div class="page-head" id={props.id} data-live={props.id ? '' : undefined}>
      <div>
        {props.crumbs?.length ? (
          <p class="crumbs">
            {props.crumbs.map(([label, href], i) => (
              <>
                {i > 0 ? ' / ' : ''}
                <a href={href}>{label}</a>
              </>
            ))}
          </p>
        ) : null}
        <h1>{props.title}</h1>
        {props.lead ? <p class="lead">{props.lead}</p> : null}
      </div>
      {props.actions ? <div class="actions">{props.actions}</div> : null}
    </div>
  );
}

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#2563eb"/><path d="M9 22V10h7.5a4.5 4.5 0 0 1 0 9H12" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/><circle cx="23" cy="23" r="3" fill="#fbbf24"/></svg>`;
