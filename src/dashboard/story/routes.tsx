import type { Hono } from 'hono';
import { inboxClient } from '../../inbox/client.js';
import { isPassFortError } from '../../core/errors.js';
import { createProfile } from '../../domain/profiles.js';
import { completeRequest, createCustomerRequest } from '../../domain/customer-requests/index.js';
import { updateApplicationStatus } from '../../domain/applications.js';
import { listTasks } from '../../domain/tasks.js';
import { parseConfig } from '../../config/load-config.js';
import { actionDone, DASHBOARD_USER, frameOf, type Dash, type DashEnv } from '../context.js';
import { playbackMode } from '../runtime.js';
import { customerLink } from '../routes.js';
import { STORY_STEPS, storyCustomer, storyView } from './model.js';
import { storyPage } from './page.js';
import { playCustomer } from './playback.js';

/** `/dashboard/story`: the presenter view and the buttons that drive each step. */

const SIMULATED_CUSTOMER = { kind: 'customer' as const, name: 'Customer (simulated from the guided story)' };


async function findEmail(d: Dash, to: string): Promise<string | null> {
  try {
    const client = inboxClient({ urls: d.deps.urls(), inboxAuth: d.deps.inboxAuth ?? null });
    const found = await client.searchMessages({ query: `tag:ws-${d.ws.id} to:${to}`, limit: 1 });
    return found.messages[0]?.ID ?? null;
  } catch {
    return null;
  }
}

