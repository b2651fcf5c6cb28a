import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from '../env.js';

export interface JournalEntry {
  id: number;
  /** Workspace time, ISO 8601. */
  at: string;
  method: string;
  /** Path and query, with secrets masked. */
  url: string;
  status: number;
  duration_ms: number;
  /** The PassFort error code, when the answer was an error. */
  error_code: number | null;
}

/**
 * A ring buffer of recent API calls per workspace, for `GET /__sandbox/requests` and the
 * reports of failed scenarios. Kept in memory only: it describes this run.
 */
export class RequestJournal {
  readonly #byWorkspace = new Map<string, JournalEntry[]>();
  #next = 1;
  constructor(readonly capacity = 1000) {}

  record(workspace: string, entry: Omit<JournalEntry, 'id'>): JournalEntry {
    let list = this.#byWorkspace.get(workspace);
    if (!list) this.#byWorkspace.set(workspace, (list = []));
    const full = { id: this.#next++, ...entry };
    list.push(full);
    // Trim in batches: shifting a full buffer on every request would cost O(capacity) each time.
    if (list.length >= 2 * this.capacity) list.splice(0, list.length - this.capacity);
    return full;
  }

  list(workspace: string, since = 0): JournalEntry[] {
    return (this.#byWorkspace.get(workspace) ?? []).filter((e) => e.id > since).slice(-this.capacity);
  }

  clear(workspace: string): void {
    this.#byWorkspace.delete(workspace);
  }
}

/** `apikey=…` in a query string is a credential: never keep it. */
export function maskSecrets(url: string): string {
  return url.replace(/([?&](?:apikey|api_key|token)=)[^&#]*/gi, '$1***');
}

/**
 * Path and query of a request URL, secrets masked. The URL is already parsed and normalised
 * (a Request's url), so cutting the origin off gives what URL.pathname + search would, without
 * parsing it again for every call.
 */
export function pathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const hash = url.indexOf('#', start);
  const path = url.slice(start, hash < 0 ? undefined : hash);
  return path.includes('?') ? maskSecrets(path) : path;
}

export function journalRequests(journal: RequestJournal, now: () => number): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const started = now();
    await next();
    const workspace = c.get('workspace');
    if (!workspace) return;
    journal.record(workspace.id, {
      at: workspace.clock.now().toISOString(),
      method: c.req.method,
      url: pathAndQuery(c.req.url),
      status: c.res.status,
      duration_ms: Math.round((now() - started) * 100) / 100,
      // Every PassFort envelope the app sends is made by errorJson, which records its code. Other
      // non-2xx answers (the webhook sink's simulated faults, the form's 401 view) carry none.
      error_code: c.get('errorCode') ?? null,
    });
  };
}
