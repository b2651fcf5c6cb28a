import { describe, expect, it } from 'vitest';
import { makeRequestApp } from '../../../test/support/customer-requests.js';
import { CrMsg } from '../../domain/customer-requests/messages.js';
import { SAMPLE_IMAGES } from '../../domain/customer-requests/sample-images.js';
import { listAudit } from '../../domain/audit.js';
import { listDocumentImages } from '../../domain/documents.js';
import { getProfile } from '../../domain/profiles.js';
import { CollectionMsg } from './messages.js';

/** The collection back end (docs/collection-api.md), as the browser form uses it. */

async function personalFlow() {
  const t = makeRequestApp();
  const profileId = await t.newIndividual();
  const req = await t.flowRequest(profileId, 'individual_registration', { theme: { alias: 'forest' } });
  return { t, profileId, req, formId: req.forms[0]!.id, docFormId: req.forms[1]!.id };
}

const personal = {
  given_names: 'Mary Ann',
  family_name: 'Smith',
  dob: '1985-06-30',
  nationality: 'IRL',
  email: 'mary@example.com',
  address: { type: 'STRUCTURED', country: 'IRL', street_number: '12', route: 'Grafton Street', postal_town: 'Dublin', postal_code: 'D02 XY45' },
};

describe('reading a request', () => {
  it('shows forms in order with their questions, the theme, and nothing of the collected-data mapping', async () => {
    const { t, req } = await personalFlow();
    const res = await t.collect('GET', `/requests/${req.id}`, req.apikey);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      id: req.id,
      type: 'FLOW',
      status: 'SENT',
      open: true,
      message: null,
      expires_at: '2026-04-15T09:00:00.000Z',
      institution: { name: 'Sandbox Bank' },
      theme: { alias: 'forest', colors: { primary: '#1d6b46' }, corner_radius: 16, button_style: 'pill' },
      progress: { submitted: 0, total: 2 },
      current_form_id: req.forms[0]!.id,
      redirect_url: null,
    });
    const [first, second] = res.body.forms;
    expect(first.sections[0].questions[0]).toEqual({
      id: 'given_names',
      label: 'First and middle names',
      type: 'text',
      required: true,
      hint: null,
      options: null,
      min: null,
      max: null,
      max_length: null,
      document_types: null,
    });
    expect(JSON.stringify(res.body)).not.toContain('personal_details.');
    expect(second.sections[0].questions[0].document_types[1]).toEqual({
      document_type: 'DRIVING_LICENCE',
      label: 'Driving licence',
      elements: [
        { element: 'FRONT', image_type: 'FRONT', label: 'Front of the document' },
        { element: 'BACK', image_type: 'BACK', label: 'Back of the document' },
        { element: 'SELFIE', image_type: 'FACE', label: 'A photo of your face (selfie)' },
      ],
    });
    expect(first.missing.map((m: { field: string }) => m.field)).toEqual([
      'answers.given_names',
      'answers.family_name',
      'answers.dob',
      'answers.nationality',
      'answers.email',
      'answers.address',
    ]);
  });

  it('takes the key as a query parameter too', async () => {
    const { t, req } = await personalFlow();
    expect((await t.collect('GET', `/requests/${req.id}?apikey=${req.apikey}`, null)).status).toBe(200);
  });
});

