import type { Child } from 'hono/jsx';
import type { WorkspaceConfig } from '../../config/schema.js';
import { ActionButton, Badge, Card, Facts, Json, Status } from '../components.js';
import { checkOutcome, fmtTime, humanize, prettyJson } from '../format.js';
import { Page, type Frame } from '../layout.js';
import { STORY_STEPS, type StoryView } from './model.js';

/**
 * The guided story, a presenter view: six steps of onboarding with PassFort, each with what
 * to say, one action that drives the real sandbox, and what it caused, live. The arrow keys
 * and Page Up/Down (a clicker) move between steps.
 */

export interface StoryProps {
  frame: Frame;
  step: number;
  view: StoryView;
  config: WorkspaceConfig;
  apiUrl: string;
  customerLink: string | null;
  inboxMessageId: string | null;
  headed: boolean;
}

const Say = (props: { children: Child }) => (
  <div class="say">
    <strong>Say</strong>
    {props.children}
  </div>
);

export function storyPage(p: StoryProps): string {
  const s = STORY_STEPS[p.step - 1]!;
  const v = p.view;
  const name = v.profileName ?? `${v.customer.given_names} ${v.customer.family_name}`;
  return Page({
    title: `Story ${p.step}: ${s.title}`,
    active: 'story',
    frame: p.frame,
    story: true,
    liveTypes: '',
    children: (
      <div class="story">
        <nav aria-label="Story steps">
          <div id="story-rail" data-live="">
          <ol class="story-rail">
            {STORY_STEPS.map((x, i) => (
              <li>
                <a href={`/dashboard/story?step=${x.n}`} aria-current={x.n === p.step ? 'step' : undefined} data-state={v.done[i] ? 'done' : undefined}>
                  <span class="n" aria-hidden="true">
                    {v.done[i] ? '✓' : x.n}
                  </span>
                  <span>
                    {x.title}
                    {v.done[i] ? <span class="visually-hidden"> (done)</span> : null}
                  </span>
                </a>
              </li>
            ))}
          </ol>
          </div>
          <div class="actions story-restart">
            <ActionButton action="/dashboard/story/restart" label="Start over with a new customer" small async={false} />
          </div>
        </nav>
        <div class="story-stage" id="story-stage" data-live="">
          <p class="crumbs">
            Step {p.step} of {STORY_STEPS.length}
          </p>
          <h1>{s.title}</h1>
          {p.step === 1 ? <Configure p={p} /> : null}
          {p.step === 2 ? <SendRequest p={p} name={name} /> : null}
          {p.step === 3 ? <Email p={p} name={name} /> : null}
          {p.step === 4 ? <Form p={p} name={name} /> : null}
          {p.step === 5 ? <Webhook p={p} /> : null}
          {p.step === 6 ? <Decision p={p} name={name} /> : null}
          <div class="story-nav">
            {p.step > 1 ? (
              <a class="btn" rel="prev" href={`/dashboard/story?step=${p.step - 1}`}>
                ← {STORY_STEPS[p.step - 2]!.title}
              </a>
            ) : (
              <span />
            )}
            {p.step < STORY_STEPS.length ? (
              <a class={`btn${v.done[p.step - 1] ? ' btn-primary' : ''}`} rel="next" href={`/dashboard/story?step=${p.step + 1}`}>
                {STORY_STEPS[p.step]!.title} →
              </a>
            ) : null}
          </div>
        </div>
      </div>
    ),
  });
}

function Configure({ p }: { p: StoryProps }) {
  const c = p.config;
  const product = c.products.find((x) => x.entity_type === 'INDIVIDUAL');
  const task = c.tasks.find((t) => t.task_type === 'INDIVIDUAL_VERIFY_IDENTITY');
  const v = p.view;
  return (
    <>
      <p class="lead">PassFort is set up once for the bank: what it onboards people for, what it checks, what it may ask a customer for, and where it reports back.</p>
      <Say>
        "Everything here is configuration, not code. The bank's developers only write two API calls and a webhook endpoint, and embed PassFort's form in their own page."
      </Say>
      <Card>
        <Facts
          items={[
            ['Product', product ? `${product.name}: ${product.required_tasks.map((t) => t.name ?? humanize(t.task_type)).join(', ')}` : null],
            ['Checks', product ? product.required_tasks.flatMap((t) => t.automatic_checks ?? []).map(humanize).join(', ') : null],
            ['Customers may send', task ? `${task.name ?? humanize(task.task_type)}: ${(task.document_types ?? []).map((d) => d.label ?? humanize(d.document_type)).join(', ')}` : null],
            ['The email', `"${c.email_theme.subject}" from ${c.email_theme.sender_name}, with an "Update information" button`],
            ['The form lives at', <span class="mono">{v.formUrl}</span>],
            ['Webhooks go to', v.webhookUrl ? <span class="mono">{v.webhookUrl}</span> : 'nowhere yet'],
          ]}
        />
      </Card>
      <div class="actions">
        {v.configured ? (
          <Badge word={{ label: 'Configured', tone: 'ok', symbol: '✓' }} />
        ) : (
          <ActionButton
            action="/dashboard/story/configure"
            variant="primary"
            label={v.exampleApp ? "Use the example bank's page and webhook endpoint" : "Send webhooks to the sandbox's built-in receiver"}
          />
        )}
        {v.exampleApp ? (
          <a class="btn" href={v.exampleApp.url} target="_blank" rel="noopener noreferrer">
            Open the example bank
          </a>
        ) : null}
      </div>
    </>
  );
}

