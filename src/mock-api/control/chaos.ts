import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ErrorCode, PassFortError } from '../../core/errors.js';
import { prng } from '../../core/ids.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, jsonResponse, passfortHook } from '../openapi.js';

/**
 * API chaos (sandbox): added latency and injected errors on a workspace's `/4.0` calls, so an
 * integrator can see how their client copes with a slow or failing PassFort. Kept in memory:
 * it is a setting of this test session, not data.
 */

export const chaosSettings = z.strictObject({
  latency_ms: z.number().int().min(0).max(60_000).default(0).describe('Added to every matching call'),
  jitter_ms: z.number().int().min(0).max(60_000).default(0).describe('Up to this much more, at random'),
  error_rate: z.number().min(0).max(1).default(0).describe('Share of matching calls that fail (0 to 1)'),
  fail_next: z.number().int().min(0).max(10_000).default(0).describe('The next N matching calls fail, whatever the rate'),
  error_status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(503),
  path_prefix: z.string().startsWith('/4.0').default('/4.0').describe('Only calls under this path'),
  methods: z.array(z.enum(['GET', 'POST', 'PUT', 'DELETE'])).default([]).describe('Only these methods; empty means all'),
  seed: z.number().int().default(1).describe('Seed of the error draw, so a run can be repeated'),
});
export type ChaosSettings = z.infer<typeof chaosSettings>;

interface ChaosState {
  settings: ChaosSettings;
  random: () => number;
  injected: number;
}

const NONE: ChaosSettings = chaosSettings.parse({});

export class Chaos {
  readonly #byWorkspace = new Map<string, ChaosState>();

  get(workspace: string): ChaosSettings & { injected: number } {
    const state = this.#byWorkspace.get(workspace);
    return { ...(state?.settings ?? NONE), injected: state?.injected ?? 0 };
  }

  set(workspace: string, settings: ChaosSettings): void {
    this.#byWorkspace.set(workspace, { settings, random: prng(settings.seed), injected: 0 });
  }

  clear(workspace: string): void {
    this.#byWorkspace.delete(workspace);
  }

  /** What to do to this call: how long to wait, and whether to fail it. */
  decide(workspace: string, method: string, path: string): { delayMs: number; failWith: number | null } {
    const state = this.#byWorkspace.get(workspace);
    if (!state) return { delayMs: 0, failWith: null };
    const s = state.settings;
    if (!path.startsWith(s.path_prefix) || (s.methods.length > 0 && !s.methods.includes(method as 'GET'))) {
      return { delayMs: 0, failWith: null };
    }
    const delayMs = s.latency_ms + (s.jitter_ms > 0 ? Math.floor(state.random() * s.jitter_ms) : 0);
    let fail = false;
    if (s.fail_next > 0) {
      fail = true;
      state.settings = { ...s, fail_next: s.fail_next - 1 };
    } else if (s.error_rate > 0 && state.random() < s.error_rate) fail = true;
    if (fail) state.injected++;
    return { delayMs, failWith: fail ? s.error_status : null };
  }
}

/** Applied after authentication on `/4.0`, before the route runs: an injected failure changes nothing. */
export function chaosMiddleware(chaos: Chaos): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const { delayMs, failWith } = chaos.decide(c.get('workspace').id, c.req.method, c.req.path);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (failWith !== null) {
      c.header('X-Sandbox-Chaos', 'injected');
      throw new PassFortError(
        failWith as 429,
        failWith === 429 ? ErrorCode.CHECK_LIMIT_REACHED : ErrorCode.UNKNOWN_INTERNAL_ERROR,
        `Injected by sandbox chaos (PUT /__sandbox/chaos): this call failed on purpose with ${failWith}; nothing was changed`,
        { chaos: true },
      );
    }
    await next();
  };
}

export function chaosRoutes(chaos: Chaos) {
  const tags = ['Sandbox: chaos'];
  const view = chaosSettings.extend({ injected: z.number().int() });
  return new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
    .openapi(
      createRoute({ method: 'get', path: '/chaos', tags, summary: 'Current API chaos of the workspace', responses: { 200: jsonResponse(view, 'Settings and how many calls were failed') } }),
      (c) => c.json(chaos.get(c.get('workspace').id), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/chaos',
        tags,
        summary: 'Set latency and error injection for /4.0 calls of this workspace (an empty object turns it off)',
        request: { body: jsonBody(chaosSettings) },
        responses: { 200: jsonResponse(view, 'The new settings') },
      }),
      (c) => {
        const settings = c.req.valid('json');
        const off = settings.latency_ms === 0 && settings.jitter_ms === 0 && settings.error_rate === 0 && settings.fail_next === 0;
        if (off) chaos.clear(c.get('workspace').id);
        else chaos.set(c.get('workspace').id, settings);
        return c.json(chaos.get(c.get('workspace').id), 200);
      },
    );
}
