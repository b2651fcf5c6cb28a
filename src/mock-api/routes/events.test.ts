import { describe, expect, it } from 'vitest';
import { individual, makeTestApp } from '../../../test/support/test-app.js';
import { Msg } from '../../domain/messages.js';

type Call = ReturnType<typeof makeTestApp>['call'];

/** A profile named to trip PEP and media screening, screened synchronously. */
async function flagged(call: Call) {
  const pid = (await call('POST', '/4.0/profiles', { ...individual('Alex', 'Pep-Media'), applications: [] })).body.id as string;
  const check = (await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: 'PEPS_AND_SANCTIONS_SCREEN' })).body;
  const events = (await call('GET', `/4.0/profiles/${pid}/events`)).body;
  return { pid, check, events };
}

describe('events raised by screening', () => {
  it('raises one UNRESOLVED event per hit, with the match, and EVENTS_CREATED', async () => {
    const { call, events: bus } = makeTestApp();
    const { pid, check, events } = await flagged(call);
    expect(events.map((e: { data: { event_type: string } }) => e.data.event_type)).toEqual(['PEP_FLAG', 'ADVERSE_MEDIA_FLAG']);
    const pep = events[0];
    expect(pep).toMatchObject({ resolution: 'UNRESOLVED', resolution_task_ids: [], data: { provider_name: 'Sandbox Screening (demo)', match_name: 'ALEX PEP-MEDIA', match_countries: ['GBR'] } });
    expect(pep.data.pep).toMatchObject({ match: true, is_current: true });
    expect(pep.data.sources[0].name).toBe('PEP');
    expect(check.output_data.sanctions_results.map((r: { match_id: string }) => r.match_id)).toEqual(events.map((e: { data: { match_id: string } }) => e.data.match_id));
    expect(bus.find((e) => e.type === 'EVENTS_CREATED')!.data).toMatchObject({ profile_id: pid, event_ids: events.map((e: { id: string }) => e.id), check_id: check.id, apikey: null, user: null });
    const profile = (await call('GET', `/4.0/profiles/${pid}`)).body;
    expect(profile.unresolved_event_types).toEqual(['PEP_FLAG', 'ADVERSE_MEDIA_FLAG']);
  });

  it('does not raise the same match twice when screened again', async () => {
    const { call } = makeTestApp();
    const { pid } = await flagged(call);
    await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: 'PEPS_AND_SANCTIONS_SCREEN' });
    expect((await call('GET', `/4.0/profiles/${pid}/events`)).body).toHaveLength(2);
  });
});

