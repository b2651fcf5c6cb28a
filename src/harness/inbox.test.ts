import type { MailpitClient } from 'mailpit-api';
import { describe, expect, it } from 'vitest';
import { describeFilter, extractLinks, findRequestLink, searchQuery, WorkspaceInbox } from './inbox.js';

describe('links in an email', () => {
  it('takes hrefs from the HTML, entities decoded, in order', () => {
    const html = '<a href="https://bank.example/onboarding?request_id=r1&amp;apikey=k1">Update information</a> <a href=\'https://bank.example/help\'>help</a>';
    expect(extractLinks(html, 'ignored https://text.example')).toEqual(['https://bank.example/onboarding?request_id=r1&apikey=k1', 'https://bank.example/help']);
  });

  it('takes URLs from the text when there is no HTML', () => {
    expect(extractLinks('', 'Update information: http://127.0.0.1:8400/onboarding?request_id=r&apikey=k\n--\nfooter (https://x.example).')).toEqual([
      'http://127.0.0.1:8400/onboarding?request_id=r&apikey=k',
      'https://x.example',
    ]);
  });

  it('finds the request link, the first with request_id and apikey', () => {
    expect(findRequestLink(['https://a.example/', 'not a url', 'https://b.example/f?request_id=r9&apikey=k9&x=1'])).toEqual({
      url: 'https://b.example/f?request_id=r9&apikey=k9&x=1',
      request_id: 'r9',
      apikey: 'k9',
    });
    expect(findRequestLink(['https://b.example/f?request_id=r9'])).toBeNull();
  });
});

describe('searches', () => {
  it('always filters by the workspace tag, quoting values with spaces', () => {
    expect(searchQuery('ws-1')).toBe('tag:ws-1');
    expect(searchQuery('ws-1', { to: 'a@b.example', subject: 'Please update', query: 'has:attachment' })).toBe('tag:ws-1 to:a@b.example subject:"Please update" has:attachment');
    expect(describeFilter({})).toBe('any');
    expect(describeFilter({ to: 'a@b.example', subject: 'Hi' })).toBe('to a@b.example with subject "Hi"');
  });
});

/** A stand-in for mailpit-api's client holding some messages. */
function fakeMailpit(messages: { ID: string; Subject: string; To: string }[]) {
  const queries: string[] = [];
  const mailpit = {
    searchMessages: async ({ query }: { query: string }) => {
      queries.push(query);
      const to = /to:(\S+)/.exec(query)?.[1];
      return { messages: messages.filter((m) => !to || m.To === to).map((m) => ({ ...m, To: [{ Address: m.To, Name: '' }], Created: '2026-01-15T09:00:00.000Z' })) };
    },
    getMessageSummary: async (id: string) => {
      const m = messages.find((x) => x.ID === id)!;
      return { ID: id, Subject: m.Subject, From: { Name: 'Sandbox Bank', Address: 'onboarding@bank.example' }, To: [{ Address: m.To, Name: '' }], Date: '2026-01-15T09:00:00.000Z', HTML: `<a href="http://x.test/onboarding?request_id=r-${id}&amp;apikey=k">Update information</a>`, Text: 'text' };
    },
    getMessageHeaders: async () => ({ 'X-Tags': ['ws-w1'] }),
  };
  return { mailpit: mailpit as unknown as MailpitClient, queries };
}

describe('WorkspaceInbox', () => {
  it('reads the newest matching email with its request link, searching inside the workspace tag', async () => {
    const { mailpit, queries } = fakeMailpit([{ ID: 'm2', Subject: 'Please update your information', To: 'alex@example.com' }]);
    const email = await new WorkspaceInbox(mailpit, 'w1').waitForEmail({ to: 'alex@example.com' }, { timeout: 1_000 });
    expect(email).toMatchObject({ id: 'm2', from: 'Sandbox Bank <onboarding@bank.example>', to: ['alex@example.com'], requestLink: { request_id: 'r-m2', apikey: 'k' } });
    expect(queries[0]).toBe('tag:ws-w1 to:alex@example.com');
  });

  it('times out listing what the workspace did receive', async () => {
    const { mailpit } = fakeMailpit([{ ID: 'm1', Subject: 'Welcome', To: 'sam@example.com' }]);
    const err = (await new WorkspaceInbox(mailpit, 'w1').waitForEmail({ to: 'alex@example.com' }, { timeout: 40 }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^Timed out after 40 ms waiting for an email to alex@example.com in the inbox of workspace w1; last saw "\\"Welcome\\" to sam@example.com" for this workspace/);
  });

  it('summarises subject, recipients and link for the failure report', async () => {
    const { mailpit } = fakeMailpit([{ ID: 'm1', Subject: 'Please update your information', To: 'alex@example.com' }]);
    expect(await new WorkspaceInbox(mailpit, 'w1').summary()).toEqual([
      { subject: 'Please update your information', to: ['alex@example.com'], created: '2026-01-15T09:00:00.000Z', link: 'http://x.test/onboarding?request_id=r-m1&apikey=k' },
    ]);
  });
});
