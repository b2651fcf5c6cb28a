import { z } from 'zod';
import { COUNTRY_CODES, ICAO_EXTRA_CODES } from '../core/countries.js';

/** Scalar formats of PassFort's API 4.0, written from its documented patterns and enums. */

export const uuid = z.string().regex(/^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/, 'must be a UUID');

export const dateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'must be a date and time as YYYY-MM-DD hh:mm:ss');

export const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');

export const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');

export const approxDate = z.string().regex(/^\d{4}-\d{2}$/, 'must be a year and month as YYYY-MM');

export const countryCode = z.enum(COUNTRY_CODES as [string, ...string[]], {
  error: (issue) => `must be an ISO 3166-1 alpha-3 country code (like GBR), got ${JSON.stringify(issue.input)}`,
});

export const icaoCode = z.enum([...COUNTRY_CODES, ...ICAO_EXTRA_CODES] as unknown as [string, ...string[]], {
  error: (issue) => `must be an ISO 3166-1 alpha-3 or ICAO passport code (like GBR), got ${JSON.stringify(issue.input)}`,
});

/** Base64, or a data URI, as PassFort takes for images and files. */
export const base64 = z.string().min(1, 'must not be empty');

export const gender = z.enum(['M', 'F']);

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number);
  if (m !== undefined && (m < 1 || m > 12)) return false;
  if (d !== undefined) {
    const probe = new Date(Date.UTC(y!, m! - 1, d));
    return probe.getUTCMonth() === m! - 1 && probe.getUTCDate() === d;
  }
  return true;
}

export const ROLES = ['INDIVIDUAL_CUSTOMER', 'INDIVIDUAL_ASSOCIATED', 'COMPANY_CUSTOMER', 'COMPANY_ASSOCIATED'] as const;
export const role = z.enum(ROLES, {
  error: (issue) =>
    issue.input === undefined ? `is required: one of ${ROLES.join(', ')}` : `must be one of ${ROLES.join(', ')}, got ${JSON.stringify(issue.input)}`,
});

export const PROFILE_STATUSES = ['NORMAL', 'SUSPENDED', 'BANNED'] as const;
export const PROFILE_CATEGORIES = ['CUSTOMER', 'PREVIOUS_CUSTOMER', 'APPLICANT', 'INACTIVE_APPLICANT'] as const;

export const ASSOCIATED_ROLES = [
  'AUTHORIZED_PERSON',
  'UNAUTHORIZED_PERSON',
  'DIRECTOR',
  'COMPANY_SECRETARY',
  'SHAREHOLDER',
  'PARTNER',
  'TRUSTEE',
  'BENEFICIAL_OWNER',
  'RESIGNED_OFFICER',
  'OTHER',
] as const;