export function mountStory(app: Hono<DashEnv>): void {
  app.get('/dashboard/story', async (c) => {
    const d = c.get('dash');
    const view = storyView(d);
    const requested = Number(c.req.query('step'));
    if (!(Number.isInteger(requested) && requested >= 1 && requested <= STORY_STEPS.length)) {
      // The first step not yet done, in the address, so live refreshes stay on it.
      const firstOpen = view.done.findIndex((x) => !x) + 1 || STORY_STEPS.length;
      return c.redirect(`/dashboard/story?step=${firstOpen}`, 302);
    }
    const step = requested;
    const inboxMessageId = view.email?.status === 'SENT' ? await findEmail(d, view.email.to) : null;
    return c.html(
      storyPage({
        frame: frameOf(d),
        step,
        view,
        config: d.ws.config,
        apiUrl: d.deps.urls().api,
        customerLink: view.request ? customerLink(d, view.request) : null,
        inboxMessageId,
        headed: playbackMode(d.runtime).headed,
      }),
    );
  });

  app.post('/dashboard/story/configure', (c) => {
    const d = c.get('dash');
    const appInfo = d.runtime.demo.exampleApp;
    const raw = structuredClone((d.ws.meta.config ?? d.ws.config) as Record<string, unknown>);
    if (appInfo) {
      raw.form_url = `${appInfo.url}/verify`;
      raw.webhooks = { url: appInfo.webhookUrl, secret: appInfo.webhookSecret, events: [], batching: false, enabled: true };
    } else {
      raw.webhooks = { url: `/__sandbox/webhook-sink/story-${d.ws.id.slice(0, 8)}`, secret: 'story-secret', events: [], batching: false, enabled: true };
    }
    try {
      d.ws.setConfig(parseConfig(raw, 'config'), raw);
    } catch (err) {
      return actionDone(c, `The configuration was refused: ${(err as Error).message}`, { ok: false, redirect: '/dashboard/story?step=1' });
    }
    return actionDone(c, appInfo ? "The form now lives on the example bank's page, and its webhooks go there." : "Webhooks now go to the sandbox's built-in receiver.", { redirect: '/dashboard/story?step=1' });
  });

  app.post('/dashboard/story/send', (c) => {
    const d = c.get('dash');
    const st = d.runtime.story(d.ws.id);
    if (st.requestId) return actionDone(c, 'This telling already has its request; "Start over" begins a new one.', { ok: false, redirect: '/dashboard/story?step=2' });
    const cust = st.customer ?? storyCustomer(d.runtime.demo.seed, st.run);
    try {
      const { profileId, requestId } = d.ws.run((ctx) => {
        const profile = createProfile(ctx, {
          role: 'INDIVIDUAL_CUSTOMER',
          collected_data: {
            entity_type: 'INDIVIDUAL',
            customer_ref: `story-${st.run + 1}`,
            personal_details: { name: { given_names: [cust.given_names], family_name: cust.family_name }, dob: cust.dob, nationality: 'GBR' },
            contact_details: { email: cust.email },
          },
        } as Parameters<typeof createProfile>[1]);
        const task = listTasks(ctx, profile.id).find((t) => t.type === 'INDIVIDUAL_VERIFY_IDENTITY' && !t.is_expired);
        if (!task) throw new Error('the workspace config gives individuals no identity task (INDIVIDUAL_VERIFY_IDENTITY); the story needs the built-in config');
        const req = createCustomerRequest(ctx, profile.id, { type: 'FORMS', task_ids: [task.id], email: { message: `Hi ${cust.given_names}, one last step: a photo of your ID and a selfie.` } });
        return { profileId: profile.id, requestId: req.id };
      }, { kind: 'apikey', name: 'Example bank (story)' });
      Object.assign(st, { profileId, requestId, customer: cust, playback: null });
      return actionDone(c, `${cust.given_names} ${cust.family_name} created and the request sent.`, { redirect: '/dashboard/story?step=2' });
    } catch (err) {
      return actionDone(c, isPassFortError(err) || err instanceof Error ? err.message : String(err), { ok: false, redirect: '/dashboard/story?step=2' });
    }
  });

  app.post('/dashboard/story/complete', (c) => {
    const d = c.get('dash');
    const st = d.runtime.story(d.ws.id);
    if (!st.requestId) return actionDone(c, 'Send the request first (step 2).', { ok: false, redirect: '/dashboard/story?step=4' });
    try {
      d.ws.run((ctx) => completeRequest(ctx, st.requestId!, { document_types: { identity_documents: 'DRIVING_LICENCE' } }), SIMULATED_CUSTOMER);
      return actionDone(c, 'The customer sent a driving licence and a selfie, and pressed Finish.', { redirect: '/dashboard/story?step=4' });
    } catch (err) {
      return actionDone(c, (err as Error).message, { ok: false, redirect: '/dashboard/story?step=4' });
    }
  });

  app.post('/dashboard/story/play', (c) => {
    const d = c.get('dash');
    const st = d.runtime.story(d.ws.id);
    const view = storyView(d);
    if (!view.request || view.request.status !== 'SENT') return actionDone(c, 'There is no open request to play (send one in step 2).', { ok: false, redirect: '/dashboard/story?step=4' });
    if (st.playback?.state === 'running') return actionDone(c, 'The browser is already playing.', { ok: false, redirect: '/dashboard/story?step=4' });
    const cust = view.customer;
    const { headed, slowMo } = playbackMode(d.runtime);
    st.playback = { state: 'running', message: `A ${headed ? 'visible' : 'headless'} browser is filling in the form as ${cust.given_names}…` };
    const tell = () => d.ws.notify('STORY_PLAYBACK', { state: st.playback?.state ?? null });
    tell();
    playCustomer(
      customerLink(d, view.request),
      {
        kind: 'individual',
        given_names: cust.given_names,
        family_name: cust.family_name,
        dob: cust.dob,
        nationality: 'GBR',
        email: cust.email,
        address: { street_number: '12', route: 'Market Street', postal_town: 'London', postal_code: 'EC1A 1BB', country: 'GBR' },
        document: { type: 'DRIVING_LICENCE' },
      },
      { headed, slowMo },
    ).then(
      (end) => (st.playback = { state: 'done', message: `The browser finished the form: "${end}"` }),
      (err: unknown) => (st.playback = { state: 'failed', message: `The browser could not finish: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` }),
    ).finally(tell);
    return actionDone(c, st.playback.message, { redirect: '/dashboard/story?step=4' });
  });

  app.post('/dashboard/story/decide', async (c) => {
    const d = c.get('dash');
    const status = String((await c.req.parseBody()).status ?? '');
    const view = storyView(d);
    if (!view.application || (status !== 'APPROVED' && status !== 'REJECTED')) return actionDone(c, 'Nothing to decide yet.', { ok: false, redirect: '/dashboard/story?step=6' });
    try {
      d.ws.run((ctx) => updateApplicationStatus(ctx, view.profile!.id, view.application!.id, { status, comment: 'Decided in the guided story' }), DASHBOARD_USER);
      return actionDone(c, status === 'APPROVED' ? 'Approved.' : 'Rejected.', { redirect: '/dashboard/story?step=6' });
    } catch (err) {
      return actionDone(c, (err as Error).message, { ok: false, redirect: '/dashboard/story?step=6' });
    }
  });

  app.post('/dashboard/story/restart', (c) => {
    const d = c.get('dash');
    const st = d.runtime.story(d.ws.id);
    Object.assign(st, { profileId: null, requestId: null, customer: null, playback: null, run: st.run + 1 });
    return actionDone(c, 'A new telling with a new customer.', { redirect: '/dashboard/story?step=1' });
  });
}
