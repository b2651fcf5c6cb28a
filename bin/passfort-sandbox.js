#!/usr/bin/env node
// The published entry point: runs the CLI that `npm run build` bundled into dist/cli.bundle.cjs
// (scripts/bundle-cli.mjs), with V8's code cache.
//
// Compiling the bundle (2 MB then) and the functions start-up calls was a quarter of every start.
// Node 20 keeps no compiled code between runs (module.enableCompileCache arrived in Node 22), but
// a vm.Script accepts the cache a previous run produced: the first start writes it, every later
// start skips that compilation (`npm run bench:compare`, start-up line). V8 checks the cache
// against the source, its own version and its flags, and rejects one that does not fit; the start
// then compiles as usual and writes a new one. The cache lives beside the bundle, or in the temp
// folder when the package folder is read-only.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

// V8 grows the heap by up to 4x of what survives a collection, and keeps it: after 10,000 new
// profiles the process held ~490 MB for ~120 MB of live data. Growing by 1.5x at most holds it at
// ~345 MB, for ~5 % of the write rate (measured here: 10,000 POSTs in 16-17 s against 15 s; POST
// at 10,000 profiles 696-758/s against 772-776/s, p99 42-49 against 31 ms).
// Set before compiling, so the code cache is made and checked under the same flags.
v8.setFlagsFromString('--heap-growing-percent=50');

const bundle = fileURLToPath(new URL('../dist/cli.bundle.cjs', import.meta.url));
const cachePlaces = [
  bundle.replace(/\.cjs$/, '.v8cache'),
  path.join(os.tmpdir(), `passfort-sandbox-${createHash('sha1').update(bundle).digest('hex').slice(0, 12)}.v8cache`),
];

const script = compile();

// Two V8 behaviours suit a server under load and cost a server that starts and then idles, which
// is what a sandbox mostly does. So a server start runs with both off and turns them back on once
// the ready line is out; V8 reads both at each decision, so a change after start-up applies:
// - Start-up allocates fast enough that V8 grows the young generation (new space 4 -> 16 MB in
//   v8.getHeapSpaceStatistics) and keeps it: ~6 MB of RSS it never uses again (78 -> 72 MB a
//   second after the ready line).
// - Start-up runs some of its code often enough for TurboFan to optimise it (ten functions), code
//   that never runs again: the compiler's own pages of the node binary (~3.6 MB) and the memory its
//   worker threads kept (~2.5 MB) stayed in RSS. Idle at 12 s: 62 -> 55.5 MB. Requests get
//   optimised code as before (POST and GET loads within noise), and start-up is no slower
//   (spawn to first list answer 135 against 137 ms, median of 7). A start that replays a long
//   journal runs that replay unoptimised: 148 MB after a kill -9, 2,200 against 2,134 ms (median
//   of 4).
// Changed after compile() and restored before the code cache is made, so the cache is checked and
// made under the same flags. The other commands (demo, scenario) run for long in this process:
// both are back on for them as soon as the bundle has loaded and names the command. A flag the
// user set is theirs.
const userFlags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
const tuneYoung = !/semi-space/.test(userFlags);
const startupFlags = [
  tuneYoung && ((normal) => `--semi-space-growth-factor=${normal ? 2 : 1}`),
  !/turbofan|--(no-)?opt\b|jitless|max-opt/.test(userFlags) && ((normal) => (normal ? '--turbofan' : '--no-turbofan')),
].filter(Boolean);
let startupMode = false;
const setStartupMode = (on) => {
  if (startupMode === on) return;
  startupMode = on;
  for (const flag of startupFlags) v8.setFlagsFromString(flag(!on));
};
setStartupMode(true);
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle), pathToFileURL(bundle).href);
const serverStart = module.exports.commandOf(process.argv.slice(2)) === 'start';
if (!serverStart) setStartupMode(false);

