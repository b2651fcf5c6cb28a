// zod as extended by @hono/zod-openapi, so the recursive EntityData can be named in /openapi.json.
import { z } from '@hono/zod-openapi';
import { approxDate, ASSOCIATED_ROLES, countryCode, date, gender, icaoCode, partialDate, uuid } from './common.js';
import { documentSchema } from './documents.js';

/**
 * `collected_data`: IndividualData and CompanyData, discriminated by `entity_type`.
 * Objects PassFort closes to unknown keys (personal details, an individual's contact
 * details, a free-form address, a document) are strict here; the rest keep extra keys,
 * as PassFort stores what it is sent.
 */

const freeformAddress = z.strictObject({
  type: z.literal('FREEFORM'),
  country: countryCode,
  text: z.string().min(1, 'must not be empty'),
});

const structuredAddress = z.looseObject({
  type: z.literal('STRUCTURED'),
  country: countryCode.optional(),
  state_province: z.string().optional(),
  county: z.string().optional(),
  postal_code: z.string().optional(),
  postal_town: z.string().optional(),
  locality: z.string().optional(),
  route: z.string().optional(),
  street_number: z.string().optional(),
  premise: z.string().optional(),
  subpremise: z.string().optional(),
  original_freeform_address: z.string().optional(),
  original_structured_address: z.record(z.string(), z.unknown()).optional(),
});

export const address = z.discriminatedUnion('type', [freeformAddress, structuredAddress], {
  error: (issue) =>
    issue.code === 'invalid_union' ? 'needs a "type" of FREEFORM or STRUCTURED' : undefined,
});

export const addressHistory = z.array(
  z.strictObject({ address, start_date: approxDate.optional(), end_date: approxDate.optional() }),
);

export const fullName = z.looseObject({
  title: z.string().optional(),
  given_names: z.array(z.string()).optional(),
  family_name: z.string().optional(),
  alt_family_names: z.array(z.string()).optional(),
});

export const personalDetails = z.strictObject({
  name: fullName.optional(),
  dob: partialDate.optional(),
  nationality: icaoCode.optional(),
  gender: gender.optional(),
  national_identity_number: z
    .record(z.string().regex(/^[A-Z]{3}$/, 'keys are alpha-3 country codes'), z.string())
    .optional(),
});

const entityBase = {
  customer_ref: z.string().optional(),
  documents: z.array(documentSchema).optional(),
  external_refs: z.looseObject({ jumio_netverify: z.array(uuid).optional() }).optional(),
};

