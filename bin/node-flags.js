// V8 flags that every m3di process needs before it loads Dawn (the `webgpu` package).
// --no-concurrent-recompilation keeps V8's optimising compiler on the main thread; without it
// Dawn's Node bindings crash on Mesa lavapipe under a real workload (see docs/dawn-lavapipe-crash.md).
import { spawnSync } from 'node:child_process';

export const REQUIRED_NODE_FLAGS = ['--no-concurrent-recompilation'];

/** Re-runs this script under the required V8 flags unless they are already set; returns only when they are. */
export function ensureNodeFlags() {
  const missing = REQUIRED_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
  if (missing.length === 0) return;

  const child = spawnSync(process.execPath, [...missing, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}
