import { describe, expect, it } from 'vitest';
import { configWithThreeFormFlow, makeRequestApp } from '../../../test/support/customer-requests.js';
import { defaultConfig } from '../../config/default-config.js';
import { CrMsg } from '../../domain/customer-requests/messages.js';
import { SAMPLE_IMAGES } from '../../domain/customer-requests/sample-images.js';
import { listDocumentImages } from '../../domain/documents.js';
import { getProfile } from '../../domain/profiles.js';

type App = ReturnType<typeof makeRequestApp>;

const personal = {
  given_names: 'Mary',
  family_name: 'Smith',
  dob: '1985-06-30',
  nationality: 'GBR',
  email: 'mary@example.com',
  address: { type: 'FREEFORM', country: 'GBR', text: '1 High Street, London' },
};

/** Submits one form of the three-form flow through the collection back end, as a browser would. */
async function submitThrough(t: App, req: { id: string; apikey: string }, form: { id: string; alias: string }) {
  const base = `/requests/${req.id}/forms/${form.id}`;
  if (form.alias === 'identity_document') {
    for (const element of ['FRONT', 'SELFIE'] as const) {
      await t.collect('POST', `${base}/documents`, req.apikey, { document_type: 'PASSPORT', element, data: SAMPLE_IMAGES[element] });
    }
  }
  const answers = form.alias === 'personal_details' ? personal : form.alias === 'home_address' ? { address: personal.address } : {};
  const res = await t.collect('POST', `${base}/submit`, req.apikey, { answers });
  if (res.status !== 200) throw new Error(`submit ${form.alias}: ${res.status} ${JSON.stringify(res.body)}`);
}

describe('GET /__sandbox/customer-requests/{id}', () => {
  it('shows the detailed status, forms, emails and history; 404 for an unknown id', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    const req = await t.formsRequest(profileId);
    const detail = await t.detail(req.id);
    expect(detail).toMatchObject({
      id: req.id,
      type: 'FORMS',
      status: 'SENT',
      is_completed: false,
      apikey: req.apikey,
      email: { to: 'alex@example.com', message: null },
      emails: [{ to: 'alex@example.com', status: 'PENDING' }],
      forms: [{ id: req.forms[0]!.id, status: 'SENT', task_id: req.forms[0]!.task_id }],
      history: [{ event: 'CREATED', at: '2026-01-15 09:00:00', actor: 'Master API key' }],
    });
    const missing = await t.call('GET', '/__sandbox/customer-requests/3a1d2c4b-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].message).toBe(CrMsg.requestNotFound('3a1d2c4b-0000-4000-8000-000000000000'));
  });

  it('needs the master key', async () => {
    const t = makeRequestApp();
    const req = await t.formsRequest(await t.newIndividual());
    expect((await t.call('GET', `/__sandbox/customer-requests/${req.id}`, undefined, {}, req.apikey)).status).toBe(401);
  });

  it('lists requests newest first, filtered by profile and status', async () => {
    const t = makeRequestApp();
    const a = await t.newIndividual('Ann', 'One');
    const b = await t.newIndividual('Bob', 'Two');
    const ra = await t.formsRequest(a);
    const rb = await t.formsRequest(b);
    await t.call('POST', `/__sandbox/customer-requests/${rb.id}/complete`);
    expect((await t.call('GET', '/__sandbox/customer-requests')).body.map((r: { id: string }) => r.id)).toEqual([rb.id, ra.id]);
    expect((await t.call('GET', `/__sandbox/customer-requests?profile_id=${a}`)).body.map((r: { id: string }) => r.id)).toEqual([ra.id]);
    expect((await t.call('GET', '/__sandbox/customer-requests?status=COMPLETED')).body.map((r: { id: string }) => r.id)).toEqual([rb.id]);
  });
});