describe('answers', () => {
  it('saves as the customer goes, merging, and null clears one', async () => {
    const { t, req, formId } = await personalFlow();
    const path = `/requests/${req.id}/forms/${formId}/answers`;
    expect((await t.collect('PATCH', path, req.apikey, { answers: { given_names: 'Mary', nationality: 'irl' } })).body.answers).toEqual({ given_names: 'Mary', nationality: 'IRL' });
    const res = await t.collect('PATCH', path, req.apikey, { answers: { family_name: 'Smith', given_names: null } });
    expect(res.status).toBe(200);
    expect(res.body.answers).toEqual({ nationality: 'IRL', family_name: 'Smith' });
    expect(t.eventsOf('CUSTOMER_REQUEST_ANSWERS_SAVED')).toHaveLength(2);
    const history = (await t.detail(req.id)).history.filter((h: { event: string }) => h.event === 'ANSWERS_SAVED');
    expect(history).toMatchObject([{ detail: { saves: 2 } }]);
  });

  it('refuses answers that do not fit the template, naming each field, and saves none of them', async () => {
    const { t, req, formId } = await personalFlow();
    const path = `/requests/${req.id}/forms/${formId}/answers`;
    const res = await t.collect('PATCH', path, req.apikey, { answers: { given_names: 'Mary', dob: '30/06/1985', nationality: 'Ireland', email: 'mary@', favourite_colour: 'blue' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 201, info: { field: 'answers.dob' } });
    expect(res.body.errors[0].info.problems).toEqual([
      { field: 'answers.dob', problem: CrMsg.notDate },
      { field: 'answers.nationality', problem: CrMsg.notCountry('Ireland') },
      { field: 'answers.email', problem: CrMsg.notEmail },
      { field: 'answers.favourite_colour', problem: CrMsg.unknownQuestion('favourite_colour') },
    ]);
    const view = await t.collect('GET', `/requests/${req.id}`, req.apikey);
    expect(view.body.forms[0].answers).toEqual({});
  });

  it('validate lists what stops a submission without saving', async () => {
    const { t, req, formId } = await personalFlow();
    const res = await t.collect('POST', `/requests/${req.id}/forms/${formId}/validate`, req.apikey, { answers: { ...personal, dob: '1985-02-31' } });
    expect(res.body).toEqual({ valid: false, problems: [{ field: 'answers.dob', problem: CrMsg.notRealDate }] });
    const ok = await t.collect('POST', `/requests/${req.id}/forms/${formId}/validate`, req.apikey, { answers: personal });
    expect(ok.body).toEqual({ valid: true, problems: [] });
    expect((await t.collect('GET', `/requests/${req.id}`, req.apikey)).body.forms[0].answers).toEqual({});
  });

  it('submitting without the required answers lists every missing one', async () => {
    const { t, req, formId } = await personalFlow();
    const res = await t.collect('POST', `/requests/${req.id}/forms/${formId}/submit`, req.apikey, { answers: { given_names: 'Mary' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].info.problems.map((p: { field: string }) => p.field)).toEqual([
      'answers.family_name',
      'answers.dob',
      'answers.nationality',
      'answers.email',
      'answers.address',
    ]);
    expect((await t.detail(req.id)).forms[0].status).toBe('SENT');
  });

  it('a submitted form updates collected_data at once, with a submitted-data audit item and the collected-data events', async () => {
    const { t, req, formId, profileId } = await personalFlow();
    const res = await t.collect('POST', `/requests/${req.id}/forms/${formId}/submit`, req.apikey, { answers: personal });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'SENT', progress: { submitted: 1, total: 2 }, current_form_id: req.forms[1]!.id });
    const data = t.ws().read((ctx) => getProfile(ctx, profileId)).collected_data as any;
    expect(data.personal_details).toEqual({ name: { given_names: ['Mary', 'Ann'], family_name: 'Smith' }, dob: '1985-06-30', nationality: 'IRL' });
    expect(data.contact_details).toEqual({ email: 'mary@example.com' });
    expect(data.address_history[0].address).toEqual(personal.address);
    const audit = t.ws().read((ctx) => listAudit(ctx, profileId)).filter((a) => a.action === 'submitted-data');
    expect(audit).toMatchObject([{ message: `Form "Your details" submitted by the customer (customer request ${req.id})`, user: { name: 'Customer' } }]);
    const changed = t.eventsOf('COLLECTED_DATA_CHANGED').at(-1)!;
    expect(changed.data).toMatchObject({ profile_id: profileId, new_data: { personal_details: { dob: '1985-06-30' } } });
    expect(t.eventsOf('FORM_STATE_CHANGED').at(-1)!.data).toMatchObject({ form_id: formId, status: 'COMPLETED', previous_status: 'SENT' });
  });

  it('a submitted form can no longer be changed', async () => {
    const { t, req, formId } = await personalFlow();
    await t.collect('POST', `/requests/${req.id}/forms/${formId}/submit`, req.apikey, { answers: personal });
    const res = await t.collect('PATCH', `/requests/${req.id}/forms/${formId}/answers`, req.apikey, { answers: { family_name: 'Jones' } });
    expect(res.status).toBe(409);
    expect(res.body.errors[0]).toMatchObject({ code: 402, message: CrMsg.formClosed(formId, 'COMPLETED') });
  });

  it('unknown forms are 404', async () => {
    const { t, req } = await personalFlow();
    const res = await t.collect('GET', `/requests/${req.id}`, req.apikey);
    const other = '0b9f0c3e-77a1-4b7e-9c59-0d2d3f1a8e11';
    const bad = await t.collect('PATCH', `/requests/${req.id}/forms/${other}/answers`, req.apikey, { answers: {} });
    expect(res.status).toBe(200);
    expect(bad.status).toBe(404);
    expect(bad.body.errors[0].message).toBe(CrMsg.formNotFound(req.id, other));
  });
});

