import { describe, expect, it } from 'vitest';
import { CrMsg } from '../domain/customer-requests/messages.js';
import { fallbackMessage, friendlyMessages, lowerFirst, missingElementMessage, type ViewQuestion } from './friendly.js';

const q = (type: string, label: string, extra: Partial<ViewQuestion> = {}): ViewQuestion => ({
  id: 'x',
  label,
  type,
  required: true,
  hint: null,
  options: null,
  min: null,
  max: null,
  max_length: null,
  document_types: null,
  ...extra,
});

describe('friendlyMessages: the back end\'s exact words → the customer\'s', () => {
  it('says what to do about each problem of each question type', () => {
    expect(friendlyMessages(q('date', 'Date of birth'))).toEqual({
      'answers.x': {
        [CrMsg.required]: 'Enter date of birth',
        [CrMsg.notDate]: 'Date of birth must include a day, month and year',
        [CrMsg.notRealDate]: 'Date of birth must be a real date',
      },
    });
    expect(friendlyMessages(q('email', 'Email address'))['answers.x']![CrMsg.notEmail]).toBe('Enter an email address in the correct format, like name@example.com');
    expect(friendlyMessages(q('country', 'Nationality'))['answers.x']![CrMsg.required]).toBe('Select nationality');
    expect(friendlyMessages(q('text', 'Company number', { max_length: 8 }))['answers.x']![CrMsg.tooLong(8)]).toBe('Company number must be 8 characters or fewer');
    expect(friendlyMessages(q('number', 'Percentage of shares held', { min: 25, max: 100 }))['answers.x']).toMatchObject({
      [CrMsg.belowMin(25)]: 'Percentage of shares held must be between 25 and 100',
      [CrMsg.aboveMax(100)]: 'Percentage of shares held must be between 25 and 100',
    });
    const yesNo = friendlyMessages(q('select', 'Does anyone else own 25% or more?', { options: [{ value: 'no', label: 'No' }, { value: 'yes', label: 'Yes' }] }));
    expect(yesNo['answers.x']).toMatchObject({ [CrMsg.required]: 'Select an answer', [CrMsg.notOption(['no', 'yes'])]: 'Select an answer' });
    expect(friendlyMessages(q('boolean', 'Have you lived there for more than 3 years?'))['answers.x']![CrMsg.required]).toBe('Select yes or no');
  });

  it('keeps one message per document type for an element several types share', () => {
    const messages = friendlyMessages(
      q('document', 'Choose a document', {
        document_types: [
          { document_type: 'DRIVING_LICENCE', label: 'Driving licence', elements: [{ element: 'BACK', image_type: 'BACK', label: 'Back of the document' }] },
          { document_type: 'STATE_ID', label: 'Identity card', elements: [{ element: 'BACK', image_type: 'BACK', label: 'Back of the document' }, { element: 'SELFIE', image_type: 'FACE', label: 'Selfie' }] },
        ],
      }),
    );
    expect(messages['documents.x.BACK']).toEqual({
      [CrMsg.missingElement('Driving licence', 'BACK')]: 'Upload the back of your driving licence',
      [CrMsg.missingElement('Identity card', 'BACK')]: 'Upload the back of your identity card',
    });
    expect(messages['documents.x']![CrMsg.noDocumentChosen]).toBe('Select which document you will use, then upload its photos');
    expect(messages['documents.x.SELFIE']![CrMsg.missingElement('Identity card', 'SELFIE')]).toBe('Upload a photo of your face (selfie)');
  });
});

it('lowerFirst leaves acronyms and names alone', () => {
  expect(lowerFirst('Date of birth')).toBe('date of birth');
  expect(lowerFirst('UK postcode')).toBe('UK postcode');
  expect(lowerFirst('Is this right?')).toBe('is this right');
});

it('missingElementMessage and the fallback', () => {
  expect(missingElementMessage('Passport', 'FRONT')).toBe('Upload the front of your passport');
  expect(fallbackMessage('Nationality:', 'must be X')).toBe('Nationality: must be X');
});
