import { seededFaker } from '../../domain/seeded-faker.js';
import { applicationsOf, checksOf, PROFILES } from '../../domain/collections.js';
import type { ApplicationDoc } from '../../domain/application-state.js';
import { approvalBlockers } from '../../domain/application-state.js';
import type { CheckDoc } from '../../domain/checks/types.js';
import { findRequest, type CustomerRequestDoc } from '../../domain/customer-requests/index.js';
import { emailsOfRequest, type EmailDoc } from '../../domain/emails.js';
import { displayName, type ProfileDoc } from '../../domain/profiles.js';
import { OUTBOX, type OutboxEvent } from '../../workspace/events.js';
import { resolveEvent, toEnvelope, type Envelope } from '../../webhooks/envelope.js';
import type { DeliveryRecord } from '../../webhooks/records.js';
import type { Dash } from '../context.js';
import type { StoryState } from '../runtime.js';

/**
 * The guided story's state, read from the workspace each time: which of the six steps are
 * done is what the data says (a request exists, its email was sent, its form completed, the
 * webhook got a 200, the application was decided), never a flag the presenter could forget.
 */

export const STORY_STEPS = [
  { n: 1, slug: 'configure', title: 'Configure' },
  { n: 2, slug: 'request', title: 'Send the request' },
  { n: 3, slug: 'email', title: "The customer's email" },
  { n: 4, slug: 'form', title: 'The form' },
  { n: 5, slug: 'webhook', title: 'The webhook' },
  { n: 6, slug: 'decision', title: 'The decision' },
] as const;

export interface StoryCustomer {
  given_names: string;
  family_name: string;
  email: string;
  dob: string;
}

/** The customer of a telling: the same for the same demo seed and run (a rehearsal matches the show). */
export function storyCustomer(seed: number | null, run: number): StoryCustomer {
  // The same locales and seed (`story|seed|run`) as a Faker of its own, without importing all of
  // faker's locales at every start.
  const f = seededFaker('story', seed ?? 0, run);
  const first = f.person.firstName();
  const last = f.person.lastName();
  const local = `${first}.${last}`.normalize('NFKD').replace(/[^A-Za-z.]/g, '').toLowerCase();
  const y = f.number.int({ min: 1960, max: 2000 });
  return { given_names: first, family_name: last, email: `${local}@example.com`, dob: `${y}-0${f.number.int({ min: 1, max: 9 })}-1${f.number.int({ min: 0, max: 9 })}` };
}

export interface WebhookSeen {
  envelope: Envelope;
  delivery: DeliveryRecord | null;
}

export interface StoryView {
  state: StoryState;
  customer: StoryCustomer;
  formUrl: string;
  webhookUrl: string | null;
  configured: boolean;
  exampleApp: { url: string; webhookUrl: string } | null;
  profile: ProfileDoc | null;
  profileName: string | null;
  request: CustomerRequestDoc | null;
  email: EmailDoc | null;
  webhooks: WebhookSeen[];
  application: ApplicationDoc | null;
  blockers: number;
  checks: CheckDoc[];
  done: boolean[];
}

export function storyView(d: Dash): StoryView {
  const state = d.runtime.story(d.ws.id);
  const customer = state.customer ?? storyCustomer(d.runtime.demo.seed, state.run);
  const config = d.ws.config;
  const formUrl = config.form_url ?? `${d.deps.urls().api}/onboarding`;
  const webhookUrl = config.webhooks.url;
  const exampleApp = d.runtime.demo.exampleApp;
  const configured = webhookUrl !== null && config.webhooks.enabled && (!exampleApp || (formUrl.startsWith(exampleApp.url) && webhookUrl === exampleApp.webhookUrl));
  const deliveries = d.deps.webhooks?.deliveries(d.ws, {}) ?? [];
  return d.ws.read((ctx) => {
    const profile = state.profileId ? (ctx.repo.get<ProfileDoc>(PROFILES, state.profileId) ?? null) : null;
    const request = state.requestId ? (findRequest(ctx, state.requestId) ?? null) : null;
    const email = request ? (emailsOfRequest(ctx, request.id).at(-1) ?? null) : null;
    const application = profile ? (ctx.repo.list<ApplicationDoc>(applicationsOf(profile.id)).find((a) => !a.hidden) ?? null) : null;
    const checks = profile ? ctx.repo.list<CheckDoc>(checksOf(profile.id)) : [];
    const webhooks: WebhookSeen[] = [];
    if (profile) {
      for (const e of ctx.repo.list<OutboxEvent>(OUTBOX)) {
        if ((e.data as { profile_id?: string }).profile_id !== profile.id) continue;
        const item = resolveEvent(e, config.webhooks.events);
        if (!item) continue;
        const delivery = [...deliveries].reverse().find((x) => x.event_ids.includes(e.id)) ?? null;
        webhooks.push({ envelope: toEnvelope(item, config.webhooks.secret ? '••••••' : ''), delivery });
      }
    }
    const completedHook = webhooks.find((w) => w.envelope.event === 'CUSTOMER_REQUEST_CHANGED' && (w.envelope.data as { status?: string }).status === 'COMPLETED');
    const decided = application !== null && (application.status === 'APPROVED' || application.status === 'REJECTED');
    return {
      state,
      customer,
      formUrl,
      webhookUrl,
      configured,
      exampleApp,
      profile,
      profileName: profile ? displayName(profile.collected_data) : null,
      request,
      email,
      webhooks,
      application,
      blockers: application && application.status === 'APPLIED' ? approvalBlockers(ctx, application).length : 0,
      checks,
      done: [configured, request !== null, email?.status === 'SENT', request?.status === 'COMPLETED', completedHook?.delivery?.ok === true, decided],
    };
  });
}
