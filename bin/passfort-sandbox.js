#!/usr/bin/env node
// The published entry point: runs the compiled CLI.
import module from 'node:module';

// Node 22.1+ keeps compiled code between starts; on Node 20 the function does not exist and this
// does nothing. Before the CLI is imported.
module.enableCompileCache?.();
// The CLI bundled into one file by `npm run build` (scripts/bundle-cli.mjs): loading the ~410
// modules of dist/src/ one by one is most of the start-up time.
const { main } = await import('../dist/cli.bundle.mjs');

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`passfort-sandbox: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
