/**
 * Mailpit's tag rules: a tag is letters, digits, space, `-`, `_` and `.`; anything else becomes
 * a space, spaces collapse, the ends are trimmed. Tags are unique without regard to case, and
 * an existing tag keeps the spelling it was first given.
 */

const INVALID = /[^a-zA-Z0-9\-\ _.]/g;
const VALID = /^[a-zA-Z0-9\-\ _.]+$/;

export function cleanTag(tag: string): string {
  return tag.replace(INVALID, ' ').replace(/\s+/g, ' ').trim();
}

export const isValidTag = (tag: string) => tag !== '' && VALID.test(tag);

/**
 * Cleans, drops invalid and duplicate tags, reuses the mailbox's spelling of a tag it already
 * knows (`known`: lower-case → spelling), and sorts.
 */
export function normaliseTags(tags: readonly string[], known: ReadonlyMap<string, string> = new Map()): string[] {
  const out = new Map<string, string>();
  for (const t of tags) {
    const clean = cleanTag(t);
    if (!isValidTag(clean)) continue;
    const lower = clean.toLowerCase();
    if (!out.has(lower)) out.set(lower, known.get(lower) ?? clean);
  }
  return [...out.values()].sort();
}

/** `user+tag1+tag2@example.com` → `["tag1", "tag2"]` (the part after the first `+`). */
export function plusAddressTags(address: string): string[] {
  const at = address.lastIndexOf('@');
  if (at === -1) return [];
  const local = address.slice(0, at);
  const plus = local.indexOf('+');
  if (plus <= 0) return [];
  return local.slice(plus + 1).split('+');
}

/** The `X-Tags` header: comma separated. */
export const xTags = (header: string) => (header ? header.split(',') : []);
