import type { TaskDoc } from '../../domain/tasks.js';
import type { WorkspaceConfig } from '../../config/schema.js';
import { Card, Facts } from '../components.js';
import { humanize, statusWord } from '../format.js';
import { Page, PageHead, type Frame } from '../layout.js';

/**
 * "Request from customer", as PassFort's portal has it on a task: pick the tasks, check the
 * recipient, edit the message (the email's editable text), choose the form's theme, send.
 * The preview says what the customer will get.
 */

export interface RequestFormValues {
  taskIds: string[];
  to: string;
  message: string;
  theme: string;
}

export interface RequestFormProps {
  frame: Frame;
  profileId: string;
  profileName: string;
  tasks: TaskDoc[];
  config: WorkspaceConfig;
  values: RequestFormValues;
  errors: { field: string; message: string }[];
  formUrl: string;
}

export const MAX_MESSAGE = 2000;

export function requestFormPage(p: RequestFormProps): string {
  const requestable = new Map(p.config.tasks.map((t) => [t.task_type, t]));
  const tasks = p.tasks.filter((t) => !t.is_expired && !t.is_deleted && requestable.has(t.type));
  const theme = p.config.email_theme;
  const err = (field: string) => p.errors.find((e) => e.field === field)?.message;
  return Page({
    title: `Request from ${p.profileName}`,
    active: 'profiles',
    frame: p.frame,
    liveTypes: 'CLOCK_CHANGED',
    children: (
      <>
        <PageHead
          crumbs={[
            ['Profiles', '/dashboard/profiles'],
            [p.profileName, `/dashboard/profiles/${p.profileId}`],
          ]}
          title="Request from customer"
          lead={`Email ${p.profileName} a link to the forms of the tasks you choose. The request expires in ${p.config.expiry_days} days on the workspace clock.`}
        />
        {p.errors.length ? (
          <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
            <h2>The request was not sent</h2>
            <ul>
              {p.errors.map((e) => (
                <li>
                  <a href={`#${e.field}`}>{e.message}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div class="grid-2">
          <Card title="What to ask for">
            <form method="post" action={`/dashboard/profiles/${p.profileId}/request`} id="request-form" novalidate>
              <fieldset class="field" id="task_ids" aria-invalid={err('task_ids') ? 'true' : undefined}>
                <legend class="label">Tasks</legend>
                {err('task_ids') ? <p class="error-message">{err('task_ids')}</p> : null}
                {tasks.length === 0 ? (
                  <p class="muted">
                    This profile has no task of a type the workspace can request (the config's <code>tasks</code> list:{' '}
                    {p.config.tasks.map((t) => humanize(t.task_type)).join(', ') || 'empty'}).
                  </p>
                ) : null}
                {tasks.map((t) => {
                  const conf = requestable.get(t.type)!;
                  return (
                    <label class="check-option">
                      <input type="checkbox" name="task_ids" value={t.id} checked={p.values.taskIds.includes(t.id)} />
                      <span>
                        <strong>{conf.name ?? t.variant.name ?? humanize(t.type)}</strong>
                        <span class="sub muted">
                          {humanize(t.type)} · {statusWord(t.state).label.toLowerCase()}
                          {conf.document_types?.length ? ` · documents: ${conf.document_types.map((d) => d.label ?? humanize(d.document_type)).join(', ')}` : ''}
                        </span>
                      </span>
                    </label>
                  );
                })}
              </fieldset>
              <div class="field">
                <label for="to">Send the email to</label>
                {err('to') ? <p class="error-message">{err('to')}</p> : null}
                <input class="input" type="email" id="to" name="to" value={p.values.to} autocomplete="off" aria-invalid={err('to') ? 'true' : undefined} />
              </div>
              <div class="field">
                <label for="message">Message</label>
                <p class="hint" id="message-hint">
                  The email's editable text: one paragraph, up to {MAX_MESSAGE} characters. Line breaks become spaces.
                </p>
                {err('message') ? <p class="error-message">{err('message')}</p> : null}
                <textarea class="textarea" id="message" name="message" maxlength={MAX_MESSAGE} aria-describedby="message-hint" aria-invalid={err('message') ? 'true' : undefined}>
                  {p.values.message}
                </textarea>
              </div>
              {p.config.form_themes.length > 1 ? (
                <div class="field">
                  <label for="theme">Form theme</label>
                  <select class="select" id="theme" name="theme">
                    {p.config.form_themes.map((t) => (
                      <option value={t.alias} selected={t.alias === p.values.theme}>
                        {t.name ?? t.alias}
                      </option>
                    ))}
                  </select>
                </div>
              ) : (
                <input type="hidden" name="theme" value={p.values.theme} />
              )}
              <div class="actions">
                <button class="btn btn-primary" type="submit" disabled={tasks.length === 0}>
                  Send the request
                </button>
                <a class="btn" href={`/dashboard/profiles/${p.profileId}`}>
                  Cancel
                </a>
              </div>
            </form>
          </Card>
          <Card title="What the customer gets">
            <Facts
              items={[
                ['From', `${theme.sender_name} <${theme.sender_address}>`],
                ['Subject', theme.subject],
                ['Button', 'Update information'],
                ['Link to', `${p.formUrl}?request_id=…&apikey=…`],
              ]}
            />
            <p class="hint">
              The message you write replaces the theme's editable text ("{theme.editable_text}"). The email lands in this workspace's <a href="/dashboard/inbox">inbox</a>.
            </p>
          </Card>
        </div>
      </>
    ),
  });
}
