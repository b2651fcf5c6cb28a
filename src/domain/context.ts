import type { IdGenerator } from '../core/ids.js';
import type { WorkspaceConfig } from '../config/schema.js';

/**
 * What domain code is given to work with. Domain modules import nothing from Hono, lowdb
 * or the network: they read and write through `repo`, learn the time from `now`, make ids
 * with `ids`, and say what happened with `emit`. The workspace runtime commits all of it
 * atomically (data, events and scheduled jobs together) or none of it.
 */

export interface Doc {
  readonly id: string;
}

/** A workspace-scoped view of the store inside one unit of work; reads see its own writes. */
export interface Repo {
  get<T extends Doc>(col: string, id: string): T | undefined;
  list<T extends Doc>(col: string): T[];
  count(col: string): number;
  /** `list(col).slice(start, end)`, without reading the rest of a large collection when it can. */
  slice<T extends Doc>(col: string, start: number, end: number): T[];
  put<T extends Doc>(col: string, doc: T): void;
  /** `put` of a document with a fresh id (never used in `col`): it is added without reading the collection. */
  add<T extends Doc>(col: string, doc: T): void;
  del(col: string, id: string): void;
}

/** Who made a change: shown in audit items and webhook payloads. */
export interface Actor {
  kind: 'apikey' | 'user' | 'smart_policy' | 'customer' | 'sandbox';
  name: string;
  id?: string;
  email?: string;
}

export interface Job {
  /** Deterministic ids (`kind:key`) so rescheduling replaces. */
  id: string;
  /** Workspace time (ms) at which it is due. */
  at: number;
  kind: string;
  payload: Record<string, unknown>;
}

/** An API key other than the workspace master key, scoped to part of the workspace. */
export interface ScopedKey {
  kind: 'request' | 'collect';
  name: string;
  /** For request keys. */
  request_id?: string;
  profile_ids?: string[];
  /** Workspace time (ms); null for no expiry. */
  expires_at: number | null;
}

export interface DomainContext {
  readonly workspaceId: string;
  /** Workspace time for this unit of work, in ms since the epoch; fixed for its duration. */
  readonly now: number;
  readonly ids: IdGenerator;
  readonly repo: Repo;
  readonly config: WorkspaceConfig;
  readonly actor: Actor;
  /** Records a domain event; it is stored with the change and published after commit. */
  emit(type: string, data: Record<string, unknown>): void;
  schedule(job: Job): void;
  cancel(jobId: string): void;
  /** Issues a scoped API key (returned) or revokes one. */
  issueKey(key: ScopedKey): string;
  revokeKey(key: string): void;
}

export type JobHandler = (ctx: DomainContext, job: Job) => void;
export type JobHandlers = Record<string, JobHandler>;
