import type { EntityData } from '../../schemas/entity-data.js';
import { registryCompany, type RegistryCompany, type RegistryPerson, type RegistryShareholder } from '../company-registry.js';
import { seededDate, seededFaker } from '../seeded-faker.js';

/**
 * Output of the company checks: CompanyData as a registry would return it, from the
 * sandbox's made-up registry, so officers and shareholders are believable and always the
 * same for the same company.
 */

export const REGISTRY_PROVIDER = 'Sandbox Companies Registry';

interface CompanyMeta {
  name?: string;
  number?: string;
  country_of_incorporation?: string;
  uk_charity_commission_number?: string;
}

export function companyOf(data: EntityData): RegistryCompany {
  const meta = ((data as { metadata?: CompanyMeta }).metadata ?? {}) as CompanyMeta;
  return registryCompany({ name: meta.name, number: meta.number, country: meta.country_of_incorporation });
}

function individual(p: { given_names: string[]; family_name: string; dob: string; nationality: string }) {
  return {
    entity_type: 'INDIVIDUAL' as const,
    personal_details: { name: { given_names: p.given_names, family_name: p.family_name }, dob: p.dob, nationality: p.nationality },
  };
}

function officer(p: RegistryPerson, role: string, extra: Record<string, unknown> = {}) {
  return {
    resolver_id: p.resolver_id,
    entity_type: 'INDIVIDUAL' as const,
    original_role: role,
    appointed_on: p.appointed_on,
    ...extra,
    immediate_data: individual(p),
    provider_name: REGISTRY_PROVIDER,
  };
}

/** The UK register's wording for a holder's band of control. */
function controlBand(pct: number): string {
  return `ownership-of-shares-${pct > 75 ? '75-to-100' : pct > 50 ? '50-to-75' : '25-to-50'}-percent`;
}

function shareholder(s: RegistryShareholder, shareClass: string, currency: string) {
  const holding = { provider_name: REGISTRY_PROVIDER, share_class: shareClass, amount: s.shares, percentage: s.percentage, currency };
  const immediate =
    s.kind === 'INDIVIDUAL'
      ? individual(s.person!)
      : { entity_type: 'COMPANY' as const, metadata: { name: s.company!.name, number: s.company!.number, country_of_incorporation: s.company!.country } };
  return {
    resolver_id: s.resolver_id,
    entity_type: s.kind,
    relationship: 'SHAREHOLDER',
    total_percentage: s.percentage,
    shareholdings: [holding],
    ...(s.percentage > 25 ? { natures_of_control: [controlBand(s.percentage)] } : {}),
    immediate_data: immediate,
    provider_name: REGISTRY_PROVIDER,
  };
}

function metadataOf(c: RegistryCompany, active: boolean, name = c.name) {
  return {
    name,
    number: c.number,
    country_of_incorporation: c.country,
    ...(c.state ? { state_of_incorporation: c.state } : {}),
    is_active: active,
    incorporation_date: c.incorporation_date,
    company_type: c.company_type,
    structured_company_type: { is_public: false, is_limited: true, ownership_type: 'COMPANY' },
    registry: REGISTRY_PROVIDER,
    sic_codes: c.sic_codes,
    addresses: [
      {
        type: 'registered_address',
        address: {
          type: 'STRUCTURED',
          country: c.country,
          street_number: c.address.street_number,
          route: c.address.route,
          locality: c.address.locality,
          postal_code: c.address.postal_code,
          county: c.address.county,
          original_freeform_address: `${c.address.street_number} ${c.address.route}, ${c.address.locality}, ${c.address.postal_code}`,
        },
      },
    ],
  };
}

function officersOf(c: RegistryCompany) {
  return {
    directors: c.directors.map((d) => officer(d, 'Director')),
    secretaries: c.secretaries.map((s) => officer(s, 'Company secretary')),
    resigned: c.resigned.map((r) => officer(r, 'Director', { resigned_on: r.resigned_on })),
  };
}

function ownershipOf(c: RegistryCompany, partial: boolean) {
  const currency = c.country === 'USA' ? 'USD' : c.country === 'GBR' ? 'GBP' : 'EUR';
  // A partial answer knows only the largest holder: the rest of the register could not be read.
  const holders = partial ? c.shareholders.slice(0, 1) : c.shareholders;
  return {
    shareholders: holders.map((s) => shareholder(s, 'ORDINARY', currency)),
    share_classes: [{ name: 'ORDINARY', currency, value: 1, votes: 1 }],
    beneficial_owners: partial ? [] : holders.filter((s) => s.kind === 'INDIVIDUAL' && s.percentage >= 25).map((s) => ({ ...shareholder(s, 'ORDINARY', currency), relationship: 'BENEFICIAL_OWNER' })),
  };
}

