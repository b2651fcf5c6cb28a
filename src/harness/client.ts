/**
 * A small typed client for one sandbox workspace: the PassFort API (`/4.0`) with the
 * workspace's master key, and the control API (`/__sandbox`). It is what the fixtures hand a
 * test; it only speaks HTTP, so it works against an in-process sandbox and a remote one alike.
 * Types cover what tests read; everything else stays `Record<string, unknown>`.
 */

// The journal's row is defined once, where the sandbox writes it; a type-only import keeps the
// client free of the server's runtime code.
import type { JournalEntry } from '../mock-api/middleware/request-journal.js';
export type { JournalEntry };

export type Json = Record<string, unknown>;
export type FetchLike = (input: string, init?: RequestInit) => Response | Promise<Response>;

export interface PassFortErrorBody {
  errors: { code: number; message: string; source?: string; info?: Json }[];
}

/** A call that did not answer 2xx; the message names the call, the status and PassFort's error. */
export class SandboxApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const first = (body as Partial<PassFortErrorBody> | undefined)?.errors?.[0];
    const detail = first ? `code ${first.code}: ${first.message}` : typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body)?.slice(0, 200);
    super(`${method} ${path} answered ${status} (${detail})`);
    this.name = 'SandboxApiError';
  }
  /** PassFort's error code (`errors[0].code`), when the answer was an envelope. */
  get code(): number | undefined {
    return (this.body as Partial<PassFortErrorBody> | undefined)?.errors?.[0]?.code;
  }
}

export interface Profile extends Json {
  id: string;
  role: string;
  collected_data: Json & { entity_type: 'INDIVIDUAL' | 'COMPANY' };
}
export interface Task extends Json {
  id: string;
  type: string;
  state: string;
  is_complete: boolean;
  check_ids: string[];
  form_instance_ids: string[];
}
export interface Check extends Json {
  id: string;
  check_type: string;
  state: string;
  result?: string;
}
export interface Application extends Json {
  id: string;
  product: { id: string; alias: string; name: string };
  status: string;
  flag?: string;
  approval_blockers?: Json[];
}
export interface CustomerRequest {
  id: string;
  apikey: string;
  type: 'FLOW' | 'FORMS';
  profile_id: string;
  created_at: string;
  expires_at: string;
  is_completed: boolean;
  forms: { id: string; alias: string; title: string; task_id?: string }[];
}
export type RequestStatus = 'SENT' | 'COMPLETED' | 'EXPIRED';
export type FormStatus = 'SENT' | 'CANCELLED' | 'COMPLETED' | 'EXPIRED';
/** `GET /__sandbox/customer-requests/{id}`: the detailed status PassFort's API does not show. */
export interface RequestDetail extends Json {
  id: string;
  type: 'FLOW' | 'FORMS';
  profile_id: string;
  status: RequestStatus;
  is_completed: boolean;
  forms: (Json & { id: string; alias: string; title: string; status: FormStatus })[];
  checks: (Json & { check_type: string })[];
  emails: (Json & { to: string; status: string })[];
  history: (Json & { event: string })[];
  product: Json | null;
  redirect_url: string | null;
}
export type CreateRequestBody =
  | { type: 'FLOW'; flow_template: { alias: string }; theme?: { alias: string } }
  | { type: 'FORMS'; task_ids: string[]; theme?: { alias: string }; email?: { to?: string; message?: string } };

export interface ClockState {
  now: string;
  frozen: boolean;
  offset_ms: number;
  next_due: string | null;
  fired?: number;
}
export interface WebhookSettings {
  url: string | null;
  secret?: string;
  events?: string[];
  batching?: boolean;
  enabled?: boolean;
  timeout_ms?: number;
  batch_window_ms?: number;
}
export interface WebhookDelivery extends Json {
  id: string;
  n: number;
  at: string;
  url: string;
  event_ids: string[];
  events: string[];
  attempt: number;
  status: number | null;
  ok: boolean;
  error: string | null;
  next_retry_at: string | null;
}
export interface WebhookStatus extends Json {
  state: 'idle' | 'delivering' | 'stalled' | 'off';
  stalled_since: string | null;
  next_retry_at: string | null;
  failed_attempts: number;
  delivered_events: number;
  pending_events: number;
}
export interface WebhookEnvelope<D = Json> {
  id: string;
  event: string;
  secret: string;
  timestamp: number;
  data: D & { profile_id?: string };
}
export interface SinkRecord {
  received_at: string;
  headers: Record<string, string>;
  body: unknown;
}
export type SinkFault = { mode: 'status'; status?: number; count?: number | null } | { mode: 'delay'; delay_ms: number; count?: number | null } | { mode: 'drop'; count?: number | null };
export interface CreatedWorkspace {
  id: string;
  name: string;
  api_key: string;
}

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: FetchLike;
}

