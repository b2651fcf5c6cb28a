#!/usr/bin/env node
// The published entry point: runs the compiled CLI.
import module from 'node:module';

// Node 22.1+ keeps compiled code between starts (compiling ~390 modules is most of start-up);
// on Node 20 the function does not exist and this does nothing. Before the CLI is imported.
module.enableCompileCache?.();
const { main } = await import('../dist/src/cli.js');

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`passfort-sandbox: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
