import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../store/memory-store.js';
import { DELIVERIES_KEPT, OUTBOX_KEPT, PRUNE_SLACK, WEBHOOK_DELIVERIES, deliveryId, pruneChanges } from './records.js';

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
