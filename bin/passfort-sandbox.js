#!/usr/bin/env node
// The published entry point: runs the compiled CLI.
import { main } from '../dist/src/cli.js';

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`passfort-sandbox: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
