import fs from 'node:fs';
import path from 'node:path';
import { StoreWriteError } from './store.js';

/**
 * One process per data directory: two writers would interleave their journals. The lock file
 * holds the owner's pid, so a lock left by a crashed process (kill -9) is recognised and taken over.
 */
const LOCK = 'LOCK';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(dir: string): void {
  const file = path.join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreWriteError(`cannot lock the data directory ${dir}: ${(err as NodeJS.ErrnoException).code}`, err);
      }
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new StoreWriteError(`the data directory ${dir} is in use by another passfort-sandbox (pid ${owner})`, null);
      }
      fs.rmSync(file, { force: true }); // stale lock from a crashed process
    }
  }
  throw new StoreWriteError(`cannot lock the data directory ${dir}`, null);
}

export function releaseLock(dir: string): void {
  try {
    const file = path.join(dir, LOCK);
    if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file, { force: true });
  } catch {
    /* already gone */
  }
}
