import fc from 'fast-check';
import { hashString } from '../src/core/ids.js';
import type { OpenApiDoc } from '../src/conformance/openapi-validator.js';
import { json, send, type RawRequest, type RawResponse } from './http.js';
import { inboxSnapshot, inboxTargets, seedInbox, tidyInbox } from './inbox.js';
import { runSmtpTarget } from './smtp-target.js';
import { diffSnapshots, fixturesAlive, seedWorkspace, snapshot, type Fixtures, type Snapshot } from './state.js';
import { openApiTargets, pageTargets, resolve, specFor, tidyAfterAccepted, type Keys, type Target } from './targets.js';

/**
 * The fuzzer: for every target, batches of generated bad requests; after each batch the
 * sandbox must still answer its health check, no answer may be a 5xx, and a batch of refused
 * requests must leave the workspace exactly as its API showed it before.
 */

export interface FuzzOptions {
  /** The sandbox's URL (`urls.api`). */
  api: string;
  /** The inbox's HTTP URL. */
  inbox: string;
  /** The inbox's SMTP address. */
  smtp: { host: string; port: number };
  seed: number;
  /** Stop starting new batches after this long. */
  seconds: number;
  /** At most this many inputs in total, shared equally between targets. */
  runs: number;
  /** Inputs per batch (one snapshot comparison per batch). */
  batch?: number;
  /** Only targets whose name matches. */
  only?: RegExp;
  /** One seeded workspace for every target (cheaper), instead of a new one per target. */
  sharedWorkspace?: boolean;
  /**
   * With a shared workspace: compare snapshots only after every N targets, with the refused
   * requests of all of them (default 1: after every batch). Saves snapshots in short runs.
   */
  checkEveryTargets?: number;
  /** Why the sandbox is gone (a child process that exited), or null while it runs. */
  gone?: () => string | null;
  log?: (line: string) => void;
}

export interface Failure {
  target: string;
  kind: '5xx' | 'envelope' | 'state' | 'crash' | 'smtp' | 'setup';
  detail: string;
  request?: string;
}

export interface TargetResult {
  name: string;
  group: string;
  inputs: number;
  /** Answers that may have changed data (2xx to a write). */
  accepted: number;
  statuses: Record<string, number>;
  /** Requests that got no answer, by reason. */
  noAnswer: Record<string, number>;
  /** A few of them, to look at. */
  noAnswerSamples: string[];
  /** Batches whose snapshot comparison ran. */
  checkedBatches: number;
  /** Time spent on this target, setup included. */
  ms: number;
}

export interface FuzzReport {
  seed: number;
  targets: TargetResult[];
  inputs: number;
  failures: Failure[];
  elapsedMs: number;
  crashed: boolean;
  /** Targets not fuzzed because the sandbox had crashed. */
  skipped: string[];
}

export function targetSeed(seed: number, name: string): number {
  return hashString(`${seed}:${name}`) | 0;
}

/** A request as text that can be replayed by hand: method, path, headers, body (base64 when not UTF-8). */
export function describeRequest(req: RawRequest): string {
  const body = req.body;
  let shown = '';
  if (body) {
    const text = body.toString('utf8');
    const printable = Buffer.from(text, 'utf8').equals(body);
    shown = printable ? ` body=${JSON.stringify(text.length > 600 ? `${text.slice(0, 600)}…(${body.length} bytes)` : text)}` : ` body(base64)=${body.subarray(0, 600).toString('base64')}${body.length > 600 ? `…(${body.length} bytes)` : ''}`;
  }
  const path = req.path.length > 300 ? `${req.path.slice(0, 300)}…(${req.path.length} chars)` : req.path;
  return `${req.method} ${path} headers=${JSON.stringify(req.headers ?? {})}${shown}`;
}

/** Requests sent since the last snapshot comparison, when comparisons span several targets. */
interface Pending {
  refused: RawRequest[];
  changed: boolean;
}

