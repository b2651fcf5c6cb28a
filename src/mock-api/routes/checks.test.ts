import { describe, expect, it } from 'vitest';
import { company, individual, makeTestApp, T0 } from '../../../test/support/test-app.js';
import { Msg } from '../../domain/messages.js';
import { formatDateTime } from '../../core/dates.js';
import { TINY_PNG } from '../../conformance/recipes.js';

type Call = ReturnType<typeof makeTestApp>['call'];

async function bare(call: Call, given = 'Alex', family = 'Wheeler') {
  return (await call('POST', '/4.0/profiles', { ...individual(given, family), applications: [] })).body.id as string;
}
async function bareCompany(call: Call, name = 'Acme Widgets Ltd') {
  return (await call('POST', '/4.0/profiles', { ...company(name), applications: [] })).body.id as string;
}
const advance = (call: Call, by: string) => call('POST', '/__sandbox/clock/advance', { by });

describe('check state machine', () => {
  it('sync: the answer is the finished check (identity defaults to sync)', async () => {
    const { call, events } = makeTestApp();
    const pid = await bare(call);
    const res = await call('POST', `/4.0/profiles/${pid}/checks`, { check_type: 'IDENTITY_CHECK' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'COMPLETE', result: '2+2', performed_on: formatDateTime(T0), errors: [], instructed_externally: false });
    expect(res.body.output_data.electronic_id_check.matches).toHaveLength(2);
    expect(events.filter((e) => e.type === 'CHECK_COMPLETED')).toHaveLength(1);
  });

  it('async: PENDING, RUNNING after 1 s, COMPLETE after 3 s of workspace time, moved by the clock', async () => {
    const { call, events } = makeTestApp();
    const pid = await bare(call);
    const res = await call('POST', `/4.0/profiles/${pid}/checks`, { check_type: 'PEPS_AND_SANCTIONS_SCREEN' });
    expect(res.body.state).toBe('PENDING');
    expect(res.body.result).toBeUndefined();
    expect(res.body.output_data).toBeUndefined();
    const path = `/4.0/profiles/${pid}/checks/${res.body.id}`;
    await advance(call, '999ms');
    expect((await call('GET', path)).body.state).toBe('PENDING');
    await advance(call, '1ms');
    expect((await call('GET', path)).body.state).toBe('RUNNING');
    expect(events.some((e) => e.type === 'CHECK_COMPLETED')).toBe(false);
    await advance(call, '2s');
    const done = (await call('GET', path)).body;
    expect(done).toMatchObject({ state: 'COMPLETE', result: 'Pass', performed_on: formatDateTime(T0 + 3000) });
    expect(events.filter((e) => e.type === 'CHECK_COMPLETED').map((e) => e.data)).toEqual([
      expect.objectContaining({ profile_id: pid, check_id: res.body.id, check_type: 'PEPS_AND_SANCTIONS_SCREEN', result: 'Pass', state: 'COMPLETE', task_ids: [] }),
    ]);
  });

  it('mode overrides the default both ways', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    expect((await call('POST', `/4.0/profiles/${pid}/checks?mode=async`, { check_type: 'IDENTITY_CHECK' })).body.state).toBe('PENDING');
    expect((await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: 'PEPS_AND_SANCTIONS_SCREEN' })).body.state).toBe('COMPLETE');
  });

  it('waits in PENDING while collection steps are outstanding, then runs once the data is there', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    await call('POST', `/4.0/profiles/${pid}/collection_steps`, [{ collection_type: 'ADDRESS_HISTORY' }]);
    const check = (await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: 'IDENTITY_CHECK' })).body;
    expect(check.state).toBe('PENDING');
    await advance(call, '1h');
    expect((await call('GET', `/4.0/profiles/${pid}/checks/${check.id}`)).body.state).toBe('PENDING');
    const data = (await call('GET', `/4.0/profiles/${pid}/collected_data`)).body;
    await call('POST', `/4.0/profiles/${pid}/collected_data`, { ...data, address_history: [{ address: { type: 'FREEFORM', country: 'GBR', text: '1 High Street, London' } }] });
    const released = (await call('GET', `/4.0/profiles/${pid}/checks/${check.id}`)).body;
    expect(released.state).toBe('COMPLETE');
    expect(released.input_data.address_history).toHaveLength(1);
    expect((await call('GET', `/4.0/profiles/${pid}/collection_steps`)).body).toEqual([]);
  });

  it('completes the tasks its passes count towards; a failure leaves them for a person', async () => {
    const { call } = makeTestApp();
    for (const [family, state] of [['Wheeler', 'COMPLETED_PASS'], ['Fail', 'INCOMPLETE']] as const) {
      const pid = await bare(call, 'Alex', family);
      const task = (await call('POST', `/4.0/profiles/${pid}/tasks`, { type: 'INDIVIDUAL_VERIFY_IDENTITY' })).body;
      await call('POST', `/4.0/profiles/${pid}/checks`, { check_type: 'IDENTITY_CHECK', task_ids: [task.id] });
      expect((await call('GET', `/4.0/profiles/${pid}/tasks/${task.id}`)).body.state).toBe(state);
    }
  });
});

