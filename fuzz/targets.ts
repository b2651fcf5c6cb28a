import fc from 'fast-check';
import { OpenApiValidator, type OpenApiDoc } from '../src/conformance/openapi-validator.js';
import { exampleFor, RECIPES, TINY_PNG } from '../src/conformance/recipes.js';
import { bodyRecipe, renderBody, type BodyRecipe } from './body.js';
import { oddHeaders } from './headers.js';
import { json, send, type RawRequest } from './http.js';
import { person, type Fixtures } from './state.js';
import { extraQueryKey, idChoice, queryValue, renderId, type IdChoice } from './values.js';

/**
 * Fuzz targets: one per operation of the sandbox's own /openapi.json (the PassFort API, the
 * collection back end, the control API, the public sandbox routes), each with a good request
 * to start from and a generator of bad ones.
 */

export type Group = 'api' | 'collection' | 'control' | 'public' | 'inbox';
/** Which key a request carries: the one the route wants, or one it must refuse. */
export type AuthChoice = 'right' | 'none' | 'garbage' | 'empty' | 'query' | 'both' | 'master' | 'request' | 'collect' | 'stranger';

export interface Target {
  name: string;
  group: Group;
  method: string;
  /** Template with `{param}` segments. */
  path: string;
  params: string[];
  query: string[];
  body: boolean;
  /** The key the route takes. */
  auth: 'master' | 'request' | 'none';
  /** A good body for this route, from the fixtures. */
  good?: (fx: Fixtures) => unknown;
  /** Whether an answer with this status may have changed stored data (a refusal never may). */
  mayChange: (method: string, status: number) => boolean;
}

export interface Spec {
  ids: IdChoice[];
  query: { name: string; value: string | null; omit: boolean }[];
  extra: [string, string][];
  auth: AuthChoice;
  body: BodyRecipe | null;
  /** Rarely, another method on the same path. */
  method: string | null;
  /** Headers besides the key and the content type (fuzz/headers.ts). */
  headers: [string, string][];
}

const authChoice: fc.Arbitrary<AuthChoice> = fc.oneof(
  { arbitrary: fc.constant('right' as const), weight: 14 },
  { arbitrary: fc.constantFrom('none', 'garbage', 'empty', 'query', 'both', 'master', 'request', 'collect', 'stranger' as const), weight: 3 },
);

export function specFor(t: Target): fc.Arbitrary<Spec> {
  return fc.record({
    ids: fc.tuple(...t.params.map(() => idChoice)).map((a) => a as IdChoice[]),
    query: fc.tuple(
      ...t.query.map((name) =>
        fc.record({ name: fc.constant(name), value: fc.option(queryValue, { nil: null, freq: 2 }), omit: fc.boolean() }),
      ),
    ).map((a) => a as Spec['query']),
    extra: fc.array(fc.tuple(extraQueryKey, queryValue), { maxLength: 2 }),
    auth: authChoice,
    body: t.body ? bodyRecipe : fc.option(bodyRecipe, { nil: null, freq: 4 }),
    method: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), { nil: null, freq: 20 }),
    headers: oddHeaders,
  });
}

/** Sensible values for query parameters, so the other parameters' problems are reached. */
const GOOD_QUERY: Record<string, (fx: Fixtures) => string> = {
  limit: () => '5',
  offset: () => '0',
  q: () => 'Alex',
  mode: () => 'sync',
  country: () => 'GBR',
  country_code: () => 'GBR',
  query: () => 'Acme',
  address: () => '10 Downing',
  since: () => '0',
  profile_id: (fx) => fx.ids.profile_id ?? '',
  status: () => 'SENT',
  types: () => 'CHECK_*',
  last_event_id: () => '0',
  event_id: (fx) => fx.ids.event_id ?? '',
  request_id: (fx) => fx.ids.request_id ?? '',
  origin: () => 'http://127.0.0.1:3000',
  token: () => 'default',
  finished: () => '1',
};

export interface Keys {
  fx: Fixtures;
  /** The master key of a different workspace: must see nothing of this one. */
  stranger: string;
}

