import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkspaceRegistry } from '../workspace/registry.js';

/**
 * PassFort's two HTML loaders (loaders/*.html, shipped in the package) as the sandbox
 * serves them: the script URL points at the sandbox itself, and the dynamic loader gets a
 * request's id and key filled in on the server, as an integrator's server would.
 */

export const PASSFORT_EMBED_URL = 'https://collection.passfort.com/embed.js';
export const DEFAULT_FORM_PATH = '/onboarding';

/** The package root: the nearest directory above this file with loaders/ in it (src/ and dist/src/ alike). */
export function packageFile(relative: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`passfort-sandbox: cannot find ${relative} in the package`);
}

const cache = new Map<string, string>();
export function loaderHtml(name: 'static_loader.html' | 'dynamic_loader.html'): string {
  let html = cache.get(name);
  if (html === undefined) {
    html = fs.readFileSync(packageFile(path.join('loaders', name)), 'utf8');
    cache.set(name, html);
  }
  return html;
}

/** A value inside a double-quoted JS string in a <script>: JSON, with `<` escaped so nothing closes the element. */
const jsString = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c');

export function staticLoader(embedUrl: string): string {
  return loaderHtml('static_loader.html').replace(PASSFORT_EMBED_URL, embedUrl);
}

export function dynamicLoader(embedUrl: string, requestId: string, apikey: string): string {
  return loaderHtml('dynamic_loader.html')
    .replace(PASSFORT_EMBED_URL, embedUrl)
    .replace('"<request_id>"', () => jsString(requestId))
    .replace('"<apikey>"', () => jsString(apikey));
}

/**
 * The paths the static loader is served at: `/onboarding`, and the path of every
 * workspace's `form_url` (an integrator's URL on another host is served at its path too,
 * so the link works once its host is swapped for the sandbox's).
 */
export function formPaths(registry: WorkspaceRegistry): Set<string> {
  const paths = new Set([DEFAULT_FORM_PATH]);
  for (const ws of registry.list()) {
    const url = ws.config.form_url;
    if (!url) continue;
    try {
      const p = new URL(url).pathname.replace(/\/+$/, '') || '/';
      paths.add(p);
    } catch {
      /* the config schema only lets URLs through */
    }
  }
  return paths;
}
