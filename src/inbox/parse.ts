import crypto from 'node:crypto';
import type { AddressObject, Attachment as ParsedAttachment, ParsedMail } from 'mailparser';

/**
 * Turns a raw RFC 5322 message into what the Mailpit API shows: addresses as
 * `{Name, Address}`, text and HTML bodies, attachments and inline parts with IMAP-style part
 * ids and checksums, a snippet and the text that free-text search looks in. A message that
 * mailparser cannot read is still kept: it gets what a header scan can tell, never an error.
 */

export interface MailAddress {
  Name: string;
  Address: string;
}

export interface AttachmentInfo {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
  Size: number;
  Checksums: { MD5: string; SHA1: string; SHA256: string };
}

export interface ParsedMessage {
  messageId: string;
  subject: string;
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  replyTo: MailAddress[];
  returnPath: string;
  /** The Date header, if it had a valid one. */
  date: Date | null;
  text: string;
  html: string;
  attachments: AttachmentInfo[];
  inline: AttachmentInfo[];
  /** Part contents by PartID (attachments and inline parts). */
  parts: Map<string, { info: AttachmentInfo; content: Buffer }>;
  listUnsubscribe: { Header: string; Links: string[]; Errors: string; HeaderPost: string };
  /** Why the parser gave up, if it did (the message is kept with what could be read). */
  parseError: string | null;
}

function addressList(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const out: MailAddress[] = [];
  const visit = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.group) visit(e.group);
      else if (e.address !== undefined || e.name) out.push({ Name: e.name ?? '', Address: e.address ?? '' });
    }
  };
  for (const obj of Array.isArray(value) ? value : [value]) visit(obj.value);
  return out;
}

function attachmentInfo(a: ParsedAttachment, index: number): AttachmentInfo {
  const content = a.content;
  return {
    PartID: a.partId ?? String(index + 1),
    FileName: a.filename ?? a.cid ?? '',
    ContentType: a.contentType,
    ContentID: a.cid ?? '',
    Size: content.length,
    Checksums: {
      MD5: crypto.createHash('md5').update(content).digest('hex'),
      SHA1: crypto.createHash('sha1').update(content).digest('hex'),
      SHA256: crypto.createHash('sha256').update(content).digest('hex'),
    },
  };
}

/** Inline parts are the ones a body refers to (multipart/related, or inline with a Content-ID). */
function isInline(a: ParsedAttachment): boolean {
  if (a.related) return true;
  return a.contentDisposition === 'inline' && Boolean(a.cid);
}

function headerString(mail: ParsedMail, name: string): string {
  const v = mail.headers.get(name);
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}

const HTTP_LINK = /<(https?:\/\/[^>]+)>/i;
const MAILTO_LINK = /<(mailto:[^>]+)>/i;

function listUnsubscribe(raw: string, post: string): ParsedMessage['listUnsubscribe'] {
  if (!raw) return { Header: '', Links: [], Errors: '', HeaderPost: '' };
  const links: string[] = [];
  const http = HTTP_LINK.exec(raw);
  const mailto = MAILTO_LINK.exec(raw);
  if (mailto) links.push(mailto[1]!);
  if (http) links.push(http[1]!);
  return { Header: raw, Links: links, Errors: links.length ? '' : 'no valid unsubscribe links found', HeaderPost: post };
}