/** COMPANY_REGISTRY: the register's record with officers and shareholders. */
export function registryOutput(data: EntityData, result: string) {
  const c = companyOf(data);
  // "Refer" is a name mismatch: the register knows the number under another name.
  const name = result === 'Refer' ? `${c.name.replace(/ (LTD|LIMITED|INC\.|GMBH)$/i, '')} TRADING LTD` : c.name;
  return {
    entity_type: 'COMPANY' as const,
    metadata: metadataOf(c, result !== 'Fail', name),
    officers: officersOf(c),
    ownership_structure: ownershipOf(c, false),
  };
}

/** COMPANY_OWNERSHIP: shareholders, share classes and beneficial owners (and the officers). */
export function ownershipOutput(data: EntityData, result: string) {
  const c = companyOf(data);
  const ownership = result === 'Fail' ? { shareholders: [], share_classes: [], beneficial_owners: [] } : ownershipOf(c, result === 'Partial');
  return {
    entity_type: 'COMPANY' as const,
    metadata: { name: c.name, number: c.number, country_of_incorporation: c.country },
    officers: officersOf(c),
    ownership_structure: ownership,
  };
}

const FILINGS = [
  ['CONFIRMATION_STATEMENT', 'Confirmation statement made with no updates'],
  ['COMPANY_ACCOUNTS', 'Total exemption full accounts'],
  ['CHANGE_OF_OFFICERS', 'Appointment of a director'],
  ['STATEMENT_OF_CAPITAL', 'Statement of capital following an allotment of shares'],
  ['COMPANY_CHANGE_OF_ADDRESS', 'Registered office address changed'],
] as const;

function filingsOf(c: RegistryCompany) {
  const f = seededFaker('filings', c.country, c.number);
  return FILINGS.map(([type, description], i) => ({
    source_id: `${c.number}-${f.string.alphanumeric({ length: 10, casing: 'upper' })}`,
    type,
    date_of_filing: seededDate(f, 2019 + i, 2019 + i),
    description,
    source: REGISTRY_PROVIDER,
    // The latest two are free; older ones cost credits and are bought with COMPANY_FILING_PURCHASE.
    ...(i < 2 ? { document: { category: 'COMPANY_FILING', document_type: type, images: [] } } : { price: 100 * (i + 1) }),
  }));
}

export function filingsOutput(data: EntityData) {
  const c = companyOf(data);
  return { entity_type: 'COMPANY' as const, metadata: { name: c.name, number: c.number, country_of_incorporation: c.country }, filings: filingsOf(c) };
}

export function filingPurchaseOutput(data: EntityData, sourceId: string) {
  const c = companyOf(data);
  const known = filingsOf(c).find((x) => x.source_id === sourceId);
  const type = known?.type ?? 'MISCELLANEOUS';
  return {
    entity_type: 'COMPANY' as const,
    filings: [
      {
        source_id: sourceId,
        type,
        description: known?.description ?? 'Filing bought from the register',
        source: REGISTRY_PROVIDER,
        ...(known ? { date_of_filing: known.date_of_filing } : {}),
        document: { category: 'COMPANY_FILING', document_type: type, images: [] },
      },
    ],
  };
}

export function charityOutput(data: EntityData, result: string) {
  const c = companyOf(data);
  const f = seededFaker('charity', c.country, c.number);
  const meta = (data as { metadata?: CompanyMeta }).metadata;
  return {
    entity_type: 'COMPANY' as const,
    metadata: {
      name: c.name,
      number: c.number,
      country_of_incorporation: c.country,
      uk_charity_commission_number: meta?.uk_charity_commission_number ?? f.string.numeric({ length: 7, allowLeadingZeros: false }),
      is_active: result !== 'Fail',
    },
    charity_data: {
      activities: ['Grant making', 'Education and training'],
      beneficiaries: ['Children and young people', 'The general public'],
      purposes: ['The advancement of education'],
      number_of_volunteers: f.number.int({ min: 5, max: 250 }),
      registration_date: seededDate(f, 1995, 2020),
    },
  };
}
