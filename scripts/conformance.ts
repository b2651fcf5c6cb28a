/**
 * `npm run conformance -- <openapi file or URL> [--url <sandbox URL>] [--api-key <key>] [--json]`
 *
 * Calls every operation of the OpenAPI document against a running sandbox (or, without
 * --url, one started in this process on free ports with a memory store) and checks each
 * response against the document's schema. Prints a table; exits 1 when any operation fails.
 */
import fs from 'node:fs';
import { createSandbox } from '../src/sandbox.js';
import { defaultConfig } from '../src/config/default-config.js';
import { formatTable, runSweep } from '../src/conformance/sweep.js';
import type { OpenApiDoc } from '../src/conformance/openapi-validator.js';

const USAGE = 'usage: npm run conformance -- <openapi file or URL> [--url <sandbox URL>] [--api-key <key>] [--json]';

function parseArgs(argv: string[]) {
  const out: { spec?: string; url?: string; apiKey?: string; json: boolean } = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--url') out.url = argv[++i];
    else if (a === '--api-key') out.apiKey = argv[++i];
    else if (a === '--json') out.json = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith('-')) fail(`unknown option ${a}\n${USAGE}`);
    else if (!out.spec) out.spec = a;
    else fail(`unexpected argument ${a}\n${USAGE}`);
  }
  if (!out.spec) fail(`no OpenAPI document given\n${USAGE}`);
  return out as { spec: string; url?: string; apiKey?: string; json: boolean };
}

function fail(message: string): never {
  console.error(`conformance: ${message}`);
  process.exit(2);
}

async function loadSpec(where: string): Promise<OpenApiDoc> {
  let text: string;
  if (/^https?:\/\//.test(where)) {
    const res = await fetch(where);
    if (!res.ok) fail(`${where} answered ${res.status}`);
    text = await res.text();
  } else {
    try {
      text = fs.readFileSync(where, 'utf8');
    } catch (err) {
      fail(`cannot read ${where}: ${(err as NodeJS.ErrnoException).code ?? err}`);
    }
  }
  try {
    return JSON.parse(text) as OpenApiDoc;
  } catch (err) {
    fail(`${where} is not JSON (YAML documents are not supported): ${(err as Error).message}`);
  }
}

const args = parseArgs(process.argv.slice(2));
const spec = await loadSpec(args.spec);
let close: (() => Promise<void>) | undefined;
let baseUrl = args.url;
let apiKey = args.apiKey ?? process.env.PASSFORT_SANDBOX_API_KEY;
if (!baseUrl) {
  // The built-in config, whatever config file sits in the working directory: the sweep needs its products.
  const sandbox = await createSandbox({ port: 0, smtpPort: 0, inboxPort: 0, memory: true, config: defaultConfig as Record<string, unknown> });
  baseUrl = sandbox.urls.api;
  apiKey = sandbox.apiKey;
  close = () => sandbox.close();
  if (!args.json) console.log(`conformance: started a sandbox at ${baseUrl} (memory store)`);
} else if (!apiKey) {
  fail('--url needs the workspace master key: --api-key <key> or PASSFORT_SANDBOX_API_KEY');
}
try {
  const rows = await runSweep({ spec, baseUrl: baseUrl!, apiKey: apiKey! });
  console.log(args.json ? JSON.stringify(rows, null, 2) : formatTable(rows));
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
} finally {
  await close?.();
}
