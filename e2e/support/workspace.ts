import { MailpitClient } from 'mailpit-api';
import type { SandboxUrls } from '../../src/mock-api/app.js';

/**
 * One isolated workspace of the sandbox for one test, driven over HTTP as an integrator's
 * server would (master key in the `apikey` header), plus the inbox and the webhook sink.
 */

export interface CustomerRequest {
  id: string;
  apikey: string;
  type: 'FLOW' | 'FORMS';
  forms: { id: string; alias: string; title: string; task_id?: string }[];
}

export class SandboxWorkspace {
  private constructor(
    readonly urls: SandboxUrls,
    readonly id: string,
    readonly apiKey: string,
  ) {}

  static async create(urls: SandboxUrls, name: string, config?: Record<string, unknown>): Promise<SandboxWorkspace> {
    const res = await fetch(`${urls.api}/__sandbox/workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: name.slice(0, 200), ...(config ? { config } : {}) }),
    });
    if (res.status !== 201) throw new Error(`creating a workspace: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { id: string; api_key: string };
    return new SandboxWorkspace(urls, body.id, body.api_key);
  }

  /** Calls the sandbox with this workspace's master key; throws on an unexpected status. */
  async api<T = any>(method: string, path: string, body?: unknown, expect: number[] = [200, 201, 202]): Promise<T> {
    const res = await fetch(`${this.urls.api}${path}`, {
      method,
      headers: { apikey: this.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async newIndividual(given: string, family: string, email = `${given.toLowerCase()}.${family.toLowerCase()}@example.com`): Promise<string> {
    const profile = await this.api<{ id: string }>('POST', '/4.0/profiles', {
      role: 'INDIVIDUAL_CUSTOMER',
      collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: [given], family_name: family } }, contact_details: { email } },
    });
    return profile.id;
  }

  /** A stub company profile, as the registration guide creates one before a FLOW. */
  async newCompanyStub(): Promise<string> {
    const profile = await this.api<{ id: string }>('POST', '/4.0/profiles', { role: 'COMPANY_CUSTOMER', collected_data: { entity_type: 'COMPANY' } });
    return profile.id;
  }

  /** A stub individual profile, for the individual registration flow. */
  async newIndividualStub(): Promise<string> {
    const profile = await this.api<{ id: string }>('POST', '/4.0/profiles', { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL' } });
    return profile.id;
  }

  async taskId(profileId: string, type: string): Promise<string> {
    const tasks = await this.api<{ id: string; type: string; is_expired?: boolean }[]>('GET', `/4.0/profiles/${profileId}/tasks`);
    const found = tasks.find((t) => t.type === type && !t.is_expired) ?? (await this.api<{ id: string }>('POST', `/4.0/profiles/${profileId}/tasks`, { type }));
    return found.id;
  }

  async formsRequest(profileId: string, taskTypes: string[], extra: Record<string, unknown> = {}): Promise<CustomerRequest> {
    const task_ids = [];
    for (const type of taskTypes) task_ids.push(await this.taskId(profileId, type));
    return this.api('POST', `/4.0/forms/profile/${profileId}/customer_request`, { type: 'FORMS', task_ids, theme: { alias: 'default' }, ...extra });
  }

  async flowRequest(profileId: string, alias: string, theme = 'default'): Promise<CustomerRequest> {
    return this.api('POST', `/4.0/forms/profile/${profileId}/customer_request`, { type: 'FLOW', flow_template: { alias }, theme: { alias: theme } });
  }

  detail(requestId: string): Promise<any> {
    return this.api('GET', `/__sandbox/customer-requests/${requestId}`);
  }

  advanceClock(by: string): Promise<unknown> {
    return this.api('POST', '/__sandbox/clock/advance', { by });
  }

  /** Sends this workspace's webhooks to the built-in sink `name`. */
  async useWebhookSink(name: string, events: string[] = []): Promise<void> {
    await this.api('PUT', '/__sandbox/webhooks', { url: `/__sandbox/webhook-sink/${name}`, secret: 'e2e-secret', events, batching: false });
  }

  async sink(name: string): Promise<{ received_at: string; headers: Record<string, string>; body: any }[]> {
    const res = await fetch(`${this.urls.api}/__sandbox/webhook-sink/${name}`);
    return (await res.json()) as any;
  }

  /** The request email of this workspace (messages carry the tag ws-<workspace id>). */
  async waitForEmail(): Promise<{ ID: string; To: { Address: string }[]; Subject: string }> {
    const mailpit = new MailpitClient(this.urls.inbox);
    return mailpit.waitForMessage({ query: `tag:ws-${this.id}` }, { timeout: 10_000, interval: 100 }) as any;
  }
}
