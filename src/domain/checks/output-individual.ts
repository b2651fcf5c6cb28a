import { formatDateTime } from '../../core/dates.js';
import { hashString, prng } from '../../core/ids.js';
import type { EntityData } from '../../schemas/entity-data.js';
import { seededDate, seededFaker } from '../seeded-faker.js';
import type { UkBankAccount } from './types.js';

/**
 * Output of the checks on individuals, made up from the input with a faker seeded by it:
 * the same person always gets the same matches, document numbers and account comments.
 */

type Individual = Extract<EntityData, { entity_type: 'INDIVIDUAL' }>;

export function personKey(data: EntityData): string {
  if (data.entity_type !== 'INDIVIDUAL') return JSON.stringify((data as { metadata?: unknown }).metadata ?? {});
  const d = data as Individual;
  return JSON.stringify([d.personal_details?.name?.given_names, d.personal_details?.name?.family_name, d.personal_details?.dob, d.personal_details?.nationality]);
}

const match = (count: number) => ({ count, match: count > 0 });

/**
 * IDENTITY_CHECK: credit and electoral sources matching name, address and date of birth.
 * It runs on every profile the default smart policy creates, so it draws from the small
 * seeded generator instead of faker (seeding faker costs more than the rest of the check).
 */
export function identityOutput(data: EntityData, result: string) {
  const next = prng(hashString(`identity|${personKey(data)}|${result}`));
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const sources = result === '2+2' ? 2 : result === '1+1' ? 1 : 0;
  const credit = sources > 0 ? int(2, 9) : 0;
  const matches = [];
  if (sources >= 1) {
    matches.push({ database_name: 'Sandbox Credit Bureau', database_type: 'CREDIT', matched_fields: ['FORENAME', 'SURNAME', 'ADDRESS', 'DOB'], count: credit });
  }
  if (sources >= 2) {
    matches.push({ database_name: 'Sandbox Electoral Register', database_type: 'CIVIL', matched_fields: ['FORENAME', 'SURNAME', 'ADDRESS', 'DOB'], count: 1 });
  }
  if (sources === 0) {
    matches.push({ database_name: 'Sandbox Credit Bureau', database_type: 'CREDIT', matched_fields: ['SURNAME'], count: 0 });
  }
  return {
    entity_type: 'INDIVIDUAL' as const,
    credit_ref: { exact: match(credit), exact_dob: match(sources > 0 ? 1 : 0), partial: match(sources === 0 ? int(0, 2) : 0) },
    db_matches: { electoral_exact: match(sources >= 2 ? 1 : 0), electoral_exact_dob: match(sources >= 2 ? 1 : 0), telephone_exact: match(0) },
    electronic_id_check: { matches },
  };
}

export interface ImageMeta {
  id: string;
  image_type?: string;
  upload_date?: string;
  document_type?: string;
  document_category?: string;
}

export interface DocumentInputView {
  id: string;
  category: string;
  document_type: string;
  images: ImageMeta[];
}

const FIELDS = ['FIELD_GIVEN_NAMES', 'FIELD_FAMILY_NAME', 'FIELD_DOB', 'FIELD_NUMBER', 'FIELD_EXPIRY', 'FIELD_ISSUING_COUNTRY', 'FIELD_MRZ'] as const;

/** A Document as a document check returns it: extracted data and the verification result. */
export function verifiedDocument(data: EntityData, doc: DocumentInputView, result: string, provider: string) {
  const f = seededFaker('document', personKey(data), doc.id, doc.document_type, result);
  const pass = result === 'Pass';
  const d = data.entity_type === 'INDIVIDUAL' ? (data as Individual) : undefined;
  const nationality = d?.personal_details?.nationality ?? 'GBR';
  const issued = seededDate(f, 2016, 2023);
  const expiry = `${Number(issued.slice(0, 4)) + 10}${issued.slice(4)}`;
  const personal =
    d?.personal_details?.name
      ? {
          personal_details: {
            name: { given_names: d.personal_details.name.given_names ?? [], family_name: d.personal_details.name.family_name ?? '' },
            ...(d.personal_details.dob ? { dob: d.personal_details.dob } : {}),
            ...(d.personal_details.nationality ? { nationality: d.personal_details.nationality } : {}),
          },
        }
      : {};
  const failedField = pass ? null : f.helpers.arrayElement(['FIELD_DOB', 'FIELD_FAMILY_NAME', 'FIELD_EXPIRY'] as const);
  return {
    id: doc.id,
    category: doc.category,
    document_type: doc.document_type,
    images: doc.images,
    extracted_data: {
      issuing_country: nationality,
      number: f.string.alphanumeric({ length: 9, casing: 'upper' }),
      issued,
      expiry,
      ...personal,
    },
    verification_result: {
      provider_name: provider,
      all_passed: pass,
      image_checks_passed: true,
      image_checks: [{ category: 'IMAGE_QUALITY', type: 'BLUR', result: 'PASS' }],
      document_type_passed: true,
      forgery_checks_passed: pass,
      forgery_checks: [{ category: 'SECURITY_FEATURES', type: 'HOLOGRAM', result: pass ? 'PASS' : 'FAIL' }],
      field_checks: FIELDS.map((field) => ({ field, result: field === failedField ? 'CHECK_INVALID' : 'CHECK_VALID' })),
      ...(pass ? {} : { error_reason: `The ${failedField!.slice(6).toLowerCase().replace('_', ' ')} on the document does not match the profile` }),
    },
  };
}

/** DOCUMENT_FETCH: the document as the identity-verification vendor captured it. */
export function fetchedDocument(data: EntityData, source: string, reference: string, result: string, provider: string) {
  const f = seededFaker('fetch', source, reference);
  const doc: DocumentInputView = {
    id: f.string.uuid(),
    category: 'PROOF_OF_IDENTITY',
    document_type: f.helpers.arrayElement(['PASSPORT', 'DRIVING_LICENCE']),
    images: [],
  };
  return verifiedDocument(data, doc, result, provider);
}

/** A UK account for the person when the request names none. */
export function defaultBankAccount(data: EntityData): UkBankAccount {
  const f = seededFaker('bank-account', personKey(data));
  const sort = f.string.numeric({ length: 6, allowLeadingZeros: true });
  return {
    type: 'UK_ACCOUNT',
    country: 'GBR',
    sort_code: `${sort.slice(0, 2)}-${sort.slice(2, 4)}-${sort.slice(4)}`,
    account_number: f.string.numeric({ length: 8, allowLeadingZeros: true }),
  };
}

export function bankAccountOutput(data: EntityData, account: UkBankAccount, result: string, now: number) {
  const pass = result === 'Pass';
  const d = data as Individual;
  return {
    entity_type: 'INDIVIDUAL' as const,
    bank_account_verifications: [
      {
        performed_on: formatDateTime(now),
        match: pass,
        bank_account: account,
        comments: pass
          ? [
              { type: 'MATCH', message: 'Account holder name matches', component: 'UK_ACCOUNT_NUMBER' },
              { type: 'MATCH', message: 'Sort code is valid', component: 'UK_SORT_CODE' },
            ]
          : [{ type: 'MISMATCH', message: 'Account holder name does not match the account', component: 'UK_ACCOUNT_NUMBER' }],
      },
    ],
    ...(d.address_history ? { address_history: d.address_history } : {}),
  };
}

