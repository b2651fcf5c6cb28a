import { ManualWallClock } from '../../src/core/clock.js';
import { EventBus } from '../../src/core/event-bus.js';
import { seededIds } from '../../src/core/ids.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { jobHandlers } from '../../src/domain/jobs.js';
import { WorkspaceRegistry } from '../../src/workspace/registry.js';
import type { SandboxEvent } from '../../src/workspace/events.js';
import { createApp } from '../../src/mock-api/app.js';
import { RequestJournal } from '../../src/mock-api/middleware/request-journal.js';
import { WebhookDispatcher } from '../../src/webhooks/dispatcher.js';

export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

/**
 * The whole HTTP app over a memory store (or the store given), a hand-driven wall clock and seeded ids: API tests
 * call `app.request()` with no sockets, and every run sees the same ids and times.
 */
export function makeTestApp(opts: { config?: unknown; seed?: number; bodyLimitBytes?: number; store?: Store } = {}) {
  const store = opts.store ?? new MemoryStore();
  const wall = new ManualWallClock(T0);
  const bus = new EventBus<SandboxEvent>((err) => {
    throw err;
  });
  const events: SandboxEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const registry = WorkspaceRegistry.open({
    store,
    wall,
    ids: seededIds(opts.seed ?? 1),
    bus,
    jobs: jobHandlers,
    defaultWorkspaceConfig: opts.config,
    defaultApiKey: 'test-master-key',
  });
  const journal = new RequestJournal();
  // Not started: the control routes work, nothing is sent (delivery tests use real sockets).
  const webhooks = new WebhookDispatcher({ registry, bus, store, selfUrl: () => 'http://sandbox.test' });
  const app = createApp({
    webhooks,
    events: { bus, store },
    registry,
    journal,
    version: 'test',
    urls: () => ({ api: 'http://sandbox.test', inbox: 'http://inbox.test', smtp: 'smtp://inbox.test:1025' }),
    ...(opts.bodyLimitBytes ? { bodyLimitBytes: opts.bodyLimitBytes } : {}),
  });
  const key = 'test-master-key';

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, apiKey: string | null = key) {
    const init: RequestInit = { method, headers: { ...(apiKey ? { apikey: apiKey } : {}), ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, init);
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json as any, headers: res.headers };
  }

  return { app, store, wall, bus, events, registry, journal, key, call, webhooks };
}

export const individual = (given = 'Alex', family = 'Wheeler', extra: Record<string, unknown> = {}) => ({
  role: 'INDIVIDUAL_CUSTOMER',
  collected_data: {
    entity_type: 'INDIVIDUAL',
    personal_details: { name: { given_names: [given], family_name: family }, dob: '1990-04-12', nationality: 'GBR' },
    contact_details: { email: `${given.toLowerCase()}@example.com` },
    ...extra,
  },
});

export const company = (name = 'Acme Widgets Ltd') => ({
  role: 'COMPANY_CUSTOMER',
  collected_data: { entity_type: 'COMPANY', metadata: { name, number: '09565115', country_of_incorporation: 'GBR' } },
});
