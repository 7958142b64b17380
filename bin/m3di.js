#!/usr/bin/env node
// The m3di command: sets the required V8 flags, then runs the compiled CLI.
import { ensureNodeFlags } from './node-flags.js';

await ensureNodeFlags();
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