const GROUP_ORDER = ['inbox', 'smtp', 'public', 'collection', 'control', 'api'];

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const deadline = started + opts.seconds * 1000;
  const log = opts.log ?? (() => {});
  const batch = opts.batch ?? 20;
  const failures: Failure[] = [];
  const results: TargetResult[] = [];
  const skipped: string[] = [];
  let crashed = false;

  const doc = (await json(opts.api, 'GET', '/openapi.json', null)) as OpenApiDoc;
  const smtpTarget = { name: 'SMTP session', group: 'smtp' } as const;
  const all = [...openApiTargets(doc), ...pageTargets, ...inboxTargets, smtpTarget]
    .filter((t) => !opts.only || opts.only.test(t.name))
    .sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
  // An SMTP session takes as long as dozens of HTTP requests: it gets a bigger share of the time,
  // and a few more inputs than one HTTP target (a short run would otherwise spend most of it there).
  const weight = (t: { group: string }) => (t.group === 'smtp' ? 15 : 1);
  const inputWeight = (t: { group: string }) => (t.group === 'smtp' ? 2 : 1);
  let weightLeft = all.reduce((n, t) => n + weight(t), 0);
  let inputWeightLeft = all.reduce((n, t) => n + inputWeight(t), 0);
  // Inputs a target did not use (its time ran out first) go to the targets after it.
  const inputsFor = (t: { group: string }) => {
    const used = results.reduce((n, r) => n + r.inputs, 0);
    return Math.max(1, Math.ceil((Math.max(0, opts.runs - used) * inputWeight(t)) / inputWeightLeft));
  };
  const stranger = (await json(opts.api, 'POST', '/__sandbox/workspaces', null, { name: 'fuzz stranger' })).api_key as string;
  // A pool is a set of targets that fuzz the same data: the shared workspace, or the inbox (shared
  // by everything anyway). Within a pool, the last snapshot of a target is the first of the next,
  // and a comparison may cover several targets (checkEveryTargets).
  interface Pool {
    fx: Fixtures | null;
    snap: Snapshot | null;
    pending: Pending;
    targets: Target[];
    every: number;
  }
  const httpTargets = all.filter((t): t is Target => t.group !== 'smtp');
  const every = Math.max(1, opts.checkEveryTargets ?? 1);
  const pools = {
    inbox: { fx: null, snap: null, pending: { refused: [], changed: false }, targets: httpTargets.filter((t) => t.group === 'inbox'), every } as Pool,
    api: { fx: null, snap: null, pending: { refused: [], changed: false }, targets: httpTargets.filter((t) => t.group !== 'inbox'), every: opts.sharedWorkspace ? every : 1 } as Pool,
  };

  const healthy = async (): Promise<string | null> => {
    const why = opts.gone?.();
    if (why) return why;
    const res = await send(opts.api, { method: 'GET', path: '/__sandbox/health' }, 5_000);
    if (res.status !== 200) return `GET /__sandbox/health answered ${res.status ?? res.error}`;
    const inbox = await send(opts.inbox, { method: 'GET', path: '/livez' }, 5_000);
    if (inbox.status !== 200) return `GET /livez on the inbox answered ${inbox.status ?? inbox.error}`;
    return null;
  };

  for (const target of all) {
    if (crashed) {
      skipped.push(target.name);
      continue;
    }
    // Every target gets at least one batch, even when earlier ones used up the time.
    const left = deadline - Date.now();
    const overTime = left <= 0;
    const timeSlice = overTime ? 0 : (left * weight(target)) / weightLeft;
    const perTarget = overTime ? (target.group === 'smtp' ? 4 : batch) : inputsFor(target);
    weightLeft -= weight(target);
    inputWeightLeft -= inputWeight(target);
    const result: TargetResult = { name: target.name, group: target.group, inputs: 0, accepted: 0, statuses: {}, noAnswer: {}, noAnswerSamples: [], checkedBatches: 0, ms: 0 };
    const targetStarted = Date.now();
    results.push(result);
    try {
      if (target.group === 'smtp') {
        const outcome = await runSmtpTarget({ ...opts.smtp, inbox: opts.inbox, seed: targetSeed(opts.seed, target.name), inputs: perTarget, timeMs: timeSlice, healthy, result });
        failures.push(...outcome.failures.map((f) => ({ target: target.name, ...f })));
        crashed ||= outcome.crashed;
      } else {
        const t = target as Target;
        const inbox = t.group === 'inbox';
        const pool = inbox ? pools.inbox : pools.api;
        const shared = inbox || opts.sharedWorkspace === true;
        if (inbox) {
          const seeded = await seedInbox(opts.inbox);
          pool.fx = seeded.fx;
          if (seeded.touched) pool.snap = null; // the seeding changed the inbox: a new baseline
        } else if (!shared || !pool.fx) {
          pool.fx = await seedWorkspace(opts.api, shared ? 'fuzz shared' : `fuzz ${t.name}`.slice(0, 200));
          pool.snap = null;
        }
        const position = pool.targets.indexOf(t);
        const defer = shared && pool.every > 1 && pool.snap !== null && (position + 1) % pool.every !== 0 && position !== pool.targets.length - 1;
        const outcome = await fuzzTarget(t, { ...opts, batch }, {
          keys: { fx: pool.fx!, stranger },
          inbox,
          maxInputs: perTarget,
          timeMs: timeSlice,
          result,
          healthy,
          carried: shared ? pool.snap : null,
          pending: shared ? pool.pending : null,
          defer,
        });
        failures.push(...outcome.failures);
        crashed ||= outcome.crashed;
        pool.snap = outcome.alive ? outcome.last : null;
        if (!outcome.alive) pool.fx = null; // emptied by a fuzzed reset: seed again
      }
    } catch (err) {
      pools.inbox.snap = pools.api.snap = null;
      failures.push({ target: target.name, kind: 'setup', detail: (err as Error).message });
      const why = await healthy().catch((e: Error) => e.message);
      if (why) {
        failures.push({ target: target.name, kind: 'crash', detail: why });
        crashed = true;
      }
    }
    result.ms = Date.now() - targetStarted;
    log(`${target.name}: ${result.ms} ms, ${result.inputs} inputs, ${result.accepted} accepted, ${Object.keys(result.noAnswer).length ? `no answer ${JSON.stringify(result.noAnswer)}, ` : ''}statuses ${JSON.stringify(result.statuses)}`);
  }
  return { seed: opts.seed, targets: results, inputs: results.reduce((n, r) => n + r.inputs, 0), failures, elapsedMs: Date.now() - started, crashed, skipped };
}

