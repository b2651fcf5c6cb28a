import { describe, expect, it } from 'vitest';
import { individual, makeTestApp, T0 } from '../../../test/support/test-app.js';
import { Msg } from '../../domain/messages.js';
import { formatDateTime } from '../../core/dates.js';
import { defaultConfig } from '../../config/default-config.js';

type Call = ReturnType<typeof makeTestApp>['call'];

async function bare(call: Call) {
  return (await call('POST', '/4.0/profiles', { ...individual(), applications: [] })).body.id as string;
}

async function withTask(call: Call) {
  const pid = await bare(call);
  const task = (await call('POST', `/4.0/profiles/${pid}/tasks`, { type: 'INDIVIDUAL_VERIFY_ADDRESS' })).body;
  return { pid, task };
}

describe('POST /4.0/profiles/{id}/tasks', () => {
  it('adds an ad-hoc task by type, INCOMPLETE, with TASK_CREATED and an audit item', async () => {
    const { call, events } = makeTestApp();
    const pid = await bare(call);
    const res = await call('POST', `/4.0/profiles/${pid}/tasks`, { type: 'INDIVIDUAL_MANUAL_TASK' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      type: 'INDIVIDUAL_MANUAL_TASK',
      state: 'INCOMPLETE',
      is_complete: false,
      is_expired: false,
      is_skipped: false,
      check_ids: [],
      form_instance_ids: [],
      creation_date: formatDateTime(T0),
      variant: { task_type: 'INDIVIDUAL_MANUAL_TASK', name: 'Manual task' },
    });
    expect(events.find((e) => e.type === 'TASK_CREATED')!.data).toMatchObject({ profile_id: pid, task_id: res.body.id, task_type: 'INDIVIDUAL_MANUAL_TASK', state: 'INCOMPLETE' });
    expect((await call('GET', `/4.0/profiles/${pid}/audit-items`)).body.map((a: { action: string }) => a.action)).toContain('added-a-task');
  });

  it('adds a task by a configured variant id', async () => {
    const { call } = makeTestApp();
    const variant = (await call('POST', '/4.0/profiles', individual())).body.applications[0].required_tasks[1];
    const pid = await bare(call);
    const res = await call('POST', `/4.0/profiles/${pid}/tasks`, { variant: { id: variant.id } });
    expect(res.body.variant).toEqual(variant);
    expect(res.body.type).toBe(variant.task_type);
  });

  it.each([
    ['no type or variant', {}, 101, 'type'],
    ['an unknown type', { type: 'INDIVIDUAL_JUGGLE' }, 201, 'type'],
    ['a company task type', { type: 'COMPANY_VERIFY_IDENTITY' }, 201, 'type'],
    ['an unknown variant', { variant: { id: '00000000-0000-4000-8000-000000000000' } }, 201, 'variant.id'],
    ['a type twice', { type: 'INDIVIDUAL_VERIFY_ADDRESS' }, 202, 'type'],
  ])('refuses %s', async (_what, body, code, field) => {
    const { call } = makeTestApp();
    const { pid } = await withTask(call);
    const before = (await call('GET', `/4.0/profiles/${pid}/tasks`)).body;
    const res = await call('POST', `/4.0/profiles/${pid}/tasks`, body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code, info: { field } });
    expect((await call('GET', `/4.0/profiles/${pid}/tasks`)).body).toEqual(before);
  });
});

