import fs from 'node:fs';
import type { Page } from '@playwright/test';

/**
 * PassFort's own hosts, stood in for: `https://collection.passfort.com/**` is answered by
 * the sandbox, and an integrator's site (`https://bank.example`) serves the loader files
 * exactly as they are in loaders/, so the pages run unmodified.
 */

export const PASSFORT_COLLECTION = 'https://collection.passfort.com';
export const INTEGRATOR = 'https://bank.example';

export async function routePassFortToSandbox(page: Page, sandboxUrl: string): Promise<void> {
  await page.route(`${PASSFORT_COLLECTION}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${sandboxUrl}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
}

export const loaderFile = (name: 'static_loader.html' | 'dynamic_loader.html') => fs.readFileSync(new URL(`../../loaders/${name}`, import.meta.url), 'utf8');

/** Serves `pages[path]` (or the result of a function of the URL) at https://bank.example. */
export async function serveIntegratorSite(page: Page, pages: Record<string, string | ((url: URL) => string)>): Promise<void> {
  await page.route(`${INTEGRATOR}/**`, (route) => {
    const url = new URL(route.request().url());
    const body = pages[url.pathname];
    if (body === undefined) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: typeof body === 'function' ? body(url) : body });
  });
}
