import { describe, expect, it } from 'vitest';
import type { JournalEntry, WebhookDelivery } from './client.js';
import { ATTACHMENT_NAMES, attachFailureReport, collectReport, formatReport, reportAttachments, testFailed, type ReportSources } from './report.js';

const call = (id: number, method: string, url: string, status: number, error_code: number | null = null): JournalEntry => ({
  id,
  at: `2026-01-15T09:00:0${id}.000Z`,
  method,
  url,
  status,
  duration_ms: 1.5,
  error_code,
});
const delivery = (n: number, ok: boolean, extra: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: `d${n}`,
  n,
  at: '2026-01-15T09:00:05.000Z',
  url: 'http://127.0.0.1:3000/hook',
  event_ids: ['e1'],
  events: ['CUSTOMER_REQUEST_CHANGED'],
  attempt: n,
  status: ok ? 200 : 500,
  ok,
  error: ok ? null : 'HTTP 500: only 200 counts as delivered',
  next_retry_at: ok ? null : '2026-01-15T09:00:07.000Z',
  ...extra,
});

const sources = (over: Partial<ReportSources> = {}): ReportSources => ({
  workspace: { id: 'w1', name: 'a test' },
  sandboxUrl: 'http://127.0.0.1:8400',
  requests: async () => [call(1, 'POST', '/4.0/profiles', 200), call(2, 'POST', '/4.0/forms/profile/p1/customer_request', 400, 105)],
  deliveries: async () => [delivery(1, false), delivery(2, true)],
  emails: async () => [{ subject: 'Please update your information', to: ['alex@example.com'], created: '2026-01-15T09:00:01.000Z', link: 'http://x/onboarding?request_id=r&apikey=k' }],
  ...over,
});

describe('the failure report', () => {
  it('reads every source; one that fails is named, the others still reported', async () => {
    const report = await collectReport(sources({ deliveries: async () => Promise.reject(new Error('socket hang up')) }));
    expect(report.requests).toHaveLength(2);
    expect(report.deliveries).toEqual([]);
    expect(report.problems).toEqual(['webhook deliveries (GET /__sandbox/webhooks/deliveries): socket hang up']);
    expect(formatReport(report)).toContain('Could not read:\n  webhook deliveries (GET /__sandbox/webhooks/deliveries): socket hang up');
  });

  it('reads as text: refused calls marked with their code, failed attempts with the error and retry, emails with the link', async () => {
    const text = formatReport(await collectReport(sources()));
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'passfort-sandbox workspace w1 (a test) at http://127.0.0.1:8400',
        'API calls: 2, 1 refused (oldest first)',
        '  09:00:01.000  POST   /4.0/profiles → 200  1.5 ms',
        '  09:00:02.000  POST   /4.0/forms/profile/p1/customer_request → 400 code 105  1.5 ms   <<',
        'Webhook attempts: 2, 1 failed',
        '  09:00:05.000  #1 attempt 1 CUSTOMER_REQUEST_CHANGED → http://127.0.0.1:3000/hook: FAILED HTTP 500: only 200 counts as delivered; next retry 2026-01-15T09:00:07.000Z',
        '  09:00:05.000  #2 attempt 2 CUSTOMER_REQUEST_CHANGED → http://127.0.0.1:3000/hook: 200 ok',
        'Emails: 1',
        '  09:00:01.000  "Please update your information" to alex@example.com',
        '      http://x/onboarding?request_id=r&apikey=k',
      ]),
    );
  });

  it('says so when there is nothing, and keeps only the last calls of a long journal', async () => {
    const empty = formatReport(await collectReport(sources({ requests: async () => [], deliveries: async () => [], emails: async () => [] })));
    expect(empty).toContain('API calls: 0 (oldest first)\n  (none)');
    expect(empty).toContain('(none: is a webhook URL set for this workspace?)');
    const many = Array.from({ length: 100 }, (_, i) => call(i + 1, 'GET', `/4.0/profiles/${i + 1}`, 200));
    const text = formatReport(await collectReport(sources({ requests: async () => many })), { requests: 5, deliveries: 5 });
    expect(text).toContain('API calls: 100 (oldest first, last 5 shown)');
    expect(text).toContain('/4.0/profiles/100 ');
    expect(text).not.toContain('/4.0/profiles/95 ');
  });

  it('becomes four attachments: the summary first, then the three sources as JSON', async () => {
    const report = await collectReport(sources());
    const attachments = reportAttachments(report);
    expect(attachments.map((a) => [a.name, a.contentType])).toEqual([
      [ATTACHMENT_NAMES.summary, 'text/plain'],
      [ATTACHMENT_NAMES.requests, 'application/json'],
      [ATTACHMENT_NAMES.deliveries, 'application/json'],
      [ATTACHMENT_NAMES.emails, 'application/json'],
    ]);
    expect(JSON.parse(attachments[1]!.body)).toEqual(report.requests);
    const attached: string[] = [];
    await attachFailureReport({ attach: async (name: string) => void attached.push(name) }, sources());
    expect(attached).toEqual(Object.values(ATTACHMENT_NAMES));
  });

  it('is wanted when a test ended other than expected', () => {
    expect(testFailed({ status: 'failed', expectedStatus: 'passed' })).toBe(true);
    expect(testFailed({ status: 'timedOut', expectedStatus: 'passed' })).toBe(true);
    expect(testFailed({ status: 'passed', expectedStatus: 'failed' })).toBe(true);
    expect(testFailed({ status: 'passed', expectedStatus: 'passed' })).toBe(false);
    expect(testFailed({ status: 'failed', expectedStatus: 'failed' })).toBe(false);
    expect(testFailed({ status: 'skipped', expectedStatus: 'passed' })).toBe(false);
  });
});