function SendRequest({ p, name }: { p: StoryProps; name: string }) {
  const v = p.view;
  const cust = v.customer;
  const profileCall = `POST /4.0/profiles\n${prettyJson({ role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: [cust.given_names], family_name: cust.family_name }, dob: cust.dob }, contact_details: { email: cust.email } } })}`;
  const requestCall = `POST /4.0/forms/profile/${v.profile?.id ?? '{profile_id}'}/customer_request\n${prettyJson({ type: 'FORMS', task_ids: ['{identity task id}'], email: { message: `Hi ${cust.given_names}, one last step: a photo of your ID and a selfie.` } })}`;
  return (
    <>
      <p class="lead">{name} is opening an account. The bank's code creates the applicant in PassFort and asks them for an identity document.</p>
      <Say>"Two API calls. PassFort starts the checks it can run straight away, and emails {cust.given_names} a link for the rest."</Say>
      <div class="grid-2">
        <pre>
          <code>{profileCall}</code>
        </pre>
        <pre>
          <code>{requestCall}</code>
        </pre>
      </div>
      <div class="actions">
        {v.request ? (
          <>
            <Status status={v.request.status} />
            <a class="btn" href={`/dashboard/profiles/${v.profile!.id}`}>
              {name}'s profile
            </a>
            <a class="btn" href={`/dashboard/requests/${v.request.id}`}>
              The request
            </a>
            <span class="muted">
              Sent {fmtTime(v.request.created_at)}; expires {fmtTime(v.request.expires_at).slice(0, 10)}.
            </span>
          </>
        ) : (
          <ActionButton action="/dashboard/story/send" variant="primary" label={`Create ${name} and send the request`} />
        )}
      </div>
    </>
  );
}

function Email({ p, name }: { p: StoryProps; name: string }) {
  const v = p.view;
  return (
    <>
      <p class="lead">What {name} finds in their inbox: the bank's email, sent by PassFort, with the message the bank wrote.</p>
      <Say>"The bank chose the words, the logo and the colours. The button opens the bank's own page, not PassFort's."</Say>
      {!v.request ? <p class="muted">Send the request first (step 2).</p> : null}
      {v.request && !p.inboxMessageId ? <p class="muted" role="status">Waiting for the email… (it usually takes well under a second)</p> : null}
      {p.customerLink ? (
        <div class="actions">
          <a class="btn btn-primary big-action" href={p.customerLink} target="_blank" rel="noopener noreferrer">
            Open the link as {name}
          </a>
        </div>
      ) : null}
      {p.inboxMessageId ? (
        <iframe
          class="mail-frame"
          title={`The email to ${name}`}
          src={`/dashboard/inbox/${encodeURIComponent(p.inboxMessageId)}/html`}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerpolicy="no-referrer"
        />
      ) : null}
    </>
  );
}

function Form({ p, name }: { p: StoryProps; name: string }) {
  const v = p.view;
  const form = v.request?.forms[0];
  const uploads = v.request?.history.filter((h) => h.event === 'DOCUMENT_UPLOADED') ?? [];
  const playback = v.state.playback;
  return (
    <>
      <p class="lead">The link opens the bank's page; PassFort's loader puts the form in it. {name} picks a document, photographs it and takes a selfie.</p>
      <Say>"PassFort checks the photos as they arrive. The moment {name} presses Finish, the bank knows."</Say>
      {!v.request ? <p class="muted">Send the request first (step 2).</p> : null}
      {form ? (
        <Card>
          <Facts
            items={[
              ['Form', form.title],
              ['State', <Status status={form.status} />],
              ['Photos received', uploads.length ? uploads.map((u) => humanize(String((u.detail as { element?: string } | undefined)?.element ?? ''))).join(', ') : 'none yet'],
              ['Submitted', form.submitted_at ? fmtTime(form.submitted_at) : null],
            ]}
          />
        </Card>
      ) : null}
      {playback ? <p class={`flash ${playback.state === 'failed' ? 'flash-bad' : 'flash-ok'}`} role="status">{playback.message}</p> : null}
      {v.request && v.request.status === 'SENT' ? (
        <div class="actions">
          {p.customerLink ? (
            <a class="btn btn-primary big-action" href={p.customerLink} target="_blank" rel="noopener noreferrer">
              Fill it in as {name}
            </a>
          ) : null}
          <ActionButton action="/dashboard/story/play" label={p.headed ? 'Play the customer in a visible browser' : 'Play the customer in a browser (headless)'} disabled={playback?.state === 'running'} />
          <ActionButton action="/dashboard/story/complete" label="Skip: complete it instantly" />
        </div>
      ) : null}
    </>
  );
}