/** Header lines of the top-level header block, unfolded: the basis of the headers endpoint and of fallbacks. */
export function rawHeaderLines(raw: Buffer): { key: string; value: string }[] {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = end === -1 ? text : text.slice(0, end);
  const out: { key: string; value: string }[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length > 0) {
      out[out.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    if (!/^[!-9;-~]+$/.test(key)) continue; // not a header name: stop guessing about it
    out.push({ key, value: line.slice(colon + 1).trim() });
  }
  // Header bytes are usually ASCII; re-decode as UTF-8 when they are valid UTF-8 (SMTPUTF8 senders).
  return out.map(({ key, value }) => {
    const bytes = Buffer.from(value, 'latin1');
    const utf8 = bytes.toString('utf8');
    return { key, value: utf8.includes('\uFFFD') ? value : utf8 };
  });
}

/** Go's textproto canonical form (`message-id` → `Message-Id`), which Mailpit's headers endpoint uses. */
export function canonicalHeaderKey(key: string): string {
  return key
    .split('-')
    .map((p) => (p ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p))
    .join('-');
}

function fallback(raw: Buffer, error: string): ParsedMessage {
  const headers = rawHeaderLines(raw);
  const get = (name: string) => headers.find((h) => h.key.toLowerCase() === name)?.value ?? '';
  const bodyStart = raw.indexOf('\r\n\r\n') !== -1 ? raw.indexOf('\r\n\r\n') + 4 : raw.indexOf('\n\n') + 2;
  return {
    messageId: get('message-id').replace(/^<|>$/g, ''),
    subject: get('subject'),
    from: { Name: get('from'), Address: '' },
    to: [],
    cc: [],
    bcc: [],
    replyTo: [],
    returnPath: get('return-path').replace(/^<|>$/g, ''),
    date: null,
    text: bodyStart > 1 ? raw.subarray(bodyStart).toString('utf8') : '',
    html: '',
    attachments: [],
    inline: [],
    parts: new Map(),
    listUnsubscribe: listUnsubscribe('', ''),
    parseError: error,
  };
}

/** Loaded on the first message: mailparser and its charset tables cost ~0.3-0.6 s of every start. */
let mailparser: Promise<typeof import('mailparser')> | undefined;

export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  let mail: ParsedMail;
  try {
    mail = await (await (mailparser ??= import('mailparser'))).simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, keepCidLinks: true });
  } catch (err) {
    return fallback(raw, (err as Error).message);
  }
  const from = addressList(mail.from)[0] ?? (headerString(mail, 'from') ? { Name: headerString(mail, 'from'), Address: '' } : { Name: '', Address: '' });
  const attachments: AttachmentInfo[] = [];
  const inline: AttachmentInfo[] = [];
  const parts = new Map<string, { info: AttachmentInfo; content: Buffer }>();
  mail.attachments.forEach((a, i) => {
    const info = attachmentInfo(a, i);
    (isInline(a) ? inline : attachments).push(info);
    parts.set(info.PartID, { info, content: a.content });
  });
  // Raw 8-bit header bytes that are not UTF-8 (old mailers): read them as latin1, not as U+FFFD.
  const headerLines = rawHeaderLines(raw);
  const rawHeader = (name: string) => headerLines.find((h) => h.key.toLowerCase() === name)?.value ?? '';
  const repaired = (decoded: string, name: string) => {
    const original = rawHeader(name);
    return decoded.includes('\uFFFD') && original && !original.includes('\uFFFD') && !original.includes('=?') ? original : decoded;
  };
  if (from.Name.includes('\uFFFD')) {
    const fixed = /^\s*"?([^"<]*?)"?\s*</.exec(repaired(from.Name, 'from'));
    if (fixed) from.Name = fixed[1]!;
  }
  const returnPathHeader = addressList(mail.headers.get('return-path') as AddressObject | undefined)[0]?.Address ?? '';
  const validDate = mail.date && mail.headers.has('date') && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
  return {
    messageId: (mail.messageId ?? '').replace(/^<|>$/g, ''),
    subject: repaired(mail.subject ?? '', 'subject'),
    from,
    to: addressList(mail.to),
    cc: addressList(mail.cc),
    bcc: addressList(mail.bcc),
    replyTo: addressList(mail.replyTo),
    returnPath: returnPathHeader || from.Address,
    date: validDate,
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    attachments,
    inline,
    parts,
    listUnsubscribe: listUnsubscribe(rawHeader('list-unsubscribe'), headerString(mail, 'list-unsubscribe-post')),
    parseError: null,
  };
}

/** HTML to plain words, for search and snippets (no layout needed, just the words). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n) % 0x110000));
}

/** Mailpit's cleanString: drops punctuation that separates words in headers, collapses space, lower-cases. */
export function cleanSearchText(text: string): string {
  return text
    .replace(/\uFEFF/g, ' ')
    .replace(/(\r?\n|\t|>|<|"|,|;|\(|\))/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** Up to 250 characters of the body, whitespace collapsed (Mailpit's snippet). */
export function snippetOf(text: string, html: string): string {
  const source = text.trim() ? text : htmlToText(html);
  const flat = source.replace(/\s+/g, ' ').trim();
  return flat.length > 250 ? `${flat.slice(0, 250)}...` : flat;
}

const addressText = (list: MailAddress[]) => list.map((a) => `${a.Name} <${a.Address}>`).join(', ');

/** What free text is matched against: the address headers, subject, body words and attachment names. */
export function searchTextOf(p: ParsedMessage): string {
  const body = p.html ? htmlToText(p.html) : p.text;
  return cleanSearchText(
    [
      addressText([p.from]),
      p.subject,
      addressText(p.to),
      addressText(p.cc),
      addressText(p.bcc),
      addressText(p.replyTo),
      p.returnPath,
      body,
      ...p.attachments.map((a) => a.FileName),
    ].join(' '),
  );
}
