import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';

test('m3di without a command prints usage', () => {
  const result = spawnSync(process.execPath, ['bin/m3di.js'], { encoding: 'utf8' });
  assert.is(result.status, 2);
  assert.match(result.stdout, 'usage: m3di COMMAND');
});

test('m3di rejects an unknown command', () => {
  const result = spawnSync(process.execPath, ['bin/m3di.js', 'paint'], { encoding: 'utf8' });
  assert.is(result.status, 2);
  assert.match(result.stderr, 'unknown command "paint"');
});

test.run();
