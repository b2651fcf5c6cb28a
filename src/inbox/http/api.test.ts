import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jpeg from 'jpeg-js';
import { MailpitClient } from 'mailpit-api';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordEvents } from '../../../test/support/inbox-events.js';
import { startInbox, type Inbox } from '../server.js';
import { UNSUPPORTED } from './message-routes.js';

/**
 * The inbox driven through the real `mailpit-api` client, method by method, with the
 * websocket events each call triggers. Every method of MailpitClient is exercised except
 * spamAssassinCheck, releaseMessage and htmlCheck, which must fail loudly.
 */

const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAF0lEQVR4AWM8ISf3nwEJMDGgASYGNAAAYgsCCU8y3x8AAAAASUVORK5CYII=';

let inbox: Inbox;
let base: string;
let mailpit: MailpitClient;
let ws: Awaited<ReturnType<typeof recordEvents>>;
let site: http.Server;
let siteUrl: string;

beforeAll(async () => {
  inbox = await startInbox({ host: '127.0.0.1', smtpPort: 0, httpPort: 0, version: '9.9.9', chaos: true, statsDelayMs: 0 });
  base = `http://127.0.0.1:${inbox.httpPort}`;
  mailpit = new MailpitClient(base);
  ws = await recordEvents(base);
  // A tiny site for the link check: /ok answers 200, anything else 404.
  site = http.createServer((req, res) => res.writeHead(req.url === '/ok' ? 200 : 404).end());
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  ws.close();
  site.close();
  await inbox.close();
});
beforeEach(async () => {
  await mailpit.deleteMessages();
  ws.clear();
});

const smtp = () => nodemailer.createTransport({ host: '127.0.0.1', port: inbox.smtpPort, secure: false });

async function seed() {
  const t = smtp();
  await t.sendMail({ from: 'Alice <alice@corp.test>', to: 'bob+ws-a1@example.test', subject: 'First', text: 'one', headers: { 'X-Tags': 'Alpha' } });
  await t.sendMail({
    from: 'Carol <carol@corp.test>',
    to: 'dave@example.test',
    subject: 'Second with files',
    text: `See ${siteUrl}/ok`,
    html: `<p>See <a href="${siteUrl}/ok">ok</a> and <a href="${siteUrl}/missing?a=1&amp;b=2">missing</a><img src="cid:logo@test"></p>`,
    attachments: [
      { filename: 'notes.txt', content: 'hello notes' },
      { filename: 'logo.png', content: Buffer.from(PNG_BASE64, 'base64'), cid: 'logo@test' },
    ],
  });
  const list = await mailpit.listMessages();
  return { second: list.messages[0]!, first: list.messages[1]! };
}

