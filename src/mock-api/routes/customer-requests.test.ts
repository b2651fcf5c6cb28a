import { describe, expect, it } from 'vitest';
import { makeRequestApp, DAY } from '../../../test/support/customer-requests.js';
import { T0 } from '../../../test/support/test-app.js';
import { CrMsg } from '../../domain/customer-requests/messages.js';
import { HttpMsg } from '../messages.js';
import { listAudit } from '../../domain/audit.js';
import { emailsOfRequest } from '../../domain/emails.js';
import { getTask } from '../../domain/tasks.js';

describe('POST /4.0/forms/profile/{id}/customer_request', () => {
  it('creates a FORMS request: one form per task, a scoped key, the email queued, the task linked, an audit item', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    const taskId = t.taskId(profileId, 'INDIVIDUAL_VERIFY_IDENTITY');
    const res = await t.createRequest(profileId, { type: 'FORMS', task_ids: [taskId], theme: { alias: 'forest' }, email: { message: 'Hi Alex, one more step.' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      apikey: expect.stringMatching(/^[0-9a-f]{46}$/),
      type: 'FORMS',
      profile_id: profileId,
      created_at: '2026-01-15 09:00:00',
      expires_at: '2026-04-15 09:00:00',
      is_completed: false,
      forms: [{ id: expect.any(String), alias: 'identity_documents', title: 'Verify your identity', task_id: taskId }],
    });
    const { id, apikey, forms } = res.body;
    const emails = t.ws().read((ctx) => emailsOfRequest(ctx, id));
    expect(emails).toMatchObject([{ to: 'alex@example.com', message: 'Hi Alex, one more step.', request_apikey: apikey, status: 'PENDING' }]);
    expect(t.ws().read((ctx) => getTask(ctx, profileId, taskId)).form_instance_ids).toEqual([forms[0].id]);
    const audit = t.ws().read((ctx) => listAudit(ctx, profileId)).filter((a) => a.action === 'requested-data');
    expect(audit).toMatchObject([{ message: 'Customer request sent to alex@example.com: Verify your identity', ref_data: { customer_request_id: id, type: 'FORMS' } }]);
  });

  it('sends the email to email.to when given', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    const req = await t.formsRequest(profileId, ['INDIVIDUAL_VERIFY_IDENTITY'], { email: { to: 'someone.else@example.com' } });
    expect(t.ws().read((ctx) => emailsOfRequest(ctx, req.id))[0]!.to).toBe('someone.else@example.com');
  });

  it('creates a FLOW request without an email; conditional forms are not listed until a check asks for them', async () => {
    const t = makeRequestApp();
    const profileId = await t.newCompany(undefined, true);
    const res = await t.createRequest(profileId, { type: 'FLOW', flow_template: { alias: 'company_registration' }, theme: { alias: 'default' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 'FLOW', is_completed: false, forms: [{ alias: 'company_details', title: 'About your company' }] });
    expect(res.body.forms[0]).not.toHaveProperty('task_id');
    expect(t.eventsOf('EMAIL_QUEUED')).toHaveLength(0);
    expect(t.ws().read((ctx) => listAudit(ctx, profileId)).some((a) => a.action === 'requested-data' && a.message.includes('company_registration'))).toBe(true);
  });

  it('emits FORM_STATE_CHANGED and CUSTOMER_REQUEST_CHANGED with the data CONTRACT §5 names', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual('Alex', 'Wheeler', { customer_ref: 'cust-42' });
    const req = await t.formsRequest(profileId);
    expect(t.eventsOf('FORM_STATE_CHANGED').map((e) => e.data)).toEqual([
      expect.objectContaining({
        profile_id: profileId,
        customer_ref: 'cust-42',
        customer_request_id: req.id,
        form_id: req.forms[0]!.id,
        task_id: req.forms[0]!.task_id,
        status: 'SENT',
        previous_status: null,
      }),
    ]);
    expect(t.eventsOf('CUSTOMER_REQUEST_CHANGED').map((e) => e.data)).toEqual([
      expect.objectContaining({
        profile_id: profileId,
        customer_ref: 'cust-42',
        customer_request_id: req.id,
        status: 'SENT',
        previous_status: null,
        forms: [{ id: req.forms[0]!.id, status: 'SENT' }],
      }),
    ]);
  });
});

