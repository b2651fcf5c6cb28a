import { formatDateTime } from '../core/dates.js';
import type { DomainContext } from './context.js';
import { applicationsOf, checksOf, documentImagesOf, eventsOf, PROFILES, tasksOf } from './collections.js';
import { displayName, getProfile, type ProfileDoc, type ProfileStatus, type TagDoc } from './profiles.js';

/**
 * ProfileResource as PassFort returns it: the stored profile plus what is derived from its
 * applications, tasks, checks and events at read time (never stored twice).
 */

export type ProfileCategory = 'CUSTOMER' | 'PREVIOUS_CUSTOMER' | 'APPLICANT' | 'INACTIVE_APPLICANT';

interface ApplicationLike {
  status: string;
  history?: { status: string }[];
}

/**
 * CUSTOMER while any application is approved; PREVIOUS_CUSTOMER once approved applications
 * were all cancelled; INACTIVE_APPLICANT when every application ended without approval;
 * otherwise APPLICANT.
 */
export function categoryOf(applications: readonly ApplicationLike[]): ProfileCategory {
  if (applications.some((a) => a.status === 'APPROVED' || a.status === 'IN_REVIEW')) return 'CUSTOMER';
  const everApproved = applications.some((a) => a.history?.some((h) => h.status === 'APPROVED'));
  if (everApproved) return 'PREVIOUS_CUSTOMER';
  if (applications.length > 0 && applications.every((a) => a.status === 'REJECTED' || a.status === 'CANCELLED')) {
    return 'INACTIVE_APPLICANT';
  }
  return 'APPLICANT';
}

export interface ProfileView {
  id: string;
  role: string;
  creation_date: string;
  display_name: string;
  category: ProfileCategory;
  status: ProfileStatus;
  tags: TagDoc[];
  [key: string]: unknown;
}

export function presentProfile(ctx: DomainContext, profile: ProfileDoc): ProfileView {
  const applications = ctx.repo.list<{ id: string; status: string }>(applicationsOf(profile.id));
  const tasks = ctx.repo.list<{ id: string; type: string; state?: string; is_complete?: boolean }>(tasksOf(profile.id));
  const checks = ctx.repo.list<{ id: string }>(checksOf(profile.id));
  const events = ctx.repo.list<{ id: string; resolution?: string; data?: { event_type?: string } }>(eventsOf(profile.id));
  const images = ctx.repo.list<{ id: string }>(documentImagesOf(profile.id));
  const unresolved = [
    ...new Set(events.filter((e) => e.resolution === 'UNRESOLVED').map((e) => e.data?.event_type ?? 'REVIEW_NEEDED')),
  ];
  const data = profile.collected_data;
  const hasAssociates =
    data.entity_type === 'COMPANY' &&
    Boolean(
      data.officers?.directors?.length ||
        data.officers?.secretaries?.length ||
        data.ownership_structure?.shareholders?.length ||
        data.ownership_structure?.beneficial_owners?.length ||
        data.authorized_persons?.length,
    );
  const steps = (profile as ProfileDoc & { collection_steps?: unknown[] }).collection_steps ?? [];
  return {
    id: profile.id,
    creation_date: formatDateTime(profile.creation_date),
    role: profile.role,
    collected_data: profile.collected_data,
    verified_data: { entity_type: profile.collected_data.entity_type },
    checks,
    collection_steps: steps,
    display_name: displayName(profile.collected_data),
    applications,
    task_types: [...new Set(tasks.map((t) => t.type))],
    tasks,
    events,
    category: categoryOf(applications),
    status: profile.status,
    document_images: images,
    tags: profile.tags,
    risk: {},
    unresolved_event_types: unresolved,
    task_progress: {
      completed_count: tasks.filter((t) => (t.state ? t.state !== 'INCOMPLETE' : t.is_complete)).length,
      total_count: tasks.length,
    },
    has_associates: hasAssociates,
    has_collection_steps: steps.length > 0,
    linked_to: [],
  };
}

/** The short form used in search results. */
export function presentProfileSummary(ctx: DomainContext, profile: ProfileDoc): ProfileView {
  const applications = ctx.repo.list<{ id: string; status: string }>(applicationsOf(profile.id));
  return {
    id: profile.id,
    creation_date: formatDateTime(profile.creation_date),
    role: profile.role,
    display_name: displayName(profile.collected_data),
    category: categoryOf(applications),
    status: profile.status,
    tags: profile.tags,
    collected_data: {
      entity_type: profile.collected_data.entity_type,
      ...(profile.collected_data.customer_ref ? { customer_ref: profile.collected_data.customer_ref } : {}),
    },
  };
}

export function viewProfile(ctx: DomainContext, id: string): ProfileView {
  return presentProfile(ctx, getProfile(ctx, id));
}

export interface ProfileQuery {
  q?: string;
  limit: number;
  offset: number;
  categories?: ProfileCategory[];
}

/** PassFort's profile search: newest first, `q` over names, customer_ref and tags. */
export function searchProfiles(ctx: DomainContext, query: ProfileQuery) {
  const needle = query.q?.trim().toLowerCase();
  const categories = query.categories?.length ? new Set(query.categories) : null;
  const all = ctx.repo.list<ProfileDoc>(PROFILES);
  const matches: ProfileDoc[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const p = all[i]!;
    if (needle && !matchesQuery(p, needle)) continue;
    if (categories && !categories.has(categoryOf(ctx.repo.list<{ id: string; status: string }>(applicationsOf(p.id))))) continue;
    matches.push(p);
  }
  return {
    count: matches.length,
    limit: query.limit,
    offset: query.offset,
    results: matches.slice(query.offset, query.offset + query.limit).map((p) => presentProfileSummary(ctx, p)),
  };
}

function matchesQuery(p: ProfileDoc, needle: string): boolean {
  if (displayName(p.collected_data).toLowerCase().includes(needle)) return true;
  if (p.collected_data.customer_ref?.toLowerCase().includes(needle)) return true;
  if (p.id === needle) return true;
  return p.tags.some((t) => t.name.toLowerCase().includes(needle));
}