describe('mailpit-api against the embedded inbox', () => {
  it('getInfo and getConfiguration', async () => {
    await seed();
    const info = await mailpit.getInfo();
    expect(info).toMatchObject({ Version: '9.9.9', Messages: 2, Unread: 2, Tags: { Alpha: 1, 'ws-a1': 1 } });
    expect(info.RuntimeStats.SMTPAccepted).toBeGreaterThanOrEqual(2);
    const config = await mailpit.getConfiguration();
    expect(config).toMatchObject({ ChaosEnabled: true, SpamAssassin: false, MessageRelay: { Enabled: false } });
  });

  it('listMessages pages newest first; each arrival is a `new` event and a `stats` event', async () => {
    const { first, second } = await seed();
    await ws.waitFor('new', (d) => d.ID === first.ID);
    await ws.waitFor('new', (d) => d.ID === second.ID);
    await ws.waitFor('stats', (d) => d.Total === 2 && d.Unread === 2 && d.Version === '9.9.9');
    const page = await mailpit.listMessages(1, 1);
    expect(page).toMatchObject({ total: 2, unread: 2, messages_count: 2, start: 1, count: 1 });
    expect(page.messages.map((m) => m.Subject)).toEqual(['First']);
    expect(page.tags).toEqual(['Alpha', 'ws-a1']);
    expect(first).toMatchObject({ Read: false, Attachments: 0, Tags: ['Alpha', 'ws-a1'], From: { Name: 'Alice', Address: 'alice@corp.test' } });
    expect(second.Attachments).toBe(1);
  });

  it('getMessageSummary (default latest) marks read: one `update` event, then nothing on a second read', async () => {
    const { second } = await seed();
    ws.clear();
    const msg = await mailpit.getMessageSummary();
    expect(msg).toMatchObject({ ID: second.ID, Subject: 'Second with files', To: [{ Name: '', Address: 'dave@example.test' }] });
    expect(msg.Attachments.map((a) => a.FileName)).toEqual(['notes.txt']);
    expect(msg.Inline.map((a) => [a.FileName, a.ContentID])).toEqual([['logo.png', 'logo@test']]);
    expect(msg.Attachments[0]!.Checksums.SHA256).toMatch(/^[0-9a-f]{64}$/);
    await ws.waitFor('update', (d) => d.ID === second.ID && d.Read === true);
    await mailpit.getMessageSummary(second.ID);
    expect(ws.events.filter((e) => e.Type === 'update')).toHaveLength(1);
    expect((await mailpit.listMessages()).unread).toBe(1);
  });

  it('an unknown id is a 404 and never a 200', async () => {
    await expect(mailpit.getMessageSummary('nope')).rejects.toThrow(/404/);
    await expect(mailpit.getMessageSource('nope')).rejects.toThrow(/404/);
    await expect(mailpit.getMessageSummary()).rejects.toThrow(/404.*Message not found/); // empty inbox: no latest
  });

  it('getMessageHeaders (Go spelling, sorted), getMessageSource, getMessageAttachment', async () => {
    const { first, second } = await seed();
    const headers = await mailpit.getMessageHeaders(first.ID);
    expect(headers['X-Tags']).toEqual(['Alpha']);
    expect(headers['Message-Id']![0]).toMatch(/^<.+>$/);
    expect(Object.keys(headers)).toEqual([...Object.keys(headers)].sort());
    const source = await mailpit.getMessageSource(first.ID);
    expect(source).toMatch(/^Content-Type|^From|^To|^Subject|^Message-ID|^X-Tags|^Date|^MIME/m);
    expect(source).toContain('Subject: First');
    const msg = await mailpit.getMessageSummary(second.ID);
    const blob = await mailpit.getMessageAttachment(second.ID, msg.Attachments[0]!.PartID);
    expect(blob.type).toBe('text/plain');
    expect(await blob.text()).toBe('hello notes');
  });

  it('getAttachmentThumbnail: a 180×120 JPEG of an image, blank for anything else', async () => {
    const { second } = await seed();
    const msg = await mailpit.getMessageSummary(second.ID);
    for (const part of [msg.Inline[0]!, msg.Attachments[0]!]) {
      const blob = await mailpit.getAttachmentThumbnail(second.ID, part.PartID);
      expect(blob.type).toBe('image/jpeg');
      const img = jpeg.decode(Buffer.from(await blob.arrayBuffer()));
      expect([img.width, img.height]).toEqual([180, 120]);
      const centre = (60 * 180 + 90) * 4;
      const rgb = [...img.data.subarray(centre, centre + 3)];
      if (part.FileName === 'logo.png') expect(rgb[0]! - rgb[2]!).toBeGreaterThan(100); // the red pixels, centred
      else expect(rgb.every((v) => v > 245)).toBe(true); // blank white
    }
  });

  it('sendMessage stores a message (tags, attachments, Bcc) and announces it', async () => {
    const res = await mailpit.sendMessage({
      From: { Email: 'sender@example.test', Name: 'Sender' },
      To: [{ Email: 'to@example.test' }],
      Cc: [{ Email: 'cc@example.test', Name: 'Cee' }],
      Bcc: ['hidden@example.test'],
      Subject: 'Via HTTP',
      Text: 'text body',
      HTML: '<p>html body</p>',
      Tags: ['Sent', 'api'],
      Headers: { 'X-Custom': 'yes' },
      Attachments: [{ Filename: 'a.txt', Content: Buffer.from('attached').toString('base64') }],
    });
    expect(res.ID).toMatch(/^\w{22}$/);
    await ws.waitFor('new', (d) => d.ID === res.ID && d.Subject === 'Via HTTP');
    const msg = await mailpit.getMessageSummary(res.ID);
    expect(msg).toMatchObject({ Subject: 'Via HTTP', Text: 'text body', Tags: ['Sent', 'api'] }); // byte order, as Go sorts
    expect(msg.Bcc).toEqual([{ Name: '', Address: 'hidden@example.test' }]);
    expect(msg.Cc).toEqual([{ Name: 'Cee', Address: 'cc@example.test' }]);
    expect((await mailpit.getMessageHeaders(res.ID))['X-Custom']).toEqual(['yes']);
    await expect(mailpit.sendMessage({ From: { Email: 'not-an-address' }, To: [] })).rejects.toThrow(/400.*invalid From address/);
    await expect(
      mailpit.sendMessage({ From: { Email: 'a@example.test' }, To: [{ Email: 'b@example.test' }], Headers: { Subject: 'x' } }),
    ).rejects.toThrow(/cannot overwrite header/);
  });

  it('searchMessages, waitForMessage, waitForMessages; a bad query is a 400', async () => {
    await seed();
    const found = await mailpit.searchMessages({ query: 'from:carol has:attachment' });
    expect(found).toMatchObject({ messages_count: 1, total: 2 });
    expect(found.messages[0]!.Subject).toBe('Second with files');
    expect((await mailpit.waitForMessage({ query: 'tag:ws-a1' }, { timeout: 2000, interval: 20 })).Subject).toBe('First');
    expect((await mailpit.waitForMessages({ count: 2 }, { timeout: 2000, interval: 20 })).messages_count).toBe(2);
    expect((await mailpit.waitForMessages({ query: 'subject:first', count: 1, exact: true }, { timeout: 2000, interval: 20 })).messages_count).toBe(1);
    await expect(mailpit.searchMessages({ query: 'before:someday' })).rejects.toThrow(/400.*invalid before: date/);
    await expect(mailpit.searchMessages({ query: '   ' })).rejects.toThrow(/400.*no search query/);
  });

  it('latest with ?query= picks the newest matching message', async () => {
    const { first } = await seed();
    const res = await fetch(`${base}/api/v1/message/latest?query=${encodeURIComponent('subject:first')}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ID: string }).ID).toBe(first.ID);
    expect((await fetch(`${base}/api/v1/message/latest?query=subject:nothing`)).status).toBe(404);
    expect(await (await fetch(`${base}/view/latest.txt?query=tag:alpha`)).text()).toBe('one\n');
  });

  it('setReadStatus by IDs (update events), by search and for all (stats)', async () => {
    const { first, second } = await seed();
    ws.clear();
    await mailpit.setReadStatus({ IDs: [first.ID], Read: true });
    await ws.waitFor('update', (d) => d.ID === first.ID && d.Read === true);
    await ws.waitFor('stats', (d) => d.Unread === 1);
    await mailpit.setReadStatus({ Search: 'subject:second', Read: true });
    expect((await mailpit.listMessages()).unread).toBe(0);
    await mailpit.setReadStatus();
    await ws.waitFor('stats', (d) => d.Unread === 2);
    await expect(mailpit.setReadStatus({ IDs: [second.ID], Search: 'x' })).rejects.toThrow(/either IDs or a search/);
  });

  it('deleteMessages by IDs (delete events), deleteMessagesBySearch, and all (truncate)', async () => {
    const { first, second } = await seed();
    await mailpit.deleteMessages({ IDs: [first.ID] });
    await ws.waitFor('delete', (d) => d.ID === first.ID);
    await mailpit.deleteMessagesBySearch({ query: 'subject:nothing-like-this' });
    expect((await mailpit.listMessages()).total).toBe(1);
    await mailpit.deleteMessagesBySearch({ query: 'has:attachment' });
    await ws.waitFor('delete', (d) => d.ID === second.ID);
    await seed();
    ws.clear();
    await mailpit.deleteMessages();
    await ws.waitFor('truncate');
    await ws.waitFor('stats', (d) => d.Total === 0);
    expect((await mailpit.listMessages()).total).toBe(0);
  });

  it('tags: getTags, setTags (update events), renameTag and deleteTag (prune)', async () => {
    const { first, second } = await seed();
    expect(await mailpit.getTags()).toEqual(['Alpha', 'ws-a1']);
    ws.clear();
    await mailpit.setTags({ IDs: [first.ID, second.ID], Tags: ['alpha', 'Beta!'] });
    await ws.waitFor('update', (d) => d.ID === second.ID && JSON.stringify(d.Tags) === '["Alpha","Beta"]');
    expect(await mailpit.getTags()).toEqual(['Alpha', 'Beta']);
    await mailpit.renameTag('Beta', 'Gamma Ray');
    await ws.waitFor('prune');
    expect((await mailpit.searchMessages({ query: 'tag:"gamma ray"' })).messages_count).toBe(2);
    await expect(mailpit.renameTag('Missing', 'X')).rejects.toThrow(/400.*tag not found/);
    await expect(mailpit.renameTag('Alpha', 'gamma ray')).rejects.toThrow(/tag already exists/);
    await mailpit.deleteTag('Alpha');
    expect(await mailpit.getTags()).toEqual(['Gamma Ray']);
    expect((await mailpit.listMessages()).total).toBe(2); // deleting a tag keeps the messages
    await mailpit.setTags({ IDs: [first.ID] });
    expect((await mailpit.getMessageSummary(first.ID)).Tags).toEqual([]);
  });

  it('linkCheck asks every link with HEAD and counts the failures', async () => {
    const { second } = await seed();
    const check = await mailpit.linkCheck(second.ID);
    const byUrl = Object.fromEntries(check.Links.map((l) => [l.URL, [l.StatusCode, l.Status]]));
    expect(byUrl).toEqual({ [`${siteUrl}/ok`]: [200, 'OK'], [`${siteUrl}/missing?a=1&b=2`]: [404, 'Not Found'] });
    expect(check.Errors).toBe(1);
  });

  it('chaos: getChaosTriggers, setChaosTriggers (omitted triggers reset), bad values refused', async () => {
    expect((await mailpit.getChaosTriggers()).Sender).toEqual({ ErrorCode: 451, Probability: 0 });
    const set = await mailpit.setChaosTriggers({ Recipient: { ErrorCode: 550, Probability: 100 } });
    expect(set).toEqual({
      Sender: { ErrorCode: 451, Probability: 0 },
      Recipient: { ErrorCode: 550, Probability: 100 },
      Authentication: { ErrorCode: 535, Probability: 0 },
    });
    await expect(smtp().sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 'x', text: 'x' })).rejects.toThrow(/550/);
    await expect(mailpit.setChaosTriggers({ Sender: { ErrorCode: 200, Probability: 5 } })).rejects.toThrow(/400.*between 400 and 599/);
    expect((await mailpit.setChaosTriggers()).Recipient.Probability).toBe(0);
  });

  it('renderMessageHTML (cid images point at the API; embed mode) and renderMessageText', async () => {
    const { second } = await seed();
    const msg = await mailpit.getMessageSummary(second.ID);
    const html = await mailpit.renderMessageHTML(second.ID);
    expect(html).toContain(`src="/api/v1/message/${second.ID}/part/${msg.Inline[0]!.PartID}"`);
    const embedded = await mailpit.renderMessageHTML(second.ID, 1);
    expect(embedded).toContain('target="_blank"');
    expect(embedded).toContain('postMessage');
    expect(await mailpit.renderMessageText(second.ID)).toContain(`See ${siteUrl}/ok`);
    await expect(mailpit.renderMessageHTML((await mailpit.listMessages()).messages[1]!.ID)).rejects.toThrow(/404.*does not contain a HTML part/);
  });

  it.each([
    ['spamAssassinCheck', () => mailpit.spamAssassinCheck(), UNSUPPORTED.spamAssassin],
    ['releaseMessage', () => mailpit.releaseMessage('latest', { To: ['x@example.test'] }), UNSUPPORTED.release],
    ['htmlCheck', () => mailpit.htmlCheck(), UNSUPPORTED.htmlCheck],
  ])('%s is refused loudly', async (_name, call, message) => {
    await seed();
    await expect(call()).rejects.toThrow(`400 Bad Request`);
    await expect(call()).rejects.toThrow(message);
  });

  it('serves the probes and the web page', async () => {
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/api/events');
  });
});
