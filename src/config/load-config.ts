import type { z } from 'zod';
import { workspaceConfigSchema, type WorkspaceConfig } from './schema.js';
import { crossCheckConfig } from './cross-check.js';
import { contrastWarnings } from './contrast.js';
import { formatIssuePath } from './issue-path.js';
import { defaultConfig } from './default-config.js';
import { deepFreeze } from '../core/freeze.js';

/**
 * The built-in config already validated: scripts/bundle-cli.mjs computes it with parseConfig at
 * build time and declares it at the top of the CLI bundle; elsewhere (sources, the library) it
 * does not exist.
 */
declare const __PFS_BUILT_IN_CONFIG__: WorkspaceConfig | undefined;
let builtIn: WorkspaceConfig | undefined;

export { formatIssuePath };

/** A config that failed validation; `problems` are `path: message` lines. */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    readonly source: string,
  ) {
    super(`${source}: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
    this.name = 'ConfigError';
  }
}

export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
}

export interface ParseConfigOptions {
  /** Where warnings go (colours that fail WCAG AA); default: console.warn. */
  warn?: (message: string) => void;
}

const defaultWarn = (message: string) => console.warn(`passfort-sandbox: warning: ${message}`);

/** Validates a config object (shape, then the rules that span sections). Throws ConfigError; warns about what is legal but unwise. */
export function parseConfig(input: unknown, source = 'config', options: ParseConfigOptions = {}): WorkspaceConfig {
  // Validating the built-in config took ~40 ms of every start and of every new workspace. It
  // always gives the same result, which is frozen so that workspaces can share it.
  if (input === defaultConfig) {
    return (builtIn ??= deepFreeze(typeof __PFS_BUILT_IN_CONFIG__ === 'undefined' ? validate(input, source, options) : __PFS_BUILT_IN_CONFIG__));
  }
  return validate(input, source, options);
}

function validate(input: unknown, source: string, options: ParseConfigOptions): WorkspaceConfig {
  const parsed = workspaceConfigSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ConfigError(formatZodIssues(parsed.error.issues), source);
  const problems = crossCheckConfig(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems, source);
  const warn = options.warn ?? defaultWarn;
  for (const w of contrastWarnings(parsed.data)) warn(`${source}: ${w}`);
  return parsed.data;
}
