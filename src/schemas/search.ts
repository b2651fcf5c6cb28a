import { z } from 'zod';
import { countryCode } from './common.js';

/** Company search and address look-up. */

export const companySearchQuery = z.object({
  country: countryCode,
  query: z.string().min(1, 'must not be empty').max(200),
  state: z.string().max(10).optional(),
  provider: z.enum(['duedil']).optional().describe('Deprecated; ignored'),
  apikey: z.string().optional(),
});
export const companySearchResults = z.object({
  companies: z.array(z.object({ name: z.string(), number: z.string(), country: countryCode, state: z.string().nullable() })),
  errors: z.array(z.unknown()),
});

export const addressSearchQuery = z.object({
  address: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  country_code: countryCode,
  limit: z.coerce.number().int('must be a whole number').min(1).max(100, 'must be at most 100').optional(),
  apikey: z.string().optional(),
});
export const addressSearchResults = z.object({
  count: z.number().int(),
  results: z.array(z.object({ id: z.string(), text: z.string(), query_substrings: z.array(z.tuple([z.number(), z.number()])) })),
});
export const addressFormatQuery = z.object({ id: z.string().min(1).max(2000), country_code: countryCode, apikey: z.string().optional() });
export const structuredAddress = z.looseObject({
  type: z.literal('STRUCTURED'),
  country: countryCode,
  state_province: z.string(),
  county: z.string(),
  postal_code: z.string(),
  locality: z.string(),
  route: z.string(),
  street_number: z.string(),
  premise: z.string(),
  subpremise: z.string(),
  original_freeform_address: z.string(),
});