describe('task state machine', () => {
  // [from, request body, expected state or error code]
  const cases: [string, Record<string, unknown>, string | number][] = [
    ['INCOMPLETE', { state: 'COMPLETED_PASS' }, 'COMPLETED_PASS'],
    ['INCOMPLETE', { state: 'COMPLETED_FAIL' }, 'COMPLETED_FAIL'],
    ['INCOMPLETE', { is_complete: true }, 'COMPLETED_PASS'],
    ['INCOMPLETE', { state: 'INCOMPLETE' }, 'INCOMPLETE'],
    ['COMPLETED_PASS', { state: 'INCOMPLETE' }, 'INCOMPLETE'],
    ['COMPLETED_PASS', { is_complete: false }, 'INCOMPLETE'],
    ['COMPLETED_FAIL', { state: 'INCOMPLETE' }, 'INCOMPLETE'],
    ['COMPLETED_PASS', { state: 'COMPLETED_PASS' }, 'COMPLETED_PASS'],
    ['COMPLETED_PASS', { state: 'COMPLETED_FAIL' }, 402],
    ['COMPLETED_FAIL', { state: 'COMPLETED_PASS' }, 402],
    ['COMPLETED_FAIL', { is_complete: true }, 402],
    ['INCOMPLETE', { state: 'COMPLETED_PASS', is_complete: false }, 201],
    ['INCOMPLETE', { state: 'DONE' }, 201],
  ];
  it.each(cases)('%s with %j → %s', async (from, body, expected) => {
    const { call, events } = makeTestApp();
    const { pid, task } = await withTask(call);
    if (from !== 'INCOMPLETE') await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}`, { state: from });
    const before = (await call('GET', `/4.0/profiles/${pid}/tasks/${task.id}`)).body;
    const changes = events.filter((e) => e.type === 'TASK_STATE_CHANGED').length;
    const res = await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}`, body);
    if (typeof expected === 'string') {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: expected, is_complete: expected !== 'INCOMPLETE' });
      expect(events.filter((e) => e.type === 'TASK_STATE_CHANGED').length).toBe(changes + (expected === from ? 0 : 1));
    } else {
      expect(res.status).toBe(400);
      expect(res.body.errors[0].code).toBe(expected);
      expect((await call('GET', `/4.0/profiles/${pid}/tasks/${task.id}`)).body).toEqual(before);
    }
  });

  it('emits TASK_STATE_CHANGED with the old and new state and records completed-a-task', async () => {
    const { call, events } = makeTestApp();
    const { pid, task } = await withTask(call);
    await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}`, { state: 'COMPLETED_FAIL' });
    expect(events.filter((e) => e.type === 'TASK_STATE_CHANGED').at(-1)!.data).toMatchObject({
      profile_id: pid,
      task_id: task.id,
      old_state: 'INCOMPLETE',
      new_state: 'COMPLETED_FAIL',
      apikey: { name: 'Master API key' },
    });
    expect((await call('GET', `/4.0/profiles/${pid}/audit-items`)).body.at(-1)).toMatchObject({ action: 'completed-a-task' });
  });

  it('links checks (both ways) with check_ids, and refuses a check of another profile', async () => {
    const { call } = makeTestApp();
    const { pid, task } = await withTask(call);
    const check = (await call('POST', `/4.0/profiles/${pid}/checks`, { check_type: 'IDENTITY_CHECK' })).body;
    const res = await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}`, { check_ids: [check.id] });
    expect(res.body.check_ids).toEqual([check.id]);
    expect((await call('GET', `/4.0/profiles/${pid}/checks/${check.id}`)).body.task_ids).toEqual([task.id]);
    const other = await bare(call);
    const foreign = (await call('POST', `/4.0/profiles/${other}/checks`, { check_type: 'IDENTITY_CHECK' })).body;
    const bad = await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}`, { check_ids: [foreign.id] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ message: Msg.checkNotOnProfile(foreign.id, pid), info: { field: 'check_ids[0]' } });
  });

  it('answers 404 for a task of another profile', async () => {
    const { call } = makeTestApp();
    const { task } = await withTask(call);
    const other = await bare(call);
    const res = await call('GET', `/4.0/profiles/${other}/tasks/${task.id}`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].message).toBe(Msg.taskNotFound(task.id, other));
  });
});

describe('task expiry on the workspace clock', () => {
  it('expires at a custom date: the version is kept and a fresh one replaces it', async () => {
    const { call, events } = makeTestApp();
    const { pid, task } = await withTask(call);
    await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}`, { state: 'COMPLETED_PASS' });
    const at = formatDateTime(T0 + 10 * 86_400_000);
    const set = await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}/expiry`, { expire_at: at, reason_categories: ['DOCUMENT_EXPIRY'], reason_description: 'Passport expires' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ expiry_date: at, custom_expiry: { expiry_at: at, reason_categories: ['DOCUMENT_EXPIRY'], reason_description: 'Passport expires', default_expiry_date: null } });
    await call('POST', '/__sandbox/clock/advance', { by: '9d' });
    expect((await call('GET', `/4.0/profiles/${pid}/tasks/${task.id}`)).body.is_expired).toBe(false);
    await call('POST', '/__sandbox/clock/advance', { by: '1d' });
    const tasks = (await call('GET', `/4.0/profiles/${pid}/tasks`)).body;
    expect(tasks.map((t: { id: string; is_expired: boolean; state: string }) => [t.id === task.id, t.is_expired, t.state])).toEqual([
      [true, true, 'COMPLETED_PASS'],
      [false, false, 'INCOMPLETE'],
    ]);
    expect(events.filter((e) => e.type === 'TASK_CREATED').at(-1)!.data).toMatchObject({ task_type: 'INDIVIDUAL_VERIFY_ADDRESS', apikey: null, user: null });
    const stale = await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}`, { state: 'INCOMPLETE' });
    expect(stale.body.errors[0]).toMatchObject({ code: 402, message: Msg.taskNotActive(task.id, 'expired') });
  });

  it('follows the product default expiry, re-runs the automatic checks, and null restores the default', async () => {
    const config = {
      ...defaultConfig,
      products: [{ alias: 'annual', name: 'Annual', entity_type: 'INDIVIDUAL', automatically_apply: true, required_tasks: [{ task_type: 'INDIVIDUAL_VERIFY_IDENTITY', automatic_checks: ['IDENTITY_CHECK'], expiry_days: 365 }] }],
      flow_templates: [],
    };
    const { call } = makeTestApp({ config });
    const p = (await call('POST', '/4.0/profiles', individual())).body;
    const task = p.tasks[0];
    expect(task.default_expiry_date).toBe(formatDateTime(T0 + 365 * 86_400_000));
    const early = formatDateTime(T0 + 30 * 86_400_000);
    await call('POST', `/4.0/profiles/${p.id}/tasks/${task.id}/expiry`, { expire_at: early, reason_categories: ['OTHER'] });
    const restored = await call('POST', `/4.0/profiles/${p.id}/tasks/${task.id}/expiry`, { expire_at: null, reason_categories: ['OTHER'] });
    expect(restored.body.expiry_date).toBe(task.default_expiry_date);
    expect(restored.body.custom_expiry).toBeUndefined();
    await call('POST', '/__sandbox/clock/advance', { by: '31d' });
    expect((await call('GET', `/4.0/profiles/${p.id}/tasks`)).body).toHaveLength(1);
    await call('POST', '/__sandbox/clock/advance', { by: '335d' });
    const after = (await call('GET', `/4.0/profiles/${p.id}`)).body;
    expect(after.tasks).toHaveLength(2);
    expect(after.tasks[1]).toMatchObject({ is_expired: false, state: 'COMPLETED_PASS' });
    expect(after.checks).toHaveLength(2);
    expect(after.task_progress).toEqual({ completed_count: 1, total_count: 1 });
  });

  it.each([
    ['a date in the past', { expire_at: '2020-01-01 00:00:00', reason_categories: ['OTHER'] }, 'expire_at'],
    ['no reason', { expire_at: '2030-01-01 00:00:00', reason_categories: [] }, 'reason_categories'],
    ['an unknown reason', { expire_at: '2030-01-01 00:00:00', reason_categories: ['BORED'] }, 'reason_categories[0]'],
    ['an ISO date', { expire_at: '2030-01-01T00:00:00Z', reason_categories: ['OTHER'] }, 'expire_at'],
  ])('refuses %s', async (_what, body, field) => {
    const { call } = makeTestApp();
    const { pid, task } = await withTask(call);
    const res = await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}/expiry`, body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].info.field).toBe(field);
    expect((await call('GET', `/4.0/profiles/${pid}/tasks/${task.id}`)).body.custom_expiry).toBeUndefined();
  });
});

describe('task notes', () => {
  it('adds, lists and deletes notes; the audit log keeps a deleted note\'s text', async () => {
    const { call } = makeTestApp();
    const { pid, task } = await withTask(call);
    const file = (await call('POST', `/4.0/profiles/${pid}/files`, { data: Buffer.from('proof').toString('base64'), name: 'proof.txt' })).body;
    const note = (await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}/notes`, { text: 'Called the customer', attachments: [{ id: file.id }] })).body;
    expect(note).toMatchObject({ text: 'Called the customer', author_name: 'Master API key', author_name_customised: false, created_on: formatDateTime(T0) });
    expect(note.attachments).toEqual([expect.objectContaining({ id: file.id, name: 'proof.txt' })]);
    expect((await call('GET', `/4.0/profiles/${pid}/tasks/${task.id}/notes`)).body).toEqual([note]);
    const del = await call('DELETE', `/4.0/profiles/${pid}/tasks/${task.id}/notes/${note.id}`);
    expect(del.status).toBe(200);
    expect((await call('GET', `/4.0/profiles/${pid}/tasks/${task.id}/notes`)).body).toEqual([]);
    const audit = (await call('GET', `/4.0/profiles/${pid}/audit-items`)).body;
    expect(audit.at(-1)).toMatchObject({ action: 'deleted-a-task-note', ref_data: { text: 'Called the customer' } });
    const again = await call('DELETE', `/4.0/profiles/${pid}/tasks/${task.id}/notes/${note.id}`);
    expect(again.status).toBe(404);
    expect(again.body.errors[0].message).toBe(Msg.noteNotFound(note.id, task.id));
  });

  it.each([
    ['empty text', { text: '   ' }, 'text'],
    ['an unknown attachment', { text: 'x', attachments: [{ id: '00000000-0000-4000-8000-000000000000' }] }, 'attachments[0].id'],
    ['no text', {}, 'text'],
  ])('refuses %s', async (_what, body, field) => {
    const { call } = makeTestApp();
    const { pid, task } = await withTask(call);
    const res = await call('POST', `/4.0/profiles/${pid}/tasks/${task.id}/notes`, body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].info.field).toBe(field);
    expect((await call('GET', `/4.0/profiles/${pid}/tasks/${task.id}/notes`)).body).toEqual([]);
  });
});