describe('resolving events', () => {
  it('resolves one event, with EVENTS_UPDATED, and lifts its approval blocker', async () => {
    const { call, events: bus } = makeTestApp();
    const { pid, events } = await flagged(call);
    const res = await call('POST', `/4.0/profiles/${pid}/events/${events[0].id}`, { resolution: 'MISMATCH', resolution_reason: 'Different person' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resolution: 'MISMATCH', resolution_reason: 'Different person' });
    expect(res.body.resolution_date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(bus.filter((e) => e.type === 'EVENTS_UPDATED').at(-1)!.data).toMatchObject({ profile_id: pid, event_ids: [events[0].id] });
    expect((await call('GET', `/4.0/profiles/${pid}`)).body.unresolved_event_types).toEqual(['ADVERSE_MEDIA_FLAG']);
    const reopened = await call('POST', `/4.0/profiles/${pid}/events/${events[0].id}`, { resolution: 'UNRESOLVED' });
    expect(reopened.body.resolution_date).toBeUndefined();
    expect((await call('GET', `/4.0/profiles/${pid}/audit-items`)).body.at(-1)).toMatchObject({ action: 'event-resolution' });
  });

  it('bulk update resolves every event or none', async () => {
    const { call } = makeTestApp();
    const { pid, events } = await flagged(call);
    const bad = await call('POST', `/4.0/profiles/${pid}/events/bulk_update`, [
      { id: events[0].id, resolution: 'MATCH' },
      { id: '00000000-0000-4000-8000-000000000000', resolution: 'MATCH' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].info.field).toBe('[1].id');
    expect((await call('GET', `/4.0/profiles/${pid}/events/${events[0].id}`)).body.resolution).toBe('UNRESOLVED');
    const ok = await call('POST', `/4.0/profiles/${pid}/events/bulk_update`, events.map((e: { id: string }) => ({ id: e.id, resolution: 'IGNORE' })));
    expect(ok.body.map((e: { resolution: string }) => e.resolution)).toEqual(['IGNORE', 'IGNORE']);
    expect((await call('GET', `/4.0/profiles/${pid}`)).body.unresolved_event_types).toEqual([]);
    expect((await call('GET', `/4.0/profiles/${pid}/audit-items`)).body.at(-1)).toMatchObject({ action: 'event-bulk-resolution' });
  });

  it.each([
    ['an unknown resolution', { resolution: 'MAYBE' }, 'resolution', 201],
    ['CREATED_TASK without tasks', { resolution: 'CREATED_TASK' }, 'resolution_task_ids', 101],
    ['a task that is not on the profile', { resolution: 'CREATED_TASK', resolution_task_ids: ['00000000-0000-4000-8000-000000000000'] }, 'resolution_task_ids[0]', 201],
    ['an unknown field', { resolution: 'MATCH', verdict: 'guilty' }, 'verdict', 201],
  ])('refuses %s', async (_what, body, field, code) => {
    const { call } = makeTestApp();
    const { pid, events } = await flagged(call);
    const res = await call('POST', `/4.0/profiles/${pid}/events/${events[0].id}`, body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code, info: { field } });
    expect((await call('GET', `/4.0/profiles/${pid}/events/${events[0].id}`)).body).toEqual(events[0]);
  });

  it('accepts CREATED_TASK with a task of the profile', async () => {
    const { call } = makeTestApp();
    const { pid, events } = await flagged(call);
    const task = (await call('POST', `/4.0/profiles/${pid}/tasks`, { type: 'INDIVIDUAL_MANUAL_TASK' })).body;
    const res = await call('POST', `/4.0/profiles/${pid}/events/${events[0].id}`, { resolution: 'CREATED_TASK', resolution_task_ids: [task.id] });
    expect(res.body).toMatchObject({ resolution: 'CREATED_TASK', resolution_task_ids: [task.id] });
  });

  it('answers 404 for an event of another profile', async () => {
    const { call } = makeTestApp();
    const { events } = await flagged(call);
    const other = (await call('POST', '/4.0/profiles', { ...individual(), applications: [] })).body.id;
    const res = await call('GET', `/4.0/profiles/${other}/events/${events[0].id}`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].message).toBe(Msg.eventNotFound(events[0].id, other));
  });
});

describe('POST /4.0/profiles/{id}/events', () => {
  it('raises an event by hand', async () => {
    const { call, events: bus } = makeTestApp();
    const pid = (await call('POST', '/4.0/profiles', { ...individual(), applications: [] })).body.id;
    const res = await call('POST', `/4.0/profiles/${pid}/events`, { data: { event_type: 'REFER_FLAG', match_name: 'A WHEELER', score: 0.4 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resolution: 'UNRESOLVED', data: { event_type: 'REFER_FLAG', score: 0.4 } });
    expect(bus.find((e) => e.type === 'EVENTS_CREATED')!.data).toMatchObject({ event_ids: [res.body.id], apikey: { name: 'Master API key' } });
  });

  it.each([
    [{ data: { event_type: 'TRANSACTION_ALERT' } }, 'data.event_type'],
    [{ data: { event_type: 'PEP_FLAG', score: 7 } }, 'data.score'],
    [{}, 'data'],
  ])('refuses %j', async (body, field) => {
    const { call } = makeTestApp();
    const pid = (await call('POST', '/4.0/profiles', { ...individual(), applications: [] })).body.id;
    const res = await call('POST', `/4.0/profiles/${pid}/events`, body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].info.field).toBe(field);
    expect((await call('GET', `/4.0/profiles/${pid}/events`)).body).toEqual([]);
  });
});
