import { describe, expect, it } from 'vitest';
import { questionDef } from './forms.js';
import { checkAnswer, collectedDataAfter, submitProblems } from './answers.js';
import { CrMsg } from './messages.js';
import { decodeImageData, sniff } from './images.js';
import { SAMPLE_IMAGES } from './sample-images.js';
import type { QuestionConfig } from '../../config/customer-requests.js';
import type { FormDoc } from './types.js';

const q = (type: QuestionConfig['type'], extra: Partial<QuestionConfig> = {}) => questionDef({ id: 'q', label: 'Q', type, required: true, ...extra });
const select = q('select', { options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] });

// [question, answer sent, what is stored or the problem]
const fits: [string, ReturnType<typeof q>, unknown, unknown][] = [
  ['text is trimmed', q('text'), '  Ada ', 'Ada'],
  ['empty text is no answer', q('text'), '   ', undefined],
  ['null is no answer', q('text'), null, undefined],
  ['a real date', q('date'), '1990-02-28', '1990-02-28'],
  ['a country in lower case', q('country'), 'gbr', 'GBR'],
  ['an email', q('email'), 'ada@example.com', 'ada@example.com'],
  ['a phone', q('phone'), '+44 (0)20 7946-0000', '+44 (0)20 7946-0000'],
  ['an option', select, 'b', 'b'],
  ['a number as text', q('number', { min: 0, max: 10 }), '7', 7],
  ['a number', q('number'), 2.5, 2.5],
  ['a boolean as text', q('boolean'), 'false', false],
  ['a structured address', q('address'), { type: 'STRUCTURED', country: 'GBR', postal_code: 'SW1A 2AA' }, { type: 'STRUCTURED', country: 'GBR', postal_code: 'SW1A 2AA' }],
  ['a free-form address', q('address'), { type: 'FREEFORM', country: 'FRA', text: '1 rue de Rivoli, Paris' }, { type: 'FREEFORM', country: 'FRA', text: '1 rue de Rivoli, Paris' }],
];

const misfits: [string, ReturnType<typeof q>, unknown, string][] = [
  ['text that is a number', q('text'), 12, CrMsg.notText],
  ['text over its max_length', q('text', { max_length: 3 }), 'abcd', CrMsg.tooLong(3)],
  ['text over the default length', q('text'), 'x'.repeat(1001), CrMsg.tooLong(1000)],
  ['a date in another format', q('date'), '28/02/1990', CrMsg.notDate],
  ['a date that does not exist', q('date'), '1990-02-30', CrMsg.notRealDate],
  ['a country name', q('country'), 'United Kingdom', CrMsg.notCountry('United Kingdom')],
  ['an alpha-2 country', q('country'), 'GB', CrMsg.notCountry('GB')],
  ['an email without a domain', q('email'), 'ada@', CrMsg.notEmail],
  ['a phone with letters', q('phone'), 'call me', CrMsg.notPhone],
  ['a phone too short', q('phone'), '+44 12', CrMsg.notPhone],
  ['a value not among the options', select, 'c', CrMsg.notOption(['a', 'b'])],
  ['a number below min', q('number', { min: 25 }), 10, CrMsg.belowMin(25)],
  ['a number above max', q('number', { max: 100 }), 101, CrMsg.aboveMax(100)],
  ['a number that is text', q('number'), 'ten', CrMsg.notNumber],
  ['a boolean that is text', q('boolean'), 'yes', CrMsg.notBoolean],
  ['an address as a string', q('address'), '1 High Street', CrMsg.notAddress],
  ['an address with only a country', q('address'), { type: 'STRUCTURED', country: 'GBR' }, CrMsg.addressNeedsLine],
  ['an address with a bad country', q('address'), { type: 'FREEFORM', country: 'XXX', text: 'x' }, CrMsg.notAddress],
  ['a document answered as a value', q('document', { document_types: [{ document_type: 'PASSPORT', elements: ['FRONT'] }] }), 'passport.jpg', CrMsg.documentViaUpload],
];

describe('answers against the template', () => {
  it.each(fits)('%s fits', (_name, question, raw, stored) => {
    expect(checkAnswer(question, raw)).toEqual({ value: stored });
  });
  it.each(misfits)('%s does not fit', (_name, question, raw, problem) => {
    expect(checkAnswer(question, raw)).toEqual({ problem });
  });
});

