import { SandboxClient, type Application, type Json, type Profile } from '../harness/client.js';
import { waitFor } from '../harness/wait.js';
import { SAMPLE_IMAGES } from '../domain/customer-requests/sample-images.js';
import { demoPlan, plannedName, profileBody, type Planned } from './plan.js';

/**
 * Plays the demo plan (plan.ts) into a workspace through the sandbox's own API, the way an
 * integrator's code and its customers would: profiles, customer requests, the collection
 * back end, decisions, and the workspace clock, so every document, event, audit item, email
 * and webhook is the real consequence of a call. It works against any sandbox it can reach
 * over HTTP (or an in-process app through `fetch`).
 *
 * The clock is set back about 100 days first and moved forward as the stories happen, so the
 * oldest requests really expire and the data has a believable past; it ends at real time.
 */

export interface SeedOptions {
  seed: number;
  /** Show a webhook queue that stalled and recovered (needs a running dispatcher). Default true. */
  webhookStall?: boolean;
  /** The example integrator app: email links go to its /verify page and, after seeding, webhooks to it. */
  exampleApp?: { url: string; webhookUrl: string; webhookSecret: string } | null;
  log?: (line: string) => void;
  /** How long to wait for asynchronous outcomes (webhook attempts) before giving up. */
  timeoutMs?: number;
  /** Wait for each request email to be sent before the story moves on (needs a running mailer). Default true. */
  waitForEmail?: boolean;
}

