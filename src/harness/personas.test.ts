import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../test/support/test-app.js';
import { sniff } from '../domain/customer-requests/images.js';
import { answerFor, dateParts, defaultAnswer, documentFile, optionFor, persona, personas, planAnswers, profileBody, type QuestionInfo } from './personas.js';

const q = (id: string, type = 'text', label = id, extra: Partial<QuestionInfo> = {}): QuestionInfo => ({ id, type, label, required: true, ...extra });

describe('answerFor: which answer of a persona goes to a question', () => {
  it('knows the built-in forms by question id', () => {
    expect(answerFor(q('given_names'), personas.alex)).toEqual({ value: 'Alex', source: 'id' });
    expect(answerFor(q('dob', 'date'), personas.alex)).toEqual({ value: '1990-04-12', source: 'id' });
    expect(answerFor(q('name'), personas.acme)).toEqual({ value: 'Acme Widgets Ltd', source: 'id' });
    expect(answerFor(q('owner_percentage', 'number'), personas.acme)).toEqual({ value: 60, source: 'id' });
    expect(answerFor(q('address', 'address'), personas.acme)?.value).toMatchObject({ route: 'Example Street', country: 'GBR' });
  });

  it("puts the persona's own answers by id first, even over a known id", () => {
    const p = persona(personas.alex, { answers: { given_names: 'Pep', favourite_colour: 'green' } });
    expect(answerFor(q('given_names'), p)).toEqual({ value: 'Pep', source: 'answers.given_names' });
    expect(answerFor(q('favourite_colour'), p)).toEqual({ value: 'green', source: 'answers.favourite_colour' });
  });

  it('falls back to the type, then to the label', () => {
    expect(answerFor(q('contact', 'email', 'Work email'), personas.alex)).toEqual({ value: 'alex.wheeler@example.com', source: 'type' });
    expect(answerFor(q('where_from', 'country', 'Where are you from?'), personas.alex)).toEqual({ value: 'GBR', source: 'type' });
    expect(answerFor(q('fn', 'text', 'Your first name'), personas.alex)).toEqual({ value: 'Alex', source: 'label' });
    expect(answerFor(q('born', 'date', 'Date of birth'), personas.alex)).toEqual({ value: '1990-04-12', source: 'label' });
    expect(answerFor(q('reg', 'text', 'Company number'), personas.acme)).toEqual({ value: '09565115', source: 'label' });
  });

  it('does not answer a person question from a company persona, or the reverse', () => {
    expect(answerFor(q('given_names'), personas.acme)).toBeUndefined();
    expect(answerFor(q('number'), personas.alex)).toBeUndefined();
    expect(answerFor(q('fn', 'text', 'First name'), personas.acme)).toBeUndefined();
  });
});

describe('planAnswers', () => {
  const form = [q('given_names'), q('family_name'), q('phone', 'phone', 'Mobile', { required: false }), q('document', 'document'), q('pet', 'select', 'Pet', { options: [{ value: 'cat', label: 'Cat' }] })];

  it('answers what it can, fills required unknowns with harmless defaults, leaves documents to the upload', () => {
    const plan = planAnswers(form, personas.pep);
    expect([...plan.answers].map(([id, a]) => [id, a.value, a.source])).toEqual([
      ['given_names', 'Pep', 'id'],
      ['family_name', 'Wheeler', 'id'],
      ['pet', 'cat', 'default'],
    ]);
    expect(plan.unanswered).toEqual([]);
  });

  it('without defaults, lists the required questions nothing answers', () => {
    const plan = planAnswers([...form, q('secret_word', 'text', 'Secret word')], personas.alex, { defaults: false });
    expect(plan.unanswered.map((x) => x.id)).toEqual(['pet', 'secret_word']);
  });

  it('leaves a question blank when the persona answers null, without calling it unanswered', () => {
    const plan = planAnswers([q('family_name')], persona(personas.alex, { answers: { family_name: null } }));
    expect(plan.answers.size).toBe(0);
    expect(plan.unanswered).toEqual([]);
  });

  it('has a default for every simple type, none for an address or a select without options', () => {
    expect(['text', 'textarea', 'number', 'boolean', 'date', 'country'].map((t) => defaultAnswer(q('x', t))?.value)).toEqual(['Sample answer', 'Sample answer', 1, false, '2000-01-01', 'GBR']);
    expect(defaultAnswer(q('x', 'address'))).toBeUndefined();
    expect(defaultAnswer(q('x', 'select'))).toBeUndefined();
  });
});

describe('the controls', () => {
  it('splits a date into the three boxes, without leading zeros', () => {
    expect(dateParts('1990-04-02')).toEqual({ day: '2', month: '4', year: '1990' });
    expect(() => dateParts('02/04/1990')).toThrow('a date answer must be YYYY-MM-DD, got "02/04/1990"');
  });

  it('finds the option of an answer by value, then by label; booleans are Yes and No', () => {
    const select = q('t', 'select', 'Type', { options: [{ value: 'COMPANY', label: 'Limited company' }] });
    expect(optionFor(select, 'COMPANY')?.label).toBe('Limited company');
    expect(optionFor(select, 'limited company')?.value).toBe('COMPANY');
    expect(optionFor(select, 'TRUST')).toBeUndefined();
    expect(optionFor(q('b', 'boolean'), true)).toEqual({ value: 'true', label: 'Yes' });
    expect(optionFor(q('b', 'boolean'), false)?.label).toBe('No');
  });

  it("uploads the persona's own file, else a real sample PNG per element", () => {
    for (const element of ['FRONT', 'BACK', 'SELFIE'] as const) {
      const file = documentFile(personas.alex, element);
      expect(file.mimeType).toBe('image/png');
      expect(sniff(new Uint8Array(file.buffer))).toBe('image/png');
    }
    const mine = { name: 'me.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff]) };
    expect(documentFile(persona(personas.alex, { document: { files: { SELFIE: mine } } }), 'SELFIE')).toBe(mine);
  });
});

describe('profileBody', () => {
  it('makes profiles the API accepts, full and stub, for every built-in persona', async () => {
    const t = makeTestApp();
    for (const p of Object.values(personas)) {
      for (const stub of [false, true]) {
        const res = await t.call('POST', '/4.0/profiles', profileBody(p, { stub, customer_ref: 'c-1' }));
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.collected_data.customer_ref).toBe('c-1');
      }
    }
  });

  it('a stub carries only the entity type and the email', () => {
    expect(profileBody(personas.alex, { stub: true })).toEqual({ role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', contact_details: { email: 'alex.wheeler@example.com' } } });
    expect(profileBody(personas.acme, { stub: true })).toEqual({ role: 'COMPANY_CUSTOMER', collected_data: { entity_type: 'COMPANY', metadata: { contact_details: { email: 'hello@acme-widgets.example' } } } });
  });

  it('persona() changes fields and merges the address', () => {
    const p = persona(personas.alex, { email: 'x@example.com', address: { postal_town: 'Leeds' } as never });
    expect(p.email).toBe('x@example.com');
    expect(p.address).toMatchObject({ route: 'Downing Street', postal_town: 'Leeds' });
    expect(personas.alex.email).toBe('alex.wheeler@example.com');
  });
});