const form = (fields: Partial<FormDoc>): FormDoc => ({
  id: 'f',
  alias: 'f',
  title: 'F',
  description: null,
  task_id: null,
  asked_because: null,
  status: 'SENT',
  created_at: 0,
  terminal_seq: null,
  terminal_at: null,
  submitted_at: null,
  sections: [],
  set: [],
  answers: {},
  documents: {},
  task_checks: [],
  ...fields,
});

describe('submitting', () => {
  it('lists required answers and missing document elements', () => {
    const f = form({
      sections: [
        {
          title: null,
          description: null,
          questions: [
            questionDef({ id: 'name', label: 'Name', type: 'text', required: true }),
            questionDef({ id: 'nick', label: 'Nick', type: 'text', required: false }),
            questionDef({ id: 'doc', label: 'Doc', type: 'document', required: true, document_types: [{ document_type: 'DRIVING_LICENCE', elements: ['FRONT', 'BACK'] }] }),
          ],
        },
      ],
      documents: { doc: { document_type: 'DRIVING_LICENCE', elements: { FRONT: { upload_id: 'u', content_type: 'image/png', size: 1, uploaded_at: 0, image_id: null } }, document_id: null } },
    });
    expect(submitProblems(f)).toEqual([
      { field: 'answers.name', problem: CrMsg.required },
      { field: 'documents.doc.BACK', problem: CrMsg.missingElement('Driving licence', 'BACK') },
    ]);
  });

  it('writes set values and mapped answers into collected data; a [] path splits given names', () => {
    const f = form({
      sections: [
        {
          title: null,
          description: null,
          questions: [
            questionDef({ id: 'given', label: 'G', type: 'text', required: true, path: 'personal_details.name.given_names[]' }),
            questionDef({ id: 'dob', label: 'D', type: 'date', required: true, path: 'personal_details.dob' }),
            questionDef({ id: 'unmapped', label: 'U', type: 'text', required: false }),
          ],
        },
      ],
      set: [{ path: 'customer_ref', value: 'from-form' }],
      answers: { given: 'Mary Ann', dob: '1980-01-02', unmapped: 'kept on the form' },
    });
    const before = { entity_type: 'INDIVIDUAL' as const, personal_details: { name: { family_name: 'Smith' } } };
    expect(collectedDataAfter(before, f)).toEqual({
      entity_type: 'INDIVIDUAL',
      customer_ref: 'from-form',
      personal_details: { name: { family_name: 'Smith', given_names: ['Mary', 'Ann'] }, dob: '1980-01-02' },
    });
    expect(before.personal_details.name).toEqual({ family_name: 'Smith' });
  });

  it('refuses answers that would make collected data invalid, naming the path', () => {
    const f = form({
      sections: [{ title: null, description: null, questions: [questionDef({ id: 'g', label: 'G', type: 'text', required: true, path: 'personal_details.gender' })] }],
      answers: { g: 'X' },
    });
    expect(() => collectedDataAfter({ entity_type: 'INDIVIDUAL' }, f)).toThrow(/collected_data invalid at personal_details\.gender/);
  });
});

describe('uploaded images', () => {
  it('decodes base64 and data URIs and recognises the format by its bytes', () => {
    const png = decodeImageData(SAMPLE_IMAGES.FRONT)!;
    expect(png.content_type).toBe('image/png');
    expect(decodeImageData(`data:image/jpeg;base64,${SAMPLE_IMAGES.SELFIE}`)!.content_type).toBe('image/png');
    expect(decodeImageData(Buffer.from('%PDF-1.7 ...').toString('base64'))!.content_type).toBe('application/pdf');
    expect(decodeImageData(Buffer.from('just text, named photo.jpg').toString('base64'))!.content_type).toBeNull();
  });

  it('refuses what is not base64', () => {
    expect(decodeImageData('not base64 at all!')).toBeNull();
    expect(decodeImageData('data:image/png,rawbytes')).toBeNull();
    expect(decodeImageData('')).toBeNull();
  });

  it('sniffs JPEG, WebP and HEIC', () => {
    expect(sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniff(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniff(new TextEncoder().encode('\0\0\0\x18ftypheic'))).toBe('image/heic');
  });
});
