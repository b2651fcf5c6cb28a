import { describe, expect, it } from 'vitest';
import { individual, makeTestApp } from '../../test/support/test-app.js';
import { HttpMsg } from './messages.js';
import { MAX_JSON_DEPTH } from './middleware/json-guard.js';

/**
 * Everything a client can send wrong to the foundation's routes: each answer is a 4xx in
 * PassFort's envelope that names the field and the problem, and nothing stored changes.
 */

const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

type Case = {
  name: string;
  method: string;
  path: (id: string) => string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  code?: number;
  field?: string;
  message?: string | RegExp;
};

const cases: Case[] = [
  { name: 'malformed JSON', method: 'POST', path: () => '/4.0/profiles', body: '{"role": "INDIVIDUAL_CUSTOMER",', status: 400, code: 201, message: /not valid JSON/ },
  { name: 'a JSON array', method: 'POST', path: () => '/4.0/profiles', body: '[1,2]', status: 400, code: 201, field: '(body)' },
  { name: 'a wrong content type', method: 'POST', path: () => '/4.0/profiles', body: 'role=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, message: HttpMsg.unsupportedMediaType('application/x-www-form-urlencoded') },
  { name: 'no role', method: 'POST', path: () => '/4.0/profiles', body: { collected_data: { entity_type: 'INDIVIDUAL' } }, status: 400, code: 201, field: 'role' },
  { name: 'an unknown role', method: 'POST', path: () => '/4.0/profiles', body: { role: 'PIRATE', collected_data: { entity_type: 'INDIVIDUAL' } }, status: 400, field: 'role' },
  { name: 'no entity_type', method: 'POST', path: () => '/4.0/profiles', body: { role: 'INDIVIDUAL_CUSTOMER', collected_data: {} }, status: 400, field: 'collected_data.entity_type' },
  { name: 'an unknown entity_type', method: 'POST', path: () => '/4.0/profiles', body: { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'ROBOT' } }, status: 400, field: 'collected_data.entity_type' },
  { name: 'collected_data of the wrong type', method: 'POST', path: () => '/4.0/profiles', body: { role: 'INDIVIDUAL_CUSTOMER', collected_data: 'me' }, status: 400, field: 'collected_data' },
  { name: 'a date of birth of the wrong type (says so, not "is required")', method: 'POST', path: () => '/4.0/profiles', body: { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { dob: 5 } } }, status: 400, field: 'collected_data.personal_details.dob', message: HttpMsg.invalidInput('collected_data.personal_details.dob: must be string, got number', 0) },
  { name: 'a missing field of a nested object', method: 'POST', path: () => '/4.0/profiles', body: { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', address_history: [{}] } }, status: 400, message: HttpMsg.invalidInput('collected_data.address_history[0].address: is required (object)', 0) },
  { name: 'a limit of 0', method: 'GET', path: () => '/4.0/profiles?limit=0', status: 400, field: 'limit', message: HttpMsg.invalidInput('limit: must be at least 1', 0) },
  { name: 'a limit that is not a number', method: 'GET', path: () => '/4.0/profiles?limit=abc', status: 400, field: 'limit', message: HttpMsg.invalidInput('limit: must be a number', 0) },
  { name: 'given_names as a string', method: 'POST', path: () => '/4.0/profiles', body: { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: 'Alex' } } } }, status: 400, field: 'collected_data.personal_details.name.given_names' },
  { name: 'an impossible date of birth', method: 'POST', path: () => '/4.0/profiles', body: { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { dob: '1990-02-30' } } }, status: 400, field: 'collected_data.personal_details.dob' },
  { name: 'a two-letter country', method: 'POST', path: () => '/4.0/profiles', body: { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { nationality: 'GB' } } }, status: 400, field: 'collected_data.personal_details.nationality' },
  { name: 'an unknown key in personal_details (closed by PassFort)', method: 'POST', path: () => '/4.0/profiles', body: { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { nickname: 'Al' } } }, status: 400, field: 'collected_data.personal_details.nickname' },
  { name: 'an unknown top-level field', method: 'POST', path: () => '/4.0/profiles', body: { ...individual(), colected_data: {} }, status: 400, field: 'colected_data' },
  { name: 'a __proto__ key', method: 'POST', path: () => '/4.0/profiles', body: '{"role":"INDIVIDUAL_CUSTOMER","collected_data":{"entity_type":"INDIVIDUAL","__proto__":{"admin":true}}}', status: 400, message: HttpMsg.forbiddenKey('__proto__') },
  { name: 'JSON nested too deep', method: 'POST', path: () => '/4.0/profiles', body: deep(MAX_JSON_DEPTH + 1), status: 400, message: HttpMsg.tooDeep(MAX_JSON_DEPTH) },
  { name: 'a body over the size limit', method: 'POST', path: () => '/4.0/profiles', body: { ...individual(), pad: 'x'.repeat(70_000) }, status: 413 },
  { name: 'a malformed profile id', method: 'GET', path: () => '/4.0/profiles/not-a-uuid', status: 400, field: 'profile_id' },
  { name: 'a path trick as an id', method: 'GET', path: () => '/4.0/profiles/..%2F..%2Fetc%2Fpasswd', status: 400, field: 'profile_id' },
  { name: 'a profile that does not exist', method: 'GET', path: () => `/4.0/profiles/${MISSING_ID}`, status: 404 },
  { name: 'collected data of a missing profile', method: 'POST', path: () => `/4.0/profiles/${MISSING_ID}/collected_data`, body: { entity_type: 'INDIVIDUAL' }, status: 404 },
  { name: 'changing the entity type', method: 'POST', path: (id) => `/4.0/profiles/${id}/collected_data`, body: { entity_type: 'COMPANY' }, status: 400, field: 'entity_type' },
  { name: 'an unknown status', method: 'POST', path: (id) => `/4.0/profiles/${id}/status`, body: '"ASLEEP"', status: 400 },
  { name: 'an empty tag name', method: 'POST', path: (id) => `/4.0/profiles/${id}/tags`, body: { name: '' }, status: 400, field: 'name' },
  { name: 'a method the route does not have', method: 'DELETE', path: () => '/4.0/profiles', status: 404, message: HttpMsg.unknownRoute('DELETE', '/4.0/profiles') },
  { name: 'an unknown control route', method: 'GET', path: () => '/__sandbox/nothing-here', status: 404 },
  { name: 'a clock move backwards', method: 'POST', path: () => '/__sandbox/clock/advance', body: { by: -5 }, status: 400, field: 'by' },
  { name: 'an unreadable clock time', method: 'POST', path: () => '/__sandbox/clock/set', body: { now: 'tomorrow-ish' }, status: 400, field: 'now' },
  { name: 'an invalid workspace config', method: 'POST', path: () => '/__sandbox/workspaces', body: { config: { expiry_days: 'ninety' } }, headers: { apikey: '' }, status: 400 },
];

