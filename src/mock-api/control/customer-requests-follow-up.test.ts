import { describe, expect, it } from 'vitest';
import { makeRequestApp } from '../../../test/support/customer-requests.js';
import { defaultConfig } from '../../config/default-config.js';
import { CrMsg } from '../../domain/customer-requests/messages.js';
import { listApplications } from '../../domain/applications.js';
import { listChecks } from '../../domain/checks.js';
import { getProfile } from '../../domain/profiles.js';

// Customer requests whose forms start checks, and a follow-up form that a check result asks for.
describe('a registration flow with a follow-up form triggered by a check result', () => {
  /** business_account is not auto-applied here, so the flow's completion is what adds it. */
  const flowConfig = () => {
    const config = structuredClone(defaultConfig) as any;
    config.products.find((p: { alias: string }) => p.alias === 'business_account').automatically_apply = false;
    return config;
  };

  it('starts checks as forms come in, asks about shareholders when ownership finds them, adds the product on completion', async () => {
    const t = makeRequestApp({ config: flowConfig() });
    const profileId = await t.newCompany(undefined, true);
    const req = await t.flowRequest(profileId, 'company_registration');
    expect(req.forms.map((f) => f.alias)).toEqual(['company_details']);

    const first = await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`, { answers: { company_details: { name: 'Acme Widgets Ltd' } } });
    expect(first.body).toMatchObject({ finished: false, request: { status: 'SENT' } });
    // The checks started before the applicant finished.
    const checks = t.ws().read((ctx) => listChecks(ctx, profileId));
    expect(checks.map((c) => c.check_type).sort()).toEqual(['COMPANY_OWNERSHIP', 'COMPANY_REGISTRY']);
    expect(checks[0]!.input_data).toMatchObject({ metadata: { name: 'Acme Widgets Ltd' } });
    const waiting = await t.collect('GET', `/requests/${req.id}`, req.apikey);
    expect(waiting.body).toMatchObject({ status: 'SENT', current_form_id: null, waiting_for: [{ check_type: 'COMPANY_OWNERSHIP', form_alias: 'shareholders', check_started: true }] });
    const early = await t.collect('POST', `/requests/${req.id}/finish`, req.apikey);
    expect(early.status).toBe(409);
    expect(early.body.errors[0].message).toBe(CrMsg.waitingForChecks(['COMPANY_OWNERSHIP']));

    await t.advance('5s'); // the async ownership check completes on the workspace clock
    const after = await t.detail(req.id);
    expect(after.forms.map((f: { alias: string; status: string }) => [f.alias, f.status])).toEqual([
      ['company_details', 'COMPLETED'],
      ['shareholders', 'SENT'],
    ]);
    expect(after.forms[1].asked_because).toMatchObject({ check_type: 'COMPANY_OWNERSHIP', condition: 'has_shareholders' });
    expect(after.follow_up_forms).toMatchObject([{ form_alias: 'shareholders', state: 'ASKED', result: 'Pass' }]);
    expect(t.eventsOf('FORM_STATE_CHANGED').at(-1)!.data).toMatchObject({ form_id: after.forms[1].id, status: 'SENT', previous_status: null });
    expect((await t.call('GET', `/4.0/forms/profile/${profileId}/customer_request`)).body.forms.map((f: { alias: string }) => f.alias)).toEqual([
      'company_details',
      'shareholders',
    ]);
    expect(t.ws().read((ctx) => listApplications(ctx, profileId))).toHaveLength(0);

    const second = await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`);
    expect(second.body).toMatchObject({ finished: true, request: { status: 'COMPLETED', product: { alias: 'business_account' } } });
    const apps = t.ws().read((ctx) => listApplications(ctx, profileId));
    expect(apps.map((a) => a.product.alias)).toEqual(['business_account']);
    expect(second.body.request.product.application_id).toBe(apps[0]!.id);
    expect(t.eventsOf('CUSTOMER_REQUEST_APPLICATION_ADDED')[0]!.data).toMatchObject({ application_id: apps[0]!.id, already_present: false });
    const data = t.ws().read((ctx) => getProfile(ctx, profileId)).collected_data as any;
    expect(data.ownership_structure.beneficial_owners[0]).toMatchObject({ entity_type: 'INDIVIDUAL', immediate_data: { entity_type: 'INDIVIDUAL' } });
    const finish = await t.collect('POST', `/requests/${req.id}/finish`, req.apikey);
    expect(finish.body).toEqual({ status: 'COMPLETED', message: 'Data successfully submitted.', redirect_url: '/onboarding/done' });
  });

  it('skips the follow-up form when the check finds no shareholders, and completes when the check answers', async () => {
    const t = makeRequestApp({ config: flowConfig() });
    const profileId = await t.newCompany(undefined, true);
    const req = await t.flowRequest(profileId, 'company_registration');
    await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`, { answers: { company_details: { name: 'Fail Widgets Ltd' } } });
    expect((await t.detail(req.id)).status).toBe('SENT');
    await t.advance('5s');
    const after = await t.detail(req.id);
    expect(after).toMatchObject({ status: 'COMPLETED', follow_up_forms: [{ state: 'SKIPPED', result: 'Fail' }] });
    expect(after.forms).toHaveLength(1);
    expect(t.ws().read((ctx) => listApplications(ctx, profileId)).map((a) => a.product.alias)).toEqual(['business_account']);
  });

  it('does not add the product twice when the profile already applied (auto-apply)', async () => {
    const t = makeRequestApp();
    const profileId = await t.newCompany(undefined, true);
    const req = await t.flowRequest(profileId, 'company_registration');
    await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`, { answers: { company_details: { name: 'Fail Widgets Ltd' } } });
    await t.advance('5s');
    expect((await t.detail(req.id)).status).toBe('COMPLETED');
    expect(t.ws().read((ctx) => listApplications(ctx, profileId))).toHaveLength(1);
    expect(t.eventsOf('CUSTOMER_REQUEST_APPLICATION_ADDED')[0]!.data).toMatchObject({ already_present: true });
  });

  it('a synchronous check decides at once: a failed identity check asks for proof of address in the same step', async () => {
    const config = structuredClone(defaultConfig) as any;
    config.flow_templates.push({
      alias: 'identity_then_address',
      entity_type: 'INDIVIDUAL',
      forms: [{ form: 'personal_details' }, { form: 'home_address', when: { check_type: 'IDENTITY_CHECK', condition: 'result_not_pass' } }],
      checks: [{ check_type: 'IDENTITY_CHECK', after_form: 'personal_details' }],
    });
    const run = async (family: string) => {
      const t = makeRequestApp({ config });
      const req = await t.flowRequest(await t.newIndividual('Alex', family), 'identity_then_address');
      const res = await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`);
      return res.body;
    };
    const failed = await run('Fail');
    expect(failed).toMatchObject({ finished: true, request: { status: 'COMPLETED', follow_up_forms: [{ state: 'ASKED', result: 'Fail' }] } });
    expect(failed.submitted_form_ids).toHaveLength(2);
    expect(failed.request.checks).toMatchObject([{ check_type: 'IDENTITY_CHECK', state: 'COMPLETE', result: 'Fail', check_id: expect.any(String) }]);
    const passed = await run('Wheeler');
    expect(passed).toMatchObject({ finished: true, request: { status: 'COMPLETED', follow_up_forms: [{ state: 'SKIPPED', result: '2+2' }] } });
    expect(passed.submitted_form_ids).toHaveLength(1);
  });

  it('a check that cannot start is recorded, its follow-up form skipped, and the customer\'s form still submitted', async () => {
    const config = structuredClone(defaultConfig) as any;
    const docForm = config.form_templates.find((f: { alias: string }) => f.alias === 'identity_document');
    docForm.sections[0].questions[0].required = false;
    config.flow_templates.push({
      alias: 'optional_document',
      entity_type: 'INDIVIDUAL',
      forms: [{ form: 'identity_document' }, { form: 'home_address', when: { check_type: 'DOCUMENT_VERIFICATION', condition: 'result_not_pass' } }],
      checks: [{ check_type: 'DOCUMENT_VERIFICATION', after_form: 'identity_document' }],
    });
    const t = makeRequestApp({ config });
    const req = await t.flowRequest(await t.newIndividual(), 'optional_document');
    const res = await t.collect('POST', `/requests/${req.id}/forms/${req.forms[0]!.id}/submit`, req.apikey);
    expect(res.status).toBe(200);
    const detail = await t.detail(req.id);
    expect(detail).toMatchObject({
      status: 'COMPLETED',
      checks: [{ check_type: 'DOCUMENT_VERIFICATION', state: 'NOT_STARTED', error: expect.stringContaining('document_id') }],
      follow_up_forms: [{ state: 'SKIPPED' }],
    });
    expect(t.eventsOf('CUSTOMER_REQUEST_CHECK_NOT_STARTED')[0]!.data).toMatchObject({ check_type: 'DOCUMENT_VERIFICATION', customer_request_id: req.id });
  });

  it('a product removed from the config since the request was sent is reported, not a failure of the last step', async () => {
    const t = makeRequestApp({ config: flowConfig() });
    const profileId = await t.newCompany(undefined, true);
    const req = await t.flowRequest(profileId, 'company_registration');
    const config = flowConfig();
    config.products = config.products.filter((p: { alias: string }) => p.alias !== 'business_account');
    delete config.flow_templates[0].product;
    expect((await t.call('PUT', '/__sandbox/config', config)).status).toBe(200);
    await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`, { answers: { company_details: { name: 'Fail Widgets Ltd' } } });
    await t.advance('5s');
    const detail = await t.detail(req.id);
    expect(detail.status).toBe('COMPLETED');
    expect(detail.history.at(-1)).toMatchObject({ event: 'APPLICATION_NOT_ADDED', detail: { product_alias: 'business_account' } });
    expect(t.eventsOf('CUSTOMER_REQUEST_APPLICATION_NOT_ADDED')).toHaveLength(1);
    expect(t.ws().read((ctx) => listApplications(ctx, profileId))).toHaveLength(0);
  });

  it('a check still pending at the deadline: the follow-up form expires with the request', async () => {
    const t = makeRequestApp({ config: flowConfig() });
    const profileId = await t.newCompany(undefined, true);
    // Outstanding collection steps hold every check in PENDING (as in PassFort).
    const steps = await t.call('POST', `/4.0/profiles/${profileId}/collection_steps`, [{ collection_type: 'PHONE_NUMBER' }]);
    expect(steps.status).toBe(200);
    const req = await t.flowRequest(profileId, 'company_registration');
    await t.call('POST', `/__sandbox/customer-requests/${req.id}/complete`);
    await t.advance('89d');
    expect(await t.detail(req.id)).toMatchObject({ status: 'SENT', follow_up_forms: [{ state: 'WAITING' }] });
    await t.advance('1d');
    const after = await t.detail(req.id);
    expect(after).toMatchObject({ status: 'EXPIRED', follow_up_forms: [{ state: 'EXPIRED' }] });
    expect(after.forms.map((f: { status: string }) => f.status)).toEqual(['COMPLETED']);
  });

  it('cancelling the form that starts a follow-up form\'s check skips the follow-up; the request is EXPIRED', async () => {
    const t = makeRequestApp({ config: flowConfig() });
    const profileId = await t.newCompany(undefined, true);
    const req = await t.flowRequest(profileId, 'company_registration');
    await t.call('POST', `/__sandbox/customer-requests/${req.id}/forms/${req.forms[0]!.id}/cancel`);
    // Nothing will start the ownership check any more: its follow-up form is skipped.
    expect(await t.detail(req.id)).toMatchObject({ status: 'EXPIRED', follow_up_forms: [{ state: 'SKIPPED' }] });
    expect(t.ws().read((ctx) => listApplications(ctx, profileId))).toHaveLength(0);
  });
});
