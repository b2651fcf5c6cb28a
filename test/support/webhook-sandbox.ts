import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox.js';
import type { SandboxEvent } from '../../src/workspace/events.js';
import { waitFor } from './webhook-receiver.js';

/** A real sandbox on port 0 for webhook delivery tests, with small helpers around its control API. */
export interface WebhookSandbox {
  sb: Sandbox;
  url: string;
  /** Every event published on the bus (all workspaces). */
  events: SandboxEvent[];
  api(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; body: any }>;
  status(key?: string): Promise<any>;
  deliveries(key?: string): Promise<any[]>;
  /** Waits until no attempt is in flight and the attempt count reached `n`. */
  attempts(n: number, key?: string): Promise<any>;
  trigger(count: number, key?: string, event?: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startWebhookSandbox(options: SandboxOptions = {}): Promise<WebhookSandbox> {
  const sb = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, memory: true, ...options });
  const events: SandboxEvent[] = [];
  sb.bus.subscribe((e) => events.push(e));
  const api: WebhookSandbox['api'] = async (method, path, body, key = sb.apiKey) => {
    const res = await fetch(sb.urls.api + path, {
      method,
      headers: { apikey: key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* text */
    }
    return { status: res.status, body: json };
  };
  const h: WebhookSandbox = {
    sb,
    url: sb.urls.api,
    events,
    api,
    status: async (key) => (await api('GET', '/__sandbox/webhooks/status', undefined, key)).body,
    deliveries: async (key) => (await api('GET', '/__sandbox/webhooks/deliveries', undefined, key)).body,
    attempts: (n, key) =>
      waitFor(async () => {
        const s = await h.status(key);
        return s.attempts >= n && !s.in_flight ? s : null;
      }, `${n} finished attempts`),
    trigger: async (count, key, event = 'CHECK_COMPLETED') => {
      const res = await api('POST', '/__sandbox/webhooks/trigger', { event, count }, key);
      if (res.status !== 202) throw new Error(`trigger failed: ${JSON.stringify(res.body)}`);
      return res.body.queued.map((q: { id: string }) => q.id);
    },
    close: () => sb.close(),
  };
  return h;
}
