import type { CheckType } from '../../config/products.js';
import { CHECK_TYPES } from '../../config/products.js';
import type { ErrorBody } from '../../core/errors.js';
import type { EntityData } from '../../schemas/entity-data.js';

/** What the sandbox knows about each check type: who it runs on, what it needs, what it can answer. */

export type CheckState = 'PENDING' | 'RUNNING' | 'COMPLETE';
export type CheckMode = 'sync' | 'async';

export interface CheckMeta {
  entity: 'INDIVIDUAL' | 'COMPANY';
  /** Human name of the sandbox's one variant of this check. */
  name: string;
  results: readonly string[];
  /** The result when nothing forces another one. */
  pass: string;
  /** Inputs the request must carry (besides check_type). */
  requires: readonly ('document_id' | 'source' | 'reference' | 'source_id')[];
  screening: boolean;
}

const SCREEN = ['Pass', 'Refer', 'PEP', 'Sanction', 'Media', 'Error'] as const;

export const CHECK_META: Record<CheckType, CheckMeta> = {
  IDENTITY_CHECK: { entity: 'INDIVIDUAL', name: 'Electronic identity check', results: ['2+2', '1+1', 'Fail', 'Error'], pass: '2+2', requires: [], screening: false },
  DOCUMENT_VERIFICATION: { entity: 'INDIVIDUAL', name: 'Document verification', results: ['Pass', 'Fail', 'Error'], pass: 'Pass', requires: ['document_id'], screening: false },
  DOCUMENT_FETCH: { entity: 'INDIVIDUAL', name: 'Document fetch', results: ['Pass', 'Fail', 'Error'], pass: 'Pass', requires: ['source', 'reference'], screening: false },
  PEPS_AND_SANCTIONS_SCREEN: { entity: 'INDIVIDUAL', name: 'PEPs, sanctions and adverse media screening', results: SCREEN, pass: 'Pass', requires: [], screening: true },
  CRA_BANK_ACCOUNT_VERIFICATION: { entity: 'INDIVIDUAL', name: 'Bank account verification', results: ['Pass', 'Fail', 'Error'], pass: 'Pass', requires: [], screening: false },
  COMPANY_REGISTRY: { entity: 'COMPANY', name: 'Company registry', results: ['Pass', 'Fail', 'Error', 'Refer'], pass: 'Pass', requires: [], screening: false },
  COMPANY_CHARITIES_REGISTRY: { entity: 'COMPANY', name: 'Charities registry', results: ['Pass', 'Fail', 'Error'], pass: 'Pass', requires: [], screening: false },
  COMPANY_OWNERSHIP: { entity: 'COMPANY', name: 'Company ownership', results: ['Pass', 'Fail', 'Error', 'Partial'], pass: 'Pass', requires: [], screening: false },
  COMPANY_FILINGS: { entity: 'COMPANY', name: 'Company filings', results: ['Pass', 'Fail', 'Error'], pass: 'Pass', requires: [], screening: false },
  COMPANY_FILING_PURCHASE: { entity: 'COMPANY', name: 'Company filing purchase', results: ['Pass', 'Fail', 'Error'], pass: 'Pass', requires: ['source_id'], screening: false },
  COMPANY_PEPS_AND_SANCTIONS_SCREEN: { entity: 'COMPANY', name: 'Company sanctions and adverse media screening', results: SCREEN, pass: 'Pass', requires: [], screening: true },
  INDIVIDUAL_MANUAL_FORM: { entity: 'INDIVIDUAL', name: 'Manual form', results: ['Pass', 'Fail'], pass: 'Pass', requires: [], screening: false },
  COMPANY_MANUAL_FORM: { entity: 'COMPANY', name: 'Manual form', results: ['Pass', 'Fail'], pass: 'Pass', requires: [], screening: false },
  COMPANY_DOCUMENT_VERIFICATION: { entity: 'COMPANY', name: 'Company document verification', results: ['Pass', 'Fail', 'Error'], pass: 'Pass', requires: ['document_id'], screening: false },
};

export const isCheckType = (t: string): t is CheckType => (CHECK_TYPES as readonly string[]).includes(t);

/** PassFort's documented default: identity checks answer synchronously, everything else asynchronously. */
export const defaultMode = (t: CheckType): CheckMode => (t === 'IDENTITY_CHECK' ? 'sync' : 'async');

/** Workspace ms after instruction when an async check shows RUNNING, and when it completes. *(sandbox)* */
export const ASYNC_RUNNING_AFTER_MS = 1_000;
export const ASYNC_COMPLETE_AFTER_MS = 3_000;

export interface UkBankAccount {
  type: 'UK_ACCOUNT';
  country: string;
  sort_code: string;
  account_number: string;
}

export interface CheckDoc {
  id: string;
  profile_id: string;
  check_type: CheckType;
  /** PENDING or COMPLETE as stored; RUNNING is shown between `running_at` and completion. */
  state: 'PENDING' | 'COMPLETE';
  mode: CheckMode;
  result: string | null;
  errors: ErrorBody[];
  task_ids: string[];
  instructed_externally: boolean;
  /**
   * The collected data as it was when the check was instructed (a released collection-step
   * check takes it when it starts). The variant and providers are derived from the type.
   */
  input_data: EntityData;
  output_data: unknown;
  /** ms: instructed, expected to be running, completed. */
  creation_date: number;
  running_at: number | null;
  performed_on: number | null;
  /** Held in PENDING until the profile's collection steps are done. */
  waiting_on_collection_steps: boolean;
  /** Type-specific inputs, kept as sent. */
  params: {
    document_id?: string;
    source?: 'JUMIO' | 'ONFIDO';
    reference?: string;
    source_id?: string;
    form_id?: string;
    disable_initial_screen?: boolean;
    disable_monitoring?: boolean;
    bank_account?: UkBankAccount;
  };
  /** Set on the copies made by approve/reject. */
  manual_decision: { decision: 'APPROVED' | 'REJECTED'; original_check_id: string } | null;
}