export interface RawResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class SandboxClient {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly #fetch: FetchLike;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Creates a workspace (no key needed from this machine) and a client for it. */
  static async createWorkspace(baseUrl: string, body: { name?: string; config?: Json } = {}, fetchImpl?: FetchLike): Promise<{ workspace: CreatedWorkspace; client: SandboxClient }> {
    const anonymous = new SandboxClient({ baseUrl, apiKey: '', ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    const workspace = await anonymous.request<CreatedWorkspace>('POST', '/__sandbox/workspaces', body, { apikey: null });
    return { workspace, client: new SandboxClient({ baseUrl, apiKey: workspace.api_key, ...(fetchImpl ? { fetch: fetchImpl } : {}) }) };
  }

  /** Any call, whatever it answers. `apikey: null` sends no key; a string sends that key instead. */
  async raw<T = unknown>(method: string, path: string, body?: unknown, options: { apikey?: string | null; headers?: Record<string, string> } = {}): Promise<RawResponse<T>> {
    const key = options.apikey === undefined ? this.apiKey : options.apikey;
    const headers: Record<string, string> = { accept: 'application/json', ...(key ? { apikey: key } : {}), ...options.headers };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.#fetch(this.baseUrl + path, init);
    const text = await res.text();
    let parsed: unknown = text;
    if (text && (res.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        /* keep the text */
      }
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A call that must answer 2xx; anything else throws `SandboxApiError`. */
  async request<T>(method: string, path: string, body?: unknown, options: { apikey?: string | null } = {}): Promise<T> {
    const res = await this.raw<T>(method, path, body, options);
    if (res.status < 200 || res.status > 299) throw new SandboxApiError(method, path, res.status, res.body);
    return res.body;
  }

  // --- the PassFort API ---------------------------------------------------------------------
  readonly profiles = {
    create: (body: Json) => this.request<Profile>('POST', '/4.0/profiles', body),
    get: (id: string) => this.request<Profile>('GET', `/4.0/profiles/${enc(id)}`),
    collectedData: (id: string) => this.request<Json>('GET', `/4.0/profiles/${enc(id)}/collected_data`),
    tasks: (id: string) => this.request<Task[]>('GET', `/4.0/profiles/${enc(id)}/tasks`),
    addTask: (id: string, taskType: string) => this.request<Task>('POST', `/4.0/profiles/${enc(id)}/tasks`, { type: taskType }),
    checks: (id: string) => this.request<Check[]>('GET', `/4.0/profiles/${enc(id)}/checks`),
    applications: (id: string) => this.request<Application[]>('GET', `/4.0/profiles/${enc(id)}/applications`),
    events: (id: string) => this.request<Json[]>('GET', `/4.0/profiles/${enc(id)}/events`),
    /** The task of a type on the profile; throws naming the types it has when there is none. */
    task: async (id: string, taskType: string) => {
      const tasks = await this.profiles.tasks(id);
      const task = tasks.find((t) => t.type === taskType);
      if (!task) throw new Error(`profile ${id} has no ${taskType} task (it has: ${tasks.map((t) => t.type).join(', ') || 'none'})`);
      return task;
    },
  };

  readonly customerRequests = {
    create: (profileId: string, body: CreateRequestBody) => this.request<CustomerRequest>('POST', `/4.0/forms/profile/${enc(profileId)}/customer_request`, body),
    /** The most recent request of the profile, as PassFort shows it (`is_completed`, no status). */
    latest: (profileId: string) => this.request<CustomerRequest>('GET', `/4.0/forms/profile/${enc(profileId)}/customer_request`),
    detail: (id: string) => this.request<RequestDetail>('GET', `/__sandbox/customer-requests/${enc(id)}`),
    list: (query: { profile_id?: string; status?: RequestStatus } = {}) => this.request<RequestDetail[]>('GET', `/__sandbox/customer-requests${qs(query)}`),
    cancelForm: (id: string, formId: string) => this.request<RequestDetail>('POST', `/__sandbox/customer-requests/${enc(id)}/forms/${enc(formId)}/cancel`),
    /** The customer's part without a browser (made-up answers, sample images, submit, finish). */
    complete: (id: string, body: { answers?: Record<string, Json>; document_types?: Record<string, string>; seed?: string | number } = {}) =>
      this.request<{ submitted_form_ids: string[]; finished: boolean; request: RequestDetail }>('POST', `/__sandbox/customer-requests/${enc(id)}/complete`, body),
  };

  // --- the control API ------------------------------------------------------------------------
  readonly clock = {
    get: () => this.request<ClockState>('GET', '/__sandbox/clock'),
    /** `"90d"`, `"PT1H"`, `"1h30m"` or seconds; due work (expiry, checks, retries) runs in order. */
    advance: (by: string | number) => this.request<ClockState>('POST', '/__sandbox/clock/advance', { by }),
    set: (now: string | Date) => this.request<ClockState>('POST', '/__sandbox/clock/set', { now: typeof now === 'string' ? now : now.toISOString() }),
    freeze: () => this.request<ClockState>('POST', '/__sandbox/clock/freeze'),
    resume: () => this.request<ClockState>('POST', '/__sandbox/clock/resume'),
  };

  readonly webhooks = {
    settings: () => this.request<WebhookSettings & Json>('GET', '/__sandbox/webhooks'),
    configure: (settings: WebhookSettings) => this.request<WebhookSettings & Json>('PUT', '/__sandbox/webhooks', settings),
    status: () => this.request<WebhookStatus>('GET', '/__sandbox/webhooks/status'),
    deliveries: (query: { since?: number; limit?: number; event_id?: string } = {}) => this.request<WebhookDelivery[]>('GET', `/__sandbox/webhooks/deliveries${qs(query)}`),
    retry: () => this.request<Json>('POST', '/__sandbox/webhooks/retry'),
    trigger: (event: string, data?: Json, count?: number) => this.request<{ queued: Json[] }>('POST', '/__sandbox/webhooks/trigger', { event, ...(data ? { data } : {}), ...(count ? { count } : {}) }),
  };

  /** The built-in receiver `/__sandbox/webhook-sink/{name}` (no key: it is an endpoint like yours). */
  sink(name: string) {
    const path = `/__sandbox/webhook-sink/${enc(name)}`;
    return {
      path,
      url: this.baseUrl + path,
      received: () => this.request<SinkRecord[]>('GET', path, undefined, { apikey: null }),
      clear: () => this.request<{ deleted: number }>('DELETE', path, undefined, { apikey: null }),
      fault: (fault: SinkFault) => this.request<Json>('PUT', `${path}/fault`, fault, { apikey: null }),
      clearFault: () => this.request<Json>('DELETE', `${path}/fault`, undefined, { apikey: null }),
    };
  }

  readonly config = {
    get: () => this.request<Json>('GET', '/__sandbox/config'),
    put: (config: Json) => this.request<Json>('PUT', '/__sandbox/config', config),
    /** Reads the config, lets `change` return a new one, and puts it back. */
    update: async (change: (config: Json) => Json) => this.config.put(change(structuredClone(await this.config.get()))),
  };

  /** `GET /__sandbox/requests`: this workspace's recent API calls, oldest first. */
  journal = (since?: number) => this.request<JournalEntry[]>('GET', `/__sandbox/requests${qs({ since })}`);
  workspace = () => this.request<Json & { id: string; name: string }>('GET', '/__sandbox/workspace');
  reset = () => this.request<{ reset: boolean }>('POST', '/__sandbox/reset');
}

const enc = encodeURIComponent;

function qs(query: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