describe('demo outcomes by keyword', () => {
  const cases: [string, string, string, string][] = [
    ['Wheeler', 'IDENTITY_CHECK', '2+2', ''],
    ['Fail', 'IDENTITY_CHECK', 'Fail', ''],
    ['Partial', 'IDENTITY_CHECK', '1+1', ''],
    ['Error', 'IDENTITY_CHECK', 'Error', ''],
    ['Wheeler', 'PEPS_AND_SANCTIONS_SCREEN', 'Pass', ''],
    ['Pep', 'PEPS_AND_SANCTIONS_SCREEN', 'PEP', 'PEP_FLAG'],
    ['Sanction', 'PEPS_AND_SANCTIONS_SCREEN', 'Sanction', 'SANCTION_FLAG'],
    ['Media', 'PEPS_AND_SANCTIONS_SCREEN', 'Media', 'ADVERSE_MEDIA_FLAG'],
    ['Refer', 'PEPS_AND_SANCTIONS_SCREEN', 'Refer', 'REFER_FLAG'],
    ['Pep Sanction', 'PEPS_AND_SANCTIONS_SCREEN', 'Sanction', 'SANCTION_FLAG,PEP_FLAG'],
    ['Fail', 'PEPS_AND_SANCTIONS_SCREEN', 'Pass', ''],
    ['Error', 'PEPS_AND_SANCTIONS_SCREEN', 'Error', ''],
    ['Pepper', 'PEPS_AND_SANCTIONS_SCREEN', 'Pass', ''],
    ['Fail', 'CRA_BANK_ACCOUNT_VERIFICATION', 'Fail', ''],
    ['Fail', 'INDIVIDUAL_MANUAL_FORM', 'Fail', ''],
    ['Error', 'INDIVIDUAL_MANUAL_FORM', 'Pass', ''],
  ];
  it.each(cases)('family name %s: %s answers %s (events %s)', async (family, type, result, flags) => {
    const { call } = makeTestApp();
    const pid = await bare(call, 'Alex', family);
    const check = (await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: type })).body;
    expect(check.result).toBe(result);
    if (result === 'Error') {
      expect(check.errors).toEqual([expect.objectContaining({ code: 302, source: 'PROVIDER' })]);
      expect(check.output_data).toBeUndefined();
    }
    const events = (await call('GET', `/4.0/profiles/${pid}/events`)).body;
    expect(events.map((e: { data: { event_type: string } }) => e.data.event_type).join(',')).toBe(flags);
    if (type === 'PEPS_AND_SANCTIONS_SCREEN') expect(check.output_data?.sanctions_results ?? []).toHaveLength(flags ? flags.split(',').length : 0);
  });

  it.each([
    ['Acme Widgets Ltd', 'COMPANY_REGISTRY', 'Pass'],
    ['Fail Widgets Ltd', 'COMPANY_REGISTRY', 'Fail'],
    ['Refer Widgets Ltd', 'COMPANY_REGISTRY', 'Refer'],
    ['Partial Widgets Ltd', 'COMPANY_OWNERSHIP', 'Partial'],
    ['Acme Sanction Ltd', 'COMPANY_PEPS_AND_SANCTIONS_SCREEN', 'Sanction'],
    ['Error Widgets Ltd', 'COMPANY_FILINGS', 'Error'],
  ])('company %s: %s answers %s', async (name, type, result) => {
    const { call } = makeTestApp();
    const pid = await bareCompany(call, name);
    expect((await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: type })).body.result).toBe(result);
  });

  it('GET /__sandbox/scenarios lists the same keywords', async () => {
    const { call } = makeTestApp();
    const table = (await call('GET', '/__sandbox/scenarios')).body;
    expect(table.keywords.map((k: { keyword: string }) => k.keyword)).toEqual(['error', 'fail', 'sanction', 'pep', 'media', 'refer', 'partial']);
    expect(table.keywords.find((k: { keyword: string }) => k.keyword === 'pep')).toMatchObject({ screening_event: 'PEP_FLAG', results: { PEPS_AND_SANCTIONS_SCREEN: 'PEP' } });
    expect(table.async_timing).toEqual({ running_after_ms: 1000, complete_after_ms: 3000 });
  });
});

