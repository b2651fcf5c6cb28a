import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { test as base, expect as baseExpect, type BrowserContext } from '@playwright/test';
import { MailpitClient } from 'mailpit-api';
import { createSandbox, type Sandbox, type SandboxOptions } from '../sandbox.js';
import { SandboxClient, type ClockState, type Json } from './client.js';
import { CollectionForm } from './collection-form.js';
import { WorkspaceEvents } from './events.js';
import { WorkspaceInbox } from './inbox.js';
import { attachFailureReport, testFailed } from './report.js';
import { WorkspaceWebhooks } from './webhooks.js';
import { defaultTimeoutMs } from './wait.js';
import { CHROMIUM_ARGS, findChromium } from './browser.js';
import { startIntegratorApp, type RunningIntegratorApp } from '../../examples/integrator-app/app.js';

/**
 * `passfort-sandbox/playwright`: `test` and `expect` with the sandbox's fixtures.
 *
 *   import { test, expect } from 'passfort-sandbox/playwright';
 *   test('the customer finishes', async ({ api, inbox, page, collectionForm }) => { … });
 *
 * - `sandbox` (worker): one sandbox per worker, started in this process on free ports with
 *   nothing on disk, or the one at `PASSFORT_SANDBOX_URL`.
 * - `workspace`: a fresh workspace per test (its own data, clock, webhooks, keys); `api` is its
 *   typed client, `inbox` its email, `webhooks` its queue and sink, `clock` its clock, `events`
 *   its event stream. A failed test gets the workspace's request journal, webhook attempts and
 *   emails attached to its report.
 * - `collectionForm`: the collection form in `page` as a page object.
 * - Requests of the browser to `https://collection.passfort.com/**` (PassFort's loaders) go to
 *   the sandbox, so an integrator's pages run unmodified.
 * - `exampleApp`: the example integrator app, started for the test and wired to its workspace.
 */

export interface SandboxHandle {
  /** The sandbox's HTTP URL (API, collection app, control API). */
  url: string;
  urls: { api: string; inbox: string; smtp: string };
  inboxAuth: { username: string; password: string } | null;
  /** The in-process sandbox; null when the tests use `PASSFORT_SANDBOX_URL`. */
  instance: Sandbox | null;
}

export interface TestWorkspace {
  id: string;
  name: string;
  /** The workspace's master API key. */
  apiKey: string;
  api: SandboxClient;
}

export interface SandboxClock {
  now(): Promise<Date>;
  get(): Promise<ClockState>;
  /** `"90d"`, `"PT1H"`, `"1h30m"` or seconds; work that falls due runs in order. */
  advance(by: string | number): Promise<ClockState>;
  set(to: string | Date): Promise<ClockState>;
  freeze(): Promise<ClockState>;
  resume(): Promise<ClockState>;
}

export interface ExampleApp extends RunningIntegratorApp {
  /** The webhook secret the app checks (and the workspace sends). */
  webhookSecret: string;
}

interface WorkerFixtures {
  /** Options of the in-process sandbox (ignored with `PASSFORT_SANDBOX_URL`). */
  sandboxOptions: SandboxOptions;
  sandbox: SandboxHandle;
}

interface TestFixtures {
  /** The configuration of each test's workspace; default `PASSFORT_SANDBOX_CONFIG` or ./passfort-sandbox.config.json, else the built-in one. */
  workspaceConfig: Json | undefined;
  /** The origin PassFort's loaders load `embed.js` from; routed to the sandbox. */
  collectionOrigin: string;
  /**
   * Use the existing workspace of this master key instead of a new one per test (default
   * `PASSFORT_SANDBOX_WORKSPACE_KEY`): for an app deployed with one fixed key. Tests then share
   * its data, so run them with one worker.
   */
  workspaceApiKey: string | undefined;
  workspace: TestWorkspace;
  api: SandboxClient;
  inbox: WorkspaceInbox;
  webhooks: WorkspaceWebhooks;
  clock: SandboxClock;
  events: WorkspaceEvents;
  collectionForm: CollectionForm;
  exampleApp: ExampleApp;
}

export const PASSFORT_COLLECTION_ORIGIN = 'https://collection.passfort.com';

/** Sends a browser context's requests for `origin` (PassFort's collection host) to the sandbox. */
export async function routeCollection(context: BrowserContext, sandboxUrl: string, origin = PASSFORT_COLLECTION_ORIGIN): Promise<void> {
  const from = origin.replace(/\/+$/, '');
  await context.route(`${from}/**`, async (route) => {
    const url = sandboxUrl + route.request().url().slice(from.length);
    // fetch + fulfill, not continue: continue cannot change the scheme (https → http).
    const response = await route.fetch({ url, maxRedirects: 0 });
    await route.fulfill({ response });
  });
}

function defaultWorkspaceConfig(): Json | undefined {
  const file = process.env.PASSFORT_SANDBOX_CONFIG ?? (fs.existsSync('passfort-sandbox.config.json') ? 'passfort-sandbox.config.json' : undefined);
  if (!file) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
}

function inboxAuthFromEnv(): { username: string; password: string } | null {
  const raw = process.env.PASSFORT_SANDBOX_INBOX_AUTH;
  const colon = raw?.indexOf(':') ?? -1;
  return raw && colon > 0 ? { username: raw.slice(0, colon), password: raw.slice(colon + 1) } : null;
}