describe('document uploads', () => {
  it('stores each element until the form is submitted; then the images and a document land on the profile', async () => {
    const { t, req, docFormId, profileId } = await personalFlow();
    const path = `/requests/${req.id}/forms/${docFormId}/documents`;
    const front = await t.collect('POST', path, req.apikey, { document_type: 'PASSPORT', element: 'FRONT', data: `data:image/png;base64,${SAMPLE_IMAGES.FRONT}` });
    expect(front.status).toBe(201);
    expect(front.body).toMatchObject({ question_id: 'document', document_type: 'PASSPORT', element: 'FRONT', content_type: 'image/png', size: 137 });
    const view = await t.collect('GET', `/requests/${req.id}`, req.apikey);
    expect(view.body.forms[1].missing).toEqual([{ field: 'documents.document.SELFIE', problem: CrMsg.missingElement('Passport', 'SELFIE') }]);
    await t.collect('POST', path, req.apikey, { document_type: 'PASSPORT', element: 'SELFIE', data: SAMPLE_IMAGES.SELFIE });
    expect(t.ws().read((ctx) => listDocumentImages(ctx, profileId))).toHaveLength(0);

    const submitted = await t.collect('POST', `/requests/${req.id}/forms/${docFormId}/submit`, req.apikey);
    expect(submitted.status).toBe(200);
    const images = t.ws().read((ctx) => listDocumentImages(ctx, profileId));
    expect(images.map((i) => [i.image_type, i.document_type])).toEqual([
      ['FRONT', 'PASSPORT'],
      ['FACE', 'PASSPORT'],
    ]);
    const documents = (t.ws().read((ctx) => getProfile(ctx, profileId)).collected_data.documents ?? []) as any[];
    expect(documents).toMatchObject([{ category: 'PROOF_OF_IDENTITY', document_type: 'PASSPORT', images: [{ id: images[0]!.id }, { id: images[1]!.id }] }]);
    const detail = await t.detail(req.id);
    expect(detail.forms[1].documents.document).toMatchObject({ document_type: 'PASSPORT', document_id: documents[0].id, elements: { FRONT: { image_id: images[0]!.id } } });
  });

  it('replacing an element keeps one upload; choosing another document type drops the first choice', async () => {
    const { t, req, docFormId } = await personalFlow();
    const path = `/requests/${req.id}/forms/${docFormId}/documents`;
    const first = await t.collect('POST', path, req.apikey, { document_type: 'PASSPORT', element: 'FRONT', data: SAMPLE_IMAGES.FRONT });
    const again = await t.collect('POST', path, req.apikey, { document_type: 'PASSPORT', element: 'FRONT', data: SAMPLE_IMAGES.BACK });
    let docs = (await t.collect('GET', `/requests/${req.id}`, req.apikey)).body.forms[1].documents;
    expect(Object.keys(docs.document.elements)).toEqual(['FRONT']);
    expect(docs.document.elements.FRONT.upload_id).toBe(again.body.upload_id);
    expect(again.body.upload_id).not.toBe(first.body.upload_id);
    await t.collect('POST', path, req.apikey, { document_type: 'DRIVING_LICENCE', element: 'BACK', data: SAMPLE_IMAGES.BACK });
    docs = (await t.collect('GET', `/requests/${req.id}`, req.apikey)).body.forms[1].documents;
    expect(docs.document.document_type).toBe('DRIVING_LICENCE');
    expect(Object.keys(docs.document.elements)).toEqual(['BACK']);
  });

  it('removes an upload', async () => {
    const { t, req, docFormId } = await personalFlow();
    const up = await t.collect('POST', `/requests/${req.id}/forms/${docFormId}/documents`, req.apikey, { document_type: 'PASSPORT', element: 'FRONT', data: SAMPLE_IMAGES.FRONT });
    const res = await t.collect('DELETE', `/requests/${req.id}/forms/${docFormId}/documents/${up.body.upload_id}`, req.apikey);
    expect(res.status).toBe(200);
    expect(res.body.documents).toEqual({});
    expect((await t.collect('DELETE', `/requests/${req.id}/forms/${docFormId}/documents/${up.body.upload_id}`, req.apikey)).status).toBe(404);
  });

  const pdf = Buffer.from('%PDF-1.4 sample').toString('base64');
  const text = Buffer.from('hello, I am not a photo').toString('base64');
  const refusals: [string, Record<string, unknown>, number, string, string][] = [
    ['a document type the form does not accept', { document_type: 'BANK_STATEMENT', element: 'FRONT' }, 400, 'document_type', CrMsg.documentTypeNotAccepted('BANK_STATEMENT', ['PASSPORT', 'DRIVING_LICENCE'])],
    ['an element the type does not need', { document_type: 'PASSPORT', element: 'BACK' }, 400, 'element', CrMsg.elementNotNeeded('BACK', 'PASSPORT', ['FRONT', 'SELFIE'])],
    ['an unknown element', { document_type: 'PASSPORT', element: 'SIDE' }, 400, 'element', 'Invalid input: element: must be one of FRONT, BACK, SELFIE'],
    ['a question that is not a document question', { question_id: 'given_names', document_type: 'PASSPORT', element: 'FRONT' }, 400, 'question_id', CrMsg.notDocumentQuestion('given_names')],
    ['data that is not base64', { document_type: 'PASSPORT', element: 'FRONT', data: '***' }, 400, 'data', CrMsg.badImageData],
    ['a text file', { document_type: 'PASSPORT', element: 'FRONT', data: text }, 400, 'data', CrMsg.imageTypeNotAccepted('not a JPEG, PNG, WebP, HEIC or PDF file', 'FRONT')],
    ['a PDF selfie', { document_type: 'PASSPORT', element: 'SELFIE', data: pdf }, 400, 'data', CrMsg.imageTypeNotAccepted('application/pdf', 'SELFIE')],
  ];

  it.each(refusals)('refuses %s, naming it, and stores nothing', async (_name, body, status, field, message) => {
    const { t, req, docFormId } = await personalFlow();
    const res = await t.collect('POST', `/requests/${req.id}/forms/${docFormId}/documents`, req.apikey, { data: SAMPLE_IMAGES.FRONT, ...body });
    expect(res.status).toBe(status);
    expect(res.body.errors[0].info.field).toBe(field);
    expect(res.body.errors[0].message).toBe(message);
    expect((await t.collect('GET', `/requests/${req.id}`, req.apikey)).body.forms[1].documents).toEqual({});
  });

  it('a form without a document question refuses uploads', async () => {
    const { t, req, formId } = await personalFlow();
    const res = await t.collect('POST', `/requests/${req.id}/forms/${formId}/documents`, req.apikey, { document_type: 'PASSPORT', element: 'FRONT', data: SAMPLE_IMAGES.FRONT });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe(CrMsg.noDocumentQuestion);
  });
});

