import type { DomainContext } from '../../domain/context.js';
import { applicationsOf, auditOf, checksOf, documentImagesOf, eventsOf, PROFILES, tasksOf } from '../../domain/collections.js';
import { displayName, type ProfileDoc } from '../../domain/profiles.js';
import { categoryOf } from '../../domain/profile-view.js';
import { approvalBlockers, type ApplicationDoc, type ApprovalBlocker } from '../../domain/application-state.js';
import type { CheckDoc } from '../../domain/checks/types.js';
import type { EventDoc } from '../../domain/events.js';
import type { TaskDoc } from '../../domain/tasks.js';
import type { ImageDoc } from '../../domain/documents.js';
import type { AuditItemDoc } from '../../domain/audit.js';
import { presentState } from '../../domain/checks/run.js';
import { requestsOf, type CustomerRequestDoc } from '../../domain/customer-requests/index.js';
import { summarizeChecks, type ChecksSummary } from '../format.js';

/**
 * What the profile pages show, read from the workspace's own documents inside `ws.read`
 * (the same documents the API presents), so a page costs no HTTP round trip and leaves
 * no trace in the request journal.
 */

export interface ProfileRow {
  id: string;
  name: string;
  entity: 'INDIVIDUAL' | 'COMPANY';
  category: string;
  status: string;
  created: number;
  customerRef: string | null;
  email: string | null;
  applications: { product: string; status: string }[];
  checks: ChecksSummary;
  results: string[];
  request: { id: string; status: string; type: string } | null;
  tags: string[];
}

export function emailOf(p: ProfileDoc): string | null {
  const d = p.collected_data as { contact_details?: { email?: string }; metadata?: { contact_details?: { email?: string } } };
  return d.contact_details?.email ?? d.metadata?.contact_details?.email ?? null;
}

/** The latest check of each type counts (a manual approval supersedes the check it copies). */
export function latestChecks(checks: readonly CheckDoc[]): CheckDoc[] {
  const byType = new Map<string, CheckDoc>();
  for (const c of checks) byType.set(c.check_type, c);
  return [...byType.values()];
}

/** A check's state as the API shows it (RUNNING between `running_at` and completion). */
export const shownState = (ctx: DomainContext, c: CheckDoc): string => presentState(ctx, c);

export function profileRows(ctx: DomainContext): ProfileRow[] {
  const rows: ProfileRow[] = [];
  const all = ctx.repo.list<ProfileDoc>(PROFILES);
  for (let i = all.length - 1; i >= 0; i--) {
    const p = all[i]!;
    const apps = ctx.repo.list<ApplicationDoc>(applicationsOf(p.id)).filter((a) => !a.hidden);
    const checks = latestChecks(ctx.repo.list<CheckDoc>(checksOf(p.id)));
    const requests = requestsOf(ctx, p.id);
    const latest = requests.at(-1);
    rows.push({
      id: p.id,
      name: displayName(p.collected_data) || '(no name yet)',
      entity: p.collected_data.entity_type,
      category: categoryOf(apps),
      status: p.status,
      created: p.creation_date,
      customerRef: p.collected_data.customer_ref ?? null,
      email: emailOf(p),
      applications: apps.map((a) => ({ product: a.product.name, status: a.status })),
      checks: summarizeChecks(checks.map((c) => ({ state: shownState(ctx, c), result: c.result }))),
      results: checks.filter((c) => c.result).map((c) => c.result!),
      request: latest ? { id: latest.id, status: latest.status, type: latest.type } : null,
      tags: p.tags.map((t) => t.name),
    });
  }
  return rows;
}

export interface ProfileFilters {
  type: string;
  application: string;
  checks: string;
  request: string;
}

export function filterRows(rows: ProfileRow[], f: ProfileFilters): ProfileRow[] {
  return rows.filter(
    (r) =>
      (!f.type || r.entity === f.type) &&
      (!f.application || (f.application === 'none' ? r.applications.length === 0 : r.applications.some((a) => a.status === f.application))) &&
      (!f.checks || r.checks === f.checks) &&
      (!f.request || (f.request === 'none' ? r.request === null : r.request?.status === f.request)),
  );
}

export interface ProfileDetail {
  profile: ProfileDoc;
  name: string;
  category: string;
  applications: ApplicationDoc[];
  /** What stops each open application from being approved (PassFort's approval blockers). */
  blockers: Map<string, ApprovalBlocker[]>;
  tasks: TaskDoc[];
  checks: CheckDoc[];
  checkStates: Map<string, string>;
  events: EventDoc[];
  images: ImageDoc[];
  audit: AuditItemDoc[];
  requests: CustomerRequestDoc[];
}

export function profileDetail(ctx: DomainContext, id: string): ProfileDetail | null {
  const profile = ctx.repo.get<ProfileDoc>(PROFILES, id);
  if (!profile) return null;
  const applications = ctx.repo.list<ApplicationDoc>(applicationsOf(id));
  const checks = ctx.repo.list<CheckDoc>(checksOf(id));
  return {
    profile,
    name: displayName(profile.collected_data) || '(no name yet)',
    category: categoryOf(applications.filter((a) => !a.hidden)),
    applications,
    blockers: new Map(applications.filter((a) => !a.hidden && (a.status === 'APPLIED' || a.status === 'IN_REVIEW')).map((a) => [a.id, approvalBlockers(ctx, a)])),
    tasks: ctx.repo.list<TaskDoc>(tasksOf(id)),
    checks,
    checkStates: new Map(checks.map((c) => [c.id, shownState(ctx, c)])),
    events: ctx.repo.list<EventDoc>(eventsOf(id)),
    images: ctx.repo.list<ImageDoc>(documentImagesOf(id)),
    audit: [...ctx.repo.list<AuditItemDoc>(auditOf(id))].sort((a, b) => a.order - b.order),
    requests: requestsOf(ctx, id),
  };
}
