import { describe, expect, it } from 'vitest';
import { company, individual, makeTestApp } from '../../../test/support/test-app.js';
import { Msg } from '../../domain/messages.js';
import { defaultConfig } from '../../config/default-config.js';

type Call = ReturnType<typeof makeTestApp>['call'];

async function profileWithApp(call: Call, given = 'Alex', family = 'Wheeler') {
  const p = (await call('POST', '/4.0/profiles', individual(given, family))).body;
  return { pid: p.id as string, app: p.applications[0], profile: p };
}

/** Runs the async checks to completion (3 s of workspace time). */
const settle = (call: Call) => call('POST', '/__sandbox/clock/advance', { by: '5s' });

async function passAllTasks(call: Call, pid: string) {
  for (const t of (await call('GET', `/4.0/profiles/${pid}/tasks`)).body) {
    if (t.state === 'INCOMPLETE') await call('POST', `/4.0/profiles/${pid}/tasks/${t.id}`, { state: 'COMPLETED_PASS' });
  }
}

describe('smart policy on POST /4.0/profiles', () => {
  it('applies the auto-apply product, creates its tasks and runs its automatic checks', async () => {
    const { call } = makeTestApp();
    const { profile, app } = await profileWithApp(call);
    expect(app).toMatchObject({
      status: 'APPLIED',
      product: { alias: 'personal_account', name: 'Personal Account', automatically_apply: true, automatically_approve: false },
      hidden: false,
    });
    expect(app.required_tasks.map((t: { task_type: string }) => t.task_type)).toEqual([
      'INDIVIDUAL_VERIFY_IDENTITY',
      'INDIVIDUAL_ASSESS_POLITICAL_AND_SANCTIONS_EXPOSURE',
    ]);
    expect(profile.tasks).toHaveLength(2);
    // Identity runs synchronously (2+2 completes its task); screening runs async on the clock.
    expect(profile.checks.map((c: { check_type: string; state: string }) => [c.check_type, c.state])).toEqual([
      ['IDENTITY_CHECK', 'COMPLETE'],
      ['PEPS_AND_SANCTIONS_SCREEN', 'PENDING'],
    ]);
    expect(profile.tasks[0].state).toBe('COMPLETED_PASS');
    expect(app.flag).toBe('WAITING_ON_CHECKS');
    expect(app.flag_history.map((f: { flag: string }) => f.flag)).toEqual(['AUTOMATING', 'WAITING_ON_CHECKS']);
  });

  it('moves to READY_FOR_DECISION when the async checks pass, and says a person is needed', async () => {
    const { call, events } = makeTestApp();
    const { pid, app } = await profileWithApp(call);
    await settle(call);
    const now = (await call('GET', `/4.0/profiles/${pid}/applications/${app.id}`)).body;
    expect(now.flag).toBe('READY_FOR_DECISION');
    expect(now.approval_blockers).toEqual([]);
    const manual = events.filter((e) => e.type === 'MANUAL_ACTION_REQUIRED');
    expect(manual).toHaveLength(1);
    expect(manual[0]!.data).toMatchObject({ profile_id: pid, application_id: app.id, flag: 'READY_FOR_DECISION', status: 'APPLIED' });
  });

  it('applies only the products asked for in applications, by alias or id', async () => {
    const { call } = makeTestApp();
    const none = (await call('POST', '/4.0/profiles', { ...individual(), applications: [] })).body;
    expect(none.applications).toEqual([]);
    expect(none.tasks).toEqual([]);
    const productId = (await profileWithApp(call)).app.product.id;
    const byId = (await call('POST', '/4.0/profiles', { ...individual(), applications: [{ product: { id: productId } }] })).body;
    expect(byId.applications[0].product.alias).toBe('personal_account');
  });

  it('refuses an unknown product in applications, naming it, and stores nothing', async () => {
    const { call } = makeTestApp();
    const res = await call('POST', '/4.0/profiles', { ...individual(), applications: [{ product: { alias: 'gold_card' } }] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 201, info: { field: 'applications[0].product.alias' } });
    expect(res.body.errors[0].message).toContain('gold_card');
    expect((await call('GET', '/4.0/profiles')).body.count).toBe(0);
  });

  it('auto-approves a product configured to, once every task passed (smart policy attribution)', async () => {
    const config = {
      ...defaultConfig,
      products: [{ alias: 'instant', name: 'Instant', entity_type: 'INDIVIDUAL', automatically_apply: true, automatically_approve: true, required_tasks: [{ task_type: 'INDIVIDUAL_VERIFY_IDENTITY', automatic_checks: ['IDENTITY_CHECK'] }] }],
      flow_templates: [],
    };
    const { call, events } = makeTestApp({ config });
    const { app } = await profileWithApp(call);
    expect(app.status).toBe('APPROVED');
    expect(app.flag).toBe('DECIDED');
    const approved = events.filter((e) => e.type === 'PRODUCT_STATUS_CHANGED' && e.data.new_status === 'APPROVED');
    expect(approved[0]!.data).toMatchObject({ apikey: null, user: null });
    expect(events.some((e) => e.type === 'MANUAL_ACTION_REQUIRED')).toBe(false);
  });
});

