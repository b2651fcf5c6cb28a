import { z } from 'zod';
import { workspaceConfigSchema } from './schema.js';

/** Where the committed schema lives, relative to the package root. */
export const CONFIG_SCHEMA_PATH = 'schema/config.schema.json';

/**
 * The JSON Schema of `passfort-sandbox.config.json`, for editor completion
 * (`"$schema": "./node_modules/passfort-sandbox/schema/config.schema.json"`). Generated from
 * the zod schema that validates the file, so the two cannot drift; rules that span sections
 * (references, paths, placeholders) are only checked when the sandbox loads the file.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(workspaceConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'passfort-sandbox workspace configuration',
    description:
      'passfort-sandbox.config.json: products, requestable tasks, form and flow templates, form and email themes, webhooks (CONTRACT §10).',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** The file's text: stable key order, two-space indent, trailing newline. */
export const configJsonSchemaText = () => `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
