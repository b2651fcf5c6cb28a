import type { Faker } from '@faker-js/faker';
import { KEYWORD_RULES } from '../domain/checks/demo-outcomes.js';
import { sharedFaker } from '../core/faker.js';

/**
 * The demo workspace as data: who is in it and what happened to each of them, made by a
 * faker seeded with `--seed`, so the same seed gives the same people, companies and stories.
 * Pure (no I/O, no clock): the seeder (seeder.ts) plays it through the API.
 *
 * Every state worth showing is here: applications applied, in review, approved, rejected;
 * checks passed, failed, PEP, sanction, adverse media, refer, partial; customer requests
 * sent, part-done, completed and expired, by email (task forms) and as registration flows.
 */

export type Story =
  | 'approved'
  | 'in_review'
  | 'applied'
  | 'rejected'
  | 'forms_sent'
  | 'forms_part_done'
  | 'forms_completed'
  | 'forms_completed_approved'
  | 'forms_expired'
  | 'flow_sent'
  | 'flow_part_done'
  | 'flow_completed'
  | 'flow_expired';

/** When in the workspace's past the story begins (days before the end of seeding) and its phase. */
export type Phase = 'early' | 'stall' | 'recent';

export interface Address {
  street_number: string;
  route: string;
  postal_town: string;
  postal_code: string;
  country: 'GBR';
}

export interface PlannedIndividual {
  key: string;
  entity: 'INDIVIDUAL';
  given_names: string[];
  family_name: string;
  dob: string;
  nationality: string;
  email: string;
  phone: string;
  address: Address;
  story: Story;
  phase: Phase;
  daysAgo: number;
  /** Ask for a second task (proof of address) too: a request with two forms. */
  twoForms?: boolean;
}

export interface PlannedCompany {
  key: string;
  entity: 'COMPANY';
  name: string;
  number: string;
  incorporation_date: string;
  email: string;
  address: Address;
  story: Story;
  phase: Phase;
  daysAgo: number;
}

export type Planned = PlannedIndividual | PlannedCompany;

type Keyword = 'fail' | 'pep' | 'sanction' | 'media' | 'refer' | 'partial';

/** [entity, story, phase, days ago, demo keyword] in the order they are created (oldest first). */
const SCRIPT: [('I' | 'C'), Story, Phase, number, Keyword | null][] = [
  ['I', 'approved', 'early', 100, null],
  ['C', 'approved', 'early', 99, null],
  ['I', 'forms_completed_approved', 'early', 98, null],
  ['I', 'in_review', 'early', 97, null],
  ['I', 'rejected', 'early', 96, 'fail'],
  ['I', 'forms_expired', 'early', 95, null],
  ['C', 'flow_expired', 'early', 95, null],
  ['C', 'rejected', 'early', 94, 'sanction'],
  ['I', 'approved', 'early', 93, null],
  ['C', 'approved', 'early', 92, null],
  ['I', 'approved', 'stall', 60, null],
  ['I', 'applied', 'stall', 60, 'media'],
  ['C', 'applied', 'stall', 59, null],
  ['I', 'applied', 'recent', 30, 'pep'],
  ['I', 'rejected', 'recent', 28, 'sanction'],
  ['I', 'applied', 'recent', 26, 'refer'],
  ['I', 'applied', 'recent', 24, 'fail'],
  ['C', 'applied', 'recent', 22, 'media'],
  ['C', 'applied', 'recent', 20, 'refer'],
  ['C', 'applied', 'recent', 18, 'partial'],
  ['I', 'forms_completed', 'recent', 15, null],
  ['I', 'forms_completed', 'recent', 13, 'fail'],
  ['I', 'flow_completed', 'recent', 12, null],
  ['C', 'flow_completed', 'recent', 10, null],
  ['I', 'in_review', 'recent', 9, null],
  ['I', 'forms_part_done', 'recent', 7, null],
  ['C', 'flow_part_done', 'recent', 6, null],
  ['I', 'flow_part_done', 'recent', 5, null],
  ['I', 'forms_sent', 'recent', 3, null],
  ['C', 'flow_sent', 'recent', 2, null],
  ['I', 'applied', 'recent', 1, null],
];

const COMPANY_SUFFIXES = ['Ltd', 'Holdings Ltd', 'Trading Ltd', '& Co Ltd', 'Group plc', 'Partners LLP', 'Services Ltd'];
const NATIONALITIES = ['GBR', 'GBR', 'GBR', 'IRL', 'FRA', 'DEU', 'ESP', 'ITA', 'POL', 'NLD'];
const KEYWORDS = new Set<string>(KEYWORD_RULES.map((r) => r.keyword));

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const ascii = (s: string) => s.normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase();
/** True when a made-up name would trigger a demo outcome by accident. */
const hasKeyword = (text: string) => text.toLowerCase().split(/[^\p{L}]+/u).some((w) => KEYWORDS.has(w));