describe('GET /4.0/forms/profile/{id}/customer_request', () => {
  it('returns the most recently created request, with is_completed and no detailed status', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    const first = await t.formsRequest(profileId);
    await t.call('POST', `/__sandbox/customer-requests/${first.id}/forms/${first.forms[0]!.id}/cancel`);
    t.wall.tick(1_000);
    const second = await t.formsRequest(profileId);
    const res = await t.call('GET', `/4.0/forms/profile/${profileId}/customer_request`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: second.id, is_completed: false, created_at: '2026-01-15 09:00:01' });
    expect(res.body).not.toHaveProperty('status');
    await t.call('POST', `/__sandbox/customer-requests/${second.id}/complete`);
    expect((await t.call('GET', `/4.0/forms/profile/${profileId}/customer_request`)).body.is_completed).toBe(true);
  });

  it('is_completed is true for an expired request too', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    await t.formsRequest(profileId);
    await t.advance('90d');
    expect((await t.call('GET', `/4.0/forms/profile/${profileId}/customer_request`)).body.is_completed).toBe(true);
  });

  it('answers 404 for a profile without requests', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    const res = await t.call('GET', `/4.0/forms/profile/${profileId}/customer_request`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].message).toBe(CrMsg.noRequest(profileId));
  });
});

describe('one active request per profile', () => {
  it('refuses a second request with 400 code 105 and changes nothing', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    const first = await t.formsRequest(profileId);
    const eventsBefore = t.events.length;
    const res = await t.createRequest(profileId, { type: 'FORMS', task_ids: [t.taskId(profileId, 'INDIVIDUAL_VERIFY_IDENTITY')] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 105, message: CrMsg.activeRequestExists(profileId, first.id), info: { customer_request_id: first.id } });
    expect(t.events.length).toBe(eventsBefore);
    expect((await t.call('GET', `/4.0/forms/profile/${profileId}/customer_request`)).body.id).toBe(first.id);
    expect((await t.call('GET', '/__sandbox/customer-requests')).body).toHaveLength(1);
  });

  it('allows a new request once the last one expired', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    await t.formsRequest(profileId);
    await t.advance(90 * 86_400);
    expect((await t.createRequest(profileId, { type: 'FORMS', task_ids: [t.taskId(profileId, 'INDIVIDUAL_VERIFY_IDENTITY')] })).status).toBe(200);
  });

  it('keeps profiles apart: another profile may have its own', async () => {
    const t = makeRequestApp();
    const a = await t.newIndividual('Ann', 'One');
    const b = await t.newIndividual('Bob', 'Two');
    await t.formsRequest(a);
    await t.formsRequest(b);
    expect((await t.call('GET', '/__sandbox/customer-requests')).body).toHaveLength(2);
  });
});

