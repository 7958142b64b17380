#!/usr/bin/env node
// Runs a compiled script (first argument) with the remaining arguments; used by the npm scripts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error('usage: node bin/run-node.js SCRIPT [ARGS...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...rest];
await import(pathToFileURL(path.resolve(script)).href);