/** Groups whose refusals are PassFort's error envelope (the inbox speaks Mailpit; public routes include the webhook sink). */
const ENVELOPED = new Set(['api', 'control', 'collection']);
/** Answered by Node before the sandbox sees the request: 417, an Expect it does not know. */
const NODE_ANSWERS = new Set([417]);
/** A header block over 16 KB whose first bytes had already been read gets the status alone (src/net/client-errors.ts). */
const bareOverflow = (res: RawResponse) => res.status === 431 && res.bytes === 0;

/** About how many bytes the request line and headers take on the wire. */
function headBytes(req: RawRequest): number {
  return req.method.length + req.path.length + 11 + Object.entries(req.headers ?? {}).reduce((n, [k, v]) => n + k.length + Buffer.byteLength(v) + 4, 0);
}

function isEnvelope(res: RawResponse): boolean {
  // An answer longer than what the fuzzer keeps can only be judged by how it starts.
  if (res.bytes > Buffer.byteLength(res.text)) return /^\{"errors":\[\{"code":\d+,"message":"[^"]/.test(res.text);
  try {
    const body = JSON.parse(res.text) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = body.errors?.[0];
    return typeof first?.code === 'number' && typeof first.message === 'string' && first.message.length > 0;
  } catch {
    return false;
  }
}

interface TargetRun {
  keys: Keys;
  inbox: boolean;
  maxInputs: number;
  timeMs: number;
  result: TargetResult;
  healthy: () => Promise<string | null>;
  /** The snapshot the previous target ended with (shared workspace), or null to take one. */
  carried: Snapshot | null;
  /** Refused requests of earlier targets not compared yet; null outside the shared workspace. */
  pending: Pending | null;
  /** Leave the comparison to a later target: add this target's requests to `pending`. */
  defer: boolean;
}

async function fuzzTarget(t: Target, opts: FuzzOptions & { batch: number }, run: TargetRun): Promise<{ failures: Failure[]; crashed: boolean; alive: boolean; last: Snapshot }> {
  const { keys, inbox, maxInputs, timeMs, result, healthy, carried, pending, defer } = run;
  const base = inbox ? opts.inbox : opts.api;
  const snap = (): Promise<Snapshot> => (inbox ? inboxSnapshot(opts.inbox) : snapshot(opts.api, keys.fx));
  const failures: Failure[] = [];
  const seen = new Set<string>();
  const fail = (f: Omit<Failure, 'target'>) => {
    // One report per kind of failure and status, not one per input that hits it.
    const key = `${f.kind} ${f.detail.slice(0, 80)}`;
    if (seen.has(key) || failures.length >= 20) return;
    seen.add(key);
    failures.push({ target: t.name, ...f });
  };
  let crashed = false;
  let baseline = carried ?? (await snap());
  // A snapshot must be stable by itself, or comparisons mean nothing (checked once per fixture set).
  const unstable = carried ? [] : diffSnapshots(baseline, await snap());
  const stable = unstable.length === 0;
  if (!stable) fail({ kind: 'setup', detail: `two snapshots in a row differ: ${unstable.join('; ')}` });

  const fire = async (req: RawRequest): Promise<RawResponse> => {
    const res = await send(base, req);
    result.inputs++;
    const key = res.status === null ? 'none' : String(res.status);
    result.statuses[key] = (result.statuses[key] ?? 0) + 1;
    if (res.status === null) {
      // A request line and headers over Node's 16 KB limit are refused by its parser; both servers
      // answer 431 and drain what the client still sends (src/net/client-errors.ts), but a client
      // can still meet a reset there. That is the limit, not a route giving no answer.
      const why = headBytes(req) > 16_000 ? `${res.error} (request line and headers over 16 KB: 431 and close)` : (res.error ?? '?');
      result.noAnswer[why] = (result.noAnswer[why] ?? 0) + 1;
      if (result.noAnswerSamples.length < 3) result.noAnswerSamples.push(`${res.error}: ${describeRequest(req).slice(0, 400)}`);
    }
    else if (res.status >= 500) fail({ kind: '5xx', detail: `answered ${res.status}: ${res.text.slice(0, 300)}`, request: describeRequest(req) });
    else if (res.status >= 400 && ENVELOPED.has(t.group) && !NODE_ANSWERS.has(res.status) && req.method !== 'HEAD' && !bareOverflow(res) && !isEnvelope(res)) {
      fail({ kind: 'envelope', detail: `answered ${res.status} outside PassFort's error envelope: ${res.text.slice(0, 200) || '(no body)'}`, request: describeRequest(req) });
    }
    return res;
  };
  const changes = (req: RawRequest, res: RawResponse) => res.status !== null && t.mayChange(req.method, res.status);

  /** Finds which of the refused requests changed the data, one at a time. */
  const bisect = async (refused: RawRequest[], diff: string[]) => {
    let before = await snap();
    for (const req of refused) {
      const res = await send(base, req);
      const after = await snap();
      const d = diffSnapshots(before, after);
      if (d.length && !changes(req, res)) return fail({ kind: 'state', detail: `a refused request (${res.status}) changed data: ${d.join('; ')}`, request: describeRequest(req) });
      before = after;
    }
    fail({ kind: 'state', detail: `a batch of refused requests changed data, no single one did again: ${diff.join('; ')}`, request: refused.map(describeRequest).join('\n') });
  };

  // The time limit is checked here rather than with fast-check's interrupt, which returns without
  // waiting for the run in flight: that run would go on sending into the next target's workspace.
  const deadline = Date.now() + timeMs;
  let firstRun = true;
  const property = fc.asyncProperty(fc.array(specFor(t), { minLength: opts.batch, maxLength: opts.batch }), async (specs) => {
    if (crashed || result.inputs >= maxInputs || (!firstRun && Date.now() >= deadline)) return;
    firstRun = false;
    const refused: RawRequest[] = [];
    let changed = false;
    for (const spec of specs) {
      if (result.inputs >= maxInputs) break;
      const req = resolve(t, spec, keys);
      const res = await fire(req);
      if (changes(req, res)) {
        changed = true;
        result.accepted++;
        if (inbox) await tidyInbox(req.method, req.path, res.status!, base);
        else await tidyAfterAccepted(req, keys, opts.api);
      } else refused.push(req);
    }
    const why = await healthy();
    if (why) {
      crashed = true;
      return void fail({ kind: 'crash', detail: `the sandbox stopped answering after this batch: ${why}`, request: refused.map(describeRequest).slice(-5).join('\n') });
    }
    if (pending) {
      refused.unshift(...pending.refused);
      changed ||= pending.changed;
      pending.refused = [];
      pending.changed = false;
      if (defer) {
        pending.refused = refused;
        pending.changed = changed;
        return;
      }
    }
    let after = await snap();
    if (stable && !changed) {
      result.checkedBatches++;
      const diff = diffSnapshots(baseline, after);
      if (diff.length) {
        await bisect(refused, diff);
        after = await snap();
      }
    } else if (stable && refused.length) {
      // Something was accepted: send the refused ones again on the new state; they must change nothing there.
      let again = false;
      for (const req of refused) again = changes(req, await send(base, req)) || again;
      const replayed = await snap();
      if (!again) {
        result.checkedBatches++;
        const diff = diffSnapshots(after, replayed);
        if (diff.length) await bisect(refused, diff);
      }
      after = await snap();
    }
    baseline = after;
  });
  await fc.check(property, {
    seed: targetSeed(opts.seed, t.name),
    numRuns: timeMs > 0 ? Math.ceil(maxInputs / opts.batch) + 1 : 1,
  });
  return { failures, crashed, alive: inbox || fixturesAlive(baseline), last: baseline };
}
