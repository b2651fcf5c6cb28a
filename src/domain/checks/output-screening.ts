import type { Faker } from '@faker-js/faker';
import { isCountryCode } from '../../core/countries.js';
import type { EntityData } from '../../schemas/entity-data.js';
import { seededDate, seededFaker, seededRef } from '../seeded-faker.js';
import type { ScreeningFlag } from './demo-outcomes.js';
import { personKey } from './output-individual.js';

/**
 * Screening hits *(sandbox data)*: one hit per demo flag, shaped like PassFort's sanctions
 * results (match, score, sources, PEP roles, sanctions lists, media articles). Each hit also
 * becomes an event's `data`, so the event and the check tell the same story.
 */

export const SCREENING_PROVIDER = 'Sandbox Screening (demo)';

interface Subject {
  name: string;
  dob?: string | undefined;
  country: string;
  company: boolean;
}

function subjectOf(data: EntityData): Subject {
  if (data.entity_type === 'INDIVIDUAL') {
    const pd = (data as { personal_details?: { name?: { given_names?: string[]; family_name?: string }; dob?: string; nationality?: string } }).personal_details;
    const name = [...(pd?.name?.given_names ?? []), pd?.name?.family_name ?? ''].filter(Boolean).join(' ') || 'Unnamed person';
    // Passport-only codes (GBN, XXA, …) are not countries; events need a country.
    const nationality = pd?.nationality && isCountryCode(pd.nationality) ? pd.nationality : 'GBR';
    return { name, dob: pd?.dob, country: nationality, company: false };
  }
  const meta = (data as { metadata?: { name?: string; country_of_incorporation?: string } }).metadata;
  return { name: meta?.name ?? 'Unnamed company', country: meta?.country_of_incorporation ?? 'GBR', company: true };
}

const source = (f: Faker, name: string, what: string) => ({
  name,
  url: `https://screening.sandbox.invalid/sources/${f.string.alphanumeric({ length: 10, casing: 'lower' })}`,
  description: `${what} (sandbox demo source: not a real list)`,
});

function baseHit(f: Faker, s: Subject, score: number) {
  return {
    match_id: seededRef(f, 'match'),
    modified_date: `${seededDate(f, 2021, 2025)} ${String(f.number.int({ min: 0, max: 23 })).padStart(2, '0')}:${String(f.number.int({ min: 0, max: 59 })).padStart(2, '0')}:00`,
    match_name: s.name.toUpperCase(),
    match_dates: s.dob ? [s.dob] : [],
    match_countries: [s.country],
    score,
    aliases: s.company ? [] : [s.name.split(' ').reverse().join(', ')],
    previous_names: [],
  };
}

function pepHit(f: Faker, s: Subject) {
  const tier = f.number.int({ min: 1, max: 3 });
  const from = String(f.number.int({ min: 2005, max: 2020 }));
  const role = s.company
    ? 'State-owned enterprise'
    : f.helpers.arrayElement(['Member of Parliament', 'Deputy Minister of Finance', 'Ambassador', 'Mayor', 'Central bank board member']);
  return {
    ...baseHit(f, s, Number((0.9 + f.number.int({ min: 0, max: 9 }) / 100).toFixed(2))),
    pep: { name: s.name, match: true, is_current: true, tier, from_date: from, roles: [{ name: role, tier, from_date: from, is_current: true }] },
    associates: s.company
      ? []
      : [{ name: `${f.person.firstName()} ${s.name.split(' ').pop()}`, association: 'Spouse', is_pep: false, was_pep: false, is_sanction: false, was_sanction: false }],
    details: [{ title: 'Position', text: `${role} since ${from}` }],
    sources: [source(f, 'PEP', 'Politically exposed persons register')],
    ...(s.company ? {} : { pep_rating: `Tier ${tier}`, gender: f.helpers.arrayElement(['M', 'F']), is_enhanced: false }),
  };
}

function sanctionHit(f: Faker, s: Subject) {
  const from = `${f.number.int({ min: 2014, max: 2023 })}-${String(f.number.int({ min: 1, max: 12 })).padStart(2, '0')}`;
  return {
    ...baseHit(f, s, Number((0.95 + f.number.int({ min: 0, max: 4 }) / 100).toFixed(2))),
    sanctions: [
      {
        issuer: f.helpers.arrayElement(['HM Treasury (OFSI)', 'US Treasury (OFAC)', 'European Union', 'United Nations Security Council']),
        name: `Sandbox sanctions regime ${f.number.int({ min: 1, max: 40 })}`,
        list: 'Sandbox Consolidated List',
        kind: 'Asset freeze',
        type: 'sanction',
        is_current: true,
        is_past: false,
        time_periods: [{ from_date: from }],
      },
    ],
    details: [{ title: 'Reason', text: 'Listed for involvement in activities undermining a sanctions regime (sandbox demo)' }],
    sources: [source(f, 'Sanction', 'Consolidated sanctions list')],
  };
}

function mediaHit(f: Faker, s: Subject) {
  const topic = f.helpers.arrayElement(['fraud investigation', 'money laundering allegations', 'tax evasion inquiry', 'bribery probe']);
  return {
    ...baseHit(f, s, Number((0.8 + f.number.int({ min: 0, max: 15 }) / 100).toFixed(2))),
    media: Array.from({ length: f.number.int({ min: 1, max: 3 }) }, () => ({
      url: `https://news.sandbox.invalid/articles/${f.string.alphanumeric({ length: 12, casing: 'lower' })}`,
      title: `${s.name} named in ${topic}`,
      snippet: `Reports say ${s.name} is linked to a ${topic}. The claims have not been tested in court. (sandbox demo article)`,
      date: seededDate(f, 2018, 2025),
    })),
    details: [{ title: 'Media category', text: topic }],
    sources: [source(f, 'Adverse media', 'News archive')],
  };
}

function referHit(f: Faker, s: Subject) {
  const parts = s.name.split(' ');
  const near = parts.length > 1 ? `${parts[0]} ${f.person.lastName()}` : `${s.name} ${f.company.buzzNoun()}`;
  return {
    ...baseHit(f, { ...s, name: near }, Number((0.5 + f.number.int({ min: 0, max: 15 }) / 100).toFixed(2))),
    details: [{ title: 'Match quality', text: 'Partial name match with different date of birth: review needed' }],
    sources: [source(f, 'Watchlist', 'Regulatory enforcement watchlist')],
  };
}

const BUILDERS: Record<ScreeningFlag, (f: Faker, s: Subject) => Record<string, unknown>> = {
  PEP_FLAG: pepHit,
  SANCTION_FLAG: sanctionHit,
  ADVERSE_MEDIA_FLAG: mediaHit,
  REFER_FLAG: referHit,
};

export interface ScreeningHit {
  flag: ScreeningFlag;
  hit: Record<string, unknown>;
}

export function screeningHits(data: EntityData, flags: readonly ScreeningFlag[]): ScreeningHit[] {
  const subject = subjectOf(data);
  return flags.map((flag) => ({ flag, hit: BUILDERS[flag](seededFaker('screening', flag, personKey(data)), subject) }));
}

export function screeningOutput(data: EntityData, hits: readonly ScreeningHit[]) {
  return { entity_type: data.entity_type, sanctions_results: hits.map((h) => h.hit) };
}

/** An event's `data` for a hit: the same match, with the event type and provider. */
export function eventDataOf(hit: ScreeningHit) {
  return { event_type: hit.flag, provider_name: SCREENING_PROVIDER, ...hit.hit };
}