if (script.cachedDataRejected !== false) {
  // No cache, or V8 rejected it. After start-up, so the cache also holds the functions start-up
  // compiled lazily; at exit for commands that end sooner.
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    setStartupMode(false); // a start slower than 1 s: its flags, not these, are the cache's
    writeCache(script.createCachedData());
  };
  setTimeout(write, 1000).unref();
  process.once('exit', write);
}

module.exports
  .main(process.argv.slice(2))
  .finally(() => {
    setStartupMode(false);
    if (serverStart && tuneYoung) capYoungGeneration();
  })
  .catch((err) => {
    process.stderr.write(`passfort-sandbox: ${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  });

/**
 * Under load V8 doubles the young generation up to 2 x 16 MB and keeps it while requests come: after
 * a GET load on 10,000 profiles it held 32 MB (27.6 MB resident) with 6.5 MB in use. With at most
 * 2 x 4 MB (`node --max-semi-space-size=4`, which only a process's own command line can set), POST
 * and GET loads at 10,000 profiles were within noise: GET 27,465 and 31,332/s against 28,497 and
 * 26,382/s, POST 1,437 and 1,428/s against 1,492 and 1,408/s (8 s each, taking turns). So after
 * each collection the server lets it double only while the result stays within that size. V8 also
 * shrinks it when the allocation rate drops, and it may grow again up to the same size.
 */
function capYoungGeneration() {
  const CAP_BYTES = 8 * 1024 * 1024;
  let growing = true;
  const observer = new PerformanceObserver(() => {
    const size = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
    const grow = size * 2 <= CAP_BYTES;
    if (grow === growing) return;
    growing = grow;
    v8.setFlagsFromString(`--semi-space-growth-factor=${grow ? 2 : 1}`);
  });
  observer.observe({ entryTypes: ['gc'] });
}

/** In a function, so that neither the source (1.4 MB) nor the cache stay referenced after compiling. */
function compile() {
  let source;
  try {
    // ASCII (the build makes sure), so Latin-1 reads it exactly, as a one-byte string.
    source = readOutsideMalloc(bundle).toString('latin1');
  } catch {
    process.stderr.write(`passfort-sandbox: ${bundle} is missing; run \`npm run build\` first\n`);
    process.exit(1);
  }
  // The bundle is one function expression: the CommonJS module wrapper, plus the bundle's own URL
  // for what was import.meta.url (scripts/bundle-cli.mjs).
  return new vm.Script(source, {
    filename: bundle,
    cachedData: readCache(),
  });
}

function readCache() {
  for (const file of cachePlaces) {
    try {
      return readOutsideMalloc(file);
    } catch {
      /* not there: try the next place */
    }
  }
  return undefined;
}

/**
 * A file's bytes in memory that V8 maps itself (a WebAssembly memory), not in a Buffer from
 * glibc's malloc. glibc gives a block over 128 KB its own mapping and, when such a block is
 * freed, raises that threshold to the block's size for the rest of the process; then every thread's
 * arena may keep twice as much unused memory. The bundle (1.4 MB) and the cache (1.3 MB) are read
 * once and dropped: read into Buffers, each start raised it to 1.4 MB (see src/store/large-io.ts for
 * what that costs under load). Read the usual way where there is no WebAssembly memory to be had.
 */
function readOutsideMalloc(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    let memory;
    try {
      memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(size / 65536)) });
    } catch {
      return fs.readFileSync(fd); // no WebAssembly (--jitless), or no address space for it
    }
    const bytes = Buffer.from(memory.buffer, 0, size);
    for (let done = 0; done < size; ) {
      const n = fs.readSync(fd, bytes, done, size - done, done);
      if (n === 0) return bytes.subarray(0, done);
      done += n;
    }
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}

/** Written to a temporary name and renamed, so a start running at the same time reads all or nothing. */
function writeCache(data) {
  for (const file of cachePlaces) {
    const temp = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temp, data);
      fs.renameSync(temp, file);
      return;
    } catch {
      fs.rmSync(temp, { force: true });
    }
  }
  // Neither place is writable: every start compiles, as it would without a cache.
}
