/**
 * The built-in webhook receiver's memory: what arrived at each named sink, and the fault each
 * sink is told to play (answer an error status, answer late, or drop the connection), so tests
 * and demos can break "their handler" without writing one. In memory only: a sink is a test
 * fixture, not data.
 */

export interface SinkRecord {
  received_at: string;
  headers: Record<string, string>;
  body: unknown;
}

export type SinkFault =
  | { mode: 'status'; status: number; count: number | null }
  | { mode: 'delay'; delay_ms: number; count: number | null }
  | { mode: 'drop'; count: number | null };

export interface SinkFaultView {
  fault: SinkFault | null;
  /** Calls the current fault has answered (not recorded as received). */
  faulted_calls: number;
}

export const SINK_LIMITS = {
  /** Requests kept per sink; the oldest are dropped first. */
  records: 10_000,
  /** Body bytes kept per sink. */
  bytes: 64 * 1024 * 1024,
  /** Sinks kept; the least recently used goes first. */
  sinks: 200,
} as const;

interface Sink {
  records: SinkRecord[];
  sizes: number[];
  bytes: number;
  fault: SinkFault | null;
  faulted: number;
}

export type FaultAction = { kind: 'status'; status: number } | { kind: 'delay'; ms: number } | { kind: 'drop' } | null;

export class SinkStore {
  readonly #sinks = new Map<string, Sink>();
  readonly #now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  #sink(name: string, create = true): Sink | undefined {
    let sink = this.#sinks.get(name);
    if (sink) {
      // Map order is the LRU order.
      this.#sinks.delete(name);
      this.#sinks.set(name, sink);
      return sink;
    }
    if (!create) return undefined;
    sink = { records: [], sizes: [], bytes: 0, fault: null, faulted: 0 };
    this.#sinks.set(name, sink);
    while (this.#sinks.size > SINK_LIMITS.sinks) this.#sinks.delete(this.#sinks.keys().next().value!);
    return sink;
  }

  record(name: string, headers: Record<string, string>, body: unknown, bytes: number): SinkRecord {
    const sink = this.#sink(name)!;
    const rec: SinkRecord = { received_at: new Date(this.#now()).toISOString(), headers, body };
    sink.records.push(rec);
    sink.sizes.push(bytes);
    sink.bytes += bytes;
    while (sink.records.length > SINK_LIMITS.records || (sink.bytes > SINK_LIMITS.bytes && sink.records.length > 1)) {
      sink.records.shift();
      sink.bytes -= sink.sizes.shift()!;
    }
    return rec;
  }

  list(name: string): SinkRecord[] {
    return this.#sink(name, false)?.records ?? [];
  }

  /** Forgets what arrived (the fault stays). */
  clear(name: string): number {
    const sink = this.#sink(name, false);
    if (!sink) return 0;
    const n = sink.records.length;
    sink.records = [];
    sink.sizes = [];
    sink.bytes = 0;
    return n;
  }

  setFault(name: string, fault: SinkFault): SinkFaultView {
    const sink = this.#sink(name)!;
    sink.fault = fault;
    sink.faulted = 0;
    return this.fault(name);
  }

  clearFault(name: string): SinkFaultView {
    const sink = this.#sink(name, false);
    if (sink) {
      sink.fault = null;
      sink.faulted = 0;
    }
    return { fault: null, faulted_calls: 0 };
  }

  fault(name: string): SinkFaultView {
    const sink = this.#sink(name, false);
    return { fault: sink?.fault ?? null, faulted_calls: sink?.faulted ?? 0 };
  }

  /** What to do with the next call: consumes one use of a counted fault. */
  takeFault(name: string): FaultAction {
    const sink = this.#sink(name, false);
    const f = sink?.fault;
    if (!sink || !f) return null;
    if (f.count !== null) {
      const left = f.count - 1;
      sink.fault = left > 0 ? { ...f, count: left } : null;
    }
    sink.faulted++;
    if (f.mode === 'status') return { kind: 'status', status: f.status };
    if (f.mode === 'delay') return { kind: 'delay', ms: f.delay_ms };
    return { kind: 'drop' };
  }
}
