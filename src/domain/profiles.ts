import { notFound, invalidInput, PassFortError, ErrorCode } from '../core/errors.js';
import type { EntityData } from '../schemas/entity-data.js';
import type { DomainContext } from './context.js';
import { PROFILES, TAG_NAMES } from './collections.js';
import { addAudit } from './audit.js';
import { Msg } from './messages.js';
import { attribution } from './attribution.js';
import { onCollectedDataChanged, onProfileCreated, type ApplicationRequest } from './smart-policy.js';

export type Role = 'INDIVIDUAL_CUSTOMER' | 'INDIVIDUAL_ASSOCIATED' | 'COMPANY_CUSTOMER' | 'COMPANY_ASSOCIATED';
export type ProfileStatus = 'NORMAL' | 'SUSPENDED' | 'BANNED';

export interface TagDoc {
  id: string;
  name: string;
  is_automatic: boolean;
}

/** A profile as stored; everything else on a ProfileResource is derived when it is read. */
export interface ProfileDoc {
  id: string;
  role: Role;
  /** ms since the epoch, workspace time. */
  creation_date: number;
  collected_data: EntityData;
  status: ProfileStatus;
  tags: TagDoc[];
  /** Version of collected_data for the weak ETag; strictly increasing. */
  data_version: number;
}

export interface CreateProfileInput {
  role: Role;
  collected_data: EntityData;
  applications?: ApplicationRequest[];
}

export function entityTypeOfRole(role: Role): 'INDIVIDUAL' | 'COMPANY' {
  return role.startsWith('INDIVIDUAL') ? 'INDIVIDUAL' : 'COMPANY';
}

export function createProfile(ctx: DomainContext, input: CreateProfileInput): ProfileDoc {
  const expected = entityTypeOfRole(input.role);
  if (input.collected_data.entity_type !== expected) {
    throw invalidInput(Msg.roleEntityMismatch(input.role, input.collected_data.entity_type), {
      field: 'collected_data.entity_type',
      expected,
    });
  }
  const profile: ProfileDoc = {
    id: ctx.ids.uuid(),
    role: input.role,
    creation_date: ctx.now,
    collected_data: input.collected_data,
    status: 'NORMAL',
    tags: [],
    data_version: ctx.now,
  };
  ctx.repo.add(PROFILES, profile);
  addAudit(ctx, profile.id, 'created-profile', `Profile created with role ${profile.role}`);
  ctx.emit('PROFILE_CREATED', { profile_id: profile.id, role: profile.role, customer_ref: customerRef(profile), ...attribution(ctx.actor) });
  onProfileCreated(ctx, profile, input.applications);
  return profile;
}

export function getProfile(ctx: DomainContext, id: string): ProfileDoc {
  const profile = ctx.repo.get<ProfileDoc>(PROFILES, id);
  if (!profile) throw notFound(Msg.profileNotFound(id), { profile_id: id });
  return profile;
}

export const customerRef = (profile: ProfileDoc): string | null => profile.collected_data.customer_ref ?? null;

/** `W/"<unix seconds>.<ms>"`, the shape PassFort's ETags have. */
export function etagOf(profile: ProfileDoc): string {
  const v = profile.data_version;
  return `W/"${Math.floor(v / 1000)}.${String(v % 1000).padStart(3, '0')}"`;
}

/**
 * Replaces collected_data (PassFort does not merge). With `ifMatch`, a stale ETag is a
 * 412 that carries the current data so the client can merge.
 */
export function replaceCollectedData(
  ctx: DomainContext,
  id: string,
  data: EntityData,
  ifMatch?: string,
): ProfileDoc {
  const profile = getProfile(ctx, id);
  if (ifMatch !== undefined && ifMatch !== '*' && !etagMatches(ifMatch, etagOf(profile))) {
    throw new PassFortError(412, ErrorCode.INVALID_INPUT_DATA, Msg.etagMismatch(ifMatch, etagOf(profile)), { etag: etagOf(profile) }, {
      extra: { collected_data: profile.collected_data },
    });
  }
  if (data.entity_type !== profile.collected_data.entity_type) {
    throw invalidInput(Msg.entityTypeChange(profile.collected_data.entity_type, data.entity_type), { field: 'entity_type' });
  }
  return writeCollectedData(ctx, profile, data, 'replace-collected-data', 'Collected data replaced');
}

