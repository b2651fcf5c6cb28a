export { createSandbox, StartError, DEFAULTS, type Sandbox, type SandboxOptions } from './sandbox.js';
export { PassFortError, ErrorCode } from './core/errors.js';
export type { SandboxUrls } from './mock-api/app.js';
export type { SandboxEvent } from './workspace/events.js';
export type { WorkspaceConfigInput as SandboxConfig } from './config/schema.js';