describe('every ordering of form outcomes through the API (three forms; the rest expire at the deadline)', () => {
  type Action = 'complete' | 'cancel';
  const cases: { steps: [number, Action][] }[] = [];
  const orders = (pool: number[], k: number): number[][] =>
    k === 0 ? [[]] : pool.flatMap((x) => orders(pool.filter((y) => y !== x), k - 1).map((rest) => [x, ...rest]));
  for (let k = 0; k <= 3; k++) {
    for (const order of orders([0, 1, 2], k)) {
      for (let mask = 0; mask < 2 ** k; mask++) {
        cases.push({ steps: order.map((i, j) => [i, (mask >> j) & 1 ? 'cancel' : 'complete'] as [number, Action]) });
      }
    }
  }

  it('covers 79 orderings', () => expect(cases).toHaveLength(79));

  it.each(cases.map((c) => [c.steps.map(([i, a]) => `${a} ${i}`).join(', ') || 'nothing', c] as const))('%s, then the deadline', async (_label, { steps }) => {
    const t = makeRequestApp({ config: configWithThreeFormFlow() });
    const req = await t.flowRequest(await t.newIndividual(), 'three_forms');
    for (const [n, [i, action]] of steps.entries()) {
      const form = req.forms[i]!;
      if (action === 'cancel') expect((await t.call('POST', `/__sandbox/customer-requests/${req.id}/forms/${form.id}/cancel`)).status).toBe(200);
      else await submitThrough(t, req, form);
      const last = n === 2;
      const expected = last ? (action === 'complete' ? 'COMPLETED' : 'EXPIRED') : 'SENT';
      expect((await t.detail(req.id)).status).toBe(expected);
    }
    await t.advance('90d');
    const final = await t.detail(req.id);
    const expected = steps.length === 3 ? (steps[2]![1] === 'complete' ? 'COMPLETED' : 'EXPIRED') : 'EXPIRED';
    expect(final.status).toBe(expected);
    expect(final.forms.map((f: { status: string }) => f.status)).toEqual(
      [0, 1, 2].map((i) => {
        const step = steps.find(([j]) => j === i);
        return step ? (step[1] === 'complete' ? 'COMPLETED' : 'CANCELLED') : 'EXPIRED';
      }),
    );
    const changed = t.eventsOf('CUSTOMER_REQUEST_CHANGED').at(-1)!.data;
    expect(changed).toMatchObject({ status: expected, previous_status: 'SENT', customer_request_id: req.id });
  });
});

describe('cancelling a form', () => {
  it('cancels one form; a second cancel is 409; a last cancelled form makes the request EXPIRED', async () => {
    const t = makeRequestApp();
    const req = await t.formsRequest(await t.newIndividual());
    const formId = req.forms[0]!.id;
    const res = await t.call('POST', `/__sandbox/customer-requests/${req.id}/forms/${formId}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'EXPIRED', forms: [{ status: 'CANCELLED' }] });
    expect(t.eventsOf('FORM_STATE_CHANGED').at(-1)!.data).toMatchObject({ form_id: formId, status: 'CANCELLED', previous_status: 'SENT', task_id: req.forms[0]!.task_id });
    const again = await t.call('POST', `/__sandbox/customer-requests/${req.id}/forms/${formId}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].info).toMatchObject({ status: 'EXPIRED' });
  });

  it('is 404 for a form the request does not have', async () => {
    const t = makeRequestApp();
    const req = await t.formsRequest(await t.newIndividual());
    const res = await t.call('POST', `/__sandbox/customer-requests/${req.id}/forms/${req.id}/cancel`);
    expect(res.status).toBe(404);
  });
});

