import type { z } from 'zod';
import { workspaceConfigSchema, type WorkspaceConfig } from './schema.js';
import { crossCheckConfig } from './cross-check.js';

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

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
}

/** Validates a config object (shape, then the rules that span sections). Throws ConfigError. */
export function parseConfig(input: unknown, source = 'config'): WorkspaceConfig {
  const parsed = workspaceConfigSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ConfigError(formatZodIssues(parsed.error.issues), source);
  const problems = crossCheckConfig(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems, source);
  return parsed.data;
}
