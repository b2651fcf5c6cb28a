import { isClockTime, VirtualClock, type WallClock } from '../core/clock.js';
import type { EventBus } from '../core/event-bus.js';
import { CHECK_MODE } from '../core/check-mode.js';
import type { IdGenerator } from '../core/ids.js';
import type { Store } from '../store/store.js';
import type { WorkspaceConfig } from '../config/schema.js';
import type { Actor, DomainContext, Job, JobHandlers, ScopedKey } from '../domain/context.js';
import { UnitOfWork } from './unit-of-work.js';
import { docDep, ReadCache } from './read-cache.js';
import { VirtualTimers } from './timers.js';
import { COUNTERS, COUNTERS_ID, JOBS, OUTBOX, type CountersDoc, type OutboxEvent, type SandboxEvent } from './events.js';
import type { WorkspaceMeta } from './meta.js';

export const WORKSPACES = 'workspaces';
export const KEYS = 'keys';

export interface KeyDoc extends Partial<Omit<ScopedKey, 'kind'>> {
  id: string;
  workspace: string;
  kind: 'master' | 'request' | 'collect';
  name: string;
}

export interface WorkspaceDeps {
  store: Store;
  wall: WallClock;
  ids: IdGenerator;
  bus: EventBus<SandboxEvent>;
  jobs: JobHandlers;
}

const SYSTEM_ACTOR: Actor = { kind: 'sandbox', name: 'passfort-sandbox' };

/**
 * One isolated PassFort account at run time: its clock, its timers and the one way to
 * change its data (`run`). A unit of work commits data, outbox events and jobs together,
 * then publishes the events; subscribers never run inside the commit.
 */
export class Workspace {
  readonly id: string;
  readonly clock: VirtualClock;
  #timers: VirtualTimers;
  #meta: WorkspaceMeta;
  #config: WorkspaceConfig;
  readonly #deps: WorkspaceDeps;
  readonly #prefix: string;
  readonly #reads = new ReadCache();

  constructor(meta: WorkspaceMeta, config: WorkspaceConfig, deps: WorkspaceDeps) {
    this.id = meta.id;
    this.#meta = meta;
    this.#config = config;
    this.#deps = deps;
    this.#prefix = `w/${meta.id}/`;
    this.clock = new VirtualClock(deps.wall, meta.clock);
    // A clock stored out of range (before versions that refused such moves) would break every date: start from real time.
    if (!isClockTime(this.clock.nowMs())) this.clock = new VirtualClock(deps.wall);
    this.#timers = new VirtualTimers(this.clock);
    for (const job of deps.store.values<Job>(this.#prefix + JOBS)) this.#armJob(job);
  }

  /** Timers on this workspace's clock (webhook retries use them too). */
  get timers(): VirtualTimers {
    return this.#timers;
  }

  get name(): string {
    return this.#meta.name;
  }

  get meta(): WorkspaceMeta {
    return this.#meta;
  }

  get config(): WorkspaceConfig {
    return this.#config;
  }

  get prefix(): string {
    return this.#prefix;
  }

  /** Runs `fn` as one unit of work and commits what it wrote. Throws whatever `fn` throws; then nothing is written. */
  run<R>(fn: (ctx: DomainContext) => R, actor: Actor = SYSTEM_ACTOR): R {
    this.catchUp();
    return this.#execute(fn, actor);
  }

  /** Runs a read-only function against current data (no commit). */
  read<R>(fn: (ctx: DomainContext) => R, actor: Actor = SYSTEM_ACTOR): R {
    this.catchUp();
    return this.#readOnly(fn, actor);
  }

  /**
   * `read`, with the result kept under `key` (from its second read on) until a commit changes
   * something `fn` read (see ReadCache). `fn` must depend on stored data and the config only; if
   * it reads the clock, ids or the caller, its result is not kept.
   */
  readCached<R>(key: string, fn: (ctx: DomainContext) => R): R {
    this.catchUp();
    const hit = this.#reads.get(key);
    if (hit && !CHECK_MODE) return hit.value as R;
    if (!hit && !this.#reads.admit(key)) return this.#readOnly(fn, SYSTEM_ACTOR);
    const deps = new Set<string>();
    let keep = true;
    const prefix = this.#prefix;
    const result = this.#readOnly(fn, SYSTEM_ACTOR, (base, uow) => ({
      ...base,
      repo: {
        get: (col, id) => (deps.add(docDep(prefix + col, id)), uow.get(col, id)),
        list: (col) => (deps.add(prefix + col), uow.list(col)),
        count: (col) => (deps.add(prefix + col), uow.count(col)),
        slice: (col, start, end) => (deps.add(prefix + col), uow.slice(col, start, end)),
        put: (col, doc) => uow.put(col, doc),
        add: (col, doc) => uow.add(col, doc),
        del: (col, id) => uow.del(col, id),
      },
      get now() {
        keep = false;
        return base.now;
      },
      get ids() {
        keep = false;
        return base.ids;
      },
      get actor() {
        keep = false;
        return base.actor;
      },
    }));
    if (hit) {
      if (JSON.stringify(hit.value) !== JSON.stringify(result)) {
        throw new Error(`read cache: ${key} was stale: ${JSON.stringify(hit.value).slice(0, 200)} … instead of ${JSON.stringify(result).slice(0, 200)} …`);
      }
      return hit.value as R;
    }
    if (keep) this.#reads.set(key, result, deps);
    return result;
  }

