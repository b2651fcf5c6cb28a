// Part of `npm run build`, after tsc: bundles the compiled CLI into dist/cli.bundle.cjs, which is
// what bin/passfort-sandbox.js runs. Node 20 resolves, reads and links every ES module on its own
// (about 410 for the CLI, 95 of them zod's); one file starts the sandbox in about 0.4 s instead of
// 0.65 s (`npm run bench:compare`, start-up line). The library entry points (`.` and
// `./playwright`) stay the plain tsc output.
//
// CommonJS, not ESM, because Node 20 can only reuse V8's compiled code between starts for a
// script (vm.Script cachedData), not for an ES module: the bin compiles the bundle as a script
// with the code cache it kept from the last start (see bin/passfort-sandbox.js).
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist/cli.bundle.cjs');
// Stale from before the CommonJS bundle: nothing loads it any more.
fs.rmSync(path.join(root, 'dist/cli.bundle.mjs'), { force: true });

// Loaded on first use, never at start-up: Playwright only for the story and scenario runs (and it
// is an optional peer), mailparser (a fifth of the start-up time on its own) for the first stored
// message, ws for the first client of the inbox's event stream. They stay outside the bundle so
// that they stay lazy, and so that their source is not part of the bundle's: V8 keeps a script's
// whole source for as long as the process runs. faker is outside too, and for the same reason:
// src/core/faker.ts requires it through createRequire on first use, which esbuild leaves as it is.
const LAZY = ['@playwright/test', 'playwright', 'playwright-core', 'mailparser', 'ws'];

// The built-in config, validated now instead of at every start (see parseConfig).
const { parseConfig } = await import(pathToFileURL(path.join(root, 'dist/src/config/load-config.js')).href);
const { defaultConfig } = await import(pathToFileURL(path.join(root, 'dist/src/config/default-config.js')).href);
const builtInConfig = JSON.stringify(parseConfig(defaultConfig, 'built-in config', { warn: (w) => console.warn(`bundle-cli: ${w}`) }));

// zod's namespace re-exports all of its ~60 message locales (340 KB of source, a sixth of the
// bundle), and esbuild must keep a namespace whole. The sandbox uses zod's default, English, which
// zod sets itself; the bundle gets a locales module with that one.
const zodLocales = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: path.dirname(args.path) }));
  },
};

// nodemailer (330 KB of source) is loaded with the first email: its entry point stays outside.
// smtp-server's own copy of nodemailer's helpers, which it needs at start, stays in the bundle.
const nodemailerEntry = {
  name: 'nodemailer-entry-outside',
  setup(b) {
    b.onResolve({ filter: /^nodemailer$/ }, () => ({ path: 'nodemailer', external: true }));
  },
};

// @hono/node-server imports node:http2 as it loads (~2 MB of RSS for a server that speaks only
// HTTP/1.1): it gets src/net/http2-on-demand.ts instead, which loads http2 only for a value that
// could be an HTTP/2 request.
const http2OnDemand = {
  name: 'http2-on-demand',
  setup(b) {
    b.onResolve({ filter: /^(node:)?http2$/ }, (args) =>
      /[\\/]node_modules[\\/]@hono[\\/]node-server[\\/]/.test(args.importer) ? { path: path.join(root, 'dist/src/net/http2-on-demand.js') } : undefined,
    );
  },
};

const result = await build({
  plugins: [zodLocales, nodemailerEntry, http2OnDemand],
  entryPoints: [path.join(root, 'dist/src/cli.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: LAZY,
  // `import()` of a package outside the bundle becomes `Promise.resolve().then(() => require(…))`:
  // still loaded on first use, and a script run through vm may not call import() without an
  // experimental flag. Both lazy packages ship CommonJS.
  supported: { 'dynamic-import': false },
  // The bin passes the bundle's own URL, so paths found from it (loaders/, scenarios/,
  // package.json) are what they were in the ES module build.
  define: { 'import.meta.url': '__pfsBundleUrl' },
  // The file is the function the bin compiles (CommonJS's wrapper, plus the bundle's URL), so the
  // bin compiles the text it read instead of a second copy of the source joined around it.
  banner: { js: `(function (exports, require, module, __filename, __dirname, __pfsBundleUrl) {\nvar __PFS_BUILT_IN_CONFIG__ = ${builtInConfig};` },
  footer: { js: '})' },
  logLevel: 'warning',
  metafile: true,
  // Whitespace and syntax only; names stay, so a stack trace still names its functions. V8 reads
  // and hashes the whole source at every start (to check the code cache) and keeps it: 3.4 MB
  // became 2.5 MB, and spawn to first list answer ~439 -> ~420 ms (median of 6 interleaved starts).
  minifyWhitespace: true,
  minifySyntax: true,
});

// A static import of a package outside the bundle would load it at every start (or fail without
// it, for the optional Playwright): outside packages may only be imported on first use.
// ws asks for its two optional native helpers inside a try, and does without them.
const OPTIONAL = new Set(['bufferutil', 'utf-8-validate']);
// Judged on the inputs, as written: in the output a lazy import() is a require() inside a promise.
const eager = Object.entries(result.metafile.inputs)
  .flatMap(([file, input]) => input.imports.map((i) => ({ ...i, file })))
  .filter((i) => i.external && i.kind !== 'dynamic-import' && !isBuiltin(i.path) && !OPTIONAL.has(i.path))
  .map((i) => `${i.path} (${i.kind} in ${i.file})`);
if (eager.length) {
  console.error(`bundle-cli: the bundle loads ${[...new Set(eager)].join(', ')} at start-up; keep it lazy (see LAZY)`);
  process.exit(1);
}
// ASCII only. V8 keeps a script's source for as long as its functions live; with a single
// character beyond Latin-1 the whole source (1.4 MB) is held as two bytes per character (and the
// bin's reading of it was another such copy): ~14 MB of a ~90 MB process after start. esbuild
// escapes string literals itself; what it leaves is comments (made ASCII here: nothing reads
// them) and raw template text, which has to be written as escapes in the source.
const text = fs.readFileSync(outfile, 'utf8');
const lines = text.split('\n');
const unescaped = [];
for (let i = 0; i < lines.length; i++) {
  if (!/[^\x00-\x7f]/.test(lines[i])) continue;
  lines[i] = lines[i].replace(/[^\x00-\x7f]/g, (ch, at) => {
    const before = lines[i].slice(0, at).trimStart();
    if (before.startsWith('//') || before.startsWith('/*') || before.startsWith('*')) return `\\u${ch.codePointAt(0).toString(16).padStart(4, '0')}`;
    // The output is minified: show the text around the character, not the start of its line.
    unescaped.push(`line ${i + 1}: ${JSON.stringify(lines[i].slice(Math.max(0, at - 50), at + 50))}`);
    return ch;
  });
}
if (unescaped.length) {
  console.error(`bundle-cli: non-ASCII characters outside comments; write them as escapes in the source (\\u2026 in JS, \\2026 in CSS):\n  ${unescaped.join('\n  ')}`);
  process.exit(1);
}
fs.writeFileSync(outfile, lines.join('\n'));
console.log(`bundle-cli: ${path.relative(root, outfile)} (${(fs.statSync(outfile).size / 2 ** 20).toFixed(1)} MB)`);
