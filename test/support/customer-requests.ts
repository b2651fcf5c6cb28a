import { defaultConfig } from '../../src/config/default-config.js';
import { listTasks } from '../../src/domain/tasks.js';
import { company, individual, makeTestApp } from './test-app.js';

/** Helpers for customer-request tests: profiles with their tasks, requests, and the collection back end. */

export const DAY = 86_400_000;

/** The built-in config plus a three-form individual flow with no checks (for ordering tests). */
export function configWithThreeFormFlow() {
  const config = structuredClone(defaultConfig) as any;
  config.flow_templates.push({
    alias: 'three_forms',
    entity_type: 'INDIVIDUAL',
    forms: [{ form: 'personal_details' }, { form: 'home_address' }, { form: 'identity_document' }],
    redirect_url: 'https://example.com/welcome',
  });
  return config;
}

export function makeRequestApp(opts: { config?: unknown; seed?: number } = {}) {
  const t = makeTestApp(opts);
  const ws = () => t.registry.default;

  async function newIndividual(given = 'Alex', family = 'Wheeler', extra: Record<string, unknown> = {}) {
    const res = await t.call('POST', '/4.0/profiles', individual(given, family, extra));
    if (res.status !== 200) throw new Error(`profile: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  async function newCompany(name?: string, stub = false) {
    const body = stub ? { role: 'COMPANY_CUSTOMER', collected_data: { entity_type: 'COMPANY' } } : company(name);
    const res = await t.call('POST', '/4.0/profiles', body);
    if (res.status !== 200) throw new Error(`profile: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  const taskId = (profileId: string, type: string) => {
    const task = ws()
      .read((ctx) => listTasks(ctx, profileId))
      .find((x) => x.type === type);
    if (!task) throw new Error(`profile ${profileId} has no ${type} task`);
    return task.id;
  };

  const createRequest = (profileId: string, body: unknown) => t.call('POST', `/4.0/forms/profile/${profileId}/customer_request`, body);

  async function formsRequest(profileId: string, taskTypes = ['INDIVIDUAL_VERIFY_IDENTITY'], extra: Record<string, unknown> = {}) {
    const res = await createRequest(profileId, { type: 'FORMS', task_ids: taskTypes.map((ty) => taskId(profileId, ty)), ...extra });
    if (res.status !== 200) throw new Error(`request: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; apikey: string; forms: { id: string; alias: string; title: string; task_id?: string }[] };
  }

  async function flowRequest(profileId: string, alias: string, extra: Record<string, unknown> = {}) {
    const res = await createRequest(profileId, { type: 'FLOW', flow_template: { alias }, ...extra });
    if (res.status !== 200) throw new Error(`request: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; apikey: string; forms: { id: string; alias: string; title: string }[] };
  }

  /** Calls the collection back end with a request key. */
  const collect = (method: string, path: string, key: string | null, body?: unknown, headers: Record<string, string> = {}) =>
    t.call(method, `/collection/api${path}`, body, headers, key);

  const detail = async (requestId: string) => (await t.call('GET', `/__sandbox/customer-requests/${requestId}`)).body;
  const advance = (by: string | number) => t.call('POST', '/__sandbox/clock/advance', { by });
  const eventsOf = (type: string) => t.events.filter((e) => e.type === type);

  return { ...t, ws, newIndividual, newCompany, taskId, createRequest, formsRequest, flowRequest, collect, detail, advance, eventsOf };
}
