import { describe, expect, it } from 'vitest';
import { ManualWallClock } from '../core/clock.js';
import { EventBus } from '../core/event-bus.js';
import { seededIds } from '../core/ids.js';
import { MemoryStore } from '../store/memory-store.js';
import { StoreWriteError, type Change } from '../store/store.js';
import type { DomainContext, Job, JobHandlers } from '../domain/context.js';
import { WorkspaceRegistry } from './registry.js';
import type { SandboxEvent } from './events.js';
import { OUTBOX } from './events.js';

const T0 = Date.UTC(2026, 0, 1);

function setup(jobs: JobHandlers = {}) {
  const store = new MemoryStore();
  const wall = new ManualWallClock(T0);
  const bus = new EventBus<SandboxEvent>((err) => {
    throw err;
  });
  const published: SandboxEvent[] = [];
  bus.subscribe((e) => published.push(e));
  const registry = WorkspaceRegistry.open({ store, wall, ids: seededIds(7), bus, jobs, defaultWorkspaceConfig: {}, defaultApiKey: 'k-default' });
  return { store, wall, bus, published, registry, ws: registry.default };
}

const put = (ctx: DomainContext, id: string, extra: object = {}) => ctx.repo.put('things', { id, ...extra });

describe('Workspace.run (the one mutation path)', () => {
  it('commits writes and events together and publishes only after the commit', () => {
    const { ws, store, published } = setup();
    const seenDuringRun: number[] = [];
    ws.run((ctx) => {
      put(ctx, 'a');
      ctx.emit('THING_CREATED', { id: 'a' });
      seenDuringRun.push(published.length);
      expect(ctx.repo.get('things', 'a')).toEqual({ id: 'a' }); // reads see own writes
    });
    expect(seenDuringRun).toEqual([0]);
    expect(store.get('w/default/things', 'a')).toEqual({ id: 'a' });
    expect(published.map((e) => [e.type, e.seq])).toEqual([['THING_CREATED', 1]]);
    expect([...store.values(`w/default/${OUTBOX}`)]).toHaveLength(1);
  });

  it('writes nothing and publishes nothing when the function throws', () => {
    const { ws, store, published } = setup();
    expect(() =>
      ws.run((ctx) => {
        put(ctx, 'a');
        ctx.emit('THING_CREATED', {});
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(store.get('w/default/things', 'a')).toBeUndefined();
    expect(published).toEqual([]);
  });

  it('writes nothing and publishes nothing when the store refuses the commit', () => {
    const { ws, store, published } = setup();
    const original = store.commit.bind(store);
    store.commit = (_changes: readonly Change[]) => {
      throw new StoreWriteError('disk full', null);
    };
    expect(() => ws.run((ctx) => (put(ctx, 'a'), ctx.emit('X', {})))).toThrow(StoreWriteError);
    store.commit = original;
    expect(store.get('w/default/things', 'a')).toBeUndefined();
    expect(published).toEqual([]);
  });

  it('numbers events per workspace without gaps', () => {
    const { ws, registry, published } = setup();
    const other = registry.create({ name: 'b', config: {} }).workspace;
    ws.run((ctx) => (ctx.emit('A', {}), ctx.emit('B', {})));
    other.run((ctx) => ctx.emit('C', {}));
    ws.run((ctx) => ctx.emit('D', {}));
    expect(published.filter((e) => e.workspace === 'default').map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(published.filter((e) => e.workspace === other.id).map((e) => e.seq)).toEqual([1]);
  });

  it('refuses writes in a read', () => {
    const { ws } = setup();
    expect(() => ws.read((ctx) => put(ctx, 'a'))).toThrow(/read-only/);
  });
});

describe('jobs on the workspace clock', () => {
  const handlers = (log: string[]): JobHandlers => ({
    expire: (ctx, job) => {
      log.push(`${job.payload.what}@${new Date(ctx.now).toISOString()}`);
      ctx.repo.put('things', { id: String(job.payload.what), expired: true });
      ctx.emit('EXPIRED', { what: job.payload.what });
    },
    chain: (ctx, job) => {
      log.push(`chain${job.payload.n}`);
      if (Number(job.payload.n) < 3) ctx.schedule({ id: 'chain:x', at: ctx.now + 1000, kind: 'chain', payload: { n: Number(job.payload.n) + 1 } });
    },
  });

  it('fires due jobs in order when the clock is advanced, each at its own due time', () => {
    const log: string[] = [];
    const { ws, store } = setup(handlers(log));
    ws.run((ctx) => {
      ctx.schedule({ id: 'expire:b', at: T0 + 2 * 86_400_000, kind: 'expire', payload: { what: 'b' } });
      ctx.schedule({ id: 'expire:a', at: T0 + 86_400_000, kind: 'expire', payload: { what: 'a' } });
      ctx.schedule({ id: 'expire:c', at: T0 + 10 * 86_400_000, kind: 'expire', payload: { what: 'c' } });
    });
    const { fired } = ws.advance(3 * 86_400_000);
    expect(fired).toBe(2);
    expect(log).toEqual(['a@2026-01-02T00:00:00.000Z', 'b@2026-01-03T00:00:00.000Z']);
    expect(ws.clock.nowMs()).toBe(T0 + 3 * 86_400_000);
    expect(store.get('w/default/things', 'c')).toBeUndefined();
    expect([...store.values<Job>('w/default/jobs')].map((j) => j.id)).toEqual(['expire:c']);
  });

  it('does not fire a job one second before it is due, and does one second after', () => {
    const log: string[] = [];
    const { ws } = setup(handlers(log));
    ws.run((ctx) => ctx.schedule({ id: 'expire:a', at: T0 + 90 * 86_400_000, kind: 'expire', payload: { what: 'a' } }));
    ws.advance(90 * 86_400_000 - 1000);
    expect(log).toEqual([]);
    ws.advance(2000);
    expect(log).toHaveLength(1);
  });

  it('cancelled jobs never fire; rescheduling replaces', () => {
    const log: string[] = [];
    const { ws } = setup(handlers(log));
    ws.run((ctx) => {
      ctx.schedule({ id: 'expire:a', at: T0 + 1000, kind: 'expire', payload: { what: 'a' } });
      ctx.schedule({ id: 'expire:b', at: T0 + 1000, kind: 'expire', payload: { what: 'b' } });
    });
    ws.run((ctx) => {
      ctx.cancel('expire:a');
      ctx.schedule({ id: 'expire:b', at: T0 + 5000, kind: 'expire', payload: { what: 'b2' } });
    });
    ws.advance(2000);
    expect(log).toEqual([]);
    ws.advance(5000);
    expect(log).toEqual(['b2@2026-01-01T00:00:05.000Z']);
  });

  it('runs a chain of jobs that reschedule themselves within one advance', () => {
    const log: string[] = [];
    const { ws } = setup(handlers(log));
    ws.run((ctx) => ctx.schedule({ id: 'chain:x', at: T0 + 1000, kind: 'chain', payload: { n: 1 } }));
    ws.advance(60_000);
    expect(log).toEqual(['chain1', 'chain2', 'chain3']);
  });

  it('fires due jobs when real time passes, before the next unit of work', () => {
    const log: string[] = [];
    const { ws, wall } = setup(handlers(log));
    ws.run((ctx) => ctx.schedule({ id: 'expire:a', at: T0 + 5000, kind: 'expire', payload: { what: 'a' } }));
    wall.tick(6000);
    ws.read(() => undefined);
    expect(log).toEqual(['a@2026-01-01T00:00:06.000Z']);
  });

  it('rebuilds its timers from stored jobs after a restart', () => {
    const log: string[] = [];
    const first = setup(handlers(log));
    first.ws.run((ctx) => ctx.schedule({ id: 'expire:a', at: T0 + 1000, kind: 'expire', payload: { what: 'a' } }));
    first.registry.close();
    const again = WorkspaceRegistry.open({
      store: first.store,
      wall: first.wall,
      ids: seededIds(8),
      bus: first.bus,
      jobs: handlers(log),
      defaultWorkspaceConfig: {},
    });
    again.default.advance(2000);
    expect(log).toHaveLength(1);
    expect(again.masterKeyOf('default')).toBe('k-default');
  });

  it('drops a job whose handler is missing, and says so on the bus', () => {
    const { ws, published } = setup({});
    const original = console.error;
    console.error = () => {};
    try {
      ws.run((ctx) => ctx.schedule({ id: 'mystery:1', at: T0 + 10, kind: 'mystery', payload: {} }));
      ws.advance(100);
    } finally {
      console.error = original;
    }
    expect(published.some((e) => e.type === 'JOB_FAILED' && e.data.kind === 'mystery')).toBe(true);
    expect(ws.timers.size).toBe(0);
  });
});

describe('reset and keys', () => {
  it('reset deletes data, jobs and scoped keys, keeps the master key, and returns the clock to real time', () => {
    const { ws, registry, store } = setup({ noop: () => {} });
    let scoped = '';
    ws.run((ctx) => {
      put(ctx, 'a');
      ctx.schedule({ id: 'noop:1', at: T0 + 1000, kind: 'noop', payload: {} });
      scoped = ctx.issueKey({ kind: 'collect', name: 'c', profile_ids: ['p'], expires_at: null });
    });
    ws.advance(86_400_000);
    expect(registry.authenticate(scoped)?.kind).toBe('collect');
    ws.reset();
    expect(store.get('w/default/things', 'a')).toBeUndefined();
    expect(ws.timers.size).toBe(0);
    expect(registry.authenticate(scoped)).toBeUndefined();
    expect(registry.authenticate('k-default')?.kind).toBe('master');
    expect(ws.clock.nowMs()).toBe(T0);
  });

  it('reports an expired scoped key as expired, on the workspace clock', () => {
    const { ws, registry } = setup();
    const key = ws.run((ctx) => ctx.issueKey({ kind: 'collect', name: 'c', profile_ids: ['p'], expires_at: T0 + 60_000 }));
    expect(registry.authenticate(key)?.kind).toBe('collect');
    ws.advance(60_000);
    expect(registry.authenticate(key)?.kind).toBe('expired');
  });
});

describe('Workspace.readCached', () => {
  const view = (ctx: DomainContext) => ({ thing: ctx.repo.get('things', 'a'), others: ctx.repo.list('others').length });

  it('keeps a result until a commit changes a document or collection it read', () => {
    const { ws } = setup();
    ws.run((ctx) => put(ctx, 'a', { v: 1 }));
    const once = ws.readCached('k', view); // a first read is not kept
    const first = ws.readCached('k', view);
    expect(first).toEqual({ thing: { id: 'a', v: 1 }, others: 0 });
    expect(first).not.toBe(once);
    expect(ws.readCached('k', view)).toBe(first);
    ws.run((ctx) => put(ctx, 'b')); // another document of the same collection: not read
    expect(ws.readCached('k', view)).toBe(first);
    ws.run((ctx) => ctx.repo.put('others', { id: 'x' })); // a collection it listed
    const second = ws.readCached('k', view);
    expect(second).toEqual({ thing: { id: 'a', v: 1 }, others: 1 });
    expect(ws.readCached('k', view)).toBe(second);
    ws.run((ctx) => put(ctx, 'a', { v: 2 })); // the document it read
    expect(ws.readCached('k', view)).toEqual({ thing: { id: 'a', v: 2 }, others: 1 });
    ws.reset();
    expect(ws.readCached('k', view)).toEqual({ thing: undefined, others: 0 });
  });

  it('does not keep what read the clock, ids or the caller, and refuses writes', () => {
    const { ws } = setup();
    const reads: ((ctx: DomainContext) => object)[] = [(ctx) => ({ t: ctx.now }), (ctx) => ({ a: ctx.actor.kind }), (ctx) => ({ i: ctx.ids.uuid() })];
    for (const read of reads) {
      expect(ws.readCached('t', read)).not.toBe(ws.readCached('t', read));
    }
    expect(() => ws.readCached('w', (ctx) => put(ctx, 'z'))).toThrow(/read-only/);
  });

  it('in the test suite, recomputes every hit and fails loudly on a stale one', () => {
    expect(process.env.PASSFORT_SANDBOX_CHECK).toBe('1');
    const { ws, store } = setup();
    ws.run((ctx) => put(ctx, 'a', { v: 1 }));
    ws.readCached('k', view);
    ws.readCached('k', view); // kept from the second read on
    // A write past the one mutation path, which the cache cannot see.
    store.commit([{ op: 'put', col: 'w/default/things', id: 'a', doc: { id: 'a', v: 9 } }]);
    expect(() => ws.readCached('k', view)).toThrow(/read cache: k was stale/);
  });
});
