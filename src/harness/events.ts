import { defaultTimeoutMs, describeValue, WaitTimeoutError, type WaitOptions } from './wait.js';

/**
 * The workspace's event stream (`GET /__sandbox/events`, server-sent events) seen from a test:
 * opened on first use with `last_event_id=0`, so the stored events from before the subscription
 * are replayed first and a wait can never miss what already happened. Waits here are
 * event-based: they resolve the moment a matching event arrives.
 */

export interface StreamEvent<D = Record<string, unknown>> {
  /** The event's id; null for runtime notices. */
  id: string | null;
  /** Outbox sequence number; null for runtime notices (webhook attempts, clock moves). */
  seq: number | null;
  type: string;
  /** Workspace time, ISO 8601. */
  at: string;
  data: D;
}

/** An incremental parser of `text/event-stream`: feed it chunks, it returns complete messages. */
export class SseParser {
  #buffer = '';
  push(chunk: string): { event: string; data: string; id: string | null }[] {
    this.#buffer += chunk;
    const out: { event: string; data: string; id: string | null }[] = [];
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.#buffer);
      if (!match) break;
      const block = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      let event = 'message';
      let id: string | null = null;
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') id = value;
      }
      if (data.length) out.push({ event, data: data.join('\n'), id });
    }
    return out;
  }
}

type Matcher = (e: StreamEvent) => boolean;
interface Waiter {
  match: Matcher;
  resolve: (e: StreamEvent) => void;
}

export class WorkspaceEvents {
  readonly seen: StreamEvent[] = [];
  #waiters = new Set<Waiter>();
  #opened: Promise<void> | undefined;
  #abort = new AbortController();
  #error: unknown;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly fetchImpl: (input: string, init?: RequestInit) => Response | Promise<Response> = (i, o) => fetch(i, o),
  ) {}

  /** Starts the subscription (idempotent); resolves when the stream said `ready`. */
  open(): Promise<void> {
    return (this.#opened ??= this.#run());
  }

  async #run(): Promise<void> {
    const res = await this.fetchImpl(`${this.baseUrl}/__sandbox/events?last_event_id=0`, {
      headers: { apikey: this.apiKey, accept: 'text/event-stream' },
      signal: this.#abort.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`GET /__sandbox/events answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    let ready!: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const msg of parser.push(value)) {
            if (msg.event === 'ready') ready();
            else if (msg.event !== 'overflow') this.#add(JSON.parse(msg.data) as StreamEvent);
          }
        }
      } catch (err) {
        if (!this.#abort.signal.aborted) this.#error = err;
      } finally {
        ready();
      }
    })();
    await isReady;
  }

  #add(e: StreamEvent): void {
    this.seen.push(e);
    for (const w of this.#waiters) {
      if (w.match(e)) {
        this.#waiters.delete(w);
        w.resolve(e);
      }
    }
  }

  /** Events of these types seen so far (after `open()`), oldest first. */
  ofType<D = Record<string, unknown>>(...types: string[]): StreamEvent<D>[] {
    return this.seen.filter((e) => types.includes(e.type)) as StreamEvent<D>[];
  }

  /**
   * The first event (already seen, or still to come) of `type` whose data passes `where`.
   * The time-out error names the awaited event and lists the last events that did arrive.
   */
  async waitFor<D = Record<string, unknown>>(
    type: string,
    where: (data: D, e: StreamEvent<D>) => boolean = () => true,
    options: WaitOptions & { what?: string } = {},
  ): Promise<StreamEvent<D>> {
    await this.open();
    const match: Matcher = (e) => e.type === type && where(e.data as D, e as StreamEvent<D>);
    const found = this.seen.find(match);
    if (found) return found as StreamEvent<D>;
    const timeout = options.timeout ?? defaultTimeoutMs();
    const what = options.what ?? `a ${type} event${where.length ? ' that matches' : ''}`;
    return new Promise<StreamEvent<D>>((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as StreamEvent<D>);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new WaitTimeoutError(what, this.describeRecent(type), timeout, `${this.seen.length} events seen`));
      }, timeout);
      this.#waiters.add(waiter);
    });
  }

  /** "3 CUSTOMER_REQUEST_CHANGED events (last: {…}); latest events: A, B, C" */
  describeRecent(type?: string): string {
    if (this.#error) return `the event stream failing: ${describeValue(this.#error)}`;
    const latest = this.seen.slice(-8).map((e) => e.type);
    const same = type ? this.seen.filter((e) => e.type === type) : [];
    const sameText = type ? `${same.length} ${type} event${same.length === 1 ? '' : 's'}${same.length ? ` (last: ${describeValue(same.at(-1)!.data, 200)})` : ''}; ` : '';
    return `${sameText}latest events: ${latest.length ? latest.join(', ') : 'none'}`;
  }

  close(): void {
    this.#abort.abort();
    this.#waiters.clear();
  }
}