describe('check output', () => {
  it('is the same for the same input, in another workspace and with other ids', async () => {
    const outputs = [];
    for (const seed of [1, 2]) {
      const { call } = makeTestApp({ seed });
      const pid = await bareCompany(call, 'Pep Media Holdings Ltd');
      for (const type of ['COMPANY_OWNERSHIP', 'COMPANY_PEPS_AND_SANCTIONS_SCREEN']) {
        outputs.push((await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: type })).body.output_data);
      }
    }
    expect(outputs[0]).toEqual(outputs[2]);
    expect(outputs[1]).toEqual(outputs[3]);
    expect(outputs[1].sanctions_results).toHaveLength(2);
  });

  it('names believable officers and shareholders for a company (ownership and registry)', async () => {
    const { call } = makeTestApp();
    const pid = await bareCompany(call);
    for (const type of ['COMPANY_REGISTRY', 'COMPANY_OWNERSHIP']) {
      const out = (await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: type })).body.output_data;
      expect(out.metadata).toMatchObject({ name: 'ACME WIDGETS LTD', number: '09565115', country_of_incorporation: 'GBR' });
      expect(out.officers.directors.length).toBeGreaterThanOrEqual(2);
      expect(out.officers.directors[0].immediate_data.personal_details.name.family_name).toMatch(/\w/);
      const holders = out.ownership_structure.shareholders;
      expect(holders.length).toBeGreaterThanOrEqual(1);
      expect(holders.reduce((n: number, h: { total_percentage: number }) => n + h.total_percentage, 0)).toBe(100);
    }
  });

  it('verifies a document of the collected data', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const image = (await call('POST', `/4.0/profiles/${pid}/document_images`, { image_type: 'FRONT', data: TINY_PNG })).body;
    const doc = (await call('POST', `/4.0/profiles/${pid}/collected_data/documents`, { category: 'PROOF_OF_IDENTITY', document_type: 'PASSPORT', images: [{ id: image.id }] })).body;
    const check = (await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: 'DOCUMENT_VERIFICATION', document_id: doc.id })).body;
    expect(check).toMatchObject({ result: 'Pass', document_id: doc.id });
    expect(check.output_data.documents[0]).toMatchObject({ id: doc.id, document_type: 'PASSPORT', verification_result: { all_passed: true } });
    expect(check.output_data.documents[0].images[0].id).toBe(image.id);
  });
});

describe('bad check requests', () => {
  it.each([
    ['an unknown check type', { check_type: 'MIND_READING' }, 201, 'check_type', ''],
    ['a company check on an individual', { check_type: 'COMPANY_REGISTRY' }, 201, 'check_type', Msg.checkWrongEntity('COMPANY_REGISTRY', 'COMPANY', 'INDIVIDUAL')],
    ['a document check without document_id', { check_type: 'DOCUMENT_VERIFICATION' }, 101, 'document_id', Msg.checkInputMissing('DOCUMENT_VERIFICATION', 'document_id')],
    ['a document that is not there', { check_type: 'DOCUMENT_VERIFICATION', document_id: '00000000-0000-4000-8000-000000000000' }, 201, 'document_id', ''],
    ['a document fetch without a reference', { check_type: 'DOCUMENT_FETCH', source: 'ONFIDO' }, 101, 'reference', ''],
    ['an unknown task', { check_type: 'IDENTITY_CHECK', task_ids: ['00000000-0000-4000-8000-000000000000'] }, 201, 'task_ids[0]', ''],
    ['another variant', { check_type: 'IDENTITY_CHECK', variant: { id: '00000000-0000-4000-8000-000000000000' } }, 201, 'variant.id', ''],
    ['a bad mode', { check_type: 'IDENTITY_CHECK', $mode: 'later' }, 201, 'mode', ''],
  ])('refuses %s and stores nothing', async (_what, body, code, field, message) => {
    const { call, events } = makeTestApp();
    const pid = await bare(call);
    const { $mode, ...sent } = body as Record<string, unknown>;
    const res = await call('POST', `/4.0/profiles/${pid}/checks${$mode ? `?mode=${$mode}` : ''}`, sent);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code, info: { field } });
    if (message) expect(res.body.errors[0].message).toBe(message);
    expect((await call('GET', `/4.0/profiles/${pid}/checks`)).body).toEqual([]);
    expect(events.some((e) => e.type === 'CHECK_COMPLETED')).toBe(false);
  });

  it('answers 404 for a check of another profile', async () => {
    const { call } = makeTestApp();
    const a = await bare(call);
    const b = await bare(call, 'Grace', 'Hopper');
    const check = (await call('POST', `/4.0/profiles/${a}/checks`, { check_type: 'IDENTITY_CHECK' })).body;
    const res = await call('GET', `/4.0/profiles/${b}/checks/${check.id}`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].message).toBe(Msg.checkNotFound(check.id, b));
  });
});