describe('POST /4.0/profiles/{id}/applications', () => {
  it('adds an application by alias, with a PRODUCT_STATUS_CHANGED of exactly the documented keys', async () => {
    const { call, events } = makeTestApp();
    const pid = (await call('POST', '/4.0/profiles', { ...individual(), applications: [] })).body.id;
    const res = await call('POST', `/4.0/profiles/${pid}/applications`, { product: { alias: 'personal_account' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('APPLIED');
    const e = events.find((x) => x.type === 'PRODUCT_STATUS_CHANGED')!;
    expect(Object.keys(e.data).sort()).toEqual(['apikey', 'application_id', 'customer_ref', 'new_status', 'product', 'profile_id', 'user']);
    expect(e.data).toMatchObject({ apikey: { name: 'Master API key' }, application_id: res.body.id, new_status: 'APPLIED', user: null });
    expect(e.data.product).toEqual({ alias: 'personal_account', id: res.body.product.id, name: 'Personal Account' });
  });

  it.each([
    ['an unknown alias', { product: { alias: 'nope' } }, 400, 201, 'product.alias'],
    ['an unknown id', { product: { id: '00000000-0000-4000-8000-000000000000' } }, 400, 201, 'product.id'],
    ['no alias or id', { product: {} }, 400, 201, 'product'],
    ['a company product', { product: { alias: 'business_account' } }, 400, 201, 'product.alias'],
    ['a bad associated role', { product: { alias: 'personal_account' }, associated_role: 'BOSS' }, 400, 201, 'associated_role'],
    ['an unknown field', { product: { alias: 'personal_account' }, colour: 'red' }, 400, 201, 'colour'],
  ])('refuses %s', async (_what, body, status, code, field) => {
    const { call } = makeTestApp();
    const pid = (await call('POST', '/4.0/profiles', { ...individual(), applications: [] })).body.id;
    const res = await call('POST', `/4.0/profiles/${pid}/applications`, body);
    expect(res.status).toBe(status);
    expect(res.body.errors[0]).toMatchObject({ code, info: { field } });
    expect((await call('GET', `/4.0/profiles/${pid}/applications`)).body).toEqual([]);
  });

  it('refuses a second open application for the same product (code 202)', async () => {
    const { call } = makeTestApp();
    const { pid, app } = await profileWithApp(call);
    const res = await call('POST', `/4.0/profiles/${pid}/applications`, { product: { alias: 'personal_account' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 202, info: { application_id: app.id } });
  });

  it('answers 404 for a profile of another workspace', async () => {
    const { call } = makeTestApp();
    const { pid, app } = await profileWithApp(call);
    const other = (await call('POST', '/__sandbox/workspaces', { name: 'other' }, {}, null)).body.api_key;
    const res = await call('GET', `/4.0/profiles/${pid}/applications/${app.id}`, undefined, {}, other);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].message).toBe(Msg.profileNotFound(pid));
  });

  it('answers 404 for an application of another profile', async () => {
    const { call } = makeTestApp();
    const a = await profileWithApp(call);
    const b = await profileWithApp(call, 'Grace', 'Hopper');
    const res = await call('GET', `/4.0/profiles/${b.pid}/applications/${a.app.id}`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].message).toBe(Msg.applicationNotFound(a.app.id, b.pid));
  });
});

describe('application status transitions', () => {
  // from → to → expected: every pair of statuses, against PassFort's documented transitions.
  const ALLOWED: Record<string, string[]> = {
    APPLIED: ['APPROVED', 'REJECTED'],
    APPROVED: ['IN_REVIEW', 'CANCELLED'],
    IN_REVIEW: ['APPROVED', 'CANCELLED'],
    REJECTED: [],
    CANCELLED: [],
  };
  const PATH_TO: Record<string, string[]> = {
    APPLIED: [],
    APPROVED: ['APPROVED'],
    IN_REVIEW: ['APPROVED', 'IN_REVIEW'],
    REJECTED: ['REJECTED'],
    CANCELLED: ['APPROVED', 'CANCELLED'],
  };
  const cases = Object.keys(ALLOWED).flatMap((from) =>
    Object.keys(ALLOWED).filter((to) => to !== from).map((to) => [from, to, ALLOWED[from]!.includes(to)] as const),
  );

  it.each(cases)('%s → %s allowed: %s', async (from, to, allowed) => {
    const { call } = makeTestApp();
    const { pid, app } = await profileWithApp(call);
    await settle(call);
    for (const step of PATH_TO[from]!) {
      expect((await call('POST', `/4.0/profiles/${pid}/applications/${app.id}`, { status: step })).status).toBe(200);
    }
    const before = (await call('GET', `/4.0/profiles/${pid}/applications/${app.id}`)).body;
    const res = await call('POST', `/4.0/profiles/${pid}/applications/${app.id}`, { status: to });
    if (allowed) {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(to);
      expect(res.body.history.at(-1)).toMatchObject({ status: to });
    } else {
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ code: 402, info: { field: 'status', from, to, allowed: ALLOWED[from] } });
      expect((await call('GET', `/4.0/profiles/${pid}/applications/${app.id}`)).body).toEqual(before);
    }
  });

  it('refuses approval while tasks are incomplete or events unresolved (code 105), naming the blockers', async () => {
    const { call } = makeTestApp();
    const { pid, app } = await profileWithApp(call, 'Alex', 'Pep');
    await settle(call);
    const res = await call('POST', `/4.0/profiles/${pid}/applications/${app.id}`, { status: 'APPROVED' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe(105);
    const types = res.body.errors[0].info.approval_blockers.map((b: { blocker_type: string }) => b.blocker_type);
    expect(types).toContain('INCOMPLETE_TASK');
    expect(types).toContain('UNRESOLVED_EVENT');
    expect((await call('GET', `/4.0/profiles/${pid}/applications/${app.id}`)).body.status).toBe('APPLIED');
  });

  it('shows SUSPENDED_PROFILE as a blocker and lifts it when the profile is restored', async () => {
    const { call } = makeTestApp();
    const { pid, app } = await profileWithApp(call);
    await settle(call);
    await call('POST', `/4.0/profiles/${pid}/status`, '"SUSPENDED"');
    const blocked = (await call('GET', `/4.0/profiles/${pid}/applications/${app.id}`)).body;
    expect(blocked.approval_blockers).toEqual([{ blocker_type: 'SUSPENDED_PROFILE' }]);
    await call('POST', `/4.0/profiles/${pid}/status`, '"NORMAL"');
    expect((await call('POST', `/4.0/profiles/${pid}/applications/${app.id}`, { status: 'APPROVED' })).status).toBe(200);
  });

  it('makes the profile a CUSTOMER when approved and a PREVIOUS_CUSTOMER when cancelled', async () => {
    const { call } = makeTestApp();
    const { pid, app } = await profileWithApp(call);
    await settle(call);
    await call('POST', `/4.0/profiles/${pid}/applications/${app.id}`, { status: 'APPROVED', comment: 'All good' });
    const approved = (await call('GET', `/4.0/profiles/${pid}`)).body;
    expect(approved.category).toBe('CUSTOMER');
    expect(approved.applications[0].history.at(-1)).toMatchObject({ status: 'APPROVED', comment: 'All good' });
    await call('POST', `/4.0/profiles/${pid}/applications/${app.id}`, { status: 'CANCELLED' });
    expect((await call('GET', `/4.0/profiles/${pid}`)).body.category).toBe('PREVIOUS_CUSTOMER');
  });
});

describe('revert_decision', () => {
  it('hides the rejected application and continues its history in a new one', async () => {
    const { call, events } = makeTestApp();
    const { pid, app } = await profileWithApp(call);
    await call('POST', `/4.0/profiles/${pid}/applications/${app.id}`, { status: 'REJECTED' });
    const res = await call('POST', `/4.0/profiles/${pid}/applications/${app.id}/revert_decision`, { comment: 'Mistake' });
    expect(res.status).toBe(200);
    expect(res.body.id).not.toBe(app.id);
    expect(res.body).toMatchObject({ status: 'APPLIED', hidden: false });
    expect(res.body.history.map((h: { status: string }) => h.status)).toEqual(['APPLIED']);
    const list = (await call('GET', `/4.0/profiles/${pid}/applications`)).body;
    expect(list.map((a: { id: string; hidden: boolean }) => [a.id, a.hidden])).toEqual([
      [app.id, true],
      [res.body.id, false],
    ]);
    expect(events.filter((e) => e.type === 'PRODUCT_STATUS_CHANGED').at(-1)!.data).toMatchObject({ application_id: res.body.id, new_status: 'APPLIED' });
    const audit = (await call('GET', `/4.0/profiles/${pid}/audit-items`)).body;
    expect(audit.at(-1)).toMatchObject({ action: 'revert-decision' });
  });

  it('works without a body, and refuses an open application (402) or a hidden one', async () => {
    const { call } = makeTestApp();
    const { pid, app } = await profileWithApp(call);
    const open = await call('POST', `/4.0/profiles/${pid}/applications/${app.id}/revert_decision`);
    expect(open.status).toBe(400);
    expect(open.body.errors[0]).toMatchObject({ code: 402, message: Msg.revertNotDecided('APPLIED') });
    await call('POST', `/4.0/profiles/${pid}/applications/${app.id}`, { status: 'REJECTED' });
    expect((await call('POST', `/4.0/profiles/${pid}/applications/${app.id}/revert_decision`)).status).toBe(200);
    const again = await call('POST', `/4.0/profiles/${pid}/applications/${app.id}/revert_decision`);
    expect(again.body.errors[0]).toMatchObject({ code: 402, message: Msg.applicationHidden(app.id) });
    const changeHidden = await call('POST', `/4.0/profiles/${pid}/applications/${app.id}`, { status: 'APPROVED' });
    expect(changeHidden.body.errors[0].code).toBe(402);
  });
});

describe('flags', () => {
  it('follows the documented precedence: collection steps before checks before manual tasks', async () => {
    const { call } = makeTestApp();
    const pid = (await call('POST', '/4.0/profiles', { ...individual(), applications: [] })).body.id;
    await call('POST', `/4.0/profiles/${pid}/collection_steps`, [{ collection_type: 'PHONE_NUMBER' }]);
    const app = (await call('POST', `/4.0/profiles/${pid}/applications`, { product: { alias: 'personal_account' } })).body;
    expect(app.flag).toBe('WAITING_ON_COLLECTION_STEPS');
    const data = (await call('GET', `/4.0/profiles/${pid}/collected_data`)).body;
    await call('POST', `/4.0/profiles/${pid}/collected_data`, { ...data, contact_details: { ...data.contact_details, phone_number: '+44 20 7946 0000' } });
    expect((await call('GET', `/4.0/profiles/${pid}/applications/${app.id}`)).body.flag).toBe('WAITING_ON_CHECKS');
    await settle(call);
    expect((await call('GET', `/4.0/profiles/${pid}/applications/${app.id}`)).body.flag).toBe('READY_FOR_DECISION');
    const task = (await call('GET', `/4.0/profiles/${pid}/tasks`)).body[0];
    await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}`, { state: 'INCOMPLETE' });
    expect((await call('GET', `/4.0/profiles/${pid}/applications/${app.id}`)).body.flag).toBe('REQUIRES_MANUAL_TASK_COMPLETION');
    await passAllTasks(call, pid);
    await call('POST', `/4.0/profiles/${pid}/applications/${app.id}`, { status: 'APPROVED' });
    expect((await call('GET', `/4.0/profiles/${pid}/applications/${app.id}`)).body.flag).toBe('DECIDED');
  });

  it('emits PRODUCT_BADGE_CHANGED with the old and new flag', async () => {
    const { call, events } = makeTestApp();
    const { pid, app } = await profileWithApp(call);
    await settle(call);
    const badges = events.filter((e) => e.type === 'PRODUCT_BADGE_CHANGED').map((e) => [e.data.old_flag, e.data.new_flag]);
    expect(badges).toEqual([
      ['AUTOMATING', 'WAITING_ON_CHECKS'],
      ['WAITING_ON_CHECKS', 'READY_FOR_DECISION'],
    ]);
    expect(events.find((e) => e.type === 'PRODUCT_BADGE_CHANGED')!.data).toMatchObject({ profile_id: pid, application_id: app.id, customer_ref: null });
  });

  it('works for companies too', async () => {
    const { call } = makeTestApp();
    const p = (await call('POST', '/4.0/profiles', company())).body;
    expect(p.applications[0].product.alias).toBe('business_account');
    await settle(call);
    expect((await call('GET', `/4.0/profiles/${p.id}/applications`)).body[0].flag).toBe('READY_FOR_DECISION');
  });
});

describe('product config', () => {
  it('refuses at start a product whose smart policy could not run', async () => {
    const { parseConfig } = await import('../../config/load-config.js');
    const bad = {
      ...defaultConfig,
      flow_templates: [],
      products: [{ alias: 'x', name: 'X', entity_type: 'INDIVIDUAL', required_tasks: [{ task_type: 'COMPANY_VERIFY_IDENTITY', automatic_checks: ['DOCUMENT_VERIFICATION', 'COMPANY_REGISTRY'] }] }],
    };
    expect(() => parseConfig(bad)).toThrow(/products\[0\]\.required_tasks\[0\]\.task_type: COMPANY_VERIFY_IDENTITY is not a task for INDIVIDUAL profiles/);
    try {
      parseConfig(bad);
    } catch (err) {
      expect((err as { problems: string[] }).problems).toEqual([
        'products[0].required_tasks[0].task_type: COMPANY_VERIFY_IDENTITY is not a task for INDIVIDUAL profiles',
        'products[0].required_tasks[0].automatic_checks[0]: DOCUMENT_VERIFICATION needs inputs a product cannot give (run it through the API)',
        'products[0].required_tasks[0].automatic_checks[1]: COMPANY_REGISTRY does not run on INDIVIDUAL profiles',
      ]);
    }
  });
});