  /** `fn` on a unit of work that must not write; `wrap` may stand in for the context it sees. */
  #readOnly<R>(fn: (ctx: DomainContext) => R, actor: Actor, wrap?: (ctx: DomainContext, uow: UnitOfWork) => DomainContext): R {
    const uow = new UnitOfWork(this.#deps.store, this.#prefix);
    const { ctx } = this.#context(uow, actor);
    const result = fn(wrap ? wrap(ctx, uow) : ctx);
    if (uow.dirty) throw new Error('a read-only function tried to write; use run()');
    return result;
  }

  /** Fires work that became due while nobody looked (real timers can lag a little). */
  catchUp(): void {
    const next = this.timers.next();
    if (next !== undefined && next <= this.clock.nowMs()) this.timers.runDue();
  }

  #context(uow: UnitOfWork, actor: Actor) {
    const events: { type: string; data: Record<string, unknown> }[] = [];
    const ids = this.#deps.ids;
    const workspace = this.id;
    const ctx: DomainContext = {
      workspaceId: workspace,
      now: this.clock.nowMs(),
      ids,
      repo: uow,
      config: this.#config,
      actor,
      emit: (type, data) => void events.push({ type, data }),
      schedule: (job) => uow.put(JOBS, job),
      cancel: (jobId) => uow.del(JOBS, jobId),
      issueKey: (key) => {
        const id = ids.hex(23);
        uow.putGlobal(KEYS, id, { id, workspace, ...key } satisfies KeyDoc);
        return id;
      },
      revokeKey: (key) => uow.delGlobal(KEYS, key),
    };
    return { ctx, events };
  }

  #execute<R>(fn: (ctx: DomainContext) => R, actor: Actor): R {
    const uow = new UnitOfWork(this.#deps.store, this.#prefix);
    const { ctx, events } = this.#context(uow, actor);
    const result = fn(ctx);
    const stored: OutboxEvent[] = [];
    if (events.length > 0) {
      const counters = uow.get<CountersDoc>(COUNTERS, COUNTERS_ID) ?? { id: COUNTERS_ID, event_seq: 0 };
      let seq = counters.event_seq;
      for (const e of events) {
        const doc: OutboxEvent = { id: this.#deps.ids.uuid(), seq: ++seq, type: e.type, at: ctx.now, data: e.data };
        uow.add(OUTBOX, doc);
        stored.push(doc);
      }
      uow.put(COUNTERS, { ...counters, event_seq: seq });
    }
    if (!uow.dirty) return result;
    const changes = uow.changes();
    this.#deps.store.commit(changes);
    this.#reads.invalidate(changes);
    for (const [id, job] of uow.written(JOBS)) {
      if (job) this.#armJob(job as Job);
      else this.timers.clear(`job:${id}`);
    }
    for (const e of stored) this.#deps.bus.publish({ workspace: this.id, ...e });
    return result;
  }

  #armJob(job: Job): void {
    this.timers.set(`job:${job.id}`, job.at, () => this.#runJob(job.id));
  }

  #runJob(jobId: string): void {
    const job = this.#deps.store.get<Job>(this.#prefix + JOBS, jobId);
    if (!job) return;
    const handler = this.#deps.jobs[job.kind];
    try {
      this.#execute((ctx) => {
        ctx.cancel(job.id); // a handler that reschedules the same id puts it back
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        handler(ctx, job);
      }, SYSTEM_ACTOR);
    } catch (err) {
      // Drop a job that cannot run, or it would fire forever; say so where users look.
      console.error(`passfort-sandbox: job ${job.id} (${job.kind}) failed and was dropped:`, err);
      try {
        this.#execute((ctx) => ctx.cancel(job.id), SYSTEM_ACTOR);
      } catch {
        /* the store is failing; the job stays and is retried on the next move */
      }
      this.notify('JOB_FAILED', { job_id: job.id, kind: job.kind, error: String(err) });
    }
  }

  /** Publishes a runtime notice (not stored, not a webhook). */
  notify(type: string, data: Record<string, unknown>): void {
    this.#deps.bus.publish({ workspace: this.id, id: this.#deps.ids.uuid(), seq: null, type, at: this.clock.nowMs(), data });
  }

  // --- the clock -------------------------------------------------------------------------

  /** Moves the clock forward, firing due work at its own due time, in order. */
  advance(ms: number): { fired: number } {
    const from = this.clock.nowMs();
    const target = from + ms;
    // Checked before any job fires: a move that cannot finish must not run half of its work.
    if (!(ms >= 0) || !isClockTime(target)) throw new RangeError(`cannot move the clock by ${ms} ms from ${new Date(from).toISOString()}`);
    const fired = this.timers.runDue(target, (at) => {
      if (at > this.clock.nowMs()) this.clock.set(at);
    });
    this.clock.set(target);
    this.#clockChanged(from, fired);
    return { fired };
  }

  setTime(ms: number): { fired: number } {
    if (!isClockTime(ms)) throw new RangeError(`cannot set the clock to ${ms} ms`);
    const from = this.clock.nowMs();
    if (ms > from) return this.advance(ms - from);
    this.clock.set(ms);
    this.#clockChanged(from, 0);
    return { fired: 0 };
  }

  freeze(): void {
    this.clock.freeze();
    this.#clockChanged(this.clock.nowMs(), 0);
  }

  resume(): void {
    const from = this.clock.nowMs();
    this.clock.resume();
    this.#clockChanged(from, this.timers.runDue());
  }

  #clockChanged(from: number, fired: number): void {
    this.#saveMeta({ ...this.#meta, clock: this.clock.state() });
    this.timers.arm(true);
    this.notify('CLOCK_CHANGED', {
      from: new Date(from).toISOString(),
      now: this.clock.now().toISOString(),
      frozen: this.clock.frozen,
      fired,
    });
  }

  // --- configuration and lifecycle ------------------------------------------------------

  setConfig(config: WorkspaceConfig, raw: unknown): void {
    this.#saveMeta({ ...this.#meta, config: raw as WorkspaceMeta['config'] });
    this.#config = config;
    this.#reads.clear();
    this.notify('CONFIG_CHANGED', {});
  }

  #saveMeta(meta: WorkspaceMeta): void {
    this.#deps.store.commit([{ op: 'put', col: WORKSPACES, id: meta.id, doc: meta }]);
    this.#meta = meta;
  }

  /** Deletes the workspace's data and scoped keys, keeps its name, config and master key; the clock returns to real time. */
  reset(): void {
    const store = this.#deps.store;
    const keys: { op: 'del'; col: string; id: string }[] = [];
    for (const key of store.values<KeyDoc>(KEYS)) {
      if (key.workspace === this.id && key.kind !== 'master') keys.push({ op: 'del', col: KEYS, id: key.id });
    }
    this.timers.close();
    store.commit([{ op: 'drop', prefix: this.#prefix }, ...keys]);
    this.#reads.clear();
    this.#timers = new VirtualTimers(this.clock);
    this.clock.set(this.#deps.wall.now());
    this.clock.resume();
    this.#saveMeta({ ...this.#meta, clock: this.clock.state() });
    this.notify('WORKSPACE_RESET', {});
  }

  close(): void {
    this.timers.close();
  }
}
