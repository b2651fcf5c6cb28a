import type { Faker } from '@faker-js/faker';
import { sharedFaker } from '../core/faker.js';
import { hashString } from '../core/ids.js';

/**
 * One faker, re-seeded for every use from the input it describes, so the same input always
 * gives the same made-up data (and building a Faker per call, ~0.4 ms, stays off the hot
 * path). Domain code is synchronous, so no two uses interleave. Never call faker's date
 * helpers: they read the wall clock.
 */

export function seededFaker(...parts: (string | number | undefined | null)[]): Faker {
  const faker = sharedFaker();
  faker.seed(hashString(parts.map((p) => String(p ?? '')).join('|')));
  return faker;
}

/** A date between two years as `YYYY-MM-DD`, from the faker's own sequence (not the clock). */
export function seededDate(f: Faker, fromYear: number, toYear: number): string {
  const y = f.number.int({ min: fromYear, max: toYear });
  const m = f.number.int({ min: 1, max: 12 });
  const d = f.number.int({ min: 1, max: 28 });
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A made-up id that looks like a provider's reference (`sbx-` + 16 hex characters). */
export const seededRef = (f: Faker, prefix = 'sbx') => `${prefix}-${f.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' })}`;
