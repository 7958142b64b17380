// Short soak: renders batches with host work in between for 45 s in child processes and expects no
// worker to crash. The 10-minute version is `npm run bench:soak -- --minutes 10`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SoakResult } from '../bench/soak.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('45-second soak has no crashes', () => {
  const soak = spawnSync(process.execPath, [path.join(repoRoot, 'dist/bench/soak.js'), '--minutes', '0.75', '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  const context = `status ${soak.status}, signal ${soak.signal}, stderr:\n${soak.stderr}`;
  assert.is(soak.signal, null, context);

  const lines = soak.stdout.trim().split('\n');
  const result = JSON.parse(lines[lines.length - 1]) as SoakResult;
  assert.equal(result.crashReports, [], context);
  assert.is(result.crashes, 0, context);
  assert.is(result.retries, 0, context);
  assert.ok(result.batches >= 1, `no batch completed in 45 s: ${soak.stdout}`);
  assert.is(soak.status, 0, context);
});

test.run();
