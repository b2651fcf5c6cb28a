import crypto from 'node:crypto';
import type { WallClock } from '../core/clock.js';
import type { Change, Store } from '../store/store.js';
import { cleanSearchText, parseMessage, rawHeaderLines, searchTextOf, snippetOf, type MailAddress, type ParsedMessage } from './parse.js';
import { matches, parseSearch, type SearchableMessage } from './search.js';
import { normaliseTags, plusAddressTags, xTags } from './tags.js';

/**
 * The captured mail: one summary document per message (what lists, search and tags need) and
 * the raw source in a second collection, so marking a message read or tagging it rewrites a
 * few hundred bytes, never the message. Raw bytes are kept exactly, as a latin1 string (one
 * character per byte, so JSON round-trips them). Parsing for the detail views happens on
 * demand from the raw source, with a small cache, as Mailpit does.
 *
 * Everything that changes is reported through `onEvent`, in Mailpit's websocket vocabulary.
 */

export const MESSAGES = 'messages';
export const RAW = 'raw';

export interface MessageDoc extends SearchableMessage {
  id: string;
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  replyTo: MailAddress[];
  username: string;
  snippet: string;
}

interface RawDoc {
  id: string;
  data: string;
}

/** A message as Mailpit lists it (`MessageSummary`). */
export interface MessageSummaryJson {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: MailAddress;
  To: MailAddress[];
  Cc: MailAddress[];
  Bcc: MailAddress[];
  ReplyTo: MailAddress[];
  Subject: string;
  Created: string;
  Username: string;
  Tags: string[];
  Size: number;
  Attachments: number;
  Snippet: string;
}

export type MailboxEvent =
  | { type: 'new'; data: MessageSummaryJson }
  | { type: 'update'; data: { ID: string; Read: boolean } | { ID: string; Tags: string[] } }
  | { type: 'delete'; data: { ID: string } }
  | { type: 'truncate'; data: null }
  | { type: 'prune'; data: null };

export interface MailboxOptions {
  store: Store;
  /** Oldest messages are deleted past this many; 0 keeps everything. Default 500 (Mailpit's default). */
  maxMessages?: number;
  wall?: WallClock;
  onEvent?: (event: MailboxEvent) => void;
  /** Called whenever totals may have changed (the hub rate-limits the `stats` event). */
  onStats?: () => void;
}

export interface IngestOptions {
  /** SMTP envelope recipients: those not in To/Cc/Bcc are listed as Bcc, as Mailpit does. */
  recipients?: string[];
  /** SMTP AUTH or HTTP user, shown as Username. */
  username?: string;
}

export class MailboxError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
    this.name = 'MailboxError';
  }
}

const BASE57 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** 22 characters of base57, like the short UUIDs Mailpit uses as database ids. */
export function shortId(): string {
  const bytes = crypto.randomBytes(22);
  let out = '';
  for (const b of bytes) out += BASE57[b % 57];
  return out;
}

const lowerAddr = (list: MailAddress[]) => list.map((a) => `${a.Name} <${a.Address}>`).join(', ').toLowerCase();

export class Mailbox {
  readonly #store: Store;
  readonly #max: number;
  readonly #wall: WallClock;
  readonly #onEvent: (e: MailboxEvent) => void;
  readonly #onStats: () => void;
  #newestFirst: MessageDoc[] | null = null;
  /** lower-case tag -> spelling; rebuilt after any change but an ingest, which extends it. */
  #tags: Map<string, string> | null = null;
  readonly #parsed = new Map<string, Promise<ParsedMessage>>();
  /** Runtime counters for /api/v1/info. */
  readonly counters = { accepted: 0, acceptedSize: 0, rejected: 0, deleted: 0 };

  constructor(opts: MailboxOptions) {
    this.#store = opts.store;
    this.#max = opts.maxMessages ?? 500;
    this.#wall = opts.wall ?? { now: () => Date.now() };
    this.#onEvent = opts.onEvent ?? (() => {});
    this.#onStats = opts.onStats ?? (() => {});
  }

  get maxMessages(): number {
    return this.#max;
  }

