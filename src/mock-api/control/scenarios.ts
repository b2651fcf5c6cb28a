import { OpenAPIHono, z } from '@hono/zod-openapi';
import { CHECK_META, DEFAULT_OUTCOME, KEYWORD_RULES, ASYNC_COMPLETE_AFTER_MS, ASYNC_RUNNING_AFTER_MS, defaultMode } from '../../domain/checks.js';
import type { CheckType } from '../../config/products.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';

const scenarios = z.object({
  how: z.string(),
  keywords: z.array(
    z.object({
      keyword: z.string(),
      description: z.string(),
      results: z.record(z.string(), z.string()),
      screening_event: z.string().nullable(),
      sandbox_only: z.boolean(),
      example: z.string(),
    }),
  ),
  default: z.string(),
  precedence: z.array(z.string()),
  check_types: z.array(z.object({ check_type: z.string(), runs_on: z.string(), results: z.array(z.string()), default_mode: z.string() })),
  async_timing: z.object({ running_after_ms: z.number(), complete_after_ms: z.number() }),
});

const EXAMPLES: Record<string, string> = {
  error: '{"given_names": ["Alex"], "family_name": "Error"}',
  fail: '{"given_names": ["Fail"], "family_name": "Wheeler"}',
  sanction: '{"given_names": ["Alex"], "family_name": "Sanction"}',
  pep: '{"given_names": ["Pep"], "family_name": "Wheeler"}',
  media: 'company "Acme Media Ltd"',
  refer: '{"given_names": ["Alex"], "family_name": "Refer"}',
  partial: 'company "Partial Holdings Ltd"',
};

/** `GET /__sandbox/scenarios`: the demo keyword table (CONTRACT §4), straight from the rules the checks use. */
export const scenarioRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook }).openapi(
  createRoute({
    method: 'get',
    path: '/scenarios',
    tags: ['Sandbox: scenarios'],
    summary: 'The demo outcomes: which keyword in a profile name forces which check result',
    responses: { 200: resourceResponse(scenarios, 'The keyword table') },
  }),
  (c) =>
    c.json(
      {
        how: 'Put a keyword as a whole word in the given or family names (individuals) or in the company name. Matching ignores case; several keywords combine.',
        keywords: KEYWORD_RULES.map((r) => ({
          keyword: r.keyword,
          description: r.description,
          results: r.results,
          screening_event: r.screening_flag ?? null,
          sandbox_only: r.sandbox_only ?? false,
          example: EXAMPLES[r.keyword] ?? '',
        })),
        default: DEFAULT_OUTCOME,
        precedence: KEYWORD_RULES.map((r) => r.keyword),
        check_types: (Object.keys(CHECK_META) as CheckType[]).map((t) => ({
          check_type: t,
          runs_on: CHECK_META[t].entity,
          results: [...CHECK_META[t].results],
          default_mode: defaultMode(t),
        })),
        async_timing: { running_after_ms: ASYNC_RUNNING_AFTER_MS, complete_after_ms: ASYNC_COMPLETE_AFTER_MS },
      },
      200,
    ),
);