describe('bad input: a 4xx naming the problem, nothing changed', () => {
  const MISSING = '7d3f6a55-2c0e-4a43-9a27-1c2b0b1d9e01';
  const cases: [string, (t: ReturnType<typeof makeRequestApp>, ids: { person: string; company: string }) => unknown, number, number, string | undefined, string | RegExp][] = [
    ['missing profile', () => ({ type: 'FLOW', flow_template: { alias: 'individual_registration' }, __profile: MISSING }), 404, 201, undefined, `Profile ${MISSING} does not exist in this workspace`],
    ['no type', () => ({ flow_template: { alias: 'x' } }), 400, 201, 'type', /type: must be "FLOW"/],
    ['unknown type', () => ({ type: 'EMAIL' }), 400, 201, 'type', /type: must be "FLOW"/],
    ['unknown flow alias', () => ({ type: 'FLOW', flow_template: { alias: 'nope' } }), 400, 201, 'flow_template.alias', CrMsg.unknownFlow('nope', ['company_registration', 'individual_registration'])],
    ['unknown theme alias', () => ({ type: 'FLOW', flow_template: { alias: 'individual_registration' }, theme: { alias: 'neon' } }), 400, 201, 'theme.alias', CrMsg.unknownTheme('neon', ['default', 'forest'])],
    ['flow for the other entity type', () => ({ type: 'FLOW', flow_template: { alias: 'company_registration' } }), 400, 201, 'flow_template.alias', CrMsg.flowEntityMismatch('company_registration', 'COMPANY', 'INDIVIDUAL')],
    ['no task ids', () => ({ type: 'FORMS', task_ids: [] }), 400, 201, 'task_ids', /a FORMS request needs at least one task id/],
    ['a task id that is not a UUID', () => ({ type: 'FORMS', task_ids: ['abc'] }), 400, 201, 'task_ids[0]', /must be a UUID/],
    ['an unknown task', () => ({ type: 'FORMS', task_ids: [MISSING] }), 400, 201, 'task_ids[0]', /task_ids\[0\]: task .* does not exist on profile/],
    ['a task of another profile', (t, ids) => ({ type: 'FORMS', task_ids: [t.taskId(ids.company, 'COMPANY_VERIFY_IDENTITY')] }), 400, 201, 'task_ids[0]', /does not exist on profile/],
    ['a task not configured for requests', (t, ids) => ({ type: 'FORMS', task_ids: [t.taskId(ids.person, 'INDIVIDUAL_ASSESS_POLITICAL_AND_SANCTIONS_EXPOSURE')] }), 400, 201, 'task_ids[0]', CrMsg.taskNotRequestable('task_ids[0]', 'INDIVIDUAL_ASSESS_POLITICAL_AND_SANCTIONS_EXPOSURE')],
    ['a task twice', (t, ids) => ({ type: 'FORMS', task_ids: [t.taskId(ids.person, 'INDIVIDUAL_VERIFY_IDENTITY'), t.taskId(ids.person, 'INDIVIDUAL_VERIFY_IDENTITY')] }), 400, 201, 'task_ids[1]', /task_ids\[1\]: task .* is listed twice/],
    ['a recipient that is not an email', (t, ids) => ({ type: 'FORMS', task_ids: [t.taskId(ids.person, 'INDIVIDUAL_VERIFY_IDENTITY')], email: { to: 'nobody' } }), 400, 201, 'email.to', /must be an email address/],
    ['a message of two paragraphs', (t, ids) => ({ type: 'FORMS', task_ids: [t.taskId(ids.person, 'INDIVIDUAL_VERIFY_IDENTITY')], email: { message: 'Hi.\n\nBye.' } }), 400, 201, 'email.message', CrMsg.messageNotParagraph],
    ['an unknown field', () => ({ type: 'FLOW', flow_template: { alias: 'individual_registration' }, colour: 'red' }), 400, 201, 'colour', /not a field PassFort accepts/],
  ];

  it.each(cases)('%s', async (_name, body, status, code, field, message) => {
    const t = makeRequestApp();
    const ids = { person: await t.newIndividual(), company: await t.newCompany() };
    const payload = body(t, ids) as Record<string, unknown>;
    const target = (payload.__profile as string | undefined) ?? ids.person;
    delete payload.__profile;
    const before = t.events.length;
    const res = await t.createRequest(target, payload);
    expect(res.status).toBe(status);
    const error = res.body.errors[0];
    expect(error.code).toBe(code);
    if (field) expect(error.info.field).toBe(field);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(t.events.length).toBe(before);
    expect((await t.call('GET', '/__sandbox/customer-requests')).body).toEqual([]);
  });

  it('a FORMS request with no recipient anywhere is 400 code 101', async () => {
    const t = makeRequestApp();
    const res0 = await t.call('POST', '/4.0/profiles', { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL' } });
    const profileId = res0.body.id;
    const res = await t.createRequest(profileId, { type: 'FORMS', task_ids: [t.taskId(profileId, 'INDIVIDUAL_VERIFY_IDENTITY')] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 101, message: CrMsg.noRecipient, info: { field: 'email.to' } });
  });
});

describe('the request apikey on /4.0', () => {
  it('is refused with 403: it opens its request in the collection form and nothing else', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    const req = await t.formsRequest(profileId);
    for (const path of ['/4.0/profiles', `/4.0/profiles/${profileId}`, `/4.0/forms/profile/${profileId}/customer_request`]) {
      const res = await t.call('GET', path, undefined, {}, req.apikey);
      expect(res.status).toBe(403);
      expect(res.body.errors[0].message).toBe(HttpMsg.requestKeyOnApi);
    }
  });

  it('expires with the request, on the workspace clock', async () => {
    const t = makeRequestApp();
    const profileId = await t.newIndividual();
    const req = await t.formsRequest(profileId);
    await t.advance('90d');
    const res = await t.call('GET', '/4.0/profiles', undefined, {}, req.apikey);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].message).toBe(HttpMsg.expiredApiKey);
    expect(T0 + 90 * DAY).toBe(Date.parse('2026-04-15T09:00:00Z'));
  });
});

