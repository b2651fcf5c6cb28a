import type { WallClock } from '../core/clock.js';
import type { EventBus } from '../core/event-bus.js';
import type { IdGenerator } from '../core/ids.js';
import type { Store } from '../store/store.js';
import { parseConfig } from '../config/load-config.js';
import { defaultConfig } from '../config/default-config.js';
import type { WorkspaceConfig } from '../config/schema.js';
import type { JobHandlers } from '../domain/context.js';
import type { SandboxEvent } from './events.js';
import type { WorkspaceMeta } from './meta.js';
import { KEYS, WORKSPACES, Workspace, type KeyDoc } from './workspace.js';

export const DEFAULT_WORKSPACE_ID = 'default';

/** Who is calling, after the API key was looked up. */
export type Principal =
  | { kind: 'master'; workspace: Workspace; keyName: string }
  | { kind: 'request'; workspace: Workspace; keyName: string; requestId: string; profileIds: string[]; expiresAt: number | null }
  | { kind: 'collect'; workspace: Workspace; keyName: string; profileIds: string[]; expiresAt: number | null };

export interface RegistryOptions {
  store: Store;
  wall: WallClock;
  ids: IdGenerator;
  bus: EventBus<SandboxEvent>;
  jobs: JobHandlers;
  /** Config of the default workspace (file or built-in), applied at every start. */
  defaultWorkspaceConfig?: unknown;
  /** Fixed master key of the default workspace (PASSFORT_SANDBOX_API_KEY). */
  defaultApiKey?: string;
}

/** Every workspace of this sandbox, and API key lookup across them. */
export class WorkspaceRegistry {
  readonly #workspaces = new Map<string, Workspace>();
  readonly #opts: RegistryOptions;

  private constructor(opts: RegistryOptions) {
    this.#opts = opts;
  }

  static open(opts: RegistryOptions): WorkspaceRegistry {
    const registry = new WorkspaceRegistry(opts);
    for (const meta of opts.store.values<WorkspaceMeta>(WORKSPACES)) {
      const config = meta.id === DEFAULT_WORKSPACE_ID ? null : parseConfig(meta.config ?? defaultConfig, `workspace ${meta.id}`);
      if (config) registry.#workspaces.set(meta.id, new Workspace(meta, config, registry.#deps()));
    }
    registry.#ensureDefault();
    return registry;
  }

  #deps() {
    const { store, wall, ids, bus, jobs } = this.#opts;
    return { store, wall, ids, bus, jobs };
  }

  #ensureDefault(): void {
    const { store, ids, wall } = this.#opts;
    const raw = this.#opts.defaultWorkspaceConfig ?? defaultConfig;
    const config = parseConfig(raw, 'config');
    const stored = store.get<WorkspaceMeta>(WORKSPACES, DEFAULT_WORKSPACE_ID);
    const meta: WorkspaceMeta = stored
      ? { ...stored, config: raw as Record<string, unknown> }
      : {
          id: DEFAULT_WORKSPACE_ID,
          name: 'Default workspace',
          created_at: wall.now(),
          clock: { offsetMs: 0, frozenAtMs: null },
          config: raw as Record<string, unknown>,
        };
    const changes: Parameters<Store['commit']>[0][number][] = [{ op: 'put', col: WORKSPACES, id: meta.id, doc: meta }];
    const current = this.masterKeyOf(DEFAULT_WORKSPACE_ID);
    const wanted = this.#opts.defaultApiKey ?? current ?? ids.hex(23);
    if (current !== wanted) {
      if (current) changes.push({ op: 'del', col: KEYS, id: current });
      changes.push({ op: 'put', col: KEYS, id: wanted, doc: masterKeyDoc(wanted, DEFAULT_WORKSPACE_ID) });
    }
    store.commit(changes);
    this.#workspaces.get(DEFAULT_WORKSPACE_ID)?.close();
    this.#workspaces.set(DEFAULT_WORKSPACE_ID, new Workspace(meta, config, this.#deps()));
  }

  get(id: string): Workspace | undefined {
    return this.#workspaces.get(id);
  }

  get default(): Workspace {
    return this.#workspaces.get(DEFAULT_WORKSPACE_ID)!;
  }

  list(): Workspace[] {
    return [...this.#workspaces.values()];
  }

  /** Creates a workspace; `config` is validated first (throws ConfigError). */
  create(input: { name?: string; config?: unknown }): { workspace: Workspace; apiKey: string } {
    const { store, ids, wall } = this.#opts;
    const config: WorkspaceConfig = parseConfig(input.config ?? defaultConfig, 'config');
    const id = ids.uuid();
    const meta: WorkspaceMeta = {
      id,
      name: input.name ?? `workspace-${id.slice(0, 8)}`,
      created_at: wall.now(),
      clock: { offsetMs: 0, frozenAtMs: null },
      config: (input.config as Record<string, unknown> | undefined) ?? null,
    };
    const apiKey = ids.hex(23);
    store.commit([
      { op: 'put', col: WORKSPACES, id, doc: meta },
      { op: 'put', col: KEYS, id: apiKey, doc: masterKeyDoc(apiKey, id) },
    ]);
    const workspace = new Workspace(meta, config, this.#deps());
    this.#workspaces.set(id, workspace);
    return { workspace, apiKey };
  }

  masterKeyOf(workspaceId: string): string | undefined {
    for (const key of this.#opts.store.values<KeyDoc>(KEYS)) {
      if (key.workspace === workspaceId && key.kind === 'master') return key.id;
    }
    return undefined;
  }

  /** Looks an API key up. Expired scoped keys are reported as such so callers can say so. */
  authenticate(apiKey: string): Principal | { kind: 'expired'; workspace: Workspace } | undefined {
    const doc = this.#opts.store.get<KeyDoc>(KEYS, apiKey);
    if (!doc) return undefined;
    const workspace = this.#workspaces.get(doc.workspace);
    if (!workspace) return undefined;
    if (doc.kind === 'master') return { kind: 'master', workspace, keyName: doc.name };
    const expiresAt = doc.expires_at ?? null;
    if (expiresAt !== null && workspace.clock.nowMs() >= expiresAt) return { kind: 'expired', workspace };
    if (doc.kind === 'request') {
      return {
        kind: 'request',
        workspace,
        keyName: doc.name,
        requestId: doc.request_id ?? '',
        profileIds: doc.profile_ids ?? [],
        expiresAt,
      };
    }
    return { kind: 'collect', workspace, keyName: doc.name, profileIds: doc.profile_ids ?? [], expiresAt };
  }

  close(): void {
    for (const ws of this.#workspaces.values()) ws.close();
  }
}

function masterKeyDoc(id: string, workspace: string): KeyDoc {
  return { id, workspace, kind: 'master', name: 'Master API key' };
}
