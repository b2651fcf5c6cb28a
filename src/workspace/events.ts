/**
 * What travels on the sandbox's event bus. Domain events (seq set) are stored in the
 * workspace outbox with the change that caused them; runtime notices (seq null: webhook
 * attempts, emails sent, clock moves) are only published.
 */
export interface SandboxEvent {
  workspace: string;
  id: string;
  seq: number | null;
  type: string;
  /** Workspace time, ms since the epoch. */
  at: number;
  data: Record<string, unknown>;
}

/** An outbox document: a domain event as stored. */
export interface OutboxEvent {
  id: string;
  seq: number;
  type: string;
  at: number;
  data: Record<string, unknown>;
}

export const OUTBOX = 'outbox';
export const JOBS = 'jobs';
export const COUNTERS = 'meta';
/** The one document of COUNTERS: the seq of the workspace's last outbox event. */
export const COUNTERS_ID = 'counters';
export interface CountersDoc {
  id: typeof COUNTERS_ID;
  event_seq: number;
}
