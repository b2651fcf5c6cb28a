import type { Child } from 'hono/jsx';
import { fmtTime, prettyJson, relative, statusWord, type StatusWord, type Tone } from './format.js';

/**
 * The dashboard's building blocks. Everything goes through hono/jsx, which escapes every
 * string it is given: customer-entered text (names, answers, email subjects) can never
 * become markup here. Nothing uses dangerouslySetInnerHTML except the fixed SVG icons.
 */

export function Badge(props: { word: StatusWord; title?: string }) {
  return (
    <span class={`badge tone-${props.word.tone}`} title={props.title}>
      <span class="sym" aria-hidden="true">
        {props.word.symbol}
      </span>
      {props.word.label}
    </span>
  );
}

export const Status = (props: { status: string | null | undefined }) => <Badge word={statusWord(props.status)} />;

/** A time on the workspace clock, with how long ago (or until) it is. */
export function Time(props: { ms: number | null | undefined; now: number; relativeOnly?: boolean; dateOnly?: boolean }) {
  if (props.ms === null || props.ms === undefined) return <span class="muted">—</span>;
  const abs = props.dateOnly ? fmtTime(props.ms).slice(0, 10) : fmtTime(props.ms);
  const rel = relative(props.ms, props.now);
  if (props.relativeOnly) return <time datetime={new Date(props.ms).toISOString()} title={abs}>{rel}</time>;
  return (
    <span class="nowrap">
      <time datetime={new Date(props.ms).toISOString()} title={fmtTime(props.ms)}>
        {abs}
      </time>
      {rel ? <span class="sub">{rel}</span> : null}
    </span>
  );
}

export function Card(props: { title?: Child; actions?: Child; id?: string; live?: boolean; children: Child; class?: string }) {
  return (
    <section class={`card ${props.class ?? ''}`} id={props.id} aria-labelledby={props.id && props.title ? `${props.id}-title` : undefined}>
      {props.title || props.actions ? (
        <div class="card-head">
          {props.title ? <h2 id={props.id ? `${props.id}-title` : undefined}>{props.title}</h2> : <span />}
          {props.actions ? <div class="actions">{props.actions}</div> : null}
        </div>
      ) : null}
      <div class="card-body" id={props.live && props.id ? `${props.id}-live` : undefined} data-live={props.live ? '' : undefined}>
        {props.children}
      </div>
    </section>
  );
}

/** A column heading: its text, with a class for numeric columns, or null for a column left out. */
export type Column = string | { label: string; class: string } | null;

/** Every list on the dashboard: a scrolling wrapper, column headings, and the rows given. */
export function Table(props: { id?: string; columns: Column[]; children: Child }) {
  return (
    <div class="table-wrap">
      <table class="table" id={props.id}>
        <thead>
          <tr>
            {props.columns.map((c) =>
              c === null ? null : typeof c === 'string' ? (
                <th scope="col">{c}</th>
              ) : (
                <th scope="col" class={c.class}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** What to do when there is nothing to show: a sentence and, when it helps, the curl. */
export function EmptyState(props: { title: string; children?: Child; curl?: string }) {
  return (
    <div class="empty">
      <h3>{props.title}</h3>
      {props.children}
      {props.curl ? (
        <pre>
          <code>{props.curl}</code>
        </pre>
      ) : null}
    </div>
  );
}

export function Facts(props: { items: [string, Child][] }) {
  return (
    <dl class="facts">
      {props.items.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? <span class="muted">—</span> : v}</dd>
        </>
      ))}
    </dl>
  );
}

export function Json(props: { value: unknown; summary?: string; open?: boolean; id?: string }) {
  return (
    <details class="more" open={props.open} id={props.id} data-key={props.id ? `json-${props.id}` : undefined}>
      <summary>{props.summary ?? 'Show the JSON'}</summary>
      <pre>
        <code>{prettyJson(props.value)}</code>
      </pre>
    </details>
  );
}

export interface TimelineItem {
  key: string;
  at: number;
  tone?: Tone;
  kind?: string;
  text: Child;
  sub?: Child;
}

/** What happened, in the order it happened, on the workspace clock. */
export function Timeline(props: { items: TimelineItem[]; empty?: string }) {
  if (props.items.length === 0) return <p class="muted">{props.empty ?? 'Nothing has happened yet.'}</p>;
  return (
    <ol class="timeline">
      {props.items.map((i) => (
        <li data-key={i.key}>
          <time datetime={new Date(i.at).toISOString()}>{fmtTime(i.at)}</time>
          <span class={`dot tone-${i.tone ?? 'neutral'}`} aria-hidden="true" />
          <span class="what">
            {i.kind ? <span class="kind">{i.kind}</span> : null}
            {i.text}
            {i.sub ? <span class="sub">{i.sub}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** A table with an instant filter over its rows (`data-search` holds each row's words). */
export function SearchBox(props: { target: string; value: string; label: string; placeholder?: string }) {
  return (
    <div class="field">
      <label for={`${props.target}-q`}>{props.label}</label>
      <input
        class="input input-search"
        type="search"
        id={`${props.target}-q`}
        name="q"
        value={props.value}
        placeholder={props.placeholder}
        autocomplete="off"
        data-filter={props.target}
      />
    </div>
  );
}

export function Select(props: { name: string; label: string; value: string; options: [string, string][]; id?: string }) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select class="select" id={id} name={props.name} data-autosubmit="">
        {props.options.map(([v, l]) => (
          <option value={v} selected={v === props.value}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A POST button for an action on the page (CSRF: same-origin checked on the server). */
export function ActionButton(props: { action: string; label: string; variant?: 'primary' | 'danger' | 'plain'; fields?: Record<string, string>; small?: boolean; disabled?: boolean; async?: boolean; title?: string }) {
  const cls = `btn${props.variant === 'primary' ? ' btn-primary' : props.variant === 'danger' ? ' btn-danger' : ''}${props.small ? ' btn-small' : ''}`;
  return (
    <form method="post" action={props.action} data-async={props.async === false ? undefined : ''}>
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button class={cls} type="submit" disabled={props.disabled} title={props.title}>
        {props.label}
      </button>
    </form>
  );
}

/** A row's search text: what the instant filter matches against. */
export const searchText = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' ').toLowerCase();

/** Text with `code` spans (as scenario descriptions are written), escaped like any text. */
export function Prose(props: { text: string }) {
  return (
    <>
      {props.text.split('`').map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}
    </>
  );
}
