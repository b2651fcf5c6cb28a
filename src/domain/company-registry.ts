import type { Faker } from '@faker-js/faker';
import { invalidInput } from '../core/errors.js';
import type { DomainContext } from './context.js';
import { PROFILES } from './collections.js';
import type { ProfileDoc } from './profiles.js';
import { seededDate, seededFaker } from './seeded-faker.js';
import { Msg } from './messages.js';

/**
 * A made-up company registry *(sandbox)*: every (country, number) names one believable
 * company, with officers and shareholders, always the same. Company search, the company
 * registry and ownership checks all read it, so a number found by search gives the same
 * company in a check.
 */

export interface RegistryPerson {
  resolver_id: string;
  given_names: string[];
  family_name: string;
  /** Officers' dates of birth are public as year and month only. */
  dob: string;
  nationality: string;
  appointed_on: string;
}

export interface RegistryShareholder {
  resolver_id: string;
  kind: 'INDIVIDUAL' | 'COMPANY';
  person?: { given_names: string[]; family_name: string; dob: string; nationality: string };
  company?: { name: string; number: string; country: string };
  shares: number;
  percentage: number;
}

export interface RegistryCompany {
  name: string;
  number: string;
  country: string;
  state: string | null;
  is_active: boolean;
  incorporation_date: string;
  company_type: string;
  address: { street_number: string; route: string; locality: string; postal_code: string; county: string };
  sic_codes: { code: string; description: string }[];
  directors: RegistryPerson[];
  secretaries: RegistryPerson[];
  resigned: (RegistryPerson & { resigned_on: string })[];
  shareholders: RegistryShareholder[];
  total_shares: number;
}

const SUFFIX: Record<string, string[]> = {
  GBR: ['LTD', 'LIMITED', 'HOLDINGS LIMITED', 'SERVICES LTD', 'GROUP PLC'],
  USA: ['INC.', 'LLC', 'CORP.', 'HOLDINGS, INC.', 'PARTNERS LLC'],
  DEU: ['GMBH', 'AG', 'HOLDING GMBH', 'SERVICE GMBH', 'KG'],
  FRA: ['SAS', 'SA', 'SARL', 'HOLDING SAS', 'SERVICES SARL'],
  IRL: ['LIMITED', 'DAC', 'HOLDINGS LIMITED', 'SERVICES LIMITED', 'PLC'],
  NLD: ['B.V.', 'N.V.', 'HOLDING B.V.', 'SERVICES B.V.', 'GROEP B.V.'],
};
const suffixes = (country: string) => SUFFIX[country] ?? ['LTD', 'LIMITED', 'HOLDINGS', 'SERVICES', 'GROUP'];

const SIC = [
  ['62012', 'Business and domestic software development'],
  ['64999', 'Financial intermediation not elsewhere classified'],
  ['70229', 'Management consultancy activities other than financial management'],
  ['47910', 'Retail sale via mail order houses or via Internet'],
  ['82990', 'Other business support service activities not elsewhere classified'],
  ['66190', 'Activities auxiliary to financial intermediation n.e.c.'],
] as const;

/** A registry number in the shape the country's register uses. */
export function companyNumber(f: Faker, country: string): string {
  const digits = (n: number) => f.string.numeric({ length: n, allowLeadingZeros: true });
  switch (country) {
    case 'USA':
      return digits(7);
    case 'DEU':
      return `HRB ${digits(6)}`;
    case 'FRA':
      return digits(9);
    case 'IRL':
      return digits(6);
    default:
      return digits(8);
  }
}

const US_STATES = ['DE', 'CA', 'NY', 'TX', 'WA', 'FL'];

function person(f: Faker, nationality: string): Omit<RegistryPerson, 'appointed_on'> {
  return {
    resolver_id: f.string.uuid(),
    given_names: [f.person.firstName()],
    family_name: f.person.lastName(),
    dob: seededDate(f, 1950, 1995).slice(0, 7),
    nationality,
  };
}

