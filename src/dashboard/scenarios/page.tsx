import { KEYWORD_RULES } from '../../domain/checks/demo-outcomes.js';
import { ActionButton, Badge, Card, EmptyState, Prose, Table } from '../components.js';
import { fmtTime, humanDuration, humanize, type StatusWord } from '../format.js';
import { Page, PageHead, type Frame } from '../layout.js';
import type { CatalogEntry, ScenarioRun } from './runner.js';

/**
 * Scenarios: the library's catalog (what `passfort-sandbox scenario list` shows), a Play
 * button per scenario with its steps ticking live, and the demo keywords that force check
 * outcomes (what `GET /__sandbox/scenarios` answers).
 */

export interface ScenariosProps {
  frame: Frame;
  catalog: CatalogEntry[];
  catalogError: string | null;
  run: ScenarioRun | null;
  playing: boolean;
  headed: boolean;
  slowMo: number;
  apiUrl: string;
}

const RUN_WORDS: Record<ScenarioRun['state'], StatusWord> = {
  running: { label: 'Playing', tone: 'info', symbol: '○' },
  passed: { label: 'Passed', tone: 'ok', symbol: '✓' },
  failed: { label: 'Failed', tone: 'bad', symbol: '✗' },
  error: { label: 'Could not run', tone: 'bad', symbol: '✗' },
};

const STEP_WORDS = { pending: 'to do', running: 'playing', done: 'done', failed: 'failed' } as const;

export function scenariosPage(p: ScenariosProps): string {
  return Page({
    title: 'Scenarios',
    active: 'scenarios',
    frame: p.frame,
    liveTypes: 'SCENARIO_RUN_*',
    children: (
      <>
        <PageHead
          title="Scenarios"
          lead={
            <>
              Scripted onboarding stories from the scenario library, run by Playwright in Chromium against this sandbox, exactly as{' '}
              <code>passfort-sandbox scenario run</code> does. Each runs in a fresh workspace of its own; this page follows its steps as they happen.
            </>
          }
        />
        <div class="stack" id="run-region" data-live="">
          {p.run ? <RunCard run={p.run} now={Date.now()} /> : null}
        </div>
        {p.catalogError ? <p class="flash flash-bad">{p.catalogError}</p> : null}
        <div class="grid-2" id="catalog" data-live="">
          {p.catalog.length === 0 && !p.catalogError ? (
            <Card>
              <EmptyState title="No scenarios found" curl="passfort-sandbox scenario init">
                <p>The built-in library was not found next to the package. Write your own with:</p>
              </EmptyState>
            </Card>
          ) : null}
          {p.catalog.map((s) => (
            <Card
              id={`scenario-${s.name}`}
              title={s.title}
              actions={
                <ActionButton
                  action={`/dashboard/scenarios/${encodeURIComponent(s.name)}/play`}
                  label={p.headed ? 'Play in a browser' : 'Play'}
                  variant="primary"
                  disabled={p.playing}
                  title={p.playing ? 'Another scenario is playing' : undefined}
                />
              }
            >
              {s.description ? <p><Prose text={s.description} /></p> : null}
              <details class="more" data-key={`steps-${s.name}`}>
                <summary>
                  {s.steps.length} step{s.steps.length === 1 ? '' : 's'} in {s.tests.length} test{s.tests.length === 1 ? '' : 's'}
                </summary>
                <ol>
                  {s.steps.map((step) => (
                    <li>{step}</li>
                  ))}
                </ol>
              </details>
              <p class="hint">
                <code>passfort-sandbox scenario run {s.name}</code>
              </p>
            </Card>
          ))}
        </div>
        <Card title="Demo keywords">
          <p>
            A keyword as a whole word in a person's names or a company's name forces the checks' results, whatever the rest of the data says. The same table as{' '}
            <code>GET {p.apiUrl}/__sandbox/scenarios</code>.
          </p>
          <Table columns={['Keyword', 'What it does', 'Results']}>
            {KEYWORD_RULES.map((r) => (
              <tr>
                <td>
                  <code>{r.keyword}</code>
                  {r.sandbox_only ? <span class="sub">sandbox only</span> : null}
                </td>
                <td>{r.description}</td>
                <td>
                  {Object.entries(r.results)
                    .map(([type, result]) => `${humanize(type)}: ${result}`)
                    .join('; ')}
                </td>
              </tr>
            ))}
          </Table>
        </Card>
      </>
    ),
  });
}

function RunCard(props: { run: ScenarioRun; now: number }) {
  const r = props.run;
  const elapsed = (r.finishedAt ?? props.now) - r.startedAt;
  return (
    <Card
      id="run"
      title={
        <>
          {r.title} <Badge word={RUN_WORDS[r.state]} />
        </>
      }
      actions={<span class="muted">{r.state === 'running' ? `playing for ${humanDuration(elapsed)}` : `took ${humanDuration(elapsed)}`}{r.headed ? `, in a visible browser (${r.slowMo} ms per action)` : ''}</span>}
    >
      {r.message ? <p class="flash flash-bad">{r.message}</p> : null}
      <div class="grid-2">
        <div>
          <h3>Steps</h3>
          <ol class="steps" aria-label="Steps">
            {r.steps.map((s, i) => (
              <li data-state={s.state} data-key={`step-${r.id}-${i}-${s.state}`}>
                <span>{s.title}</span>
                <span class="muted">{STEP_WORDS[s.state]}</span>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h3>What happened in its workspace</h3>
          {r.workspaces.map((w) => (
            <form method="post" action={`/dashboard/scenarios/runs/${r.id}/open`} class="actions">
              <input type="hidden" name="workspace" value={w.id} />
              <button class="btn btn-small" type="submit">
                Open its workspace in the dashboard
              </button>
            </form>
          ))}
          {r.activity.length === 0 ? <p class="muted">Nothing yet: Playwright takes a few seconds to start.</p> : null}
          <ul class="plain-list">
            {r.activity.slice(0, 12).map((a) => (
              <li data-key={a.key}>
                <span>{a.text}</span>
                <span class="sub mono">{fmtTime(a.at)}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <details class="more" data-key={`out-${r.id}`} id={`run-output-${r.id}`}>
        <summary>Playwright's output</summary>
        <pre class="log">
          <code>{r.output.join('\n') || '(nothing yet)'}</code>
        </pre>
        <p class="hint">Reports: {r.reportDir} (open with npx playwright show-report {r.reportDir}/html)</p>
      </details>
    </Card>
  );
}
