import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { readImageLatents, readTextLatents } from '../src/latents/read.js';
import { sampleLatents } from '../src/latents/sample.js';
import { formatImageCsv, formatTextCsv } from '../src/latents/write.js';
import { renderText } from '../src/text/render.js';
import { makeTempDir, referenceCases, referenceLatentsDir, runM3di } from './helpers/dataset.js';

const cases = referenceCases();
if (cases.length === 0) console.log(`skipping reference latents tests: ${referenceLatentsDir} not found`);

/** Asserts that `actual` has the bytes of `expectedFile`, reporting the first differing line. */
function assertSameBytes(actual: Buffer | string, expectedFile: string): void {
  const expected = fs.readFileSync(expectedFile);
  const actualBytes = typeof actual === 'string' ? Buffer.from(actual) : actual;
  if (actualBytes.equals(expected)) return;

  const actualLines = actualBytes.toString().split('\n');
  const expectedLines = expected.toString().split('\n');
  const line = actualLines.findIndex((text, i) => text !== expectedLines[i]);
  assert.unreachable(
    `${expectedFile}: bytes differ (${actualBytes.length} vs ${expected.length}); first differing line ${line + 1}:\n` +
      `  actual   ${JSON.stringify(actualLines[line])}\n  expected ${JSON.stringify(expectedLines[line])}`,
  );
}

for (const reference of cases) {
  const options = { seed: reference.seed, nPoints: reference.nPoints, positionDependentColor: reference.positionDependentColor };

  test(`library reproduces ${reference.name}`, () => {
    const sample = sampleLatents(options);
    assertSameBytes(formatImageCsv(sample), path.join(reference.dir, 'latents_image.csv'));
    assertSameBytes(formatTextCsv(sample), path.join(reference.dir, 'latents_text.csv'));
    assertSameBytes(renderText(sample.text), path.join(reference.dir, 'text', 'text_raw.txt'));
  });

  test(`CLI reproduces ${reference.name}`, () => {
    const folder = path.join(makeTempDir(), 'dataset');
    const flags = ['--output-folder', folder, '--n-points', String(reference.nPoints), '--seed', String(reference.seed)];
    if (reference.positionDependentColor) flags.push('--position-dependent-color');

    const latents = runM3di(['latents', ...flags]);
    assert.is(latents.status, 0, latents.stderr);
    const text = runM3di(['text', '--output-folder', folder]);
    assert.is(text.status, 0, text.stderr);

    for (const file of ['latents_image.csv', 'latents_text.csv', path.join('text', 'text_raw.txt')]) {
      assertSameBytes(fs.readFileSync(path.join(folder, file)), path.join(reference.dir, file));
    }
  });

  test(`readers return the sampled rows of ${reference.name}`, () => {
    const sample = sampleLatents(options);
    assert.equal(readImageLatents(path.join(reference.dir, 'latents_image.csv')), sample.image);
    assert.equal(readTextLatents(path.join(reference.dir, 'latents_text.csv')), sample.text);
  });
}

test.run();