describe('the configuration through the API', () => {
  it('a workspace config with a broken email template is refused, naming the path and the problem', async () => {
    const t = makeRequestApp();
    const config = { email_theme: { template: 'custom', custom_html: '<p>{{logo}}{{editable_text}}{{footer}}</p>' } };
    const created = await t.call('POST', '/__sandbox/workspaces', { name: 'broken', config }, {}, null);
    expect(created.status).toBe(400);
    expect(created.body.errors[0].info.problems).toContain('email_theme.template: the custom template has no button placeholder; add {{button}}');
    const replaced = await t.call('PUT', '/__sandbox/config', config);
    expect(replaced.status).toBe(400);
    expect(replaced.body.errors[0].message).toBe('Invalid config: email_theme.template: the custom template has no button placeholder; add {{button}}');
  });

  it('a new workspace gets its own flows and themes', async () => {
    const t = makeRequestApp();
    const config = {
      products: [],
      form_templates: [{ alias: 'tiny', title: 'Tiny', sections: [{ questions: [{ id: 'ref', label: 'Reference', type: 'text', path: 'customer_ref' }] }] }],
      flow_templates: [{ alias: 'tiny_flow', entity_type: 'INDIVIDUAL', forms: [{ form: 'tiny' }], redirect_url: 'https://example.com/done' }],
      form_themes: [{ alias: 'plain' }],
    };
    const ws = (await t.call('POST', '/__sandbox/workspaces', { name: 'custom', config }, {}, null)).body;
    const profile = (await t.call('POST', '/4.0/profiles', { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL' } }, {}, ws.api_key)).body;
    const req = await t.call('POST', `/4.0/forms/profile/${profile.id}/customer_request`, { type: 'FLOW', flow_template: { alias: 'tiny_flow' } }, {}, ws.api_key);
    expect(req.status).toBe(200);
    const view = await t.call('GET', `/collection/api/requests/${req.body.id}`, undefined, {}, req.body.apikey);
    expect(view.body.theme.alias).toBe('plain');
    await t.call('POST', `/collection/api/requests/${req.body.id}/forms/${req.body.forms[0].id}/submit`, { answers: { ref: 'abc-1' } }, {}, req.body.apikey);
    const done = await t.call('POST', `/collection/api/requests/${req.body.id}/finish`, undefined, {}, req.body.apikey);
    expect(done.body).toEqual({ status: 'COMPLETED', message: 'Data successfully submitted.', redirect_url: 'https://example.com/done' });
    expect((await t.call('GET', `/4.0/profiles/${profile.id}/collected_data`, undefined, {}, ws.api_key)).body.customer_ref).toBe('abc-1');
    // the default workspace knows nothing of it
    expect((await t.call('GET', `/__sandbox/customer-requests/${req.body.id}`)).status).toBe(404);
  });
});
