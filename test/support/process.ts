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

/** Runs the CLI from source (tsx), as `npm start` does. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts the CLI and resolves at its ready line; rejects with stderr if it exits first. */
export async function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const child = spawnCli(args, env);
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
