import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_PATH, configJsonSchema, configJsonSchemaText } from './json-schema.js';

describe('schema/config.schema.json', () => {
  it('is what `npm run config-schema` generates from the zod schema (run it after changing the config schema)', () => {
    expect(fs.readFileSync(CONFIG_SCHEMA_PATH, 'utf8')).toBe(configJsonSchemaText());
  });

  it('describes every top-level key of CONTRACT §10 and refuses unknown ones', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown>; additionalProperties: unknown };
    for (const key of ['form_url', 'expiry_days', 'products', 'tasks', 'form_templates', 'flow_templates', 'form_themes', 'email_theme', 'webhooks']) {
      expect(schema.properties).toHaveProperty(key);
    }
    expect(schema.additionalProperties).toBe(false);
  });

  it('carries field documentation for editors', () => {
    expect(fs.readFileSync(CONFIG_SCHEMA_PATH, 'utf8')).toContain('A path ending in [] writes a list');
  });
});
