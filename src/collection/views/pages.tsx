import type { Child } from 'hono/jsx';
import { UiMsg } from '../messages.js';

/** The frame every state of the app shares: the card, the theme's logo, one <main>. */
export function Card(props: { institution: string; logoUrl: string | null; state: string; children: Child }) {
  return (
    <div class="pf-page" data-state={props.state}>
      <div class="pf-card">
        {props.logoUrl || props.institution ? (
          <header class="pf-brand">
            {props.logoUrl ? <img class="pf-logo" src={props.logoUrl} alt={props.institution || 'Logo'} /> : <p class="pf-brand-name">{props.institution}</p>}
          </header>
        ) : null}
        <main class="pf-main" id="pf-main">
          {props.children}
        </main>
      </div>
    </div>
  );
}

const Tick = () => (
  <svg class="pf-end-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
    <circle cx="24" cy="24" r="22" fill="none" stroke="currentColor" stroke-width="3" />
    <path d="M14 25l7 7 13-15" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

const Clock = () => (
  <svg class="pf-end-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
    <circle cx="24" cy="24" r="22" fill="none" stroke="currentColor" stroke-width="3" />
    <path d="M24 12v13l8 5" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

const Warning = () => (
  <svg class="pf-end-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
    <circle cx="24" cy="24" r="22" fill="none" stroke="currentColor" stroke-width="3" />
    <path d="M24 13v14" stroke="currentColor" stroke-width="4" stroke-linecap="round" />
    <circle cx="24" cy="34" r="2.6" fill="currentColor" />
  </svg>
);

/** An end state: one sentence as the heading, at most one line of what to do. */
export function EndPage(props: { kind: 'done' | 'expired' | 'problem'; title: string; hint?: string | null; children?: Child }) {
  return (
    <div class={`pf-end pf-end--${props.kind}`}>
      {props.kind === 'done' ? <Tick /> : props.kind === 'expired' ? <Clock /> : <Warning />}
      <h1 class="pf-title" id="pf-title" tabindex={-1}>
        {props.title}
      </h1>
      {props.hint ? <p class="pf-end-hint">{props.hint}</p> : null}
      {props.children}
    </div>
  );
}

export function SubmittedPage({ redirectUrl }: { redirectUrl: string | null }) {
  return (
    <EndPage kind="done" title={UiMsg.submitted}>
      {redirectUrl ? (
        <>
          <p class="pf-end-hint" role="status">
            {UiMsg.redirecting}
          </p>
          <p>
            <a class="pf-button pf-button--primary" href={redirectUrl} target="_top" data-redirect>
              {UiMsg.continueLink}
            </a>
          </p>
        </>
      ) : null}
    </EndPage>
  );
}

export function WaitingPage() {
  return (
    <div class="pf-waiting">
      <span class="pf-spinner pf-spinner--large" aria-hidden="true"></span>
      <h1 class="pf-title" id="pf-title" tabindex={-1}>
        {UiMsg.waitingTitle}
      </h1>
      <p class="pf-end-hint" role="status">
        {UiMsg.waitingBody}
      </p>
    </div>
  );
}