async function externalSandbox(url: string): Promise<SandboxHandle> {
  const base = url.replace(/\/+$/, '');
  let health: { urls?: SandboxHandle['urls'] };
  try {
    const res = await fetch(`${base}/__sandbox/health`);
    health = (await res.json()) as typeof health;
  } catch (err) {
    throw new Error(`PASSFORT_SANDBOX_URL is ${url}, but GET ${base}/__sandbox/health failed (${(err as Error).message}); is the sandbox running?`);
  }
  return { url: base, urls: { ...health.urls!, api: base }, inboxAuth: inboxAuthFromEnv(), instance: null };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sandboxOptions: [{}, { scope: 'worker', option: true }],
  sandbox: [
    async ({ sandboxOptions }, use) => {
      const external = process.env.PASSFORT_SANDBOX_URL;
      if (external) {
        await use(await externalSandbox(external));
        return;
      }
      const instance = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, memory: true, ...sandboxOptions });
      await use({ url: instance.urls.api, urls: instance.urls, inboxAuth: instance.inboxAuth, instance });
      await instance.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  workspaceConfig: [defaultWorkspaceConfig(), { option: true }],
  collectionOrigin: [PASSFORT_COLLECTION_ORIGIN, { option: true }],
  workspaceApiKey: [process.env.PASSFORT_SANDBOX_WORKSPACE_KEY || undefined, { option: true }],

  context: async ({ context, sandbox, collectionOrigin }, use) => {
    await routeCollection(context, sandbox.url, collectionOrigin);
    await use(context);
  },

  workspace: async ({ sandbox, workspaceConfig, workspaceApiKey }, use, testInfo) => {
    let ws: TestWorkspace;
    if (workspaceApiKey) {
      const api = new SandboxClient({ baseUrl: sandbox.url, apiKey: workspaceApiKey });
      const existing = await api.workspace();
      ws = { id: existing.id, name: existing.name, apiKey: workspaceApiKey, api };
    } else {
      const name = testInfo.titlePath.slice(1).join(' › ').slice(0, 200) || 'test';
      const { workspace, client } = await SandboxClient.createWorkspace(sandbox.url, { name, ...(workspaceConfig ? { config: workspaceConfig } : {}) });
      ws = { id: workspace.id, name: workspace.name, apiKey: workspace.api_key, api: client };
    }
    const client = ws.api;
    await use(ws);
    if (testFailed(testInfo)) {
      const inbox = new WorkspaceInbox(mailpitFor(sandbox), ws.id);
      await attachFailureReport(testInfo, {
        workspace: { id: ws.id, name: ws.name },
        sandboxUrl: sandbox.url,
        requests: () => client.journal(),
        deliveries: () => client.webhooks.deliveries(),
        emails: () => inbox.summary(),
      });
    }
  },

  api: async ({ workspace }, use) => use(workspace.api),

  inbox: async ({ sandbox, workspace }, use) => use(new WorkspaceInbox(mailpitFor(sandbox), workspace.id)),

  webhooks: async ({ workspace }, use) => use(new WorkspaceWebhooks(workspace.api, workspace.id)),

  clock: async ({ workspace }, use) => {
    const c = workspace.api.clock;
    await use({ now: async () => new Date((await c.get()).now), get: c.get, advance: c.advance, set: c.set, freeze: c.freeze, resume: c.resume });
  },

  events: async ({ sandbox, workspace }, use) => {
    const events = new WorkspaceEvents(sandbox.url, workspace.apiKey);
    await use(events);
    events.close();
  },

  collectionForm: async ({ page }, use) => use(new CollectionForm(page)),

  exampleApp: async ({ sandbox, workspace, collectionOrigin }, use) => {
    const webhookSecret = `whsec_${randomUUID().replace(/-/g, '')}`;
    const app = await startIntegratorApp({ passfortUrl: sandbox.url, apiKey: workspace.apiKey, webhookSecret, collectionUrl: collectionOrigin });
    // What PassFort support configures from what an integrator sends them: the form URL, the
    // flows' redirect, and the webhook endpoint with its secret.
    await workspace.api.config.update((config) => ({
      ...config,
      form_url: `${app.url}/verify`,
      flow_templates: ((config.flow_templates as Json[] | undefined) ?? []).map((f) => ({ ...f, redirect_url: `${app.url}/welcome` })),
    }));
    await workspace.api.webhooks.configure({ url: app.webhookUrl, secret: webhookSecret, events: [], batching: false });
    await use({ ...app, webhookSecret });
    await app.close();
  },
});

/** Launch options for the system's Chromium (Playwright's own download is not needed): use in `playwright.config.ts`. */
export function chromiumLaunchOptions(extra: { slowMo?: number } = {}) {
  const executablePath = findChromium();
  return { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS, ...extra };
}

const mailpits = new Map<string, MailpitClient>();
function mailpitFor(sandbox: SandboxHandle): MailpitClient {
  let client = mailpits.get(sandbox.urls.inbox);
  if (!client) mailpits.set(sandbox.urls.inbox, (client = new MailpitClient(sandbox.urls.inbox, sandbox.inboxAuth ? { auth: sandbox.inboxAuth } : undefined)));
  return client;
}

/** Playwright's `expect`, with the harness's CI-safe 30 s for assertions that retry (`toHaveText`, `expect.poll`). */
export const expect = baseExpect.configure({ timeout: defaultTimeoutMs() });
export { SandboxClient, SandboxApiError } from './client.js';
export type * from './client.js';
export { CollectionForm, type FormState } from './collection-form.js';
export { WorkspaceInbox, type Email, type EmailFilter } from './inbox.js';
export { WorkspaceWebhooks } from './webhooks.js';
export { WorkspaceEvents, type StreamEvent } from './events.js';
export { personas, persona, profileBody, type Persona, type IndividualPersona, type CompanyPersona, type Address } from './personas.js';
export { waitFor, WaitTimeoutError, defaultTimeoutMs } from './wait.js';
export { ATTACHMENT_NAMES } from './report.js';
