import { OpenApiValidator, type OpenApiDoc, type Schema } from './openapi-validator.js';
import { exampleFor, makeFixtures, RECIPES, type Recipe } from './recipes.js';

/**
 * The conformance sweep: calls every operation of an OpenAPI document against a running
 * PassFort API (the sandbox) with valid inputs, and checks each answer against the
 * document's own response schema. Fixtures (profiles, tasks, checks, …) are made through the
 * API first, so the sweep needs nothing but a base URL and a key.
 */

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface SweepOptions {
  spec: OpenApiDoc;
  /** Where the API answers, without the version path: `http://127.0.0.1:8400`. */
  baseUrl: string;
  apiKey: string;
  fetch?: FetchLike;
}

export interface SweepRow {
  operation: string;
  status: number | null;
  ok: boolean;
  /** The first schema error, the API's error message, or why the call could not be made. */
  problem: string | null;
  /** Not called, and why (operations outside the PassFort API, like the sandbox's control API). */
  skipped?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The path prefix of the document's first server (`/4.0` for PassFort's own file). */
export function basePathOf(spec: OpenApiDoc): string {
  const url = spec.servers?.[0]?.url;
  if (!url) return '';
  try {
    return new URL(url, 'http://base.invalid').pathname.replace(/\/$/, '');
  } catch {
    return '';
  }
}

export interface Caller {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

/** Calls the PassFort API under `/4.0` with the key in the `apikey` header. */
export function makeCaller(opts: SweepOptions): Caller & { raw: (method: string, fullPath: string, body?: unknown) => Promise<{ status: number; body: any }> } {
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const raw = async (method: string, fullPath: string, body?: unknown) => {
    const init: RequestInit = { method: method.toUpperCase(), headers: { apikey: opts.apiKey, accept: 'application/json' } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await doFetch(`${opts.baseUrl.replace(/\/$/, '')}${fullPath}`, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: reported as is */
    }
    return { status: res.status, body: parsed };
  };
  return { raw, call: (method, path, body) => raw(method, `/4.0${path}`, body) };
}

function responseSchema(op: any, status: number): Schema | undefined {
  const responses = op.responses ?? {};
  const entry = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  return entry?.content?.['application/json']?.schema;
}

function firstApiError(body: any): string {
  const e = body?.errors?.[0] ?? body?.errors;
  if (e?.message) return `${e.code ?? ''} ${e.message}`.trim();
  return typeof body === 'string' ? body.slice(0, 120) : JSON.stringify(body)?.slice(0, 120) ?? '(empty body)';
}

/** Fills `{name}` path parameters from the fixtures (or the parameter's own example). */
function fillPath(path: string, params: Record<string, string>, op: any, validator: OpenApiValidator): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (params[name] !== undefined) return encodeURIComponent(params[name]!);
    const param = (op.parameters ?? []).map((p: any) => validator.resolve(p)).find((p: any) => p.name === name);
    return encodeURIComponent(String(exampleFor(validator, param?.schema ?? {}, name) ?? name));
  });
}

function queryFor(op: any, recipeQuery: Record<string, string> | undefined, validator: OpenApiValidator): string {
  const query = new URLSearchParams(recipeQuery ?? {});
  for (const raw of op.parameters ?? []) {
    const p = validator.resolve(raw);
    if (p.in !== 'query' || !p.required || query.has(p.name)) continue;
    query.set(p.name, String(exampleFor(validator, p.schema ?? {}, p.name)));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

export async function runSweep(opts: SweepOptions): Promise<SweepRow[]> {
  const validator = new OpenApiValidator(opts.spec);
  const caller = makeCaller(opts);
  const base = basePathOf(opts.spec);
  const fixtures = await makeFixtures(caller);
  const rows: SweepRow[] = [];
  for (const [path, item] of Object.entries(opts.spec.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const operation = `${method.toUpperCase()} ${path}`;
      // A document without a server prefix (the sandbox's own) names full paths: only /4.0 is PassFort's.
      if (!base && !path.startsWith('/4.0/')) {
        rows.push({ operation, status: null, ok: true, problem: null, skipped: 'not part of the PassFort API' });
        continue;
      }
      // Recipes are keyed by the path under /4.0, whichever document names it.
      const apiPath = base ? path : path.replace(/^\/4\.0(?=\/)/, '');
      const recipe: Recipe | undefined = RECIPES[`${method.toUpperCase()} ${apiPath}`];
      try {
        const prepared = recipe?.prepare ? await recipe.prepare(caller, fixtures) : {};
        const params = { ...fixtures.params, ...prepared.params };
        const url = `${base}${fillPath(path, params, op, validator)}${queryFor(op, prepared.query ?? recipe?.query, validator)}`;
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        const body =
          prepared.body !== undefined ? prepared.body : recipe?.body ? recipe.body(fixtures, params) : bodySchema ? exampleFor(validator, bodySchema, 'body') : undefined;
        const res = await caller.raw(method, url, body);
        if (res.status < 200 || res.status >= 300) {
          rows.push({ operation, status: res.status, ok: false, problem: firstApiError(res.body) });
          continue;
        }
        const schema = responseSchema(op, res.status);
        const errors = schema ? validator.validate(schema, res.body) : [];
        rows.push({ operation, status: res.status, ok: errors.length === 0, problem: errors[0] ? `${errors[0].path} ${errors[0].message}` : null });
      } catch (err) {
        rows.push({ operation, status: null, ok: false, problem: `could not call: ${(err as Error).message}` });
      }
    }
  }
  return rows;
}

/** The result as a plain-text table, one operation per line, and a summary. */
export function formatTable(rows: SweepRow[]): string {
  const w = Math.min(80, Math.max(9, ...rows.map((r) => r.operation.length)));
  const lines = [`${'operation'.padEnd(w)}  status  result`, `${'-'.repeat(w)}  ------  ------`];
  for (const r of rows) {
    const result = r.skipped ? `skipped: ${r.skipped}` : r.ok ? 'valid' : `FAIL ${r.problem ?? ''}`;
    lines.push(`${r.operation.padEnd(w)}  ${String(r.status ?? '-').padEnd(6)}  ${result}`);
  }
  lines.push('', summarize(rows));
  return lines.join('\n');
}

export function summarize(all: SweepRow[]): string {
  const rows = all.filter((r) => !r.skipped);
  const skipped = all.length - rows.length;
  const answered = rows.filter((r) => r.status !== null && r.status >= 200 && r.status < 300).length;
  const valid = rows.filter((r) => r.ok).length;
  return `${rows.length} operations: ${answered} answered 2xx, ${valid} valid against the schema, ${rows.length - valid} failed${skipped ? ` (${skipped} skipped)` : ''}`;
}
