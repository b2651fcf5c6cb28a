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
      this.#text = JSON.stringify(Object.fromEntries(this.entries));
      this.#length = Buffer.byteLength(this.#text);
    }
    return this.#length;
  }

  #takeText(): string {
    const text = this.#text ?? JSON.stringify(Object.fromEntries(this.entries));
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