function Webhook({ p }: { p: StoryProps }) {
  const v = p.view;
  const done = v.webhooks.find((w) => w.envelope.event === 'CUSTOMER_REQUEST_CHANGED' && (w.envelope.data as { status?: string }).status === 'COMPLETED');
  return (
    <>
      <p class="lead">The bank's endpoint gets a POST for each thing that happened, in order, with the shared secret. Only a 200 counts; otherwise PassFort retries.</p>
      <Say>"No polling. The bank's systems hear 'request completed' within milliseconds, and every check result too."</Say>
      {done ? (
        <Card title={<>CUSTOMER_REQUEST_CHANGED: COMPLETED {done.delivery ? <Badge word={done.delivery.ok ? { label: `delivered, HTTP ${done.delivery.status}`, tone: 'ok', symbol: '✓' } : { label: 'failing', tone: 'bad', symbol: '✗' }} /> : <Badge word={{ label: 'queued', tone: 'info', symbol: '○' }} />}</>}>
          <pre>
            <code>{`POST ${v.webhookUrl ?? ''}\nAuthorization: Bearer ••••••\n\n${prettyJson(done.envelope)}`}</code>
          </pre>
        </Card>
      ) : (
        <p class="muted" role="status">{v.request ? 'Waiting for the customer to finish the form (step 4)…' : 'Send the request first (step 2).'}</p>
      )}
      {v.webhooks.length ? (
        <details class="more" id="story-webhooks">
          <summary>
            Every webhook about {v.profileName ?? 'this customer'} ({v.webhooks.length})
          </summary>
          <ul class="plain-list">
            {v.webhooks.map((w) => (
              <li data-key={`wh-${w.envelope.id}-${w.delivery?.n ?? 'q'}`}>
                <span>
                  <strong>{w.envelope.event}</strong> {(w.envelope.data as { status?: string; result?: string; new_status?: string }).status ?? (w.envelope.data as { result?: string }).result ?? (w.envelope.data as { new_status?: string }).new_status ?? ''}
                </span>
                <span class="sub">{w.delivery ? (w.delivery.ok ? `delivered (HTTP ${w.delivery.status}) in ${w.delivery.latency_ms} ms` : `failing: ${w.delivery.error ?? ''}`) : 'queued'}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div class="actions">
        <a class="btn" href="/dashboard/webhooks">
          The webhook queue
        </a>
      </div>
    </>
  );
}

function Decision({ p, name }: { p: StoryProps; name: string }) {
  const v = p.view;
  const app = v.application;
  return (
    <>
      <p class="lead">The checks ran on {name}'s data and documents. A compliance officer (or the bank's own rules) makes the decision, and the bank hears it as a webhook.</p>
      <Say>"From sign-up to a decision, and the bank wrote almost nothing: PassFort ran the checks, chased the customer, and kept the bank told."</Say>
      {v.checks.length ? (
        <Card title="Checks">
          <ul class="plain-list">
            {v.checks.map((c) => (
              <li data-key={`c-${c.id}-${c.state}`}>
                <span>
                  {humanize(c.check_type)} <Badge word={checkOutcome({ state: c.state, result: c.result })} />
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {app ? (
        <Card title={<>{app.product.name} <Status status={app.status} /></>}>
          {app.status === 'APPLIED' ? (
            <>
              <p class="muted">{v.blockers ? `${v.blockers} thing${v.blockers === 1 ? '' : 's'} still block approval (see the profile).` : 'Ready for a decision.'}</p>
              <div class="btn-group">
                <ActionButton action="/dashboard/story/decide" fields={{ status: 'APPROVED' }} label={`Approve ${name}`} variant="primary" disabled={v.blockers > 0} />
                <ActionButton action="/dashboard/story/decide" fields={{ status: 'REJECTED' }} label="Reject" variant="danger" />
              </div>
            </>
          ) : (
            <p>
              Decided. The bank got PRODUCT_STATUS_CHANGED: {app.status}.{' '}
              {v.exampleApp ? (
                <a href={v.exampleApp.url} target="_blank" rel="noopener noreferrer">
                  Open the example bank
                </a>
              ) : null}
            </p>
          )}
        </Card>
      ) : (
        <p class="muted">Send the request first (step 2).</p>
      )}
      {v.profile ? <Json value={v.profile.collected_data} summary={`What PassFort now holds about ${name}`} id="story-collected" /> : null}
    </>
  );
}
