import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, spawnCli, tempDir, whenReady, type CliRun } from './process.js';

/**
 * Data directories that fail: a tiny tmpfs that fills up, or one mounted read-only from the start. Mounting needs root (CAP_SYS_ADMIN); where that is
 * not available, a file-size limit (`ulimit -f`, with SIGXFSZ ignored so writes fail with EFBIG
 * instead of killing the process) stands in for a full disk, and a path under a regular file
 * for a directory that cannot be written.
 */

let mountable: boolean | undefined;
/** Whether this process may mount a tmpfs (root in a container with CAP_SYS_ADMIN). */
export function canMount(): boolean {
  if (mountable !== undefined) return mountable;
  // PFS_TEST_NO_MOUNT=1 runs the fallbacks even as root, to check them.
  if (process.env.PFS_TEST_NO_MOUNT) return (mountable = false);
  const probe = tempDir('pfs-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    mountable = true;
  } catch {
    mountable = false;
  }
  fs.rmSync(probe, { recursive: true, force: true });
  return mountable;
}

export interface FaultyDir {
  /** The data directory to give the CLI (inside the mount). */
  dir: string;
  /** How the fault is made, for messages. */
  how: 'tmpfs' | 'file-size-limit';
  /** The file-size limit to start the child under, or null (tmpfs: the mount is the limit). */
  limitKb: number | null;
  /** Gives the space back / makes it writable again (for the file-size limit: start without it). */
  heal(): void;
  cleanup(): void;
}

/** A data directory with about `kb` KB of room. */
export function smallDataDir(kb: number): FaultyDir {
  const mountPoint = tempDir('pfs-disk-');
  const dir = path.join(mountPoint, 'data');
  if (canMount()) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', mountPoint]);
    let mounted = true;
    return {
      dir,
      how: 'tmpfs',
      limitKb: null,
      heal: () => execFileSync('mount', ['-o', 'remount,rw,size=64m', mountPoint]),
      cleanup: () => {
        if (mounted) execFileSync('umount', ['-l', mountPoint]);
        mounted = false;
        fs.rmSync(mountPoint, { recursive: true, force: true });
      },
    };
  }
  const state = { limitKb: kb as number | null };
  return {
    dir,
    how: 'file-size-limit',
    get limitKb() {
      return state.limitKb;
    },
    heal: () => (state.limitKb = null),
    cleanup: () => fs.rmSync(mountPoint, { recursive: true, force: true }),
  };
}

/** A data directory that is read-only from the start: a read-only tmpfs, or a path under a regular file. */
export function readOnlyDataDir(): { dir: string; how: string; cleanup(): void } {
  const parent = tempDir('pfs-ro-');
  if (canMount()) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', parent]);
    return { dir: parent, how: 'read-only tmpfs', cleanup: () => (execFileSync('umount', ['-l', parent]), fs.rmSync(parent, { recursive: true, force: true })) };
  }
  fs.writeFileSync(path.join(parent, 'file'), 'x');
  return { dir: path.join(parent, 'file', 'data'), how: 'a path under a regular file', cleanup: () => fs.rmSync(parent, { recursive: true, force: true }) };
}

/** Starts the CLI from source, under a file-size limit when one is given. */
export function startCliLimited(args: string[], limitKb: number | null): Promise<CliRun> {
  if (limitKb === null) return whenReady(spawnCli(args));
  const node = [process.execPath, '--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args];
  // `exec` keeps the pid (kill -9 hits the sandbox itself); an ignored signal stays ignored across exec.
  return whenReady(spawn('sh', ['-c', `trap '' XFSZ; ulimit -f ${limitKb * 2}; exec "$0" "$@"`, ...node], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** Every journal in the directory and below (the inbox keeps its own): complete lines only, each one JSON; snapshots parse. */
export function journalProblems(dir: string): string[] {
  const problems: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) {
      problems.push(...journalProblems(file).map((p) => `${name}/${p}`));
      continue;
    }
    if (name === 'snapshot.json') {
      try {
        JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        problems.push('snapshot.json is not JSON');
      }
    }
    if (!/^journal-\d+\.jsonl$/.test(name)) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    if (text.length > 0 && !text.endsWith('\n')) problems.push(`${name} ends in the middle of a line`);
    text
      .split('\n')
      .slice(0, -1)
      .forEach((line, i) => {
        try {
          JSON.parse(line);
        } catch {
          problems.push(`${name} line ${i + 1} is not JSON`);
        }
      });
  }
  return problems;
}
