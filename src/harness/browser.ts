import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Finding a Chromium for Playwright. Playwright cannot download its own browser on many CI
 * machines (ours included), so we use the system's: an explicit path, then `chromium` and
 * friends on the PATH, then the usual install locations.
 */

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const LOCATIONS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.PASSFORT_SANDBOX_CHROMIUM ?? env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (explicit) return fs.existsSync(explicit) ? explicit : undefined;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of CANDIDATES) {
      const file = path.join(dir, name);
      if (dir && fs.existsSync(file)) return file;
    }
  }
  return LOCATIONS.find((file) => fs.existsSync(file));
}

/** Finds Chromium or installs Debian's package (as root, where apt-get exists); throws a clear error otherwise. */
export function ensureChromium(log: (line: string) => void = console.log): string {
  const found = findChromium();
  if (found) return found;
  const canApt = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (canApt) {
    log('passfort-sandbox: no Chromium found; installing Debian\'s chromium package (apt-get install -y chromium)');
    try {
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit' });
    } catch {
      execFileSync('apt-get', ['update'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit' });
    }
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: apt-get install -y chromium; macOS: brew install --cask chromium) ' +
      'or point PASSFORT_SANDBOX_CHROMIUM at a Chromium or Chrome executable.',
  );
}
