import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../test/support/test-app.js';
import { CHECK_TYPES } from '../config/products.js';
import { KEYWORD_RULES } from '../domain/checks.js';
import { OpenApiValidator } from './openapi-validator.js';
import { TINY_PNG } from './recipes.js';
import { REFERENCE_OPENAPI as REFERENCE } from './reference.js';

/**
 * Every check type, with every demo keyword and none, answers a CheckResource valid against
 * PassFort's schema; so do the events screening raises and the profile holding them all.
 */

const found = fs.existsSync(REFERENCE);
const NAMES = ['', ...KEYWORD_RULES.map((r) => r.keyword)];
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const title = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : 'Wheeler');

async function profileWithEverything(call: ReturnType<typeof makeTestApp>['call'], keyword: string, entity: 'INDIVIDUAL' | 'COMPANY') {
  const body =
    entity === 'INDIVIDUAL'
      ? { role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: ['Alex'], family_name: title(keyword) }, dob: '1990-02-03', nationality: 'GBR' } }, applications: [] }
      : { role: 'COMPANY_CUSTOMER', collected_data: { entity_type: 'COMPANY', metadata: { name: `Acme ${title(keyword)} Ltd`, number: '01234567', country_of_incorporation: 'GBR' } }, applications: [] };
  const pid = (await call('POST', '/4.0/profiles', body)).body.id as string;
  const image = (await call('POST', `/4.0/profiles/${pid}/document_images`, { image_type: 'FRONT', data: TINY_PNG })).body;
  const category = entity === 'INDIVIDUAL' ? 'PROOF_OF_IDENTITY' : 'COMPANY_FILING';
  const documentType = entity === 'INDIVIDUAL' ? 'PASSPORT' : 'INCORPORATION';
  const doc = (await call('POST', `/4.0/profiles/${pid}/collected_data/documents`, { category, document_type: documentType, images: [{ id: image.id }] })).body;
  return { pid, documentId: doc.id as string };
}

describe('check output against PassFort\'s schema', () => {
  if (!found) {
    it(`was NOT run: the reference file was not found at ${REFERENCE}`, () => expect(fs.existsSync(REFERENCE)).toBe(false));
    return;
  }
  const v = new OpenApiValidator(JSON.parse(fs.readFileSync(REFERENCE, 'utf8')));

  it.each(NAMES.map((k) => [k || '(no keyword)', k] as const))('every check type with %s', async (_label, keyword) => {
    const { call } = makeTestApp();
    const problems: string[] = [];
    for (const entity of ['INDIVIDUAL', 'COMPANY'] as const) {
      const { pid, documentId } = await profileWithEverything(call, keyword, entity);
      for (const type of CHECK_TYPES.filter((t) => (t.startsWith('COMPANY') ? 'COMPANY' : 'INDIVIDUAL') === entity)) {
        const body: Record<string, unknown> = { check_type: type };
        if (type.endsWith('DOCUMENT_VERIFICATION')) body.document_id = documentId;
        if (type === 'DOCUMENT_FETCH') Object.assign(body, { source: 'ONFIDO', reference: 'ref-123' });
        if (type === 'COMPANY_FILING_PURCHASE') body.source_id = 'filing-1';
        const res = await call('POST', `/4.0/profiles/${pid}/checks?mode=sync`, body);
        expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(200);
        expect(res.body.state).toBe('COMPLETE');
        for (const e of v.validate(ref('CheckResource'), res.body)) problems.push(`${type} ${e.path} ${e.message}`);
      }
      for (const event of (await call('GET', `/4.0/profiles/${pid}/events`)).body) {
        for (const e of v.validate(ref('EventResource'), event)) problems.push(`event ${event.data.event_type} ${e.path} ${e.message}`);
      }
      const profile = (await call('GET', `/4.0/profiles/${pid}`)).body;
      for (const e of v.validate(ref('ProfileResource'), profile)) problems.push(`profile ${e.path} ${e.message}`);
    }
    expect(problems).toEqual([]);
  });
});