/** The one place collected data changes: audit, ETag and the two webhook events. */
export function writeCollectedData(
  ctx: DomainContext,
  profile: ProfileDoc,
  data: EntityData,
  action: 'replace-collected-data' | 'submitted-data' = 'replace-collected-data',
  message = 'Collected data replaced',
): ProfileDoc {
  const updated: ProfileDoc = { ...profile, collected_data: data, data_version: Math.max(ctx.now, profile.data_version + 1) };
  ctx.repo.put(PROFILES, updated);
  addAudit(ctx, profile.id, action, message);
  const payload = {
    profile_id: profile.id,
    customer_ref: customerRef(updated),
    old_data: profile.collected_data,
    new_data: data,
    ...attribution(ctx.actor),
  };
  ctx.emit('COLLECTED_DATA_UPDATED', payload);
  ctx.emit('COLLECTED_DATA_CHANGED', payload);
  onCollectedDataChanged(ctx, updated);
  return updated;
}

function etagMatches(header: string, etag: string): boolean {
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => strip(t) === strip(etag));
}

export function setProfileStatus(ctx: DomainContext, id: string, status: ProfileStatus): ProfileDoc {
  const profile = getProfile(ctx, id);
  if (profile.status === status) return profile;
  const updated = { ...profile, status };
  ctx.repo.put(PROFILES, updated);
  addAudit(ctx, id, 'profile-status-changed', `Profile status changed from ${profile.status} to ${status}`, {
    old_status: profile.status,
    new_status: status,
  });
  ctx.emit('PROFILE_STATUS_CHANGED', {
    profile_id: id,
    customer_ref: customerRef(profile),
    old_status: profile.status,
    new_status: status,
    ...attribution(ctx.actor),
  });
  return updated;
}

export function addTag(ctx: DomainContext, id: string, name: string): TagDoc {
  const trimmed = name.trim();
  if (!trimmed) throw invalidInput(Msg.tagNameEmpty, { field: 'name' });
  const profile = getProfile(ctx, id);
  const existing = profile.tags.find((t) => t.name.toLowerCase() === trimmed.toLowerCase());
  if (existing) return existing; // adding a tag twice is harmless, as in PassFort's portal
  const tag: TagDoc = { id: tagIdFor(ctx, trimmed), name: trimmed, is_automatic: false };
  ctx.repo.put(PROFILES, { ...profile, tags: [...profile.tags, tag] });
  addAudit(ctx, id, 'added-a-tag', `Tag "${trimmed}" added`, { tag_id: tag.id, name: trimmed });
  return tag;
}

interface TagNameDoc {
  /** The lower-cased name: one id per name across the workspace, like a PassFort account's tag list. */
  id: string;
  tag: TagDoc;
}

function tagIdFor(ctx: DomainContext, name: string): string {
  const key = name.toLowerCase();
  const known = ctx.repo.get<TagNameDoc>(TAG_NAMES, key);
  if (known) return known.tag.id;
  const tag: TagDoc = { id: ctx.ids.uuid(), name, is_automatic: false };
  ctx.repo.put<TagNameDoc>(TAG_NAMES, { id: key, tag });
  return tag.id;
}

export function removeTag(ctx: DomainContext, id: string, tagId: string): void {
  const profile = getProfile(ctx, id);
  const tag = profile.tags.find((t) => t.id === tagId);
  if (!tag) throw notFound(Msg.tagNotFound(tagId), { tag_id: tagId });
  ctx.repo.put(PROFILES, { ...profile, tags: profile.tags.filter((t) => t.id !== tagId) });
  addAudit(ctx, id, 'removed-a-tag', `Tag "${tag.name}" removed`, { tag_id: tagId, name: tag.name });
}

/** Tags of the workspace whose name contains `term`. */
export function searchTags(ctx: DomainContext, term: string, limit?: number): TagDoc[] {
  const needle = term.toLowerCase();
  const tags = ctx.repo
    .list<TagNameDoc>(TAG_NAMES)
    .filter((t) => t.id.includes(needle))
    .map((t) => t.tag)
    .sort((a, b) => a.name.localeCompare(b.name));
  return limit === undefined ? tags : tags.slice(0, limit);
}

/** Given and family names, or the company's legal name. */
export function displayName(data: EntityData): string {
  if (data.entity_type === 'INDIVIDUAL') {
    const name = data.personal_details?.name;
    return [...(name?.given_names ?? []), name?.family_name ?? ''].filter(Boolean).join(' ');
  }
  return data.metadata?.name ?? '';
}