export const individualData = z.looseObject({
  entity_type: z.literal('INDIVIDUAL'),
  ...entityBase,
  personal_details: personalDetails.optional(),
  address_history: addressHistory.optional(),
  contact_details: z.strictObject({ phone_number: z.string().optional(), email: z.string().optional() }).optional(),
  ip_location: z
    .looseObject({
      ip_address: z.string(),
      country: countryCode.optional(),
      continent: z.enum(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA']).optional(),
    })
    .optional(),
});

const shareholding = z.looseObject({
  provider_name: z.string().optional(),
  share_class: z.string().optional(),
  amount: z.number().int().optional(),
  percentage: z.number().optional(),
  currency: z.string().optional(),
});

/** A company's officer, shareholder or owner: immediate data, or a link to another profile. */
export const associatedEntity = z.looseObject({
  resolver_id: uuid.optional(),
  entity_type: z.enum(['INDIVIDUAL', 'COMPANY']),
  relationship: z.string().optional(),
  appointed_on: date.optional(),
  resigned_on: date.optional(),
  original_role: z.string().optional(),
  total_percentage: z.number().optional(),
  shareholdings: z.array(shareholding).optional(),
  notified_on: date.optional(),
  ceased_on: date.optional(),
  natures_of_control: z.array(z.string()).optional(),
  kind: z.string().optional(),
  task_variant_ids: z.array(uuid).optional(),
  provider_name: z.string().optional(),
  // Typed loosely to keep the inferred types finite; validated fully through entityData.
  get immediate_data(): z.ZodOptional<z.ZodType<NestedEntityData>> {
    return (entityData as z.ZodType<NestedEntityData>).optional();
  },
  linked_profile: z.looseObject({ id: uuid }).optional(),
  merged_resolver_ids: z.array(uuid).optional(),
});

const associates = z.array(associatedEntity);

export const companyMetadata = z.looseObject({
  number: z.string().optional(),
  bvd_id: z.string().optional(),
  bvd9: z.string().optional(),
  isin: z.string().optional(),
  lei: z.string().optional(),
  uk_charity_commission_number: z.string().optional(),
  tax_ids: z.array(z.looseObject({ tax_id_type: z.enum(['EUROVAT', 'VAT', 'EIN']), value: z.string() })).optional(),
  name: z.string().optional(),
  previous_names: z.array(z.looseObject({ start: date.optional(), end: date.optional(), name: z.string().optional() })).optional(),
  addresses: z
    .array(
      z.looseObject({
        type: z.enum(['registered_address', 'branch_address', 'head_office_address', 'contact_address']).optional(),
        address: address.optional(),
      }),
    )
    .optional(),
  country_of_incorporation: countryCode.optional(),
  state_of_incorporation: z.string().optional(),
  jurisdiction: z.string().optional(),
  areas_of_activity: z.array(z.looseObject({ location: z.string().optional() })).optional(),
  description: z.string().optional(),
  number_of_employees: z.union([z.number(), z.string()]).optional(),
  registry: z.string().optional(),
  sic_codes: z.array(z.looseObject({ code: z.string().optional(), description: z.string().optional() })).optional(),
  is_active: z.boolean().optional(),
  contact_details: z
    .looseObject({ phone_number: z.string().optional(), url: z.string().optional(), email: z.string().optional() })
    .optional(),
  incorporation_date: date.optional(),
  company_type: z.string().optional(),
  company_type_description: z.string().optional(),
  structured_company_type: z
    .looseObject({
      is_public: z.boolean().optional(),
      is_limited: z.boolean().optional(),
      ownership_type: z.enum(['PARTNERSHIP', 'COMPANY', 'SOLE_PROPRIETORSHIP', 'ASSOCIATION', 'TRUST', 'OTHER']).optional(),
    })
    .optional(),
});

export const companyData = z.looseObject({
  entity_type: z.literal('COMPANY'),
  ...entityBase,
  metadata: companyMetadata.optional(),
  authorized_persons: associates.optional(),
  unauthorized_persons: associates.optional(),
  ownership_structure: z
    .looseObject({
      shareholders: associates.optional(),
      share_classes: z
        .array(z.looseObject({ name: z.string(), currency: z.string().optional(), value: z.number().optional(), votes: z.number().optional() }))
        .optional(),
      beneficial_owners: associates.optional(),
    })
    .optional(),
  officers: z
    .looseObject({
      directors: associates.optional(),
      secretaries: associates.optional(),
      partners: associates.optional(),
      resigned: associates.optional(),
      trustees: associates.optional(),
      other: associates.optional(),
    })
    .optional(),
  filings: z.array(z.looseObject({ source_id: z.string().optional(), date_of_filing: date.optional() })).optional(),
  charity_data: z
    .looseObject({
      activities: z.array(z.string()).optional(),
      beneficiaries: z.array(z.string()).optional(),
      purposes: z.array(z.string()).optional(),
      number_of_volunteers: z.number().optional(),
      registration_date: date.optional(),
    })
    .optional(),
});

export const ENTITY_TYPES = ['INDIVIDUAL', 'COMPANY'] as const;

// Named (a $ref in /openapi.json): associates nest EntityData inside EntityData, and an unnamed
// recursive schema would never finish generating.
export const entityData: z.ZodType<IndividualData | CompanyData> = z
  .discriminatedUnion('entity_type', [individualData, companyData], {
    error: (issue) =>
      issue.code === 'invalid_union' ? `needs an "entity_type" of ${ENTITY_TYPES.join(' or ')}` : undefined,
  })
  .openapi('EntityData');

/** What an associate's immediate data is typed as (it is validated as full EntityData). */
export interface NestedEntityData {
  entity_type: 'INDIVIDUAL' | 'COMPANY';
  [key: string]: unknown;
}

export type IndividualData = z.infer<typeof individualData>;
export type CompanyData = z.infer<typeof companyData>;
export type EntityData = IndividualData | CompanyData;
export type Address = z.infer<typeof address>;

export { ASSOCIATED_ROLES };
