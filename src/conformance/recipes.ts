import type { OpenApiValidator, Schema } from './openapi-validator.js';
import type { Caller } from './sweep.js';

/**
 * Valid inputs for PassFort's operations, by `METHOD path` under /4.0. Operations that use
 * something up (a tag to delete, an application to reject) prepare their own; the rest share
 * fixtures made once. Anything without a recipe gets inputs made from its schema.
 */

export interface Fixtures {
  params: Record<string, string>;
  productId: string | null;
  addressId: string | null;
}

export interface Prepared {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface Recipe {
  prepare?: (api: Caller, f: Fixtures) => Promise<Prepared>;
  query?: Record<string, string>;
  body?: (f: Fixtures, params: Record<string, string>) => unknown;
}

/** A 1×1 PNG. */
export const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const person = (given: string, family: string, extra: Record<string, unknown> = {}) => ({
  role: 'INDIVIDUAL_CUSTOMER',
  collected_data: {
    entity_type: 'INDIVIDUAL',
    customer_ref: `sweep-${given.toLowerCase()}`,
    personal_details: { name: { given_names: [given], family_name: family }, dob: '1986-05-17', nationality: 'GBR' },
    address_history: [{ address: { type: 'STRUCTURED', country: 'GBR', street_number: '10', route: 'Sweep Street', locality: 'London', postal_code: 'EC1A 1AA' } }],
    contact_details: { email: `${given.toLowerCase()}@example.com`, phone_number: '+44 20 7946 0000' },
  },
  ...extra,
});

async function must(api: Caller, method: string, path: string, body?: unknown): Promise<any> {
  const res = await api.call(method, path, body);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`fixture ${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)?.slice(0, 200)}`);
  }
  return res.body;
}

/** The shared fixtures: an individual with its product, checks, an event, an image, a document, a file, a note, a tag. */
export async function makeFixtures(api: Caller): Promise<Fixtures> {
  // The demo keywords "pep" and "media" make screening find hits, so responses carry rich output and events.
  const profile = await must(api, 'POST', '/profiles', person('Alex', 'Pep-Media'));
  const pid: string = profile.id;
  await must(api, 'POST', '/profiles', { role: 'COMPANY_CUSTOMER', collected_data: { entity_type: 'COMPANY', metadata: { name: 'Sweep Widgets Ltd', number: '09565115', country_of_incorporation: 'GBR' } } });
  const check = await must(api, 'POST', `/profiles/${pid}/checks?mode=sync`, { check_type: 'IDENTITY_CHECK' });
  await must(api, 'POST', `/profiles/${pid}/checks?mode=sync`, { check_type: 'PEPS_AND_SANCTIONS_SCREEN' });
  await must(api, 'POST', `/profiles/${pid}/checks?mode=sync`, { check_type: 'CRA_BANK_ACCOUNT_VERIFICATION' });
  const tasks: any[] = await must(api, 'GET', `/profiles/${pid}/tasks`);
  const task = tasks[0] ?? (await must(api, 'POST', `/profiles/${pid}/tasks`, { type: 'INDIVIDUAL_MANUAL_TASK' }));
  const apps: any[] = await must(api, 'GET', `/profiles/${pid}/applications`);
  const event = await must(api, 'POST', `/profiles/${pid}/events`, { data: { event_type: 'PEP_FLAG', match_name: 'ALEX WHEELER', score: 0.9 } });
  const image = await must(api, 'POST', `/profiles/${pid}/document_images`, { image_type: 'FRONT', document_type: 'PASSPORT', data: TINY_PNG });
  const file = await must(api, 'POST', `/profiles/${pid}/files`, { data: Buffer.from('sweep file').toString('base64') });
  const doc = await must(api, 'POST', `/profiles/${pid}/collected_data/documents`, { category: 'PROOF_OF_IDENTITY', document_type: 'PASSPORT', images: [{ id: image.id }] });
  await must(api, 'POST', `/profiles/${pid}/checks?mode=sync`, { check_type: 'DOCUMENT_VERIFICATION', document_id: doc.id });
  const note = await must(api, 'POST', `/profiles/${pid}/tasks/${task.id}/notes`, { text: 'A note made by the conformance sweep', attachments: [{ id: file.id }] });
  const tag = await must(api, 'POST', `/profiles/${pid}/tags`, { name: 'sweep' });
  const addresses = await api.call('GET', '/address/search?address=10%20Downing&country_code=GBR');
  return {
    params: {
      profile_id: pid,
      application_id: apps[0]?.id ?? '',
      task_id: task.id,
      check_id: check.id,
      event_id: event.id,
      document_image_id: image.id,
      file_id: file.id,
      note_id: note.id,
      tag_id: tag.id,
      term: 'sweep',
    },
    productId: apps[0]?.product?.id ?? null,
    addressId: addresses.body?.results?.[0]?.id ?? null,
  };
}