/** The company registered under this number (or, with no number, under this name). */
export function registryCompany(input: { name?: string | undefined; number?: string | undefined; country?: string | undefined }): RegistryCompany {
  const country = input.country ?? 'GBR';
  const key = input.number?.trim() ? `number:${input.number.trim().toUpperCase()}` : `name:${(input.name ?? '').trim().toUpperCase()}`;
  const f = seededFaker('registry', country, key);
  const number = input.number?.trim() || companyNumber(f, country);
  const name = input.name?.trim() ? input.name.trim().toUpperCase() : `${f.company.name().toUpperCase()} ${f.helpers.arrayElement(suffixes(country))}`;
  const incorporated = seededDate(f, 1990, 2022);
  const nationality = country === 'USA' ? 'USA' : country;
  const directors = Array.from({ length: f.number.int({ min: 2, max: 3 }) }, () => ({ ...person(f, nationality), appointed_on: seededDate(f, Number(incorporated.slice(0, 4)), 2024) }));
  const secretaries = f.datatype.boolean() ? [{ ...person(f, nationality), appointed_on: incorporated }] : [];
  const resigned = f.datatype.boolean()
    ? [{ ...person(f, nationality), appointed_on: incorporated, resigned_on: seededDate(f, Number(incorporated.slice(0, 4)) + 1, 2024) }]
    : [];
  const totalShares = f.helpers.arrayElement([100, 1000, 10000]);
  // The first director usually holds the largest stake: registries often show founders as both.
  const stakes = f.helpers.arrayElement([[100], [60, 40], [50, 30, 20], [75, 25], [40, 35, 25]]);
  const shareholders: RegistryShareholder[] = stakes.map((pct, i) => {
    const isCompany = i === stakes.length - 1 && stakes.length > 2 && f.datatype.boolean();
    const shares = Math.round((totalShares * pct) / 100);
    if (isCompany) {
      return {
        resolver_id: f.string.uuid(),
        kind: 'COMPANY',
        company: { name: `${f.company.name().toUpperCase()} ${f.helpers.arrayElement(suffixes(country))}`, number: companyNumber(f, country), country },
        shares,
        percentage: pct,
      };
    }
    const d = i === 0 ? directors[0]! : person(f, nationality);
    return {
      resolver_id: i === 0 ? directors[0]!.resolver_id : d.resolver_id,
      kind: 'INDIVIDUAL',
      person: { given_names: d.given_names, family_name: d.family_name, dob: d.dob, nationality: d.nationality },
      shares,
      percentage: pct,
    };
  });
  const sic = f.helpers.arrayElement(SIC);
  return {
    name,
    number,
    country,
    state: country === 'USA' ? f.helpers.arrayElement(US_STATES) : null,
    is_active: true,
    incorporation_date: incorporated,
    company_type: country === 'GBR' ? 'Private limited Company' : 'Limited company',
    address: {
      street_number: f.location.buildingNumber(),
      route: f.location.street(),
      locality: f.location.city(),
      postal_code: f.location.zipCode(),
      county: f.location.county(),
    },
    sic_codes: [{ code: sic[0], description: sic[1] }],
    directors,
    secretaries,
    resigned,
    shareholders,
    total_shares: totalShares,
  };
}

export interface CompanySearchInput {
  country: string;
  query: string;
  state?: string | undefined;
}

export interface CompanySearchHit {
  name: string;
  number: string;
  country: string;
  state: string | null;
}

/**
 * `GET /search/companies`: the workspace's own company profiles that match first, then up
 * to five registry companies whose names are built around the query, the same ones for the
 * same query.
 */
export function searchCompanies(ctx: DomainContext, input: CompanySearchInput): CompanySearchHit[] {
  const query = input.query.trim();
  if (query.length < 2) throw invalidInput(Msg.companyQueryTooShort, { field: 'query' });
  const needle = query.toLowerCase();
  const hits: CompanySearchHit[] = [];
  const seen = new Set<string>();
  for (const p of ctx.repo.list<ProfileDoc>(PROFILES)) {
    const data = p.collected_data;
    if (data.entity_type !== 'COMPANY') continue;
    const meta = (data as { metadata?: { name?: string; number?: string; country_of_incorporation?: string; state_of_incorporation?: string | null } }).metadata;
    if (!meta?.name || !meta.number || (meta.country_of_incorporation ?? 'GBR') !== input.country) continue;
    if (!meta.name.toLowerCase().includes(needle) && meta.number.toLowerCase() !== needle) continue;
    if (seen.has(meta.number)) continue;
    seen.add(meta.number);
    hits.push({ name: meta.name, number: meta.number, country: input.country, state: meta.state_of_incorporation ?? null });
    if (hits.length >= 10) return hits;
  }
  const f = seededFaker('company-search', input.country, needle);
  const base = query.toUpperCase();
  for (const suffix of suffixes(input.country)) {
    const number = companyNumber(f, input.country);
    if (seen.has(number)) continue;
    const state = input.country === 'USA' ? (input.state ?? f.helpers.arrayElement(US_STATES)) : null;
    hits.push({ name: `${base} ${suffix}`, number, country: input.country, state });
  }
  return hits;
}

