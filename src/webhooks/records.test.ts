import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../store/memory-store.js';
import { DELIVERIES_KEPT, OUTBOX_KEPT, PRUNE_SLACK, WEBHOOK_DELIVERIES, deliveryId, pendingAfter, pruneChanges, selectDeliveries, type DeliveryRecord } from './records.js';

const P = 'w/ws/';
function storeWith(outbox: number, deliveries: number): MemoryStore {
  const store = new MemoryStore();
  const changes = [];
  for (let seq = 1; seq <= outbox; seq++) changes.push({ op: 'put' as const, col: `${P}outbox`, id: `e${seq}`, doc: { id: `e${seq}`, seq } });
  for (let n = 1; n <= deliveries; n++) changes.push({ op: 'put' as const, col: P + WEBHOOK_DELIVERIES, id: deliveryId(n), doc: { id: deliveryId(n), n } });
  store.commit(changes);
  return store;
}

describe('pruneChanges', () => {
  it('does nothing below the limits plus slack', () => {
    expect(pruneChanges(storeWith(OUTBOX_KEPT + PRUNE_SLACK - 1, DELIVERIES_KEPT), P, Number.MAX_SAFE_INTEGER, 1)).toEqual([]);
  });

  it('prunes the oldest settled outbox events down to the limit', () => {
    const n = OUTBOX_KEPT + PRUNE_SLACK;
    const dels = pruneChanges(storeWith(n, 0), P, n, 0);
    expect(dels).toHaveLength(PRUNE_SLACK);
    expect(dels[0]).toEqual({ op: 'del', col: `${P}outbox`, id: 'e1' });
    expect(dels.at(-1)).toEqual({ op: 'del', col: `${P}outbox`, id: `e${PRUNE_SLACK}` });
  });

  it('never prunes an event the receiver has not had', () => {
    const n = OUTBOX_KEPT + PRUNE_SLACK;
    expect(pruneChanges(storeWith(n, 0), P, 10, 0)).toHaveLength(10);
    expect(pruneChanges(storeWith(n, 0), P, 0, 0)).toEqual([]);
  });

  it('keeps the newest attempts of the deliveries log', () => {
    const dels = pruneChanges(storeWith(0, DELIVERIES_KEPT + 100), P, 0, 0);
    expect(dels).toHaveLength(100);
    expect(dels[0]!).toMatchObject({ id: deliveryId(1) });
  });
});

describe('pendingAfter', () => {
  const event = (seq: number) => ({ op: 'put' as const, col: 'w/x/outbox', id: `e${seq}`, doc: { id: `e${seq}`, seq, type: 'T', at: 0, data: {} } });
  const setup = () => {
    const store = new MemoryStore();
    store.commit([event(3), event(1), event(2), { op: 'put', col: 'w/x/meta', id: 'counters', doc: { id: 'counters', event_seq: 3 } }]);
    let reads = 0;
    const counting = Object.assign(Object.create(store) as MemoryStore, {
      values: <T>(col: string) => {
        if (col === 'w/x/outbox') reads++;
        return store.values<T>(col);
      },
    });
    return { store: counting, reads: () => reads };
  };

  it('gives the events after the cursor in seq order', () => {
    const { store } = setup();
    expect(pendingAfter(store, 'w/x/', 1).map((e) => e.seq)).toEqual([2, 3]);
  });

  it('does not read the outbox when the counter says the cursor is at the last event', () => {
    const { store, reads } = setup();
    expect(pendingAfter(store, 'w/x/', 3)).toEqual([]);
    expect(reads()).toBe(0);
    pendingAfter(store, 'w/x/', 2);
    expect(reads()).toBe(1);
  });
});

describe('selectDeliveries', () => {
  const records = [1, 2, 3, 4, 5].map((n) => ({ n, event_ids: n % 2 ? ['odd'] : ['even'] }) as unknown as DeliveryRecord);
  const ns = (list: DeliveryRecord[]) => list.map((d) => d.n);

  it('keeps records after `since`, of one event, and the last `limit` of what is left', () => {
    expect(ns(selectDeliveries(records, {}))).toEqual([1, 2, 3, 4, 5]);
    expect(ns(selectDeliveries(records, { since: 3 }))).toEqual([4, 5]);
    expect(ns(selectDeliveries(records, { eventId: 'odd' }))).toEqual([1, 3, 5]);
    expect(ns(selectDeliveries(records, { eventId: 'odd', limit: 2 }))).toEqual([3, 5]);
    expect(ns(selectDeliveries(records, { since: 1, eventId: 'even', limit: 1 }))).toEqual([4]);
  });
});