export function resolve(t: Target, spec: Spec, { fx, stranger }: Keys): RawRequest {
  const otherIds = Object.values(fx.ids);
  let i = 0;
  const path = t.path.replace(/\{([^}]+)\}/g, (_, name: string) => renderId(spec.ids[i++]!, fx.ids[name], otherIds));
  const q: string[] = [];
  for (const { name, value, omit } of spec.query) {
    if (omit) continue;
    q.push(`${name}=${value ?? encodeURIComponent(GOOD_QUERY[name]?.(fx) ?? 'x')}`);
  }
  for (const [k, v] of spec.extra) q.push(`${k}=${v}`);
  const right = t.auth === 'master' ? fx.key : t.auth === 'request' ? fx.requestKey : null;
  const headers: Record<string, string> = Object.fromEntries(spec.headers);
  switch (spec.auth) {
    case 'right':
      if (right) headers.apikey = right;
      break;
    case 'none':
      break;
    case 'garbage':
      headers.apikey = 'not-a-key-0000000000000000';
      break;
    case 'empty':
      headers.apikey = '';
      break;
    case 'query':
      if (right) q.push(`apikey=${encodeURIComponent(right)}`);
      break;
    case 'both':
      headers.apikey = 'not-a-key-0000000000000000';
      if (right) q.push(`apikey=${encodeURIComponent(right)}`);
      break;
    case 'master':
      headers.apikey = fx.key;
      break;
    case 'request':
      headers.apikey = fx.requestKey;
      break;
    case 'collect':
      headers.apikey = fx.collectKey;
      break;
    case 'stranger':
      headers.apikey = stranger;
      break;
  }
  const req: RawRequest = { method: spec.method ?? t.method, path: q.length ? `${path}?${q.join('&')}` : path, headers };
  if (spec.body) {
    const rendered = renderBody(t.good?.(fx), spec.body);
    if (rendered) {
      req.body = rendered.bytes;
      if (rendered.contentType !== null) headers['content-type'] = rendered.contentType;
    }
  }
  return req;
}

const notGet = (method: string, status: number) => method !== 'GET' && method !== 'HEAD' && status >= 200 && status < 300;

/** Answers that complete the seeded flow's first form (personal_details), so submit paths are reached too. */
const PERSONAL_ANSWERS = {
  given_names: 'Alex',
  family_name: 'Fuzz',
  dob: '1986-05-17',
  nationality: 'GBR',
  email: 'alex@example.com',
  address: { type: 'FREEFORM', country: 'GBR', text: '10 Fuzz Street, London' },
};

/** Good bodies of the routes outside PassFort's API, and of PassFort routes whose recipe needs preparing. */
const GOOD_BODIES: Record<string, (fx: Fixtures) => unknown> = {
  'POST /__sandbox/workspaces': () => ({ name: 'fuzzed' }),
  'POST /__sandbox/webhook-sink/{name}': () => ({ hello: 'sink' }),
  'PUT /__sandbox/webhook-sink/{name}/fault': () => ({ mode: 'status', status: 500, count: 1 }),
  'PATCH /collection/api/requests/{request_id}/forms/{form_id}/answers': () => ({ answers: PERSONAL_ANSWERS }),
  'POST /collection/api/requests/{request_id}/forms/{form_id}/validate': () => ({ answers: PERSONAL_ANSWERS }),
  'POST /collection/api/requests/{request_id}/forms/{form_id}/documents': () => ({ document_type: 'PASSPORT', element: 'FRONT', data: TINY_PNG }),
  'POST /collection/api/requests/{request_id}/forms/{form_id}/submit': () => ({ answers: PERSONAL_ANSWERS }),
  'PUT /__sandbox/config': () => ({ expiry_days: 30 }),
  'POST /__sandbox/clock/advance': () => ({ by: '1h' }),
  'POST /__sandbox/clock/set': () => ({ now: '2030-01-01T00:00:00Z' }),
  'POST /__sandbox/customer-requests/{id}/complete': () => ({ seed: 1 }),
  'PUT /__sandbox/chaos': () => ({ error_rate: 0 }),
  'PUT /__sandbox/webhooks': (fx) => ({ url: `/__sandbox/webhook-sink/${fx.ids.name}`, secret: 'fuzz', enabled: false }),
  'PATCH /__sandbox/webhooks': () => ({ batching: true }),
  'POST /__sandbox/webhooks/replay': (fx) => ({ event_id: fx.ids.event_id }),
  'POST /__sandbox/webhooks/trigger': () => ({ event: 'CHECK_COMPLETED', count: 1 }),
  'POST /4.0/profiles/{profile_id}/collected_data': () => person('Alex', 'Fuzzed').collected_data,
  'POST /4.0/profiles/{profile_id}/applications': (fx) => ({ product: { id: fx.ids.product_id } }),
  'POST /4.0/profiles/{profile_id}/applications/{application_id}': () => ({ status: 'REJECTED' }),
  'POST /4.0/profiles/{profile_id}/applications/{application_id}/revert_decision': () => ({ comment: 'fuzz' }),
  'POST /4.0/profiles/{profile_id}/tasks': () => ({ type: 'INDIVIDUAL_MANUAL_TASK' }),
  'POST /4.0/forms/profile/{profile_id}/customer_request': () => ({ type: 'FLOW', flow_template: { alias: 'individual_registration' }, theme: { alias: 'default' } }),
};

