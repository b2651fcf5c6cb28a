import type { Job } from '../../domain/context.js';
import { ActionButton, Card, Facts, Timeline } from '../components.js';
import { describeEvent, describeJob, HIDDEN_ON_TIMELINE } from '../describe.js';
import { fmtTime, humanDuration, relative } from '../format.js';
import { Page, PageHead, type Frame } from '../layout.js';
import type { ClockMove } from '../runtime.js';

/**
 * The workspace clock: what time it is for this workspace, buttons to move it (1, 30, 90
 * days), what the last moves changed, and what is scheduled to happen next, so a presenter
 * can say "in 90 days this request expires" and then show it.
 */

export interface ClockProps {
  frame: Frame;
  offsetMs: number;
  nextDue: number | null;
  jobs: (Job & { label: string; link: string | null })[];
  moves: ClockMove[];
}

export const ADVANCE_CHOICES: [string, string][] = [
  ['1d', '+1 day'],
  ['30d', '+30 days'],
  ['90d', '+90 days'],
];

export function clockPage(p: ClockProps): string {
  const f = p.frame;
  return Page({
    title: 'Clock',
    active: 'clock',
    frame: f,
    liveTypes: 'CLOCK_CHANGED,WORKSPACE_RESET,CUSTOMER_REQUEST_CHANGED,CHECK_COMPLETED,TASK_CREATED',
    children: (
      <>
        <PageHead
          title="Clock"
          lead="Each workspace has its own clock. Moving it forward runs everything that falls due on the way (expiring requests and tasks, asynchronous checks, webhook retries), in order, each at its own time."
        />
        <div class="grid-2" id="clock-region" data-live="">
          <Card title="Workspace time">
            <p class="clock-now" data-testid="clock-now">
              {fmtTime(f.nowMs)} <span class="muted">UTC</span>
            </p>
            <Facts
              items={[
                ['Compared with real time', Math.abs(p.offsetMs) < 1000 ? 'The same' : `${humanDuration(Math.abs(p.offsetMs))} ${p.offsetMs > 0 ? 'ahead' : 'behind'}`],
                ['Running', f.frozen ? 'No, frozen' : 'Yes'],
                ['Next scheduled work', p.nextDue ? `${fmtTime(p.nextDue)} (${relative(p.nextDue, f.nowMs)})` : 'Nothing scheduled'],
              ]}
            />
            <div class="clock-buttons">
              {ADVANCE_CHOICES.map(([by, label]) => (
                <ActionButton action="/dashboard/clock/advance" fields={{ by }} label={label} variant="primary" />
              ))}
              {f.frozen ? <ActionButton action="/dashboard/clock/resume" label="Resume" /> : <ActionButton action="/dashboard/clock/freeze" label="Freeze" />}
            </div>
          </Card>
          <Card title="Coming up">
            {p.jobs.length === 0 ? (
              <p class="muted">Nothing is scheduled. Customer requests (they expire), asynchronous checks and tasks with an expiry add work here.</p>
            ) : (
              <ul>
                {p.jobs.slice(0, 12).map((j) => (
                  <li data-key={`job-${j.id}`}>
                    <span class="mono">{fmtTime(j.at)}</span> ({relative(j.at, f.nowMs)}): {j.link ? <a href={j.link}>{j.label}</a> : j.label}
                  </li>
                ))}
                {p.jobs.length > 12 ? <li class="muted">and {p.jobs.length - 12} more</li> : null}
              </ul>
            )}
          </Card>
        </div>
        <div class="stack" id="moves-region" data-live="">
          <Card title="What the last moves changed">
            {p.moves.length === 0 ? <p class="muted">Move the clock to see what happens on the way.</p> : null}
            {p.moves.map((m) => {
              const shown = m.events.filter((e) => !HIDDEN_ON_TIMELINE.has(e.type) && e.type !== 'CLOCK_CHANGED');
              return (
                <div class="stack move" data-key={`move-${m.id}`}>
                  <h3>
                    Moved {humanDuration(m.to - m.from)}: {fmtTime(m.from)} → {fmtTime(m.to)}
                  </h3>
                  <p class="muted">
                    {m.fired} scheduled job{m.fired === 1 ? '' : 's'} ran; {shown.length} thing{shown.length === 1 ? '' : 's'} changed.
                  </p>
                  <Timeline items={shown.map((e) => ({ key: e.key, at: e.at, text: describeEvent(e.type, e.data), tone: e.type.includes('FAILED') ? 'bad' : 'info' }))} empty="Nothing was due in that time." />
                </div>
              );
            })}
          </Card>
        </div>
      </>
    ),
  });
}

export function jobLabel(job: Job, names: { request: (id: string) => string | null; profile: (id: string) => string | null }): { label: string; link: string | null } {
  const payload = job.payload as { request_id?: string; profile_id?: string };
  if (job.kind === 'customer-request-expiry' && payload.request_id) {
    const who = names.request(payload.request_id);
    return { label: who ? `The request to ${who} expires` : describeJob(job.kind), link: `/dashboard/requests/${payload.request_id}` };
  }
  if (payload.profile_id) {
    const who = names.profile(payload.profile_id);
    return { label: `${describeJob(job.kind)}${who ? ` (${who})` : ''}`, link: `/dashboard/profiles/${payload.profile_id}` };
  }
  return { label: describeJob(job.kind), link: null };
}
