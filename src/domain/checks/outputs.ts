import type { ErrorBody } from '../../core/errors.js';
import { ErrorCode } from '../../core/errors.js';
import type { EntityData } from '../../schemas/entity-data.js';
import type { DomainContext } from '../context.js';
import { decideOutcome } from './demo-outcomes.js';
import type { CheckDoc } from './types.js';
import { bankAccountOutput, defaultBankAccount, fetchedDocument, identityOutput, verifiedDocument, type DocumentInputView } from './output-individual.js';
import { charityOutput, filingPurchaseOutput, filingsOutput, ownershipOutput, registryOutput } from './output-company.js';
import { eventDataOf, screeningHits, screeningOutput } from './output-screening.js';

/** Turns a check's input into its result and output_data, by the demo rules. */

export interface CheckOutcome {
  result: string;
  output_data: unknown;
  errors: ErrorBody[];
  events: ({ event_type: string } & Record<string, unknown>)[];
}

const PROVIDER = 'Sandbox Demo Provider';

function providerError(checkType: string): ErrorBody {
  return {
    code: ErrorCode.PROVIDER_CONNECTION_ERROR,
    message: `The demo provider for ${checkType} could not be reached (forced by the "error" keyword in the name)`,
    source: 'PROVIDER',
    info: { provider_name: PROVIDER, demo_keyword: 'error' },
  };
}

function documentInput(data: EntityData, id: string | undefined): DocumentInputView {
  const doc = (data.documents ?? []).find((d) => d.id === id);
  // Images in collected data are metadata; strip bytes if a client put them there.
  const images = (doc?.images ?? []).map((img) => {
    const { data: _bytes, ...meta } = img as Record<string, unknown> & { id?: string };
    return meta as DocumentInputView['images'][number];
  });
  return { id: id ?? '', category: doc?.category ?? 'PROOF_OF_IDENTITY', document_type: doc?.document_type ?? 'UNKNOWN', images };
}

export function computeOutput(ctx: DomainContext, check: CheckDoc): CheckOutcome {
  const data = check.input_data;
  const type = check.check_type;
  const { result, flags } = decideOutcome(type, data);
  if (result === 'Error') return { result, output_data: null, errors: [providerError(type)], events: [] };
  const none = { errors: [] as ErrorBody[], events: [] as CheckOutcome['events'] };
  switch (type) {
    case 'IDENTITY_CHECK':
      return { result, output_data: identityOutput(data, result), ...none };
    case 'DOCUMENT_VERIFICATION':
    case 'COMPANY_DOCUMENT_VERIFICATION':
      return {
        result,
        output_data: { entity_type: data.entity_type, documents: [verifiedDocument(data, documentInput(data, check.params.document_id), result, PROVIDER)] },
        ...none,
      };
    case 'DOCUMENT_FETCH':
      return {
        result,
        output_data: { entity_type: 'INDIVIDUAL', documents: [fetchedDocument(data, check.params.source ?? 'ONFIDO', check.params.reference ?? '', result, check.params.source ?? PROVIDER)] },
        ...none,
      };
    case 'PEPS_AND_SANCTIONS_SCREEN':
    case 'COMPANY_PEPS_AND_SANCTIONS_SCREEN': {
      // Monitoring without an initial screen reports nothing now.
      const hits = check.params.disable_initial_screen ? [] : screeningHits(data, flags);
      return {
        result: check.params.disable_initial_screen ? 'Pass' : result,
        output_data: screeningOutput(data, hits),
        errors: [],
        events: hits.map(eventDataOf),
      };
    }
    case 'CRA_BANK_ACCOUNT_VERIFICATION':
      return { result, output_data: bankAccountOutput(data, check.params.bank_account ?? defaultBankAccount(data), result, ctx.now), ...none };
    case 'COMPANY_REGISTRY':
      return { result, output_data: registryOutput(data, result), ...none };
    case 'COMPANY_OWNERSHIP':
      return { result, output_data: ownershipOutput(data, result), ...none };
    case 'COMPANY_FILINGS':
      return { result, output_data: filingsOutput(data), ...none };
    case 'COMPANY_FILING_PURCHASE':
      return { result, output_data: filingPurchaseOutput(data, check.params.source_id ?? ''), ...none };
    case 'COMPANY_CHARITIES_REGISTRY':
      return { result, output_data: charityOutput(data, result), ...none };
    case 'INDIVIDUAL_MANUAL_FORM':
    case 'COMPANY_MANUAL_FORM':
      return { result, output_data: data, ...none };
  }
}
