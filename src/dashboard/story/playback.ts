import { CHROMIUM_ARGS, findChromium } from '../../harness/browser.js';
import type { IndividualPersona } from '../../harness/personas.js';

/**
 * The story's customer, played by a browser: Chromium opens the link from the email (the
 * bank's page with PassFort's loader) and fills the form the way a person would, with the
 * harness's page object. `passfort-sandbox demo --headed --slow-mo 400` makes it visible
 * and slow enough to follow on a projector.
 */

export interface PlaybackOptions {
  headed: boolean;
  slowMo: number;
}

export async function playCustomer(link: string, persona: IndividualPersona, opts: PlaybackOptions): Promise<string> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install one (apt-get install chromium) or set PASSFORT_SANDBOX_CHROMIUM');
  let chromium: (typeof import('@playwright/test'))['chromium'];
  try {
    ({ chromium } = await import('@playwright/test'));
  } catch {
    throw new Error('Playing the customer needs @playwright/test next to passfort-sandbox: npm install -D @playwright/test');
  }
  const { CollectionForm } = await import('../../harness/collection-form.js');
  const browser = await chromium.launch({ headless: !opts.headed, slowMo: opts.slowMo, executablePath, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    // Run from source through tsx, functions the page object sends into the page carry esbuild's
    // `__name` helper, which the page does not have; a no-op stand-in keeps them working.
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    const page = await context.newPage();
    await page.goto(link);
    const form = new CollectionForm(page, { timeout: 30_000 });
    const end = await form.completeWith(persona);
    if (end.state !== 'submitted') throw new Error(`the form ended on "${end.title || end.state}"`);
    // A visible browser stays a moment on the end page, so the audience sees it.
    if (opts.headed) await page.waitForTimeout(Math.min(3000, 1000 + opts.slowMo * 4));
    return end.title;
  } finally {
    await browser.close();
  }
}
