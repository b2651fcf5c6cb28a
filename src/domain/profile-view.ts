import { formatDateTime } from '../core/dates.js';
import type { DomainContext } from './context.js';
import { applicationsOf, checksOf, documentImagesOf, eventsOf, PROFILES, tasksOf } from './collections.js';
import { displayName, getProfile, type ProfileDoc, type ProfileStatus, type TagDoc } from './profiles.js';
import { presentApplication, type ApplicationDoc } from './application-state.js';
import { presentTask, type TaskDoc } from './tasks.js';
import { presentCheck, type CheckDoc } from './checks.js';
import { presentEvent, type EventDoc } from './events.js';
import { presentImage, type ImageDoc } from './documents.js';
import { outstandingSteps } from './collection-steps.js';

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
  const pid = profile.id;
  const applications = ctx.repo.list<ApplicationDoc>(applicationsOf(pid));
  const tasks = ctx.repo.list<TaskDoc>(tasksOf(pid));
  const active = tasks.filter((t) => !t.is_expired && !t.is_deleted);
  const checks = ctx.repo.list<CheckDoc>(checksOf(pid));
  const events = ctx.repo.list<EventDoc>(eventsOf(pid));
  const images = ctx.repo.list<ImageDoc>(documentImagesOf(pid));
  const unresolved = [...new Set(events.filter((e) => e.resolution === 'UNRESOLVED').map((e) => e.data.event_type))];
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
  const steps = outstandingSteps(ctx, pid);
  // No risk module in the sandbox: `risk` is left out (PassFort sends {} there, which its own schema does not allow).
  return {
    id: pid,
    creation_date: formatDateTime(profile.creation_date),
    role: profile.role,
    collected_data: profile.collected_data,
    verified_data: verifiedData(profile, checks),
    checks: checks.map((c) => presentCheck(ctx, c)),
    collection_steps: steps,
    display_name: displayName(profile.collected_data),
    applications: applications.map((a) => presentApplication(ctx, a)),
    task_types: [...new Set(active.map((t) => t.type))],
    tasks: tasks.map(presentTask),
    events: events.map(presentEvent),
    category: categoryOf(applications.filter((a) => !a.hidden)),
    status: profile.status,
    document_images: images.map(presentImage),
    tags: profile.tags,
    unresolved_event_types: unresolved,
    task_progress: {
      completed_count: active.filter((t) => t.state !== 'INCOMPLETE').length,
      total_count: active.length,
    },
    has_associates: hasAssociates,
    has_collection_steps: steps.length > 0,
    linked_to: [],
  };
}

const PASSED = new Set(['Pass', '2+2', '1+1']);

/**
 * What checks confirmed: the identity check's subject for individuals, the registry's record
 * for companies (the latest passing check of each type wins).
 */
function verifiedData(profile: ProfileDoc, checks: readonly CheckDoc[]): Record<string, unknown> {
  const out: Record<string, unknown> = { entity_type: profile.collected_data.entity_type };
  for (const c of checks) {
    if (c.state !== 'COMPLETE' || c.result === null || !PASSED.has(c.result)) continue;
    if (c.check_type === 'IDENTITY_CHECK') {
      const input = c.input_data as { personal_details?: { name?: unknown; dob?: unknown } };
      out.personal_details = { ...(input.personal_details?.name ? { name: input.personal_details.name } : {}), ...(input.personal_details?.dob ? { dob: input.personal_details.dob } : {}) };
    } else if (c.check_type === 'COMPANY_REGISTRY' || c.check_type === 'COMPANY_OWNERSHIP') {
      const { entity_type: _e, ...rest } = c.output_data as Record<string, unknown>;
      Object.assign(out, rest);
    }
  }
  return out;
}

/** The short form used in search results. */
export function presentProfileSummary(ctx: DomainContext, profile: ProfileDoc): ProfileView {
  const applications = ctx.repo.list<ApplicationDoc>(applicationsOf(profile.id)).filter((a) => !a.hidden);
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
  if (!needle && !categories) {
    // Newest first, unfiltered: the page is known by position, so only its profiles are read
    // (after a restart the first list parses ~300 KB instead of every profile).
    const count = ctx.repo.count(PROFILES);
    const end = Math.max(count - query.offset, 0);
    const page = ctx.repo.slice<ProfileDoc>(PROFILES, Math.max(end - query.limit, 0), end).reverse();
    return { count, limit: query.limit, offset: query.offset, results: page.map((p) => presentProfileSummary(ctx, p)) };
  }
  const all = ctx.repo.list<ProfileDoc>(PROFILES);
  const matches: ProfileDoc[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const p = all[i]!;
    if (needle && !matchesQuery(p, needle)) continue;
    if (categories && !categories.has(categoryOf(ctx.repo.list<ApplicationDoc>(applicationsOf(p.id)).filter((a) => !a.hidden)))) continue;
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
