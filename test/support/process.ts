import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export interface CliRun {
  child: ChildProcess;
  url: string;
  apiKey: string;
  line: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Runs the CLI from source (tsx), as `npm run dev` does. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts the CLI and resolves at its ready line; rejects with stderr if it exits first. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return whenReady(spawnCli(args, env));
}

/**
 * Resolves at a spawned CLI's ready line; rejects with stderr if it exits first. Shared by every
 * way of starting the CLI (plain, or under a file-size limit) so they read the line alike.
 */
export async function whenReady(child: ChildProcess): Promise<CliRun> {
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /passfort-sandbox ready .*\n/.exec(out);
      if (m) resolve(m[0].trim());
    });
    void exited.then((code) => reject(new Error(`CLI exited with ${code} before it was ready: ${stderr}`)));
  });
  return {
    child,
    line,
    url: /ready (\S+)/.exec(line)![1]!,
    apiKey: /apikey=(\S+)/.exec(line)![1]!,
    stderr: () => stderr,
    exited,
  };
}

export type CliApi = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** JSON calls to a running CLI with its master key: the process tests' way of driving it. */
export function cliApi(run: CliRun): CliApi {
  return async (method, path, body) => {
    const res = await fetch(run.url + path, {
      method,
      headers: { apikey: run.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** For afterEach: SIGKILLs every run still alive and waits for all of them to exit; empties the list. */
export async function killAll(runs: CliRun[]): Promise<void> {
  for (const run of runs.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await run.exited;
  }
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'pfs-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Through a running CLI's API: a person with an email address, then a FORMS request for their
 * first task, which sends the request email. Returns the request's HTTP status.
 */
export async function sendRequestEmail(url: string, apiKey: string, email: string): Promise<number> {
  const headers = { apikey: apiKey, 'content-type': 'application/json' };
  const person = (await fetch(`${url}/4.0/profiles`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ role: 'INDIVIDUAL_CUSTOMER', collected_data: { entity_type: 'INDIVIDUAL', personal_details: { name: { given_names: ['Pat'], family_name: 'Mailed' } }, contact_details: { email } } }),
  }).then((r) => r.json())) as { id: string };
  const tasks = (await fetch(`${url}/4.0/profiles/${person.id}/tasks`, { headers }).then((r) => r.json())) as { id: string }[];
  const request = await fetch(`${url}/4.0/forms/profile/${person.id}/customer_request`, { method: 'POST', headers, body: JSON.stringify({ type: 'FORMS', task_ids: [tasks[0]!.id] }) });
  await request.arrayBuffer();
  return request.status;
}

/** The first recipient of every message in an inbox (its Mailpit-style API). */
export async function inboxRecipients(inboxUrl: string): Promise<string[]> {
  const list = (await fetch(`${inboxUrl}/api/v1/messages`).then((r) => r.json())) as { messages: { To: { Address: string }[] }[] };
  return list.messages.map((m) => m.To[0]!.Address);
}
