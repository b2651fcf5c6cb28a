import type { ColdPart } from './memory-store.js';
import { PART_DOCS } from './snapshot-file.js';

/** A collection's documents as snapshot parts of PART_DOCS documents (see snapshot-file.ts), serialised when written. */
export function toParts(all: [string, unknown][]): ColdPart[] {
  const parts: ColdPart[] = [];
  for (let i = 0; i === 0 || i < all.length; i += PART_DOCS) parts.push(new PendingPart(all.length <= PART_DOCS ? all : all.slice(i, i + PART_DOCS)));
  return parts;
}

/** A part's documents as they were taken at the rotation; its text is made when the snapshot writes it. */
class PendingPart implements ColdPart {
  #length = -1;
  /** Between the writer asking its length and copying it. */
  #text: string | null = null;
  constructor(readonly entries: [string, unknown][]) {}

  get count(): number {
    return this.entries.length;
  }

  get length(): number {
    if (this.#length < 0) {
      this.#text = partText(this.entries);
      this.#length = Buffer.byteLength(this.#text);
    }
    return this.#length;
  }

  #takeText(): string {
    const text = this.#text ?? partText(this.entries);
    this.#text = null;
    return text;
  }

  bytes(): Buffer {
    const bytes = Buffer.from(this.#takeText());
    this.#length = bytes.length;
    return bytes;
  }

  copyTo(target: Buffer, at: number): void {
    this.#length = target.write(this.#takeText(), at);
  }
}

/**
 * What JSON.stringify(Object.fromEntries(entries)) gives for such ids, without that object: every
 * key of an object is put in V8's string table, so a compaction interned every document id it
 * wrote (~200,000 after POST loads on 10,000 profiles). The table grew past 2^17 entries, and when
 * V8 freed its old 2 MB array glibc raised its trim threshold to 2 MB for good (see large-io.ts):
 * RSS after the same replay 100.9-103.0 MB in three runs against 92.7 and 93.3 MB in two this way.
 */
function partText(entries: [string, unknown][]): string {
  const pieces: string[] = [];
  for (const [id, doc] of entries) pieces.push(`${JSON.stringify(id)}:${JSON.stringify(doc)}`);
  return `{${pieces.join(',')}}`;
}
