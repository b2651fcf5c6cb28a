import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createAdaptorServer } from '@hono/node-server';
import { passfort, PassFortError } from './passfort.js';
import { Store } from './store.js';
import { handleWebhook } from './webhooks.js';
import { messagePage, onboardingPage, signUpPage, staticLoaderPage, statusPage } from './pages.js';

/**
 * The example integrator app: what a bank writes to onboard applicants with PassFort's
 * customer requests. Pages:
 *
 *   GET  /                   sign-up: choose individual or company, give an email
 *   POST /signup             creates the profile stub and the registration flow, then sends the
 *                            applicant to their onboarding page
 *   GET  /onboarding/:id     PassFort's dynamic loader with the applicant's request
 *   GET  /verify             PassFort's static loader: the form URL request emails link to
 *   POST /webhooks/passfort  the webhook receiver (checks the bearer secret, records events)
 *   GET  /status/:id         what we know: our records, PassFort's answer, webhooks received
 *   GET  /welcome            where the flow redirects at the end (the applicant's cookie says who)
 *   GET  /api/applicants/:id the same as JSON, for scripts
 */

export interface IntegratorAppOptions {
  /** PassFort's API: https://api.passfort.com, or the sandbox. */
  passfortUrl: string;
  apiKey: string;
  /** The secret PassFort sends with every webhook. */
  webhookSecret: string;
  /** Where embed.js comes from (default https://collection.passfort.com). */
  collectionUrl?: string;
  flows?: { INDIVIDUAL: string; COMPANY: string };
  theme?: string;
  bankName?: string;
}

export function createIntegratorApp(options: IntegratorAppOptions) {
  const api = passfort({ baseUrl: options.passfortUrl, apiKey: options.apiKey });
  const store = new Store();
  const bank = options.bankName ?? 'Example Bank';
  const embedUrl = `${(options.collectionUrl ?? 'https://collection.passfort.com').replace(/\/+$/, '')}/embed.js`;
  const flows = options.flows ?? { INDIVIDUAL: 'individual_registration', COMPANY: 'company_registration' };
  const app = new Hono();

  app.get('/', (c) => c.html(signUpPage(bank)));

  app.post('/signup', async (c) => {
    const form = await c.req.parseBody();
    const email = String(form.email ?? '').trim();
    const entityType = form.entity_type === 'COMPANY' ? 'COMPANY' : 'INDIVIDUAL';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return c.html(messagePage(bank, 'Check your email address', 'Enter an email address like name@example.com.'), 400);
    const applicant = store.addApplicant(email, entityType);
    try {
      const profile = await api.createProfile(entityType, applicant.id, email);
      store.update(applicant.id, { profile_id: profile.id });
      const request = await api.createFlowRequest(profile.id, flows[entityType], options.theme ?? 'default');
      store.update(applicant.id, { request_id: request.id, request_apikey: request.apikey });
    } catch (err) {
      const message = err instanceof PassFortError ? `${err.message} (HTTP ${err.status}, code ${err.code})` : String(err);
      store.update(applicant.id, { error: message });
      return c.html(messagePage(bank, 'We could not start your application', message), 502);
    }
    setCookie(c, 'applicant', applicant.id, { httpOnly: true, sameSite: 'Lax', path: '/' });
    return c.redirect(`/onboarding/${applicant.id}`, 303);
  });

  app.get('/onboarding/:id', (c) => {
    const a = store.applicants.get(c.req.param('id'));
    if (!a?.request_id) return c.html(messagePage(bank, 'Application not found', 'Start again from the sign-up page.'), 404);
    c.header('Cache-Control', 'no-store');
    return c.html(onboardingPage(bank, embedUrl, a));
  });

  app.get('/verify', (c) => c.html(staticLoaderPage(embedUrl)));

  app.post('/webhooks/passfort', (c) => handleWebhook(c.req.raw, options.webhookSecret, store));

  async function live(profileId: string | null) {
    if (!profileId) return { is_completed: null, applications: [], error: null };
    try {
      const [request, applications] = await Promise.all([api.latestRequest(profileId), api.applications(profileId)]);
      return { is_completed: request.is_completed, applications, error: null };
    } catch (err) {
      return { is_completed: null, applications: [], error: (err as Error).message };
    }
  }

  app.get('/status/:id', async (c) => {
    const a = store.applicants.get(c.req.param('id'));
    if (!a) return c.html(messagePage(bank, 'Application not found', 'Start again from the sign-up page.'), 404);
    return c.html(statusPage(bank, a, await live(a.profile_id), a.profile_id ? store.webhooksOf(a.profile_id) : []));
  });

  app.get('/welcome', (c) => {
    const id = getCookie(c, 'applicant');
    if (!id || !store.applicants.has(id)) return c.html(messagePage(bank, 'Thank you', 'We have your details and will be in touch.'));
    return c.redirect(`/status/${id}`, 303);
  });

  app.get('/api/applicants/:id', async (c) => {
    const a = store.applicants.get(c.req.param('id'));
    if (!a) return c.json({ error: 'not found' }, 404);
    const { request_apikey: _secret, ...shown } = a;
    return c.json({ ...shown, passfort: await live(a.profile_id), webhooks: a.profile_id ? store.webhooksOf(a.profile_id) : [] });
  });

  return { app, store };
}

export interface RunningIntegratorApp {
  url: string;
  /** The webhook endpoint to give PassFort (`PUT /__sandbox/webhooks` in the sandbox). */
  webhookUrl: string;
  store: Store;
  close(): Promise<void>;
}

/** Starts the app on `port` (0: any free port) and resolves once it listens. */
export async function startIntegratorApp(options: IntegratorAppOptions & { port?: number; host?: string }): Promise<RunningIntegratorApp> {
  const { app, store } = createIntegratorApp(options);
  const host = options.host ?? '127.0.0.1';
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    webhookUrl: `${url}/webhooks/passfort`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
