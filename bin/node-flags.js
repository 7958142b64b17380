// V8 flags that every m3di process needs before it loads Dawn (the `webgpu` package).
// --no-concurrent-recompilation keeps V8's optimising compiler on the main thread; without it
// Dawn's Node bindings crash on Mesa lavapipe under a real workload (see docs/dawn-lavapipe-crash.md).
import { spawn } from 'node:child_process';
import os from 'node:os';

export const REQUIRED_NODE_FLAGS = ['--no-concurrent-recompilation'];

// Signals passed on to the re-run process, so that `kill`, a scheduler's SIGTERM and Ctrl-C reach it.
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Re-runs this script under the required V8 flags unless they are already set, in which case the
 * returned promise resolves at once. Otherwise it starts the re-run and forwards signals to it. When
 * the re-run ends, this process exits with its status or is killed by the same signal, so the
 * promise never resolves.
 */
export function ensureNodeFlags() {
  const missing = REQUIRED_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
  if (missing.length === 0) return Promise.resolve();

  const child = spawn(process.execPath, [...missing, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);

  child.on('error', (error) => {
    console.error(`failed to start ${process.execPath}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    for (const forwarded of FORWARDED_SIGNALS) process.off(forwarded, forward);
    process.kill(process.pid, signal);
    // Reached only if the signal does not end this process; exit with the status a shell would show.
    process.exit(128 + (os.constants.signals[signal] ?? 0));
  });
  return new Promise(() => undefined);
}
