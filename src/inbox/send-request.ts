import { loadNodemailer } from './mailer.js';

/**
 * Mailpit's `POST /api/v1/send`: a JSON description of a message (From, To, Cc, Bcc, ReplyTo,
 * Subject, Text, HTML, Attachments, Tags, Headers) built into a real MIME message, which is
 * then stored as if it had arrived over SMTP. Problems are reported as Mailpit does:
 * `400 {"Error": "…"}`.
 */

export class SendRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SendRequestError';
  }
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/;
const RESTRICTED = ['to', 'from', 'cc', 'bcc', 'reply-to', 'date', 'subject', 'content-type', 'mime-version'];

type Address = { Email?: unknown; Name?: unknown };

function address(value: unknown, field: string): { name: string; address: string } {
  if (value === null || typeof value !== 'object') throw new SendRequestError(`invalid ${field} address: expected {"Email","Name"}`);
  const { Email, Name } = value as Address;
  if (typeof Email !== 'string' || !EMAIL.test(Email)) throw new SendRequestError(`invalid ${field} address: ${String(Email ?? '')}`);
  if (Name !== undefined && typeof Name !== 'string') throw new SendRequestError(`invalid ${field} name: must be a string`);
  return { name: (Name as string | undefined) ?? '', address: Email };
}

function list(value: unknown, field: string): { name: string; address: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SendRequestError(`${field} must be an array`);
  return value.map((v) => address(v, field));
}

export interface BuiltMessage {
  raw: Buffer;
  recipients: string[];
}

export async function buildSendRequest(body: unknown): Promise<BuiltMessage> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SendRequestError('the body must be a JSON object');
  const b = body as Record<string, unknown>;
  const from = address(b.From, 'From');
  const to = list(b.To, 'To');
  const cc = list(b.Cc, 'Cc');
  const replyTo = list(b.ReplyTo, 'Reply-To');
  const bccRaw = b.Bcc ?? [];
  if (!Array.isArray(bccRaw)) throw new SendRequestError('Bcc must be an array of email addresses');
  const bcc = bccRaw.map((e) => {
    if (typeof e !== 'string' || !EMAIL.test(e)) throw new SendRequestError(`invalid Bcc address: ${String(e)}`);
    return e;
  });
  for (const key of ['Subject', 'Text', 'HTML'] as const) {
    if (b[key] !== undefined && typeof b[key] !== 'string') throw new SendRequestError(`${key} must be a string`);
  }
  const headers: Record<string, string> = {};
  if (b.Tags !== undefined) {
    if (!Array.isArray(b.Tags) || b.Tags.some((t) => typeof t !== 'string')) throw new SendRequestError('Tags must be an array of strings');
    if (b.Tags.length) headers['X-Tags'] = b.Tags.join(', ');
  }
  if (b.Headers !== undefined) {
    if (b.Headers === null || typeof b.Headers !== 'object' || Array.isArray(b.Headers)) throw new SendRequestError('Headers must be an object of strings');
    for (const [k, v] of Object.entries(b.Headers as Record<string, unknown>)) {
      if (RESTRICTED.includes(k.toLowerCase()) || (headers['X-Tags'] && k.toLowerCase() === 'x-tags')) {
        throw new SendRequestError(`cannot overwrite header: "${k}"`);
      }
      if (typeof v !== 'string' || /[\r\n]/.test(v) || !/^[!-9;-~]+$/.test(k)) throw new SendRequestError(`invalid header: "${k}"`);
      headers[k] = v;
    }
  }
  const attachments = (() => {
    if (b.Attachments === undefined || b.Attachments === null) return [];
    if (!Array.isArray(b.Attachments)) throw new SendRequestError('Attachments must be an array');
    return b.Attachments.map((a: unknown) => {
      const att = (a ?? {}) as Record<string, unknown>;
      if (typeof att.Filename !== 'string' || att.Filename === '') throw new SendRequestError('an attachment needs a Filename');
      if (typeof att.Content !== 'string') throw new SendRequestError(`attachment "${att.Filename}" needs base64 Content`);
      // Browsers' readAsDataURL() prefixes `data:…;base64,`: keep what follows the last comma.
      const data = att.Content.split(',').pop()!.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 === 1) {
        throw new SendRequestError(`error decoding base64 attachment "${att.Filename}": illegal base64 data`);
      }
      return {
        filename: att.Filename,
        content: Buffer.from(data, 'base64'),
        ...(typeof att.ContentType === 'string' && att.ContentType ? { contentType: att.ContentType } : {}),
        ...(typeof att.ContentID === 'string' && att.ContentID ? { cid: att.ContentID, contentDisposition: 'inline' as const } : {}),
      };
    });
  })();
  const transport = (await loadNodemailer()).createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({
    from,
    to,
    cc,
    bcc,
    replyTo,
    subject: (b.Subject as string | undefined) ?? '',
    text: (b.Text as string | undefined) ?? '',
    ...(b.HTML ? { html: b.HTML as string } : {}),
    headers,
    attachments,
  });
  // The stream transport keeps Bcc in the source, as Mailpit's builder does.
  const raw = (info as unknown as { message: Buffer }).message;
  return { raw, recipients: [...to, ...cc].map((a) => a.address).concat(bcc) };
}
