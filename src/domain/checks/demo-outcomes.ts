import type { CheckType } from '../../config/products.js';
import type { EntityData } from '../../schemas/entity-data.js';
import { CHECK_META } from './types.js';

/**
 * Demo outcomes *(sandbox)*: like PassFort's demo environment, a keyword in the profile's
 * given or family names (or the company's name) decides what its checks return. A keyword
 * counts as a whole word of the name, case-insensitive, so "Alex Pep" or "Acme Sanction Ltd"
 * trigger it and "Pepper" does not. Several keywords can be combined; for the one `result`
 * the first in this table wins, and screening still reports a hit (and an event) for each.
 */

export type DemoKeyword = 'error' | 'fail' | 'sanction' | 'pep' | 'media' | 'refer' | 'partial';
export type ScreeningFlag = 'SANCTION_FLAG' | 'PEP_FLAG' | 'ADVERSE_MEDIA_FLAG' | 'REFER_FLAG';

export interface KeywordRule {
  keyword: DemoKeyword;
  description: string;
  /** The result per check type this keyword forces (absent: the keyword does not affect that type). */
  results: Partial<Record<CheckType, string>>;
  /** Screening hits this keyword adds, each raising an event of this type. */
  screening_flag?: ScreeningFlag;
  /** Not in PassFort's published material: invented by the sandbox. */
  sandbox_only?: boolean;
}

const ALL = Object.keys(CHECK_META) as CheckType[];
const withResult = (result: string, filter: (t: CheckType) => boolean = () => true) =>
  Object.fromEntries(ALL.filter((t) => filter(t) && CHECK_META[t].results.includes(result)).map((t) => [t, result])) as Partial<
    Record<CheckType, string>
  >;
const screening = (t: CheckType) => CHECK_META[t].screening;

export const KEYWORD_RULES: readonly KeywordRule[] = [
  {
    keyword: 'error',
    description: 'Every provider check answers result "Error" with a 302 PROVIDER_CONNECTION_ERROR in errors[] and no output_data.',
    results: withResult('Error'),
  },
  {
    keyword: 'fail',
    description: 'Identity, document, bank account, company data and manual form checks answer "Fail".',
    results: withResult('Fail'),
  },
  {
    keyword: 'sanction',
    description: 'Screening answers "Sanction" with a sanctions-list hit; a SANCTION_FLAG event is raised.',
    results: withResult('Sanction', screening),
    screening_flag: 'SANCTION_FLAG',
  },
  {
    keyword: 'pep',
    description: 'Screening answers "PEP" with a politically exposed person hit; a PEP_FLAG event is raised.',
    results: withResult('PEP', screening),
    screening_flag: 'PEP_FLAG',
  },
  {
    keyword: 'media',
    description: 'Screening answers "Media" with adverse media articles; an ADVERSE_MEDIA_FLAG event is raised.',
    results: withResult('Media', screening),
    screening_flag: 'ADVERSE_MEDIA_FLAG',
  },
  {
    keyword: 'refer',
    description: 'Screening answers "Refer" with a weak potential match (REFER_FLAG event); the company registry answers "Refer" (name mismatch).',
    results: { ...withResult('Refer', screening), COMPANY_REGISTRY: 'Refer' },
    screening_flag: 'REFER_FLAG',
  },
  {
    keyword: 'partial',
    description: 'Identity answers "1+1" (one source each for name+address and name+date of birth); company ownership answers "Partial".',
    results: { IDENTITY_CHECK: '1+1', COMPANY_OWNERSHIP: 'Partial' },
    sandbox_only: true,
  },
];

export const DEFAULT_OUTCOME = 'No keyword: identity checks answer "2+2", every other check "Pass" with no screening hits.';

/** Lower-cased whole words of the names the demo looks at. */
export function nameWords(data: EntityData): string[] {
  const text =
    data.entity_type === 'INDIVIDUAL'
      ? [...(data.personal_details?.name?.given_names ?? []), data.personal_details?.name?.family_name ?? ''].join(' ')
      : String((data as { metadata?: { name?: string } }).metadata?.name ?? '');
  return text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
}

export interface DemoOutcome {
  result: string;
  keywords: DemoKeyword[];
  /** Screening hits to report, in table order. */
  flags: ScreeningFlag[];
}

export function decideOutcome(checkType: CheckType, data: EntityData): DemoOutcome {
  const words = new Set(nameWords(data));
  const keywords = KEYWORD_RULES.filter((r) => words.has(r.keyword)).map((r) => r.keyword);
  let result = CHECK_META[checkType].pass;
  for (const rule of KEYWORD_RULES) {
    const forced = words.has(rule.keyword) ? rule.results[checkType] : undefined;
    if (forced) {
      result = forced;
      break;
    }
  }
  const flags =
    CHECK_META[checkType].screening && result !== 'Error'
      ? KEYWORD_RULES.filter((r) => r.screening_flag && words.has(r.keyword)).map((r) => r.screening_flag!)
      : [];
  return { result, keywords, flags };
}
