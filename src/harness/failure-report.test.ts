import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunArgs, runScenarios } from './scenario-cli.js';
import { ATTACHMENT_NAMES } from './report.js';

/**
 * The failure report, end to end: `scenario run` on a folder with one scenario that fails on
 * purpose (after an API call the sandbox refuses, an email and a webhook) and one that passes.
 * The child Playwright run's JSON report must carry the workspace's request journal, webhook
 * deliveries and emails on the failed test only; the HTML and JUnit reports must exist.
 */

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'playwright.ts');

const FAILING = `import { test, expect, personas, profileBody } from 'passfort-sandbox/playwright';

test('deliberately fails after a refused call, an email and a webhook', async ({ api, inbox, webhooks }) => {
  await webhooks.useSink();
  const profile = await api.profiles.create(profileBody(personas.alex));
  const task = await api.profiles.task(profile.id, 'INDIVIDUAL_VERIFY_IDENTITY');
  await api.customerRequests.create(profile.id, { type: 'FORMS', task_ids: [task.id] });
  await inbox.waitForEmail({ to: personas.alex.email });
  await webhooks.waitForEvent('CUSTOMER_REQUEST_CHANGED');
  await api.raw('POST', '/4.0/forms/profile/' + profile.id + '/customer_request', { type: 'FORMS', task_ids: [task.id] });
  expect('SENT', 'a deliberate failure').toBe('EXPIRED');
});

test('passes and carries no sandbox report', async ({ api }) => {
  expect((await api.clock.get()).frozen).toBe(false);
  console.log(\`env marker: \${process.env.PFS_ENV_MARKER}\`);
});
`;

interface JsonResult {
  status: string;
  attachments: { name: string; contentType: string; body?: string; path?: string }[];
}
interface JsonSpec {
  title: string;
  tests: { results: JsonResult[] }[];
}

let dir: string;
let out: string;
let code: number;
let childLog = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-failure-report-'));
  out = path.join(dir, 'results');
  fs.mkdirSync(path.join(dir, 'scenarios'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'integrator-project', private: true, type: 'module' }));
  fs.writeFileSync(path.join(dir, 'scenarios', 'deliberate.scenario.ts'), FAILING);
  // Outside the repository: map the package name to the fixtures' source, as the repo's tsconfig does.
  fs.writeFileSync(
    path.join(dir, 'scenarios', 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', paths: { 'passfort-sandbox/playwright': [FIXTURES] } } }),
  );
  const options = { ...parseRunArgs(['--dir', path.join(dir, 'scenarios'), '--workers', '1', '--output', out], {}), env: { PFS_ENV_MARKER: 'reached the scenario' } };
  code = await runScenarios(options, () => {}, (chunk) => (childLog += chunk));
}, 180_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function specs(): JsonSpec[] {
  const report = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as { suites: { specs: JsonSpec[] }[] };
  return report.suites.flatMap((s) => s.specs);
}
const attachment = (r: JsonResult, name: string) => {
  const a = r.attachments.find((x) => x.name === name);
  if (!a?.body) throw new Error(`no attachment "${name}" with a body; attachments: ${r.attachments.map((x) => x.name).join(', ')}`);
  return Buffer.from(a.body, 'base64').toString('utf8');
};

/** The files of a zip archive (the HTML report embeds its data as one), by name. */
function unzip(buf: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = buf.readUInt16LE(eocd + 10); i > 0; i--) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
    at += 46 + skip;
  }
  return files;
}

describe('the failure report of a scenario run', () => {
  it('the run fails (exit 1) with one failed and one passed test', () => {
    expect(code, childLog).toBe(1);
    const results = specs().map((s) => [s.title, s.tests[0]!.results[0]!.status]);
    expect(results).toEqual([
      ['deliberately fails after a refused call, an email and a webhook', 'failed'],
      ['passes and carries no sandbox report', 'passed'],
    ]);
  });

  it('attaches the request journal, with the refused call and its PassFort code', () => {
    const failed = specs()[0]!.tests[0]!.results[0]!;
    const journal = JSON.parse(attachment(failed, ATTACHMENT_NAMES.requests)) as { method: string; url: string; status: number; error_code: number | null }[];
    expect(journal.map((e) => `${e.method} ${e.url.replace(/[0-9a-f-]{36}/g, ':id')} ${e.status}`)).toEqual(
      expect.arrayContaining(['POST /4.0/profiles 200', 'POST /4.0/forms/profile/:id/customer_request 200', 'POST /4.0/forms/profile/:id/customer_request 400']),
    );
    expect(journal.find((e) => e.status === 400)?.error_code).toBe(105);
  });

  it('attaches the webhook deliveries and the emails with their link', () => {
    const failed = specs()[0]!.tests[0]!.results[0]!;
    const deliveries = JSON.parse(attachment(failed, ATTACHMENT_NAMES.deliveries)) as { events: string[]; ok: boolean }[];
    expect(deliveries.flatMap((d) => d.events)).toContain('CUSTOMER_REQUEST_CHANGED');
    expect(deliveries.every((d) => d.ok)).toBe(true);
    const emails = JSON.parse(attachment(failed, ATTACHMENT_NAMES.emails)) as { subject: string; to: string[]; link: string | null }[];
    expect(emails).toEqual([{ subject: 'Please update your information', to: ['alex.wheeler@example.com'], created: expect.any(String), link: expect.stringMatching(/\/onboarding\?request_id=[0-9a-f-]{36}&apikey=\w+$/) }]);
  });

  it('puts a readable summary first, naming the refused call, the webhook and the email', () => {
    const failed = specs()[0]!.tests[0]!.results[0]!;
    const names = failed.attachments.map((a) => a.name);
    expect(names.indexOf(ATTACHMENT_NAMES.summary)).toBeLessThan(names.indexOf(ATTACHMENT_NAMES.requests));
    const summary = attachment(failed, ATTACHMENT_NAMES.summary);
    expect(summary).toMatch(/POST\s+\/4\.0\/forms\/profile\/[0-9a-f-]{36}\/customer_request → 400 code 105/);
    expect(summary).toMatch(/CUSTOMER_REQUEST_CHANGED → http:\/\/127\.0\.0\.1:\d+\/__sandbox\/webhook-sink\/ws-[0-9a-f-]{36}: 200 ok/);
    expect(summary).toContain('"Please update your information" to alex.wheeler@example.com');
  });

  it('runs Playwright with the extra environment it was given (the dashboard passes PLAYWRIGHT_LIST_PRINT_STEPS this way)', () => {
    expect(childLog).toContain('env marker: reached the scenario');
  });

  it('leaves the passing test without sandbox attachments', () => {
    const passed = specs()[1]!.tests[0]!.results[0]!;
    expect(passed.attachments.filter((a) => a.name.startsWith('passfort-sandbox'))).toEqual([]);
  });

  it('writes the HTML report with the attachments, and JUnit XML with the failure', () => {
    const html = fs.readFileSync(path.join(out, 'html', 'index.html'), 'utf8');
    const embedded = /<template id="playwrightReportBase64">data:application\/zip;base64,([^<]*)<\/template>/.exec(html);
    expect(embedded, 'the report data in index.html').not.toBeNull();
    const report = [...unzip(Buffer.from(embedded![1]!, 'base64')).values()].join('\n');
    for (const name of Object.values(ATTACHMENT_NAMES)) expect(report).toContain(`"name":"${name}"`);
    expect(report).toContain('Please update your information');
    const junit = fs.readFileSync(path.join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites[^>]* tests="2" failures="1"/);
    expect(junit).toContain('a deliberate failure');
  });
});
