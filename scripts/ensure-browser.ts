// Run by `npm test` before the browser suite: finds Chromium, or installs it where it can.
import { ensureChromium } from '../src/harness/browser.js';

try {
  console.log(`browser: ${ensureChromium()}`);
} catch (err) {
  console.error(`passfort-sandbox: ${(err as Error).message}`);
  process.exit(1);
}