/**
 * After an accepted call, undoes what would make the rest of the run misleading: chaos would
 * turn later calls into deliberate 5xx, a running clock would move snapshots, a sink fault
 * would slow every later call to that sink. Keyed by the request, not the target: a method
 * swapped by the generator can reach these routes too.
 */
export async function tidyAfterAccepted(req: RawRequest, keys: Keys, base: string): Promise<void> {
  const path = req.path.split('?')[0]!;
  if (path.startsWith('/__sandbox/chaos')) {
    for (const key of [keys.fx.key, keys.stranger]) await json(base, 'PUT', '/__sandbox/chaos', key, {});
  } else if (path.startsWith('/__sandbox/clock')) {
    for (const key of [keys.fx.key, keys.stranger]) await json(base, 'POST', '/__sandbox/clock/freeze', key);
  } else if (/^\/__sandbox\/webhook-sink\/[^/]+\/fault/.test(path)) {
    await send(base, { method: 'DELETE', path });
  }
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the sandbox's OpenAPI document as a target. */
export function openApiTargets(doc: OpenApiDoc): Target[] {
  const validator = new OpenApiValidator(doc);
  const out: Target[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const method = m.toUpperCase();
      const name = `${method} ${path}`;
      const parameters = (op.parameters ?? []).map((p: any) => validator.resolve(p));
      const group: Group = path.startsWith('/4.0/')
        ? 'api'
        : path.startsWith('/collection/')
          ? 'collection'
          : /^\/__sandbox\/(workspaces|webhook-sink)/.test(path)
            ? 'public'
            : 'control';
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const recipe = RECIPES[`${method} ${path.replace(/^\/4\.0/, '')}`];
      const good: Target['good'] =
        GOOD_BODIES[name] ??
        (recipe?.body && !recipe.prepare
          ? (fx) => recipe.body!({ params: fx.ids, productId: fx.ids.product_id ?? null, addressId: null }, fx.ids)
          : schema
            ? () => exampleFor(validator, schema, 'body')
            : undefined);
      out.push({
        name,
        group,
        method,
        path,
        params: [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]!),
        query: parameters.filter((p: any) => p.in === 'query' && p.name !== 'apikey').map((p: any) => p.name),
        body: Boolean(op.requestBody),
        auth: group === 'collection' ? 'request' : group === 'public' ? 'none' : 'master',
        ...(good ? { good } : {}),
        mayChange: notGet,
      });
    }
  }
  return out;
}

/** Pages and scripts outside the OpenAPI document: the collection UI, the loaders, the docs. */
export const pageTargets: Target[] = (
  [
    ['/embed.js', [], 'none'],
    ['/collection/app', ['request_id', 'origin', 'problem'], 'none'],
    ['/collection/app/requests/{request_id}/view', ['finished'], 'request'],
    ['/theme', ['token', 'apikey', 'request_id'], 'none'],
    ['/onboarding', ['request_id', 'apikey'], 'none'],
    ['/onboarding/flow', ['request_id'], 'none'],
    ['/onboarding/done', [], 'none'],
    ['/docs', [], 'none'],
    ['/openapi.json', [], 'none'],
  ] as const
).map(([path, query, auth]) => ({
  name: `GET ${path}`,
  group: 'public' as const,
  method: 'GET',
  path,
  params: [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]!),
  query: [...query],
  body: false,
  auth,
  mayChange: notGet,
}));