  #commit(changes: Change[]): void {
    if (changes.length === 0) return;
    this.#store.commit(changes);
    this.#newestFirst = null;
    this.#tags = null;
  }

  /** Every message, newest first. */
  all(): readonly MessageDoc[] {
    return (this.#newestFirst ??= [...this.#store.values<MessageDoc>(MESSAGES)].reverse());
  }

  get(id: string): MessageDoc | undefined {
    return this.#store.get<MessageDoc>(MESSAGES, id);
  }

  require(id: string): MessageDoc {
    const doc = this.get(id);
    if (!doc) throw new MailboxError('Message not found', 404);
    return doc;
  }

  raw(id: string): Buffer {
    const doc = this.#store.get<RawDoc>(RAW, id);
    if (!doc) throw new MailboxError('Message not found', 404);
    return Buffer.from(doc.data, 'latin1');
  }

  /** The parsed message (cached for the last few messages looked at). */
  parsed(id: string): Promise<ParsedMessage> {
    let p = this.#parsed.get(id);
    if (!p) {
      p = parseMessage(this.raw(id));
      this.#parsed.set(id, p);
      if (this.#parsed.size > 32) this.#parsed.delete(this.#parsed.keys().next().value!);
    }
    return p;
  }

  /** A tag's spelling in this mailbox, by lower-case name. */
  knownTags(): Map<string, string> {
    if (this.#tags) return this.#tags;
    const known = new Map<string, string>();
    for (const m of this.all()) for (const t of m.tags) if (!known.has(t.toLowerCase())) known.set(t.toLowerCase(), t);
    return (this.#tags = known);
  }

  async ingest(raw: Buffer, opts: IngestOptions = {}): Promise<MessageSummaryJson> {
    const parsed = await parseMessage(raw);
    const listed = new Set([...parsed.to, ...parsed.cc, ...parsed.bcc].map((a) => a.Address.toLowerCase()));
    const bcc = [...parsed.bcc];
    for (const r of opts.recipients ?? []) {
      if (!listed.has(r.toLowerCase())) {
        listed.add(r.toLowerCase());
        bcc.push({ Name: '', Address: r });
      }
    }
    const xTagHeader = rawHeaderLines(raw).find((h) => h.key.toLowerCase() === 'x-tags')?.value ?? '';
    const plus = [...parsed.to, ...parsed.cc, ...bcc, parsed.from].flatMap((a) => plusAddressTags(a.Address));
    const known = this.knownTags();
    const tags = normaliseTags([...xTags(xTagHeader), ...plus], known);
    const id = shortId();
    const doc: MessageDoc = {
      id,
      created: this.#wall.now(),
      read: false,
      tags,
      messageId: parsed.messageId,
      subject: parsed.subject,
      from: parsed.from,
      to: parsed.to,
      cc: parsed.cc,
      bcc,
      replyTo: parsed.replyTo,
      username: opts.username ?? '',
      size: raw.length,
      attachments: parsed.attachments.length,
      inline: parsed.inline.length,
      snippet: snippetOf(parsed.text, parsed.html),
      addr: {
        to: lowerAddr(parsed.to),
        from: lowerAddr([parsed.from]),
        cc: lowerAddr(parsed.cc),
        bcc: lowerAddr(bcc),
        replyTo: lowerAddr(parsed.replyTo),
      },
      search: cleanSearchText(`${searchTextOf(parsed)} ${bcc.map((a) => a.Address).join(' ')}`),
    };
    const changes: Change[] = [
      // An add (the id is 22 random bytes): the first message after a restart does not parse every raw source kept.
      { op: 'add', col: RAW, id, doc: { id, data: raw.toString('latin1') } satisfies RawDoc },
      { op: 'put', col: MESSAGES, id, doc },
    ];
    // Retention: the oldest go first, in the same commit as the new message.
    const pruned: string[] = [];
    if (this.#max > 0) {
      const excess = this.#store.size(MESSAGES) + 1 - this.#max;
      if (excess > 0) {
        for (const old of this.#store.values<MessageDoc>(MESSAGES)) {
          if (pruned.length >= excess) break;
          pruned.push(old.id);
          changes.push({ op: 'del', col: MESSAGES, id: old.id }, { op: 'del', col: RAW, id: old.id });
        }
      }
    }
    this.#commit(changes);
    // A new message only adds tags; the index stays valid unless retention removed messages.
    if (pruned.length === 0) {
      for (const t of tags) known.set(t.toLowerCase(), known.get(t.toLowerCase()) ?? t);
      this.#tags = known;
    }
    this.#parsed.set(id, Promise.resolve(parsed));
    this.counters.accepted++;
    this.counters.acceptedSize += raw.length;
    this.counters.deleted += pruned.length;
    for (const p of pruned) {
      this.#parsed.delete(p);
      this.#onEvent({ type: 'delete', data: { ID: p } });
    }
    const summary = toSummary(this.get(id)!);
    this.#onEvent({ type: 'new', data: summary });
    this.#onStats();
    return summary;
  }

  /** Messages matching a Mailpit query, newest first (throws SearchError on a bad query). */
  search(query: string, tz?: string): MessageDoc[] {
    const filters = parseSearch(query, tz);
    return this.all().filter((m) => matches(m, filters));
  }

  /** `latest`, optionally the latest matching `query`. */
  latestId(query?: string, tz?: string): string {
    const list = query && query.trim() ? this.search(query, tz) : this.all();
    if (list.length === 0) throw new MailboxError('Message not found', 404);
    return list[0]!.id;
  }

  stats(): { total: number; unread: number } {
    let unread = 0;
    for (const m of this.all()) if (!m.read) unread++;
    return { total: this.all().length, unread };
  }

  /** Sets the read flag; an `update` event for each message that changed when `announce`. */
  setRead(ids: readonly string[], read: boolean, announce = true): number {
    const changes: Change[] = [];
    const changed: string[] = [];
    for (const id of new Set(ids)) {
      const doc = this.get(id);
      if (!doc || doc.read === read) continue;
      changes.push({ op: 'put', col: MESSAGES, id, doc: { ...doc, read } });
      changed.push(id);
    }
    this.#commit(changes);
    if (announce) for (const id of changed) this.#onEvent({ type: 'update', data: { ID: id, Read: read } });
    if (changed.length) this.#onStats();
    return changed.length;
  }

  delete(ids: readonly string[]): number {
    const gone = [...new Set(ids)].filter((id) => this.get(id));
    this.#commit(gone.flatMap((id) => [{ op: 'del', col: MESSAGES, id } as const, { op: 'del', col: RAW, id } as const]));
    this.counters.deleted += gone.length;
    for (const id of gone) {
      this.#parsed.delete(id);
      this.#onEvent({ type: 'delete', data: { ID: id } });
    }
    if (gone.length) this.#onStats();
    return gone.length;
  }

  deleteAll(): number {
    const n = this.all().length;
    this.#commit([
      { op: 'drop', prefix: MESSAGES },
      { op: 'drop', prefix: RAW },
    ]);
    this.#newestFirst = null;
    this.#parsed.clear();
    this.counters.deleted += n;
    this.#onEvent({ type: 'truncate', data: null });
    this.#onStats();
    return n;
  }

  /** Replaces the tags of each message (Mailpit's PUT /api/v1/tags). */
  setTags(ids: readonly string[], tags: readonly string[]): void {
    const missing = ids.find((id) => !this.get(id));
    if (missing) throw new MailboxError(`Message not found: ${missing}`);
    const changes: Change[] = [];
    const updates: { ID: string; Tags: string[] }[] = [];
    for (const id of new Set(ids)) {
      const doc = this.get(id)!;
      const known = this.knownTags();
      const next = normaliseTags(tags, known);
      if (next.join('\n') !== doc.tags.join('\n')) changes.push({ op: 'put', col: MESSAGES, id, doc: { ...doc, tags: next } });
      updates.push({ ID: id, Tags: next });
    }
    this.#commit(changes);
    for (const u of updates) this.#onEvent({ type: 'update', data: u });
  }

  allTags(): string[] {
    return [...this.knownTags().values()].sort();
  }

  tagCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const m of this.all()) for (const t of m.tags) counts[t] = (counts[t] ?? 0) + 1;
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  #retag(fn: (tags: readonly string[]) => string[] | null): void {
    const changes: Change[] = [];
    const updates: { ID: string; Tags: string[] }[] = [];
    for (const doc of this.all()) {
      const next = fn(doc.tags);
      if (!next) continue;
      changes.push({ op: 'put', col: MESSAGES, id: doc.id, doc: { ...doc, tags: next } });
      updates.push({ ID: doc.id, Tags: next });
    }
    this.#commit(changes);
    for (const u of updates) this.#onEvent({ type: 'update', data: u });
    this.#onEvent({ type: 'prune', data: null });
  }

  renameTag(from: string, to: string): void {
    const [target] = normaliseTags([to]);
    if (!target) throw new MailboxError(`invalid tag name: ${to}`);
    const known = this.knownTags();
    const current = known.get(from.toLowerCase());
    if (current === undefined || current !== from) throw new MailboxError(`tag not found: ${from}`);
    if (from === target) return;
    const clash = known.get(target.toLowerCase());
    if (clash !== undefined && clash !== from) throw new MailboxError(`tag already exists: ${target}`);
    this.#retag((tags) => (tags.includes(from) ? [...tags.filter((t) => t !== from), target].sort() : null));
  }

  deleteTag(tag: string): void {
    if (!this.allTags().includes(tag)) throw new MailboxError(`tag not found: ${tag}`);
    this.#retag((tags) => (tags.includes(tag) ? tags.filter((t) => t !== tag) : null));
  }

  /** Bytes of raw mail held (Mailpit's DatabaseSize is the SQLite file; this is the closest meaning). */
  storedBytes(): number {
    let n = 0;
    for (const m of this.all()) n += m.size;
    return n;
  }
}

export function toSummary(doc: MessageDoc): MessageSummaryJson {
  return {
    ID: doc.id,
    MessageID: doc.messageId,
    Read: doc.read,
    From: doc.from,
    To: doc.to,
    Cc: doc.cc,
    Bcc: doc.bcc,
    ReplyTo: doc.replyTo,
    Subject: doc.subject,
    Created: new Date(doc.created).toISOString(),
    Username: doc.username,
    Tags: [...doc.tags],
    Size: doc.size,
    Attachments: doc.attachments,
    Snippet: doc.snippet,
  };
}
