// Preloaded (`node -r`) into a CLI a process test starts. When the CLI writes its ready line, this
// writes to the file named by PFS_LOADED_REPORT every request made through require so far (the
// bundle's own require, and createRequire) and Node's own modules evaluated so far; when the
// process exits, the same to `<that file>.exit`. On SIGUSR2 it writes them to `<that file>.now`,
// with the size of V8's young generation then (newSpaceBytes).
// CommonJS, because -r loads it before the ES module bin.
const fs = require('node:fs');
const Module = require('node:module');

const required = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  required.add(request);
  return load.call(this, request, ...rest);
};
const builtins = () => process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
const newSpaceBytes = () => require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size;
const report = (file) => fs.writeFileSync(file, JSON.stringify({ required: [...required], builtins: builtins(), newSpaceBytes: newSpaceBytes() }));
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (String(chunk).startsWith('passfort-sandbox ready')) report(process.env.PFS_LOADED_REPORT);
  return write(chunk, ...rest);
};
process.on('exit', () => report(`${process.env.PFS_LOADED_REPORT}.exit`));
process.on('SIGUSR2', () => report(`${process.env.PFS_LOADED_REPORT}.now`));
