import { z } from 'zod';
import { uuid } from './common.js';
import { documentCategory, documentType } from './documents.js';

/** Collection steps (PassFort Collect), discriminated by collection_type. */

export const COLLECTION_TYPES = ['FULL_NAME', 'DOB', 'ADDRESS_HISTORY', 'NATIONALITY', 'DOCUMENT', 'EMAIL', 'PHONE_NUMBER'] as const;
export const collectionStep = z.discriminatedUnion(
  'collection_type',
  [
    z.strictObject({ collection_type: z.literal('FULL_NAME') }),
    z.strictObject({ collection_type: z.literal('DOB'), precision: z.enum(['YEAR', 'YEAR_MONTH', 'YEAR_MONTH_DAY']).optional() }),
    z.strictObject({ collection_type: z.literal('ADDRESS_HISTORY') }),
    z.strictObject({ collection_type: z.literal('NATIONALITY') }),
    z.strictObject({
      collection_type: z.literal('DOCUMENT'),
      id: uuid.optional(),
      category: documentCategory,
      allowed_types: z.array(documentType).min(1, 'give at least one document type'),
      facial_similarity: z.boolean().optional(),
    }),
    z.strictObject({ collection_type: z.literal('EMAIL') }),
    z.strictObject({ collection_type: z.literal('PHONE_NUMBER') }),
  ],
  { error: (i) => (i.code === 'invalid_union' ? `needs a collection_type of ${COLLECTION_TYPES.join(', ')}` : undefined) },
);
export const collectionStepsBody = z.array(collectionStep);
