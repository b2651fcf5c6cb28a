import type { ClockState } from '../core/clock.js';

/** A workspace as stored in the global `workspaces` collection. */
export interface WorkspaceMeta {
  id: string;
  name: string;
  /** Wall-clock ms when it was created. */
  created_at: number;
  clock: ClockState;
  /** The config as the user gave it (validated); null means the built-in default. */
  config: Record<string, unknown> | null;
}