/** A fresh profile with no applications, for operations that use one up. */
async function freshProfile(api: Caller, name: string, applications?: unknown[]): Promise<any> {
  return must(api, 'POST', '/profiles', person(name, 'Sweep', applications ? { applications } : {}));
}

export const RECIPES: Record<string, Recipe> = {
  'GET /profiles': { query: { limit: '5' } },
  'POST /profiles': { body: () => person('Sam', 'Floren') },
  'POST /profiles/{profile_id}/collected_data': {
    prepare: async (api, f) => ({ body: await must(api, 'GET', `/profiles/${f.params.profile_id}/collected_data`) }),
  },
  'POST /profiles/{profile_id}/collected_data/documents': {
    body: (f) => ({ category: 'PROOF_OF_IDENTITY', document_type: 'PASSPORT', images: [{ id: f.params.document_image_id }] }),
  },
  'POST /profiles/{profile_id}/status': { body: () => 'NORMAL' },
  'POST /profiles/{profile_id}/applications': {
    prepare: async (api, f) => {
      const p = await freshProfile(api, 'Applicant', []);
      return { params: { profile_id: p.id }, body: { product: { id: f.productId } } };
    },
  },
  'POST /profiles/{profile_id}/applications/{application_id}': {
    prepare: async (api) => {
      const p = await freshProfile(api, 'Decided');
      return { params: { profile_id: p.id, application_id: p.applications[0].id }, body: { status: 'REJECTED' } };
    },
  },
  'POST /profiles/{profile_id}/applications/{application_id}/revert_decision': {
    prepare: async (api) => {
      const p = await freshProfile(api, 'Reverted');
      const appId = p.applications[0].id;
      await must(api, 'POST', `/profiles/${p.id}/applications/${appId}`, { status: 'REJECTED' });
      return { params: { profile_id: p.id, application_id: appId }, body: { comment: 'Rejected by mistake' } };
    },
  },
  'POST /profiles/{profile_id}/checks': { body: () => ({ check_type: 'IDENTITY_CHECK' }) },
  'POST /profiles/{profile_id}/checks/{check_id}': { body: (f) => ({ task_ids: [f.params.task_id] }) },
  'POST /profiles/{profile_id}/tasks': {
    prepare: async (api) => {
      const p = await freshProfile(api, 'Tasked', []);
      return { params: { profile_id: p.id }, body: { type: 'INDIVIDUAL_MANUAL_TASK' } };
    },
  },
  'POST /profiles/{profile_id}/tasks/{task_id}': { body: () => ({ is_complete: true }) },
  'POST /profiles/{profile_id}/tasks/{task_id}/expiry': {
    body: () => ({ expire_at: '2099-01-01 00:00:00', reason_categories: ['OTHER'], reason_description: 'Set by the conformance sweep' }),
  },
  'POST /profiles/{profile_id}/tasks/{task_id}/notes': { body: () => ({ text: 'Checked by the conformance sweep' }) },
  'DELETE /profiles/{profile_id}/tasks/{task_id}/notes/{note_id}': {
    prepare: async (api, f) => {
      const note = await must(api, 'POST', `/profiles/${f.params.profile_id}/tasks/${f.params.task_id}/notes`, { text: 'To be deleted' });
      return { params: { note_id: note.id } };
    },
  },
  'POST /profiles/{profile_id}/events': { body: () => ({ data: { event_type: 'ADVERSE_MEDIA_FLAG', match_name: 'ALEX WHEELER', score: 0.8 } }) },
  'POST /profiles/{profile_id}/events/{event_id}': { body: () => ({ resolution: 'MISMATCH', resolution_reason: 'Different date of birth' }) },
  'POST /profiles/{profile_id}/events/bulk_update': { body: (f) => [{ id: f.params.event_id, resolution: 'IGNORE' }] },
  'POST /profiles/{profile_id}/document_images': { body: () => ({ image_type: 'FRONT', document_type: 'PASSPORT', data: TINY_PNG }) },
  'POST /profiles/{profile_id}/files': { body: () => ({ data: Buffer.from('hello from the sweep').toString('base64') }) },
  'POST /profiles/{profile_id}/tags': { body: () => ({ name: 'sweep-added' }) },
  'DELETE /profiles/{profile_id}/tags/{tag_id}': {
    prepare: async (api, f) => {
      const tag = await must(api, 'POST', `/profiles/${f.params.profile_id}/tags`, { name: 'to-remove' });
      return { params: { tag_id: tag.id } };
    },
  },
  'POST /profiles/{profile_id}/collection_steps': { body: () => [{ collection_type: 'EMAIL' }] },
  'POST /api_keys/collect': { body: (f) => ({ profile_ids: [f.params.profile_id] }) },
  // Customer requests (CONTRACT §4.1; not in PassFort's 4.0.0 file): each on a profile of its own.
  'POST /forms/profile/{profile_id}/customer_request': {
    prepare: async (api) => {
      const p = await freshProfile(api, 'Requested', []);
      return { params: { profile_id: p.id }, body: { type: 'FLOW', flow_template: { alias: 'individual_registration' }, theme: { alias: 'default' } } };
    },
  },
  'GET /forms/profile/{profile_id}/customer_request': {
    prepare: async (api) => {
      const p = await freshProfile(api, 'Requested', []);
      await must(api, 'POST', `/forms/profile/${p.id}/customer_request`, { type: 'FLOW', flow_template: { alias: 'individual_registration' }, theme: { alias: 'default' } });
      return { params: { profile_id: p.id } };
    },
  },
  'GET /search/companies': { query: { country: 'GBR', query: 'Acme' } },
  'GET /address/search': { query: { address: '10 Downing', country_code: 'GBR', limit: '3' } },
  'GET /address/format': { prepare: async (_api, f) => ({ query: { id: f.addressId ?? '', country_code: 'GBR' } }) },
};

