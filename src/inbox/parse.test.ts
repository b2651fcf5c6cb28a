import fs from 'node:fs';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalHeaderKey, parseMessage, rawHeaderLines, searchTextOf, snippetOf } from './parse.js';

const fixture = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('parseMessage on the .eml samples', () => {
  it('multipart/mixed with an alternative body and two attachments', async () => {
    const p = await parseMessage(fixture('multipart-attachments.eml'));
    expect(p.subject).toBe('Multipart report');
    expect(p.messageId).toBe('multipart-1@example.test');
    expect(p.from).toEqual({ Name: 'Alice Example', Address: 'alice@example.test' });
    expect(p.to).toEqual([
      { Name: 'Bob', Address: 'bob@example.test' },
      { Name: '', Address: 'carol+team@example.test' },
    ]);
    expect(p.cc).toEqual([{ Name: 'Dave', Address: 'dave@example.test' }]);
    expect(p.date?.toISOString()).toBe('2026-01-06T10:00:00.000Z');
    expect(p.text).toContain('Plain body with a link https://example.test/plain');
    expect(p.html).toContain('<b>body</b>');
    expect(p.inline).toEqual([]);
    expect(p.attachments.map((a) => [a.PartID, a.FileName, a.ContentType, a.Size])).toEqual([
      ['2', 'report.csv', 'text/csv', 8],
      ['3', 'terms.pdf', 'application/pdf', 54],
    ]);
    const csv = p.parts.get('2')!;
    expect(csv.content.toString()).toBe('a,b\r\n1,2');
    expect(csv.info.Checksums.SHA256).toBe(crypto.createHash('sha256').update(csv.content).digest('hex'));
    expect(p.parts.get('3')!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(searchTextOf(p)).toContain('report.csv');
  });

  it('an inline image in multipart/related is Inline, not an attachment, and keeps its cid', async () => {
    const p = await parseMessage(fixture('inline-image.eml'));
    expect(p.attachments).toEqual([]);
    expect(p.inline).toHaveLength(1);
    expect(p.inline[0]).toMatchObject({ PartID: '2', FileName: 'logo.png', ContentType: 'image/png', ContentID: 'logo@example.test' });
    expect(p.html).toContain('src="cid:logo@example.test"');
    const png = p.parts.get('2')!.content;
    expect(png.readUInt32BE(0)).toBe(0x89504e47);
  });

  it('decodes encoded words, quoted-printable latin-1 and base64 UTF-8 bodies', async () => {
    const p = await parseMessage(fixture('encodings.eml'));
    expect(p.subject).toBe('Grüße aus München ✓');
    expect(p.from).toEqual({ Name: 'Jürgen Müller', Address: 'juergen@example.test' });
    expect(p.to).toEqual([{ Name: 'Renée', Address: 'renee@example.test' }]);
    expect(p.text.trim()).toBe('Café crème, à bientôt.');
    expect(p.html).toContain('日本語');
    expect(p.date?.toISOString()).toBe('2026-01-06T11:00:00.000Z');
  });

  it('keeps a message with broken MIME (unclosed multipart, bad base64) and what it can read', async () => {
    const p = await parseMessage(fixture('broken-mime.eml'));
    expect(p.parseError).toBeNull();
    expect(p.subject).toBe('Broken MIME');
    expect(p.from.Address).toBe('broken@example.test');
    expect(p.attachments.map((a) => a.FileName)).toEqual(['half.bin']);
    expect([...p.parts.get('2')!.content]).toEqual([0, 1, 2]);
  });

  it('reads raw 8-bit latin-1 headers as latin-1 instead of replacement characters', async () => {
    const p = await parseMessage(fixture('non-utf8-headers.eml'));
    expect(p.subject).toBe('Résumé à jour');
    expect(p.from).toEqual({ Name: 'François', Address: 'francois@example.test' });
    expect(p.to).toEqual([{ Name: '', Address: 'team@example.test' }]);
  });

  it('falls back to a header scan when the parser gives up, so the message is still kept', async () => {
    const huge = Buffer.from(`Subject: Too many parts\r\nFrom: x@example.test\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${'--b\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(1100)}--b--\r\n`);
    const p = await parseMessage(huge);
    expect(p.subject).toBe('Too many parts');
    if (p.parseError) expect(p.parseError).toMatch(/\w/);
  });
});

describe('headers', () => {
  it('unfolds continuation lines and keeps repeated headers in order', () => {
    const raw = Buffer.from('Received: from a\r\n by b\r\nReceived: from c\r\nX-Long: one\r\n\ttwo\r\n\r\nbody: not a header\r\n');
    expect(rawHeaderLines(raw)).toEqual([
      { key: 'Received', value: 'from a by b' },
      { key: 'Received', value: 'from c' },
      { key: 'X-Long', value: 'one two' },
    ]);
  });

  it.each([
    ['message-id', 'Message-Id'],
    ['MIME-VERSION', 'Mime-Version'],
    ['x-tags', 'X-Tags'],
    ['content-type', 'Content-Type'],
  ])('%s is %s, as Go spells it', (key, canonical) => expect(canonicalHeaderKey(key)).toBe(canonical));
});

describe('snippet', () => {
  it('uses the text part, collapses white space and stops at 250 characters', () => {
    expect(snippetOf('  Hello\n\n  world  ', '<p>ignored</p>')).toBe('Hello world');
    const long = 'word '.repeat(100);
    expect(snippetOf(long, '')).toHaveLength(253);
    expect(snippetOf(long, '').endsWith('...')).toBe(true);
  });

  it('falls back to the HTML words without tags, styles or entities', () => {
    expect(snippetOf('', '<style>p{color:red}</style><p>Caf&eacute; &amp; <b>tea</b></p>')).toBe('Caf&eacute; & tea');
  });
});