describe('finishing', () => {
  it('is refused while forms are open, then answers "Data successfully submitted." with the flow redirect URL', async () => {
    const { t, req, formId, docFormId } = await personalFlow();
    const early = await t.collect('POST', `/requests/${req.id}/finish`, req.apikey);
    expect(early.status).toBe(409);
    expect(early.body.errors[0].message).toBe(CrMsg.formsStillOpen(['Your details', 'Your identity document']));
    await t.collect('POST', `/requests/${req.id}/forms/${formId}/submit`, req.apikey, { answers: personal });
    for (const element of ['FRONT', 'SELFIE'] as const) {
      await t.collect('POST', `/requests/${req.id}/forms/${docFormId}/documents`, req.apikey, { document_type: 'PASSPORT', element, data: SAMPLE_IMAGES[element] });
    }
    const last = await t.collect('POST', `/requests/${req.id}/forms/${docFormId}/submit`, req.apikey);
    expect(last.body).toMatchObject({ status: 'COMPLETED', open: false, message: CrMsg.submitted, can_finish: true, redirect_url: '/onboarding/done' });
    const done = await t.collect('POST', `/requests/${req.id}/finish`, req.apikey);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ status: 'COMPLETED', message: 'Data successfully submitted.', redirect_url: '/onboarding/done' });
    expect((await t.collect('POST', `/requests/${req.id}/finish`, req.apikey)).status).toBe(200);
    expect(t.eventsOf('CUSTOMER_REQUEST_FINISHED')).toHaveLength(1);
    expect(t.eventsOf('CUSTOMER_REQUEST_CHANGED').at(-1)!.data).toMatchObject({ status: 'COMPLETED', previous_status: 'SENT' });
  });
});

