import { z } from 'zod';
import { base64, date, dateTime, icaoCode, uuid } from './common.js';

export const DOCUMENT_CATEGORIES = [
  'PROOF_OF_IDENTITY',
  'PROOF_OF_SOURCE_OF_WEALTH',
  'PROOF_OF_SOURCE_OF_FUNDS',
  'PROOF_OF_ADDRESS',
  'SUPPORTING',
  'COMPANY_FILING',
  'DATA_SUMMARY',
  'PROOF_OF_BANK_ACCOUNT',
  'PROOF_OF_TAX_STATUS',
] as const;

export const DOCUMENT_TYPES = [
  'PASSPORT',
  'DRIVING_LICENCE',
  'STATE_ID',
  'VOTER_ID',
  'BIRTH_CERTIFICATE',
  'BANK_STATEMENT',
  'FACE_IMAGE',
  'UNKNOWN',
  'COMPANY_ACCOUNTS',
  'COMPANY_CHANGE_OF_ADDRESS',
  'ANNUAL_RETURN',
  'CONFIRMATION_STATEMENT',
  'STATEMENT_OF_CAPITAL',
  'CHANGE_OF_NAME',
  'INCORPORATION',
  'LIQUIDATION',
  'MISCELLANEOUS',
  'MORTGAGE',
  'CHANGE_OF_OFFICERS',
  'RESOLUTION',
  'CREDIT_REPORT',
  'CREDIT_CHECK',
  'REGISTER_REPORT',
  'REGISTER_CHECK',
  'DATA_SUMMARY',
  'CHANGE_OF_PSC',
  'ADVERSE_MEDIA',
  'TAX',
] as const;

export const IMAGE_TYPES = ['FRONT', 'BACK', 'FACE'] as const;
export const DECISION_CLASSES = ['PASS', 'FAIL', 'PARTIAL', 'WARN', 'ERROR'] as const;
export const CHECKED_FIELDS = [
  'FIELD_GIVEN_NAMES',
  'FIELD_FAMILY_NAME',
  'FIELD_DOB',
  'FIELD_NATIONALITY',
  'FIELD_EXPIRY',
  'FIELD_NUMBER',
  'FIELD_GENDER',
  'FIELD_ISSUED',
  'FIELD_ADDRESS',
  'FIELD_ISSUING_COUNTRY',
  'FIELD_MRZ',
] as const;

export const documentCategory = z.enum(DOCUMENT_CATEGORIES);
export const documentType = z.enum(DOCUMENT_TYPES);
export const imageType = z.enum(IMAGE_TYPES);

/**
 * A document image. On input it carries `data` (base64 or a data URI); once stored, PassFort
 * never gives the bytes back, only the metadata.
 */
export const documentImage = z.looseObject({
  id: uuid.optional(),
  image_type: imageType.optional(),
  upload_date: dateTime.optional(),
  document_type: documentType.optional(),
  document_category: documentCategory.optional(),
  data: base64.optional(),
});

const documentCheck = z.looseObject({ category: z.string().optional(), type: z.string().optional(), result: z.enum(DECISION_CLASSES).optional() });

export const documentResult = z.looseObject({
  provider_name: z.string().optional(),
  image_checks_passed: z.boolean().optional(),
  image_checks: z.array(documentCheck).optional(),
  document_type_passed: z.boolean().optional(),
  forgery_checks_passed: z.boolean().optional(),
  forgery_checks: z.array(documentCheck).optional(),
  field_checks: z
    .array(z.looseObject({ field: z.enum(CHECKED_FIELDS).optional(), result: z.enum(['CHECK_UNCERTAIN', 'CHECK_INVALID', 'CHECK_VALID']).optional() }))
    .optional(),
  all_passed: z.boolean().optional(),
  error_reason: z.string().optional(),
});

export const documentData = z.looseObject({
  issuer: z.string().optional(),
  issuing_country: icaoCode.optional(),
  number: z.string().optional(),
  issued: date.optional(),
  expiry: date.optional(),
  mrz1: z.string().optional(),
  mrz2: z.string().optional(),
  mrz3: z.string().optional(),
  result: documentResult.optional(),
  external_service: z.string().optional(),
  external_ref: z.string().optional(),
});

/** PassFort's Document: closed to unknown keys. */
export const documentSchema = z.strictObject({
  id: uuid.optional(),
  category: documentCategory,
  document_type: documentType,
  images: z.array(documentImage),
  extracted_data: documentData.optional(),
  verification_result: documentResult.optional(),
});

export type DocumentInput = z.infer<typeof documentSchema>;
