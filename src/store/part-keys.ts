const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/**
 * The keys of a JSON object's text, in order, without parsing its values: a snapshot part is
 * `{"<id>":{…},"<id>":{…}}`, and a read of one document by id needs to know which part holds it,
 * not the 500 documents of every part. About 10 times faster than JSON.parse on such text, and it
 * makes no object per document. Expects text JSON.stringify wrote (what a snapshot holds).
 */
export function topLevelKeys(text: Uint8Array): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; text[i] !== QUOTE; i++) {
        if (text[i] === BACKSLASH) {
          escaped = true;
          i++;
        }
      }
      if (depth === 1 && expectKey) {
        keys.push(escaped ? (JSON.parse(Buffer.from(text.subarray(start, i + 1)).toString('utf8')) as string) : Buffer.from(text.buffer, text.byteOffset + start + 1, i - start - 1).toString('utf8'));
        expectKey = false;
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth === 1) expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    } else if (c === COMMA && depth === 1) {
      expectKey = true;
    }
  }
  return keys;
}