export interface SeedResult {
  seed: number;
  profiles: number;
  requests: Record<string, number>;
  /** The sink the queue was pointed at while it stalled. */
  sink: string | null;
  stalled: { failed_attempts: number; recovered: boolean } | null;
  durationMs: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

export class SeedError extends Error {}

/** Waits for the sandbox to get somewhere (the harness's own polling wait, with its time-out message). */
const until = (what: string, probe: () => Promise<boolean>, timeout: number) => waitFor(what, probe, Boolean, { timeout });

export async function seedWorkspace(client: SandboxClient, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 15_000;
  const plan = demoPlan(options.seed);
  const ws = await client.workspace();
  const counts = { requests: {} as Record<string, number> };

  // --- the past begins about 100 days ago ---------------------------------------------------
  // The sandbox's own real time (the workspace clock minus its offset): tests may give it a wall clock.
  const c0 = await client.clock.get();
  const end = Date.parse(c0.now) - c0.offset_ms;
  const start = end - (Math.max(...plan.map((p) => p.daysAgo)) + 1) * DAY;
  await client.clock.set(new Date(start));
  const advanceTo = async (ms: number) => {
    const now = Date.parse((await client.clock.get()).now);
    if (ms > now) await client.clock.advance(`${Math.ceil((ms - now) / 1000)}`);
  };

  if (options.exampleApp) {
    const app = options.exampleApp;
    await client.config.update((config) => ({
      ...config,
      form_url: `${app.url}/verify`,
      flow_templates: ((config.flow_templates as Json[] | undefined) ?? []).map((f) => ({ ...f, redirect_url: `${app.url}/welcome` })),
    }));
  }
  const stallOn = options.webhookStall ?? true;
  const sink = stallOn ? client.sink(`demo-${options.seed}-${ws.id.slice(0, 8)}`) : null;
  if (sink) await client.webhooks.configure({ url: sink.path, secret: 'demo-webhook-secret', events: [], batching: false });

  let stall: SeedResult['stalled'] = null;
  let phase: Planned['phase'] | null = null;
  for (const p of plan) {
    if (phase !== p.phase) {
      if (sink && p.phase === 'stall') {
        // Everything before is delivered first, so the stall starts with this phase's events.
        await until('the webhook queue to catch up', async () => (await client.webhooks.status()).state === 'idle', timeoutMs * 2);
        log('the webhook receiver starts failing: the queue will stall');
        await sink.fault({ mode: 'status', status: 503 });
      }
      if (sink && phase === 'stall') stall = await recover(client, sink, timeoutMs, log);
      phase = p.phase;
    }
    await advanceTo(end - p.daysAgo * DAY);
    await playStory(client, p, options.seed, options.waitForEmail ?? true);
    if (sink && p.phase === 'stall') await failOnce(client, timeoutMs);
    log(`${plannedName(p)}: ${p.story.replace(/_/g, ' ')}`);
  }

  // --- back to the present (the oldest requests expire on the way) --------------------------
  await advanceTo(end);
  const behind = -(await client.clock.get()).offset_ms;
  if (behind > 0) await client.clock.advance(`${Math.ceil(behind / 1000)}`);
  if (sink) {
    await until('the webhook queue to deliver everything', async () => (await client.webhooks.status()).state === 'idle', timeoutMs * 2);
    if (options.exampleApp) await client.webhooks.configure({ url: options.exampleApp.webhookUrl, secret: options.exampleApp.webhookSecret, events: [], batching: false });
  }
  for (const r of await client.customerRequests.list({})) counts.requests[r.status] = (counts.requests[r.status] ?? 0) + 1;
  return { seed: options.seed, profiles: plan.length, requests: counts.requests, sink: sink?.path ?? null, stalled: stall, durationMs: Date.now() - started };
}

/** A stalled queue gets one more failed attempt: move the clock past the next retry and wait for it. */
async function failOnce(client: SandboxClient, timeoutMs: number): Promise<void> {
  const before = (await client.webhooks.status()).failed_attempts;
  if (before === 0) {
    await until('the first failed webhook attempt', async () => (await client.webhooks.status()).failed_attempts > 0, timeoutMs);
    return;
  }
  await client.clock.advance(`${2 ** before + 1}`);
  await until('a retried webhook attempt', async () => (await client.webhooks.status()).failed_attempts > before, timeoutMs);
}

async function recover(client: SandboxClient, sink: ReturnType<SandboxClient['sink']>, timeoutMs: number, log: (l: string) => void) {
  await client.clock.advance(`${(3 * HOUR) / 1000}`);
  await sink.clearFault();
  await client.webhooks.retry();
  await until('the webhook queue to recover', async () => (await client.webhooks.status()).state !== 'stalled', timeoutMs);
  // Counted from the attempt log: the status panel forgets the count once the queue recovers.
  const failed = (await client.webhooks.deliveries()).filter((d) => !d.ok).length;
  log(`the webhook receiver is back: the queue recovered after ${failed} failed attempts`);
  return { failed_attempts: failed, recovered: true };
}

async function settleChecks(client: SandboxClient): Promise<void> {
  // Asynchronous checks complete 3 s of workspace time after they start; an hour covers everything.
  await client.clock.advance(`${HOUR / 1000}`);
}

async function decide(client: SandboxClient, profile: Profile, status: 'APPROVED' | 'REJECTED' | 'IN_REVIEW') {
  const apps = await client.profiles.applications(profile.id);
  for (const app of apps) {
    if (status === 'IN_REVIEW') await setStatus(client, profile.id, app, 'APPROVED');
    await setStatus(client, profile.id, app, status);
  }
}

const setStatus = (client: SandboxClient, profileId: string, app: Application, status: string) =>
  client.request<Application>('POST', `/4.0/profiles/${profileId}/applications/${app.id}`, { status, comment: 'Decided by the demo seeder' });

async function playStory(client: SandboxClient, p: Planned, seed: number, waitForEmail: boolean): Promise<void> {
  const profile = await client.profiles.create(profileBody(p));
  const identityTask = p.entity === 'INDIVIDUAL' ? 'INDIVIDUAL_VERIFY_IDENTITY' : 'COMPANY_VERIFY_IDENTITY';
  const completeSeed = `demo-${seed}-${p.key}`;
  switch (p.story) {
    case 'approved':
    case 'in_review':
    case 'rejected':
      await settleChecks(client);
      await decide(client, profile, p.story === 'approved' ? 'APPROVED' : p.story === 'rejected' ? 'REJECTED' : 'IN_REVIEW');
      return;
    case 'applied':
      await settleChecks(client);
      return;
    case 'forms_sent':
    case 'forms_expired':
    case 'forms_completed':
    case 'forms_completed_approved':
    case 'forms_part_done': {
      await settleChecks(client);
      const ids = [(await client.profiles.task(profile.id, identityTask)).id];
      if (p.entity === 'INDIVIDUAL' && p.twoForms) ids.push((await client.profiles.addTask(profile.id, 'INDIVIDUAL_VERIFY_ADDRESS')).id);
      const req = await client.customerRequests.create(profile.id, {
        type: 'FORMS',
        task_ids: ids,
        email: { message: `Hello ${p.entity === 'INDIVIDUAL' ? p.given_names[0] : 'there'}, please send us a photo of your identity document to finish opening your account.` },
      });
      // The email goes out asynchronously; wait for it so it is sent at this moment of the story, not after the next clock move.
      if (waitForEmail) await until('the request email to be sent', async () => (await client.customerRequests.detail(req.id)).emails.every((e) => e.status === 'SENT'), 10_000);
      if (p.story === 'forms_completed' || p.story === 'forms_completed_approved') {
        await client.clock.advance(`${(2 + (p.key.charCodeAt(1) % 5)) * HOUR / 1000}`);
        await client.customerRequests.complete(req.id, { seed: completeSeed, document_types: { identity_documents: 'DRIVING_LICENCE' } });
        await settleChecks(client);
        if (p.story === 'forms_completed_approved') await decide(client, profile, 'APPROVED');
      }
      if (p.story === 'forms_part_done') {
        await client.clock.advance(`${5 * HOUR / 1000}`);
        await submitIdentityForm(client, req.id, req.apikey, req.forms[0]!.id);
      }
      return;
    }
    case 'flow_sent':
    case 'flow_expired':
    case 'flow_part_done':
    case 'flow_completed': {
      const flow = p.entity === 'INDIVIDUAL' ? 'individual_registration' : 'company_registration';
      const req = await client.customerRequests.create(profile.id, { type: 'FLOW', flow_template: { alias: flow } });
      if (p.story === 'flow_completed') {
        await client.clock.advance('600');
        let done = await client.customerRequests.complete(req.id, { seed: completeSeed });
        for (let i = 0; !done.finished && i < 3; i++) {
          await client.clock.advance('10');
          done = await client.customerRequests.complete(req.id, { seed: completeSeed });
        }
        await settleChecks(client);
      }
      if (p.story === 'flow_part_done') {
        await client.clock.advance('600');
        if (p.entity === 'COMPANY') {
          // The first form; the ownership check then asks the follow-up "shareholders" form, which nobody answers.
          await submitFirstForm(client, req.id, req.apikey, { name: p.name, number: p.number, country_of_incorporation: 'GBR', incorporation_date: p.incorporation_date, ownership_type: 'COMPANY', email: p.email, address: { type: 'STRUCTURED', ...p.address } });
        } else {
          await submitFirstForm(client, req.id, req.apikey, {
            given_names: p.given_names.join(' '),
            family_name: p.family_name,
            dob: p.dob,
            nationality: p.nationality,
            email: p.email,
            phone: p.phone,
            address: { type: 'STRUCTURED', ...p.address },
          });
        }
        await settleChecks(client);
      }
      return;
    }
  }
}

interface CollectionForm {
  id: string;
  status: string;
  sections?: { questions: { id: string; type: string; document_types?: { document_type: string; elements: { element: string }[] }[] | null }[] }[];
}

/** The customer answers the first open form through the collection back end (with the request's own key). */
async function submitFirstForm(client: SandboxClient, requestId: string, apikey: string, answers: Json): Promise<void> {
  const req = await client.request<{ forms: CollectionForm[]; current_form_id: string }>('GET', `/collection/api/requests/${requestId}`, undefined, { apikey });
  await client.request('POST', `/collection/api/requests/${requestId}/forms/${req.current_form_id}/submit`, { answers }, { apikey });
}

/** The customer sends a passport (front and selfie) for the identity form and submits it; the other form stays open. */
async function submitIdentityForm(client: SandboxClient, requestId: string, apikey: string, formId: string): Promise<void> {
  const req = await client.request<{ forms: CollectionForm[] }>('GET', `/collection/api/requests/${requestId}`, undefined, { apikey });
  const form = req.forms.find((f) => f.id === formId);
  const question = form?.sections?.flatMap((s) => s.questions).find((q) => q.type === 'document');
  const type = question?.document_types?.[0];
  if (!question || !type) throw new SeedError(`the identity form of request ${requestId} has no document question`);
  for (const { element } of type.elements) {
    const data = SAMPLE_IMAGES[element as keyof typeof SAMPLE_IMAGES] ?? SAMPLE_IMAGES.FRONT;
    await client.request('POST', `/collection/api/requests/${requestId}/forms/${formId}/documents`, { question_id: question.id, document_type: type.document_type, element, data }, { apikey });
  }
  await client.request('POST', `/collection/api/requests/${requestId}/forms/${formId}/submit`, {}, { apikey });
}

export { demoPlan };
