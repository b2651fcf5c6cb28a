// Run before the unit suite (its scenario-runner tests start Chromium) and the browser suite:
// finds Chromium, or installs it where it can, so that `npm test` works on a fresh machine.
import { ensureChromium } from '../src/harness/browser.js';

try {
  console.log(`browser: ${ensureChromium()}`);
} catch (err) {
  console.error(`passfort-sandbox: ${(err as Error).message}`);
  process.exit(1);
}