describe('expiry on the workspace clock', () => {
  it('forms are still open one second before the deadline and expired one second after', async () => {
    const t = makeRequestApp({ config: configWithThreeFormFlow() });
    const req = await t.flowRequest(await t.newIndividual(), 'three_forms');
    await submitThrough(t, req, req.forms[0]!);
    await t.advance(90 * 86_400 - 1);
    expect((await t.detail(req.id)).status).toBe('SENT');
    const stillOpen = await t.collect('PATCH', `/requests/${req.id}/forms/${req.forms[1]!.id}/answers`, req.apikey, { answers: { moved_in: true } });
    expect(stillOpen.status).toBe(200);
    const before = t.eventsOf('FORM_STATE_CHANGED').length;

    await t.advance(2);
    const detail = await t.detail(req.id);
    expect(detail).toMatchObject({ status: 'EXPIRED', is_completed: true, terminal_at: '2026-04-15 09:00:00' });
    expect(detail.forms.map((f: { status: string }) => f.status)).toEqual(['COMPLETED', 'EXPIRED', 'EXPIRED']);
    expect(t.eventsOf('FORM_STATE_CHANGED').slice(before).map((e) => [e.data.form_id, e.data.status, e.at])).toEqual([
      [req.forms[1]!.id, 'EXPIRED', Date.parse('2026-04-15T09:00:00Z')],
      [req.forms[2]!.id, 'EXPIRED', Date.parse('2026-04-15T09:00:00Z')],
    ]);
    expect(t.eventsOf('CUSTOMER_REQUEST_CHANGED').at(-1)!.data).toMatchObject({ status: 'EXPIRED', previous_status: 'SENT' });
    expect((await t.collect('GET', `/requests/${req.id}`, req.apikey)).body.message).toBe('This request has expired.');
  });

  it('follows expiry_days from the config', async () => {
    const config = structuredClone(defaultConfig) as any;
    config.expiry_days = 7;
    const t = makeRequestApp({ config });
    const req = await t.formsRequest(await t.newIndividual());
    expect((await t.detail(req.id)).expires_at).toBe('2026-01-22 09:00:00');
    await t.advance('7d');
    expect((await t.detail(req.id)).status).toBe('EXPIRED');
  });

  it('a completed request is not touched by its deadline', async () => {
    const t = makeRequestApp();
    const req = await t.formsRequest(await t.newIndividual());
    await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`);
    const count = t.eventsOf('CUSTOMER_REQUEST_CHANGED').length;
    await t.advance('100d');
    expect((await t.detail(req.id)).status).toBe('COMPLETED');
    expect(t.eventsOf('CUSTOMER_REQUEST_CHANGED')).toHaveLength(count);
  });
});

describe('POST /__sandbox/customer-requests/{id}/complete', () => {
  it("does the customer's part: answers that fit, sample images, every form submitted, finished", async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    const req = await t.flowRequest(profileId, 'individual_registration');
    const res = await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ finished: true, submitted_form_ids: req.forms.map((f) => f.id), request: { status: 'COMPLETED' } });
    const data = t.ws().read((ctx) => getProfile(ctx, profileId)).collected_data as any;
    // The profile's own name is kept (customers confirm their data); the rest is made up to fit.
    expect(data.personal_details.name).toEqual({ given_names: ['Alex'], family_name: 'Wheeler' });
    expect(data.address_history[0].address).toMatchObject({ type: 'STRUCTURED', country: 'GBR' });
    expect(data.documents).toHaveLength(1);
    expect(t.ws().read((ctx) => listDocumentImages(ctx, profileId)).map((i) => i.image_type)).toEqual(['FRONT', 'FACE']);
    expect(t.eventsOf('CUSTOMER_REQUEST_FINISHED')).toHaveLength(1);
    expect(t.eventsOf('FORM_STATE_CHANGED').at(-1)!.data.user).toMatchObject({ name: expect.stringContaining('simulated') });
  });

  it('makes the same answers for the same request, and uses the answers it is given', async () => {
    const run = async (body?: unknown) => {
      const t = makeRequestApp({ seed: 7 });
      const req = await t.flowRequest(await t.newCompany(undefined, true), 'company_registration');
      await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`, body);
      return (await t.detail(req.id)).forms[0].answers;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a.number).toMatch(/^\d{8}$/);
    expect(a.email).toMatch(/@example\.com$/);
    const given = await run({ answers: { company_details: { name: 'Given Name Ltd', incorporation_date: null } } });
    expect(given.name).toBe('Given Name Ltd');
    expect(given).not.toHaveProperty('incorporation_date');
  });

  it('refuses answers that do not fit, and unknown forms, changing nothing', async () => {
    const t = makeRequestApp();
    const req = await t.flowRequest(await t.newCompany(undefined, true), 'company_registration');
    const bad = await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`, { answers: { company_details: { country_of_incorporation: 'England' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].info.field).toBe('answers.country_of_incorporation');
    const unknown = await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`, { answers: { nope: {} } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].info.field).toBe('answers.nope');
    const detail = await t.detail(req.id);
    expect(detail.forms[0]).toMatchObject({ status: 'SENT', answers: {} });
  });

  it('is 409 on a request that is no longer open', async () => {
    const t = makeRequestApp();
    const req = await t.formsRequest(await t.newIndividual());
    await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`);
    const again = await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].info.status).toBe('COMPLETED');
  });
});
