import { OpenAPIHono, z } from '@hono/zod-openapi';
import { isClockTime, MAX_CLOCK_MS, MIN_CLOCK_MS } from '../../core/clock.js';
import { invalidInput } from '../../core/errors.js';
import { parseDateTime, parseDuration } from '../../core/dates.js';
import type { Workspace } from '../../workspace/workspace.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, jsonResponse, passfortHook } from '../openapi.js';

const clockState = z.object({
  now: z.string().describe('Workspace time, ISO 8601 UTC'),
  frozen: z.boolean(),
  offset_ms: z.number().describe('(sandbox) how far the workspace clock is from real time'),
  next_due: z.string().nullable().describe('(sandbox) when the next scheduled work (expiry, async check, retry) is due'),
  fired: z.number().optional().describe('(sandbox) scheduled work that ran because of this move'),
});

export function clockView(ws: Workspace, fired?: number) {
  const next = ws.timers.next();
  return {
    now: ws.clock.now().toISOString(),
    frozen: ws.clock.frozen,
    offset_ms: ws.clock.offsetMs(),
    next_due: next === undefined ? null : new Date(next).toISOString(),
    ...(fired === undefined ? {} : { fired }),
  };
}

const tags = ['Sandbox: clock'];

export const CLOCK_RANGE = `${new Date(MIN_CLOCK_MS).toISOString()} to ${new Date(MAX_CLOCK_MS).toISOString()}`;
export const ClockMsg = {
  advanceOutOfRange: (by: unknown) => `by: moving the clock by ${JSON.stringify(by)} would leave the times it can show (${CLOCK_RANGE})`,
  setOutOfRange: (now: string) => `now: ${JSON.stringify(now)} is outside the times the clock can show (${CLOCK_RANGE})`,
};

export const clockRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({ method: 'get', path: '/clock', tags, summary: 'The workspace clock', responses: { 200: jsonResponse(clockState, 'Clock') } }),
    (c) => c.json(clockView(c.get('workspace')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clock/advance',
      tags,
      summary: 'Move the clock forward; due work (expiry, async checks, retries) runs in order',
      request: {
        body: jsonBody(
          z.strictObject({
            by: z.union([z.string().min(1), z.number().nonnegative()]).describe('"90d", "PT1H", "1h30m" or seconds'),
          }),
        ),
      },
      responses: { 200: jsonResponse(clockState, 'Clock after the move') },
    }),
    (c) => {
      const { by } = c.req.valid('json');
      const ms = parseDuration(by);
      if (ms === null) {
        throw invalidInput(`by: cannot read ${JSON.stringify(by)} as a duration; use "90d", "PT1H", "1h30m" or a number of seconds`, {
          field: 'by',
        });
      }
      if (!isClockTime(c.get('workspace').clock.nowMs() + ms)) throw invalidInput(ClockMsg.advanceOutOfRange(by), { field: 'by' });
      const { fired } = c.get('workspace').advance(ms);
      return c.json(clockView(c.get('workspace'), fired), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clock/set',
      tags,
      summary: 'Set the workspace time; moving forward runs due work, moving back runs nothing',
      request: { body: jsonBody(z.strictObject({ now: z.string().min(1).describe('ISO 8601 or YYYY-MM-DD hh:mm:ss (UTC)') })) },
      responses: { 200: jsonResponse(clockState, 'Clock after the change') },
    }),
    (c) => {
      const { now } = c.req.valid('json');
      const ms = parseDateTime(now);
      if (Number.isNaN(ms)) throw invalidInput(`now: cannot read ${JSON.stringify(now)} as a time; use ISO 8601 like 2026-01-31T09:00:00Z`, { field: 'now' });
      if (!isClockTime(ms)) throw invalidInput(ClockMsg.setOutOfRange(now), { field: 'now' });
      const { fired } = c.get('workspace').setTime(ms);
      return c.json(clockView(c.get('workspace'), fired), 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/clock/freeze', tags, summary: 'Stop the clock', responses: { 200: jsonResponse(clockState, 'Clock') } }),
    (c) => {
      c.get('workspace').freeze();
      return c.json(clockView(c.get('workspace')), 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/clock/resume', tags, summary: 'Let the clock run again from where it is', responses: { 200: jsonResponse(clockState, 'Clock') } }),
    (c) => {
      c.get('workspace').resume();
      return c.json(clockView(c.get('workspace')), 200);
    },
  );
