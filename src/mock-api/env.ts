import type { Actor } from '../domain/context.js';
import type { Principal, WorkspaceRegistry } from '../workspace/registry.js';
import type { Workspace } from '../workspace/workspace.js';

/** Per-request variables every route can read after authentication. */
export type SandboxEnv = {
  Variables: {
    workspace: Workspace;
    principal: Principal;
    actor: Actor;
    registry: WorkspaceRegistry;
    /** Set with every error answer (see errorJson), for the request journal. */
    errorCode: number;
  };
};
