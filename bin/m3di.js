#!/usr/bin/env node
// The m3di command: runs the compiled CLI.
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