/** A value the schema accepts, for inputs nobody wrote a recipe for: required fields only. */
export function exampleFor(validator: OpenApiValidator, raw: Schema, name = '', depth = 0): unknown {
  const s = validator.resolve(raw);
  if (depth > 8) return undefined;
  if (s.example !== undefined) return s.example;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum.includes('GBR') ? 'GBR' : s.enum[0];
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x: Schema) => exampleFor(validator, x, name, depth + 1)).filter((x: unknown) => x && typeof x === 'object'));
  if (s.oneOf || s.anyOf) return exampleFor(validator, (s.oneOf ?? s.anyOf)[0], name, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  if (type === 'array') return [];
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const key of s.required ?? []) out[key] = exampleFor(validator, s.properties?.[key] ?? {}, key, depth + 1);
    return out;
  }
  if (type === 'integer' || type === 'number') return typeof s.minimum === 'number' ? s.minimum : 1;
  if (type === 'boolean') return true;
  if (typeof s.pattern === 'string' && s.pattern.includes('[a-fA-F0-9]{8}')) return '00000000-0000-4000-8000-000000000000';
  if (typeof s.pattern === 'string' && s.pattern.includes('\\d{2}:\\d{2}')) return '2030-01-01 00:00:00';
  return name === 'query' ? 'Acme' : 'sweep';
}
