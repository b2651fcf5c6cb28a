import type { WorkspaceRegistry } from '../workspace/registry.js';
import type { ScenarioBackend, ScenarioRunner } from './scenarios/runner.js';

/**
 * What the dashboard remembers while the sandbox runs (memory only, like the request journal):
 * the last clock moves and what they changed, scenario runs started from the dashboard, the
 * guided story's place, and what the `demo` command started next to the sandbox. One per
 * sandbox, found by its registry, so the route table needs no new options for it.
 */

export interface ClockMove {
  id: number;
  from: number;
  to: number;
  fired: number;
  /** What happened during the move, in order. */
  events: { key: string; type: string; at: number; data: Record<string, unknown> }[];
}

export interface DemoContext {
  /** The example integrator app started by `passfort-sandbox demo`. */
  exampleApp: { url: string; webhookUrl: string; webhookSecret: string } | null;
  /** Browser playback of scenarios and of the story's customer: visible, slowed down. */
  headed: boolean;
  slowMo: number;
  seed: number | null;
}

export interface StoryState {
  profileId: string | null;
  requestId: string | null;
  /** The made-up customer of this telling (seeded, so a rehearsal and the show match). */
  customer: { given_names: string; family_name: string; email: string; dob: string } | null;
  run: number;
  playback: { state: 'running' | 'done' | 'failed'; message: string } | null;
}

export class DashboardRuntime {
  readonly clockMoves = new Map<string, ClockMove[]>();
  readonly stories = new Map<string, StoryState>();
  demo: DemoContext = { exampleApp: null, headed: false, slowMo: 0, seed: null };
  /** Plays scenarios from the dashboard (made on first use). */
  scenarioRunner: ScenarioRunner | null = null;
  /** Tests replace the harness's runner with their own. */
  scenarioBackend: ScenarioBackend | null = null;
  #moveId = 0;

  recordMove(workspaceId: string, move: Omit<ClockMove, 'id'>): ClockMove {
    const full = { ...move, id: ++this.#moveId };
    const list = [full, ...(this.clockMoves.get(workspaceId) ?? [])].slice(0, 10);
    this.clockMoves.set(workspaceId, list);
    return full;
  }

  story(workspaceId: string): StoryState {
    let s = this.stories.get(workspaceId);
    if (!s) this.stories.set(workspaceId, (s = { profileId: null, requestId: null, customer: null, run: 0, playback: null }));
    return s;
  }
}

const runtimes = new WeakMap<WorkspaceRegistry, DashboardRuntime>();

export function dashboardRuntime(registry: WorkspaceRegistry): DashboardRuntime {
  let r = runtimes.get(registry);
  if (!r) runtimes.set(registry, (r = new DashboardRuntime()));
  return r;
}

/** Called by `passfort-sandbox demo`: what it started, and how browsers should play. */
export function setDemoContext(registry: WorkspaceRegistry, demo: Partial<DemoContext>): void {
  const r = dashboardRuntime(registry);
  r.demo = { ...r.demo, ...demo };
}

/** Whether a visible browser can open here (a display on Linux; macOS and Windows always have one). */
export const canShowBrowser = (env: NodeJS.ProcessEnv = process.env, platform: string = process.platform) => platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);

/** Browser playback as the demo asked for it, headless where no display exists. */
export function playbackMode(r: DashboardRuntime): { headed: boolean; slowMo: number } {
  return { headed: r.demo.headed && canShowBrowser(), slowMo: r.demo.slowMo };
}