describe('bad input', () => {
  it.each(cases)('$name → $status', async (c) => {
    const { call, store } = makeTestApp({ config: {}, bodyLimitBytes: 64 * 1024 });
    const id = (await call('POST', '/4.0/profiles', individual())).body.id as string;
    const before = JSON.stringify(store.stats) + JSON.stringify([...store.values('w/default/profiles')]);
    const res = await call(c.method, c.path(id), c.body, c.headers ?? {});
    expect(res.status).toBe(c.status);
    const error = res.body?.errors?.[0];
    expect(error, JSON.stringify(res.body)).toBeDefined();
    expect(error.source).toBe('API');
    expect(typeof error.message).toBe('string');
    if (c.code) expect(error.code).toBe(c.code);
    if (c.field) expect(error.info.field).toBe(c.field);
    if (typeof c.message === 'string') expect(error.message).toBe(c.message);
    else if (c.message) expect(error.message).toMatch(c.message);
    const after = JSON.stringify(store.stats) + JSON.stringify([...store.values('w/default/profiles')]);
    expect(after).toBe(before);
  });
});

describe('not bad input', () => {
  it('the forbidden key names inside string values are only words: the profile is created', async () => {
    const { call } = makeTestApp({ config: {} });
    const body = { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', customer_ref: 'prototype constructor __proto__' } };
    const res = await call('POST', '/4.0/profiles', body);
    expect(res.status).toBe(200);
    expect(res.body.collected_data.customer_ref).toBe('prototype constructor __proto__');
  });
});
