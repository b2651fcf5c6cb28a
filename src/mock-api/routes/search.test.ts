import { describe, expect, it } from 'vitest';
import { company, makeTestApp } from '../../../test/support/test-app.js';
import { Msg } from '../../domain/messages.js';

describe('GET /4.0/search/companies', () => {
  it('finds workspace companies first, then registry companies built around the query, the same every time', async () => {
    const { call } = makeTestApp();
    await call('POST', '/4.0/profiles', company('Acme Widgets Ltd'));
    const res = await call('GET', '/4.0/search/companies?country=GBR&query=acme');
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.companies[0]).toEqual({ name: 'Acme Widgets Ltd', number: '09565115', country: 'GBR', state: null });
    expect(res.body.companies.slice(1).every((c: { name: string; number: string }) => c.name.startsWith('ACME ') && /^\d{8}$/.test(c.number))).toBe(true);
    expect((await call('GET', '/4.0/search/companies?country=GBR&query=acme')).body).toEqual(res.body);
    const us = (await call('GET', '/4.0/search/companies?country=USA&query=acme&state=DE')).body.companies;
    expect(us.every((c: { state: string; number: string }) => c.state === 'DE' && /^\d{7}$/.test(c.number))).toBe(true);
  });

  it('gives a registry check the same company a search names', async () => {
    const { call } = makeTestApp();
    const hit = (await call('GET', '/4.0/search/companies?country=GBR&query=Globex')).body.companies[0];
    const pid = (await call('POST', '/4.0/profiles', { role: 'COMPANY_CUSTOMER', collected_data: { entity_type: 'COMPANY', metadata: { name: hit.name, number: hit.number, country_of_incorporation: 'GBR' } }, applications: [] })).body.id;
    const out = (await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: 'COMPANY_REGISTRY' })).body.output_data;
    expect(out.metadata).toMatchObject({ name: hit.name, number: hit.number });
  });

  it.each([
    ['country=GB&query=acme', 'country'],
    ['query=acme', 'country'],
    ['country=GBR', 'query'],
    ['country=GBR&query=a', 'query'],
    ['country=GBR&query=acme&provider=opencorporates', 'provider'],
  ])('refuses %s naming %s', async (query, field) => {
    const { call } = makeTestApp();
    const res = await call('GET', `/4.0/search/companies?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].info.field).toBe(field);
  });
});

describe('address search and format', () => {
  it('suggests addresses around the typed number and street, with the typed parts marked', async () => {
    const { call } = makeTestApp();
    const res = await call('GET', '/4.0/address/search?address=10%20Downing&country_code=GBR');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(7);
    expect(res.body.results[0].text).toMatch(/^10 Downing Street, /);
    expect(res.body.results[0].query_substrings).toEqual([[0, 2], [3, 10]]);
    expect((await call('GET', '/4.0/address/search?address=10%20Downing&country_code=GBR&limit=3')).body.results).toEqual(res.body.results.slice(0, 3));
    const formatted = await call('GET', `/4.0/address/format?id=${encodeURIComponent(res.body.results[0].id)}&country_code=GBR`);
    expect(formatted.status).toBe(200);
    expect(formatted.body).toMatchObject({ type: 'STRUCTURED', country: 'GBR', street_number: '10', route: 'Downing Street' });
    expect(formatted.body.original_freeform_address).toBe(res.body.results[0].text);
  });

  it.each([
    ['/4.0/address/search?address=&country_code=GBR', 400, 'address'],
    [`/4.0/address/search?address=${'x'.repeat(201)}&country_code=GBR`, 400, 'address'],
    ['/4.0/address/search?address=high&country_code=GBR&limit=101', 400, 'limit'],
    ['/4.0/address/search?address=high&country_code=XX', 400, 'country_code'],
    ['/4.0/address/format?id=nonsense&country_code=GBR', 404, 'id'],
  ])('%s → %s naming %s', async (path, status, field) => {
    const { call } = makeTestApp();
    const res = await call('GET', path);
    expect(res.status).toBe(status);
    expect(res.body.errors[0].info.field).toBe(field);
  });

  it('refuses an address id used with another country', async () => {
    const { call } = makeTestApp();
    const id = (await call('GET', '/4.0/address/search?address=Main&country_code=USA')).body.results[0].id;
    const res = await call('GET', `/4.0/address/format?id=${encodeURIComponent(id)}&country_code=GBR`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe(Msg.addressCountryMismatch('GBR', 'USA'));
  });
});