describe('the request apikey is scoped to its request', () => {
  it('answers 401 without a key and with an unknown one', async () => {
    const { t, req } = await personalFlow();
    const none = await t.collect('GET', `/requests/${req.id}`, null);
    expect(none.status).toBe(401);
    expect(none.body.errors[0]).toMatchObject({ code: 203, message: CollectionMsg.missingKey });
    const unknown = await t.collect('GET', `/requests/${req.id}`, 'f'.repeat(46));
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors[0].code).toBe(204);
  });

  it("refuses another request's key, even on the same profile's later request, and the master key", async () => {
    const t = makeRequestApp();
    const a = await t.flowRequest(await t.newIndividual('Ann', 'One'), 'individual_registration');
    const b = await t.flowRequest(await t.newIndividual('Bob', 'Two'), 'individual_registration');
    for (const [path, method, body] of [
      [`/requests/${b.id}`, 'GET', undefined],
      [`/requests/${b.id}/forms/${b.forms[0]!.id}/answers`, 'PATCH', { answers: { family_name: 'Hacker' } }],
      [`/requests/${b.id}/finish`, 'POST', undefined],
    ] as const) {
      const res = await t.collect(method, path, a.apikey, body);
      expect(res.status).toBe(403);
      expect(res.body.errors[0].message).toBe(CollectionMsg.otherRequest);
    }
    const master = await t.collect('GET', `/requests/${a.id}`, 'test-master-key');
    expect(master.status).toBe(403);
    expect(master.body.errors[0].message).toBe(CollectionMsg.notARequestKey);
    expect((await t.detail(b.id)).forms[0].answers).toEqual({});
  });

  it('after expiry still reads its request (to show "This request has expired."), and every write is 409', async () => {
    const { t, req, formId } = await personalFlow();
    await t.advance('90d');
    const view = await t.collect('GET', `/requests/${req.id}`, req.apikey);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'EXPIRED', open: false, message: 'This request has expired.' });
    expect(view.body.forms[0]).toEqual({ id: formId, alias: 'personal_details', title: 'Your details', status: 'EXPIRED' });
    expect(view.body.forms[0]).not.toHaveProperty('answers');
    for (const [method, path, body] of [
      ['PATCH', `/requests/${req.id}/forms/${formId}/answers`, { answers: { family_name: 'Late' } }],
      ['POST', `/requests/${req.id}/forms/${formId}/submit`, { answers: personal }],
      ['POST', `/requests/${req.id}/forms/${formId}/documents`, { document_type: 'PASSPORT', element: 'FRONT', data: SAMPLE_IMAGES.FRONT }],
      ['POST', `/requests/${req.id}/finish`, undefined],
    ] as const) {
      const res = await t.collect(method, path, req.apikey, body);
      expect(res.status).toBe(409);
      expect(res.body.errors[0]).toMatchObject({ message: 'This request has expired.', info: { status: 'EXPIRED' } });
    }
    // and it still opens nothing else
    const other = await t.flowRequest(await t.newIndividual('Cy', 'Three'), 'individual_registration');
    expect((await t.collect('GET', `/requests/${other.id}`, req.apikey)).status).toBe(401);
  });
});