function address(f: Faker): Address {
  const street = f.location.street();
  return {
    street_number: String(f.number.int({ min: 1, max: 240 })),
    route: street,
    postal_town: f.location.city(),
    postal_code: f.location.zipCode(),
    country: 'GBR',
  };
}

function date(f: Faker, from: number, to: number): string {
  const y = f.number.int({ min: from, max: to });
  const m = f.number.int({ min: 1, max: 12 });
  const d = f.number.int({ min: 1, max: 28 });
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const DEFAULT_SEED = 1;

/** The demo workspace for `seed`: about 30 profiles, oldest first. */
export function demoPlan(seed: number = DEFAULT_SEED): Planned[] {
  // The shared instance, seeded here and drawn from synchronously to the end: nothing interleaves.
  const f = sharedFaker();
  f.seed(seed);
  const usedEmails = new Set<string>();
  const email = (local: string) => {
    let e = `${local}@example.com`;
    for (let n = 2; usedEmails.has(e); n++) e = `${local}${n}@example.com`;
    usedEmails.add(e);
    return e;
  };
  return SCRIPT.map(([kind, story, phase, daysAgo, keyword], i): Planned => {
    const key = `${String(i + 1).padStart(2, '0')}-${story}${keyword ? `-${keyword}` : ''}`;
    if (kind === 'I') {
      let first: string;
      let last: string;
      do {
        first = f.person.firstName();
        last = f.person.lastName();
      } while (hasKeyword(`${first} ${last}`));
      const given = keyword ? [first, capital(keyword)] : [first];
      return {
        key,
        entity: 'INDIVIDUAL',
        given_names: given,
        family_name: last,
        dob: date(f, 1950, 2003),
        nationality: f.helpers.arrayElement(NATIONALITIES),
        email: email(`${ascii(first)}.${ascii(last)}`),
        phone: `+44 7700 9${String(f.number.int({ min: 0, max: 99_999 })).padStart(5, '0')}`,
        address: address(f),
        story,
        phase,
        daysAgo,
        ...(story === 'forms_part_done' ? { twoForms: true } : {}),
      };
    }
    let last: string;
    do last = f.person.lastName();
    while (hasKeyword(last));
    const suffix = f.helpers.arrayElement(COMPANY_SUFFIXES);
    const name = keyword ? `${last} ${capital(keyword)} ${suffix}` : `${last} ${suffix}`;
    return {
      key,
      entity: 'COMPANY',
      name,
      number: String(f.number.int({ min: 1_000_000, max: 15_999_999 })).padStart(8, '0'),
      incorporation_date: date(f, 1985, 2022),
      email: email(`hello.${ascii(last)}`),
      address: address(f),
      story,
      phase,
      daysAgo,
    };
  });
}

/** The name a planned profile shows. */
export const plannedName = (p: Planned) => (p.entity === 'INDIVIDUAL' ? [...p.given_names, p.family_name].join(' ') : p.name);

/** `POST /4.0/profiles` bodies; a flow starts from a stub (the customer fills the rest), without auto-applied products. */
export function profileBody(p: Planned): Record<string, unknown> {
  const flow = p.story.startsWith('flow_');
  const structured = { type: 'STRUCTURED', ...p.address };
  if (p.entity === 'INDIVIDUAL') {
    const personal = { name: { given_names: p.given_names, family_name: p.family_name }, ...(flow ? {} : { dob: p.dob, nationality: p.nationality }) };
    return {
      role: 'INDIVIDUAL_CUSTOMER',
      ...(flow ? { applications: [] } : {}),
      collected_data: {
        entity_type: 'INDIVIDUAL',
        customer_ref: `demo-${p.key.slice(0, 2)}`,
        personal_details: personal,
        contact_details: flow ? { email: p.email } : { email: p.email, phone_number: p.phone },
        ...(flow ? {} : { address_history: [{ address: structured }] }),
      },
    };
  }
  return {
    role: 'COMPANY_CUSTOMER',
    ...(flow ? { applications: [] } : {}),
    collected_data: {
      entity_type: 'COMPANY',
      customer_ref: `demo-${p.key.slice(0, 2)}`,
      metadata: {
        name: p.name,
        contact_details: { email: p.email },
        ...(flow ? {} : { number: p.number, country_of_incorporation: 'GBR', incorporation_date: p.incorporation_date, addresses: [{ type: 'registered_address', address: structured }] }),
      },
    },
  };
}
