import v8 from 'node:v8';

/**
 * Turns off V8's concurrent recompilation before Dawn is loaded, because Dawn's Node bindings crash
 * on Mesa lavapipe while V8 optimises on background threads.
 * NOTE: placeholder until the runtime-stability investigation settles the mechanism; the bin
 * entry points already pass the flag on the command line.
 */
export function applyRuntimeFlags(): void {
  if (!process.execArgv.includes('--no-concurrent-recompilation')) v8.setFlagsFromString('--no-concurrent-recompilation');
}
