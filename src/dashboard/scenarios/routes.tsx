import type { Hono } from 'hono';
import { actionDone, frameOf, rememberKey, type Dash, type DashEnv } from '../context.js';
import { scenariosPage } from './page.js';
import { harnessBackend, ScenarioRunner } from './runner.js';
import { playbackMode } from '../runtime.js';

/** `/dashboard/scenarios`: the catalog, Play, and a run's live progress. */

export function runnerOf(d: Dash): ScenarioRunner {
  const rt = d.runtime;
  rt.scenarioRunner ??= new ScenarioRunner(rt.scenarioBackend ?? harnessBackend(), { registry: d.deps.registry, bus: d.deps.bus, sandboxUrl: () => d.deps.urls().api });
  return rt.scenarioRunner;
}

export function mountScenarios(app: Hono<DashEnv>): void {
  app.get('/dashboard/scenarios', (c) => {
    const d = c.get('dash');
    const runner = runnerOf(d);
    let catalog: ReturnType<ScenarioRunner['catalog']> = [];
    let catalogError: string | null = null;
    try {
      catalog = runner.catalog();
    } catch (err) {
      catalogError = `The scenario library could not be read: ${(err as Error).message}`;
    }
    const run = runner.active ?? runner.runs[0] ?? null;
    return c.html(
      scenariosPage({ frame: frameOf(d), catalog, catalogError, run, playing: runner.active !== null, headed: playbackMode(d.runtime).headed, slowMo: d.runtime.demo.slowMo, apiUrl: d.deps.urls().api }),
    );
  });

  app.post('/dashboard/scenarios/:name/play', (c) => {
    const d = c.get('dash');
    try {
      const run = runnerOf(d).start(c.req.param('name'), d.ws, playbackMode(d.runtime));
      return actionDone(c, `Playing "${run.title}": Playwright is starting (a few seconds).`, { redirect: '/dashboard/scenarios' });
    } catch (err) {
      return actionDone(c, (err as Error).message, { ok: false, redirect: '/dashboard/scenarios' });
    }
  });

  // Only a workspace a run from this sandbox created, never any other.
  app.post('/dashboard/scenarios/runs/:id/open', async (c) => {
    const d = c.get('dash');
    const form = await c.req.parseBody();
    const wsId = runnerOf(d).workspaceOf(Number(c.req.param('id')), String(form.workspace ?? ''));
    const key = wsId ? d.deps.registry.masterKeyOf(wsId) : undefined;
    if (!key) return actionDone(c, 'That workspace is not one a scenario run created here.', { ok: false, redirect: '/dashboard/scenarios' });
    rememberKey(c, key);
    return actionDone(c, 'Opened the scenario\'s workspace. "Switch workspace" brings you back to the sign-in page.', { redirect: '/dashboard/profiles', navigate: true });
  });
}