describe('approve, reject and update', () => {
  it('approve and reject make manual copies; the original never changes', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call, 'Alex', 'Fail');
    const task = (await call('POST', `/4.0/profiles/${pid}/tasks`, { type: 'INDIVIDUAL_VERIFY_IDENTITY' })).body;
    const original = (await call('POST', `/4.0/profiles/${pid}/checks`, { check_type: 'IDENTITY_CHECK', task_ids: [task.id] })).body;
    expect(original.result).toBe('Fail');
    const approved = (await call('POST', `/4.0/profiles/${pid}/checks/${original.id}/approve`)).body;
    expect(approved).toMatchObject({ result: '2+2', state: 'COMPLETE', task_ids: [task.id], manual_decision: { decision: 'APPROVED', original_check_id: original.id } });
    expect(approved.id).not.toBe(original.id);
    expect((await call('GET', `/4.0/profiles/${pid}/checks/${original.id}`)).body).toEqual(original);
    // The manual pass supersedes the failed check: the task completes.
    expect((await call('GET', `/4.0/profiles/${pid}/tasks/${task.id}`)).body.state).toBe('COMPLETED_PASS');
    const rejected = (await call('POST', `/4.0/profiles/${pid}/checks/${approved.id}/reject`)).body;
    expect(rejected.result).toBe('Fail');
    expect((await call('GET', `/4.0/profiles/${pid}/checks`)).body).toHaveLength(3);
    expect((await call('GET', `/4.0/profiles/${pid}/audit-items`)).body.filter((a: { action: string }) => a.action === 'manual-decision')).toHaveLength(2);
  });

  it('refuses to approve a check that is not COMPLETE (402)', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const pending = (await call('POST', `/4.0/profiles/${pid}/checks`, { check_type: 'PEPS_AND_SANCTIONS_SCREEN' })).body;
    const res = await call('POST', `/4.0/profiles/${pid}/checks/${pending.id}/approve`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 402, message: Msg.checkNotComplete(pending.id, 'PENDING') });
    expect((await call('GET', `/4.0/profiles/${pid}/checks`)).body).toHaveLength(1);
  });

  it('updates only task_ids; any other change is refused', async () => {
    const { call } = makeTestApp();
    const pid = await bare(call);
    const task = (await call('POST', `/4.0/profiles/${pid}/tasks`, { type: 'INDIVIDUAL_VERIFY_IDENTITY' })).body;
    const check = (await call('POST', `/4.0/profiles/${pid}/checks`, { check_type: 'IDENTITY_CHECK' })).body;
    const linked = await call('POST', `/4.0/profiles/${pid}/checks/${check.id}`, { task_ids: [task.id] });
    expect(linked.body.task_ids).toEqual([task.id]);
    expect((await call('GET', `/4.0/profiles/${pid}/tasks/${task.id}`)).body).toMatchObject({ check_ids: [check.id], state: 'COMPLETED_PASS' });
    const changed = await call('POST', `/4.0/profiles/${pid}/checks/${check.id}`, { result: 'Fail' });
    expect(changed.status).toBe(400);
    expect(changed.body.errors[0]).toMatchObject({ message: Msg.checkImmutable('result'), info: { field: 'result' } });
    expect((await call('GET', `/4.0/profiles/${pid}/checks/${check.id}`)).body.result).toBe('2+2');
  });
});
