import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Long texts read and written through one kept 64 KB buffer instead of a buffer their size.
 *
 * Why: glibc serves a block over 128 KB with its own mapping and, when such a block is freed,
 * raises that threshold to the block's size (up to 32 MB) for the rest of the process. From then
 * on blocks below it come from the arenas, and every thread's arena may keep twice that much unused
 * memory. Under write loads on 10,000 profiles the journal's long lines (~1.4 MB when the webhook
 * queue prunes its outbox) and the start's read of the snapshot index (~3 MB) raised it to ~4 MB,
 * and V8's four worker threads' arenas then held ~17 MB that the process never gave back (see
 * docs/performance-and-reliability.md). `fs.writeSync(fd, string)` allocates three bytes per
 * character for the UTF-8, so a line of 43,000 characters is already such a block.
 */
const PIECE_BYTES = 64 * 1024;
/** Written as one string below this many characters: its UTF-8 buffer (3 bytes each) stays under 128 KB. */
const DIRECT_CHARS = 32 * 1024;

let kept: Buffer | null = null;
const piece = (): Buffer => (kept ??= Buffer.allocUnsafeSlow(PIECE_BYTES));

/**
 * A long text encoded into `chunk` a piece at a time, each piece yielded before the next is made
 * (the caller writes it first).
 */
export function* encodeThrough(chunk: Buffer, text: string): Generator<Buffer> {
  // UTF-16 units whose UTF-8 always fits in the chunk (at most 3 bytes each; a surrogate pair, 4 for 2).
  const units = Math.floor(chunk.length / 3);
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + units, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // keep a surrogate pair whole
    yield chunk.subarray(0, chunk.write(text.slice(start, end), 0));
    start = end;
  }
}

/**
 * Writes all of `text` at the file's position and returns its byte length. A short write (a full
 * disk) ends in the error that stopped it; the caller cuts the partial line off.
 */
export function writeText(fd: number, text: string): number {
  if (text.length < DIRECT_CHARS) {
    const bytes = Buffer.byteLength(text);
    const written = fs.writeSync(fd, text);
    // A short write of a regular file means the disk is full: finish it from a Buffer, which
    // can resume at a byte offset, or fail with the error that stopped it.
    if (written < bytes) {
      const buf = Buffer.from(text);
      for (let done = written; done < bytes; ) done += fs.writeSync(fd, buf, done);
    }
    return bytes;
  }
  let total = 0;
  for (const bytes of encodeThrough(piece(), text)) {
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    total += bytes.length;
  }
  return total;
}

/** `length` bytes at `offset` as UTF-8 text; `short` makes the error for a file that ends first. */
export function readText(fd: number, offset: number, length: number, short: () => Error): string {
  const buf = piece();
  const decoder = new StringDecoder('utf8');
  let text = '';
  for (let done = 0; done < length; ) {
    const n = fs.readSync(fd, buf, 0, Math.min(buf.length, length - done), offset + done);
    if (n === 0) throw short();
    text += decoder.write(buf.subarray(0, n));
    done += n;
  }
  return text + decoder.end();
}
