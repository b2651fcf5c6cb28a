import type { TestInfo } from '@playwright/test';
import type { JournalEntry, WebhookDelivery } from './client.js';

/**
 * The failure report: when a test fails, the harness attaches what the sandbox knows about
 * that test's workspace — the API calls it received, the webhook attempts and the emails — so
 * the HTML report (and the JUnit file's attachments) explain a failure without a re-run.
 * Collecting never throws: a source that cannot be read is named in the report instead.
 */

export interface EmailSummary {
  subject: string;
  to: string[];
  created: string;
  link: string | null;
}

export interface FailureReport {
  workspace: { id: string; name?: string };
  sandboxUrl: string;
  requests: JournalEntry[];
  deliveries: WebhookDelivery[];
  emails: EmailSummary[];
  /** Sources that could not be read, and why. */
  problems: string[];
}

export interface ReportSources {
  workspace: { id: string; name?: string };
  sandboxUrl: string;
  requests: () => Promise<JournalEntry[]>;
  deliveries: () => Promise<WebhookDelivery[]>;
  emails: () => Promise<EmailSummary[]>;
}

export async function collectReport(src: ReportSources): Promise<FailureReport> {
  const problems: string[] = [];
  const read = async <T>(what: string, f: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await f();
    } catch (err) {
      problems.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  };
  const [requests, deliveries, emails] = await Promise.all([
    read('request journal (GET /__sandbox/requests)', src.requests),
    read('webhook deliveries (GET /__sandbox/webhooks/deliveries)', src.deliveries),
    read('emails (inbox)', src.emails),
  ]);
  return { workspace: src.workspace, sandboxUrl: src.sandboxUrl, requests, deliveries, emails, problems };
}

const time = (iso: string) => (/T(\d\d:\d\d:\d\d(?:\.\d+)?)/.exec(iso)?.[1] ?? iso);

/** The report as plain text, the first thing a reader of the HTML report sees. */
export function formatReport(r: FailureReport, limits = { requests: 60, deliveries: 40 }): string {
  const lines: string[] = [];
  lines.push(`passfort-sandbox workspace ${r.workspace.id}${r.workspace.name ? ` (${r.workspace.name})` : ''} at ${r.sandboxUrl}`);
  lines.push('Times are workspace time (the clock a test may have moved).', '');

  const failed = r.requests.filter((e) => e.status >= 400).length;
  lines.push(`API calls: ${r.requests.length}${failed ? `, ${failed} refused` : ''} (oldest first${r.requests.length > limits.requests ? `, last ${limits.requests} shown` : ''})`);
  for (const e of r.requests.slice(-limits.requests)) {
    lines.push(`  ${time(e.at)}  ${e.method.padEnd(6)} ${e.url} → ${e.status}${e.error_code !== null ? ` code ${e.error_code}` : ''}  ${e.duration_ms} ms${e.status >= 400 ? '   <<' : ''}`);
  }
  if (!r.requests.length) lines.push('  (none)');
  lines.push('');

  const bad = r.deliveries.filter((d) => !d.ok).length;
  lines.push(`Webhook attempts: ${r.deliveries.length}${bad ? `, ${bad} failed` : ''}${r.deliveries.length > limits.deliveries ? ` (last ${limits.deliveries} shown)` : ''}`);
  for (const d of r.deliveries.slice(-limits.deliveries)) {
    const outcome = d.ok ? `${d.status} ok` : `FAILED ${d.error ?? d.status}${d.next_retry_at ? `; next retry ${d.next_retry_at}` : ''}`;
    lines.push(`  ${time(d.at)}  #${d.n} attempt ${d.attempt} ${d.events.join(', ')} → ${d.url}: ${outcome}`);
  }
  if (!r.deliveries.length) lines.push('  (none: is a webhook URL set for this workspace?)');
  lines.push('');

  lines.push(`Emails: ${r.emails.length}`);
  for (const m of r.emails) lines.push(`  ${time(m.created)}  "${m.subject}" to ${m.to.join(', ')}${m.link ? `\n      ${m.link}` : ''}`);
  if (!r.emails.length) lines.push('  (none)');

  if (r.problems.length) lines.push('', 'Could not read:', ...r.problems.map((p) => `  ${p}`));
  return lines.join('\n') + '\n';
}

export interface Attachment {
  name: string;
  contentType: string;
  body: string;
}

export const ATTACHMENT_NAMES = {
  summary: 'passfort-sandbox report',
  requests: 'passfort-sandbox request journal',
  deliveries: 'passfort-sandbox webhook deliveries',
  emails: 'passfort-sandbox emails',
} as const;

export function reportAttachments(r: FailureReport): Attachment[] {
  const json = (v: unknown) => JSON.stringify(v, null, 2);
  return [
    { name: ATTACHMENT_NAMES.summary, contentType: 'text/plain', body: formatReport(r) },
    { name: ATTACHMENT_NAMES.requests, contentType: 'application/json', body: json(r.requests) },
    { name: ATTACHMENT_NAMES.deliveries, contentType: 'application/json', body: json(r.deliveries) },
    { name: ATTACHMENT_NAMES.emails, contentType: 'application/json', body: json(r.emails) },
  ];
}

/** True when the test ended other than expected (failed, timed out, or passed when it should fail). */
export const testFailed = (info: Pick<TestInfo, 'status' | 'expectedStatus'>) => info.status !== undefined && info.status !== info.expectedStatus && info.status !== 'skipped';

/** Collects the report and attaches it to the test; used by the fixtures after a failed test. */
export async function attachFailureReport(info: Pick<TestInfo, 'attach'>, src: ReportSources): Promise<FailureReport> {
  const report = await collectReport(src);
  for (const a of reportAttachments(report)) await info.attach(a.name, { body: a.body, contentType: a.contentType });
  return report;
}
