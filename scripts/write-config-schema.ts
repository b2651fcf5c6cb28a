/**
 * Writes schema/config.schema.json from the config's zod schema.
 *   npm run config-schema          write it
 *   npm run config-schema -- --check   exit 1 if the committed file is out of date
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_SCHEMA_PATH, configJsonSchemaText } from '../src/config/json-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, CONFIG_SCHEMA_PATH);
const text = configJsonSchemaText();

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error(`${CONFIG_SCHEMA_PATH} is out of date: run npm run config-schema`);
    process.exit(1);
  }
  console.log(`${CONFIG_SCHEMA_PATH} is up to date`);
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`wrote ${CONFIG_SCHEMA_PATH} (${text.length} bytes)`);
}
