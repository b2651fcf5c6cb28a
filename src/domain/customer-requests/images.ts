/**
 * Uploaded images, checked by their bytes (never by a name or a declared type): JPEG, PNG,
 * WebP and HEIC photos, and PDF for documents that are paper (a bank statement).
 */

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export type SniffedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'application/pdf';

export interface DecodedImage {
  /** Base64 without any data: prefix or whitespace. */
  base64: string;
  size: number;
  content_type: SniffedType | null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes base64 or a data: URI; null when it is neither. */
export function decodeImageData(input: string): DecodedImage | null {
  let text = input.trim();
  const uri = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)?(;[a-z0-9-]+=[^;,]*)*;base64,/i.exec(text);
  if (uri) text = text.slice(uri[0].length);
  else if (text.startsWith('data:')) return null;
  text = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (text.length === 0 || text.length % 4 === 1 || !BASE64.test(text)) return null;
  const padded = text.length % 4 === 0 ? text : text + '='.repeat(4 - (text.length % 4));
  const bytes = Buffer.from(padded, 'base64');
  if (bytes.length === 0) return null;
  return { base64: padded, size: bytes.length, content_type: sniff(bytes) };
}

export function sniff(b: Uint8Array): SniffedType | null {
  const at = (i: number, ...xs: number[]) => xs.every((x, j) => b[i + j] === x);
  const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(4, 'ftyp') && ['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].some((brand) => ascii(8, brand))) return 'image/heic';
  if (ascii(0, '%PDF-')) return 'application/pdf';
  return null;
}

/** A human description of what the bytes look like, for a refusal. */
export function describeBytes(type: SniffedType | null): string {
  return type ?? 'not a JPEG, PNG, WebP, HEIC or PDF file';
}
