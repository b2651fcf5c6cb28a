import type { EntityData } from '../schemas/entity-data.js';
import type { DomainContext } from './context.js';
import { addAudit } from './audit.js';
import { eventBase, SMART_POLICY } from './event-data.js';
import { getProfile, type ProfileDoc } from './profiles.js';
import { refreshApplications } from './application-state.js';
import { releaseWaitingChecks } from './checks/run.js';

/**
 * Collection steps (PassFort Collect): data still to be collected from the customer. A step
 * disappears as soon as collected data holds what it asks for; while any remain, checks
 * wait in PENDING and applications show WAITING_ON_COLLECTION_STEPS.
 */

export const COLLECTION_STEPS = 'collection_steps';
export const COLLECTION_TYPES = ['FULL_NAME', 'DOB', 'ADDRESS_HISTORY', 'NATIONALITY', 'DOCUMENT', 'EMAIL', 'PHONE_NUMBER'] as const;

export interface CollectionStep {
  collection_type: (typeof COLLECTION_TYPES)[number];
  precision?: 'YEAR' | 'YEAR_MONTH' | 'YEAR_MONTH_DAY';
  id?: string;
  category?: string;
  allowed_types?: string[];
  facial_similarity?: boolean;
}

interface StepsDoc {
  /** The profile id. */
  id: string;
  steps: CollectionStep[];
}

type Loose = Record<string, any>;

/** Whether collected data already holds what the step asks for. */
export function isSatisfied(data: EntityData, step: CollectionStep): boolean {
  const d = data as Loose;
  const company = data.entity_type === 'COMPANY';
  switch (step.collection_type) {
    case 'FULL_NAME':
      return company ? Boolean(d.metadata?.name) : Boolean(d.personal_details?.name?.given_names?.length && d.personal_details?.name?.family_name);
    case 'DOB': {
      const dob: string | undefined = d.personal_details?.dob;
      const need = { YEAR: 4, YEAR_MONTH: 7, YEAR_MONTH_DAY: 10 }[step.precision ?? 'YEAR_MONTH_DAY'];
      return typeof dob === 'string' && dob.length >= need;
    }
    case 'ADDRESS_HISTORY':
      return company ? Boolean(d.metadata?.addresses?.length) : Boolean(d.address_history?.length);
    case 'NATIONALITY':
      return company ? Boolean(d.metadata?.country_of_incorporation) : Boolean(d.personal_details?.nationality);
    case 'EMAIL':
      return Boolean(company ? d.metadata?.contact_details?.email : d.contact_details?.email);
    case 'PHONE_NUMBER':
      return Boolean(company ? d.metadata?.contact_details?.phone_number : d.contact_details?.phone_number);
    case 'DOCUMENT':
      return (data.documents ?? []).some(
        (doc) =>
          (step.id === undefined || doc.id === step.id) &&
          doc.category === step.category &&
          (step.allowed_types ?? []).includes(doc.document_type) &&
          doc.images.length > 0,
      );
    default:
      return false;
  }
}

const storedSteps = (ctx: DomainContext, profileId: string) => ctx.repo.get<StepsDoc>(COLLECTION_STEPS, profileId)?.steps ?? [];

/** The steps still open for the profile. Cheap: one lookup, usually empty. */
export function outstandingSteps(ctx: DomainContext, profileId: string): CollectionStep[] {
  const steps = storedSteps(ctx, profileId);
  if (steps.length === 0) return steps;
  const data = getProfile(ctx, profileId).collected_data;
  return steps.filter((s) => !isSatisfied(data, s));
}

/** `POST …/collection_steps`: replaces the list; steps already satisfied are dropped at once. */
export function setCollectionSteps(ctx: DomainContext, profileId: string, steps: CollectionStep[]): CollectionStep[] {
  const profile = getProfile(ctx, profileId);
  const open = steps.filter((s) => !isSatisfied(profile.collected_data, s));
  const had = outstandingSteps(ctx, profileId).length > 0;
  if (open.length === 0) ctx.repo.del(COLLECTION_STEPS, profileId);
  else ctx.repo.put<StepsDoc>(COLLECTION_STEPS, { id: profileId, steps: open });
  addAudit(ctx, profileId, 'requested-data', `Collection steps set: ${open.map((s) => s.collection_type).join(', ') || 'none outstanding'}`, {
    requested: steps.map((s) => s.collection_type),
    outstanding: open.map((s) => s.collection_type),
  });
  if (open.length === 0) stepsDone(ctx, profileId, had);
  else refreshApplications(ctx, profileId);
  return open;
}

function stepsDone(ctx: DomainContext, profileId: string, announce: boolean): void {
  if (announce) ctx.emit('COLLECTION_STEPS_COMPLETED', { ...eventBase(ctx, profileId, SMART_POLICY) });
  releaseWaitingChecks(ctx, profileId);
  refreshApplications(ctx, profileId);
}

/** Called whenever collected data changes: drops satisfied steps and, when none remain, lets checks run. */
export function onCollectedDataChanged(ctx: DomainContext, profile: ProfileDoc): void {
  const steps = storedSteps(ctx, profile.id);
  if (steps.length === 0) return;
  const open = steps.filter((s) => !isSatisfied(profile.collected_data, s));
  if (open.length === steps.length) return;
  if (open.length > 0) {
    ctx.repo.put<StepsDoc>(COLLECTION_STEPS, { id: profile.id, steps: open });
    refreshApplications(ctx, profile.id);
    return;
  }
  ctx.repo.del(COLLECTION_STEPS, profile.id);
  stepsDone(ctx, profile.id, true);
}
