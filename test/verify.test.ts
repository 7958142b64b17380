// m3di verify reports each way a dataset folder breaks the PyTorch loader's contract.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { temporaryPathFor } from '../src/io/atomic.js';
import { encodeRgbPng } from '../src/io/png.js';
import { sha256File } from '../src/dataset/manifest.js';
import { verifyDataset, type ProblemKind } from '../src/dataset/verify.js';
import { makeTempDir } from './helpers/dataset.js';
import { makeLatents, runCli } from './helpers/runs.js';

const N = 10;
const work = makeTempDir('m3di-verify-');
const template = path.join(work, 'template');
makeLatents(template, N, 42);
fs.mkdirSync(path.join(template, 'images'));

/** Encodes a solid-colour RGB PNG of the given size. */
function solidPng(width: number, height: number, value: number): Buffer {
  return encodeRgbPng(new Uint8Array(width * height * 4).fill(value), width, height);
}
for (let i = 0; i < N; i++) fs.writeFileSync(path.join(template, 'images', `${i}.png`), solidPng(224, 224, 20 * i));

/** Copies the valid template folder to `name` and applies `change`; returns the copy's path. */
function datasetWith(name: string, change: (folder: string) => void = () => undefined): string {
  const folder = path.join(work, name);
  fs.cpSync(template, folder, { recursive: true });
  change(folder);
  return folder;
}

/** Messages of the problems of `kind` in `folder`. */
function problemsOf(folder: string, kind: ProblemKind): string[] {
  return verifyDataset(folder).problems.filter((problem) => problem.kind === kind).map((problem) => problem.message);
}

const textFile = (folder: string) => path.join(folder, 'text', 'text_raw.txt');

test('verify accepts a valid folder', () => {
  const report = verifyDataset(datasetWith('valid'));
  assert.equal(report.problems, []);
  assert.is(report.samples, N);
  assert.is(report.imagesChecked, N);
});

test('verify catches a missing image', () => {
  const folder = datasetWith('missing', (dir) => fs.rmSync(path.join(dir, 'images', '3.png')));
  assert.equal(verifyDataset(folder).problems, [{ kind: 'missing image', message: 'images/3.png: missing (sample 3)' }]);
});

test('verify catches a truncated PNG', () => {
  const folder = datasetWith('truncated', (dir) => fs.truncateSync(path.join(dir, 'images', '4.png'), 500));
  const problems = problemsOf(folder, 'invalid image');
  assert.is(problems.length, 1);
  assert.match(problems[0], /^images\/4\.png: truncated/);
});

test('verify catches a corrupted PNG byte', () => {
  const folder = datasetWith('corrupt', (dir) => {
    const file = path.join(dir, 'images', '5.png');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 20] ^= 0xff;
    fs.writeFileSync(file, bytes);
  });
  const problems = problemsOf(folder, 'invalid image');
  assert.is(problems.length, 1);
  assert.match(problems[0], 'images/5.png: corrupt: CRC mismatch in chunk IDAT');
});

test('verify catches a wrong image size', () => {
  const folder = datasetWith('small', (dir) => fs.writeFileSync(path.join(dir, 'images', '6.png'), solidPng(100, 100, 0)));
  assert.equal(problemsOf(folder, 'invalid image'), ['images/6.png: size 100 × 100, expected 224 × 224']);
});

test('verify catches a wrong name width', () => {
  const folder = datasetWith('wide-names', (dir) => {
    for (let i = 0; i < N; i++) fs.renameSync(path.join(dir, 'images', `${i}.png`), path.join(dir, 'images', `0${i}.png`));
  });
  const widths = problemsOf(folder, 'name width');
  assert.is(widths.length, N);
  assert.is(widths[0], 'images/00.png: 2-digit name, but with 10 samples the loader opens 0.png (names of 1 digit)');
  assert.is(problemsOf(folder, 'missing image').length, N);
});

test('verify catches an extra text line', () => {
  const folder = datasetWith('extra-line', (dir) => fs.appendFileSync(textFile(dir), '\nA "red" teapot is at the top-left of the image.'));
  assert.equal(problemsOf(folder, 'counts'), [
    'counts differ: latents_image.csv has 10 rows, latents_text.csv has 10 rows, text/text_raw.txt has 11 sentences',
  ]);
});

test('verify catches two sentences on a line', () => {
  const folder = datasetWith('two-sentences', (dir) => {
    const lines = fs.readFileSync(textFile(dir), 'utf8').split('\n');
    lines[2] = `${lines[2]} It is big.`;
    fs.writeFileSync(textFile(dir), lines.join('\n'));
  });
  const problems = problemsOf(folder, 'text');
  assert.is(problems.length, 1);
  assert.match(problems[0], 'line 3 contains more than one sentence');
});

test('verify catches a line without a full stop', () => {
  const folder = datasetWith('no-stop', (dir) => {
    const lines = fs.readFileSync(textFile(dir), 'utf8').split('\n');
    lines[0] = lines[0].replace(/\.$/, '');
    fs.writeFileSync(textFile(dir), lines.join('\n'));
  });
  const problems = problemsOf(folder, 'text');
  assert.is(problems.length, 1);
  assert.match(problems[0], 'line 1 does not end with a full stop');
});

test('verify accepts a trailing newline in the text', () => {
  const folder = datasetWith('trailing-newline', (dir) => fs.appendFileSync(textFile(dir), '\n'));
  assert.equal(verifyDataset(folder).problems, []);
});

test('verify catches an extra image', () => {
  const folder = datasetWith('extra-image', (dir) => fs.writeFileSync(path.join(dir, 'images', '10.png'), solidPng(224, 224, 0)));
  assert.equal(problemsOf(folder, 'extra image'), ['images/10.png: no sample 10 (the dataset has 10); the loader ignores it']);
});

test('verify catches an invalid CSV cell', () => {
  const folder = datasetWith('bad-cell', (dir) => {
    const file = path.join(dir, 'latents_image.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n(\d),/, '\n8,'));
  });
  const problems = problemsOf(folder, 'latents');
  assert.is(problems.length, 1);
  assert.match(problems[0], 'row 1, column object_shape: out of range (value "8")');
});

test('verify catches rows from different runs', () => {
  const folder = datasetWith('mixed-rows', (dir) => {
    const file = path.join(dir, 'latents_text.csv');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const fields = lines[1].split(',');
    fields[0] = String((Number(fields[0]) + 1) % 7);
    lines[1] = fields.join(',');
    fs.writeFileSync(file, lines.join('\n'));
  });
  const problems = problemsOf(folder, 'rows');
  assert.is(problems.length, 1);
  assert.match(problems[0], /^row 1: object_shape is \d in latents_image\.csv but \d in latents_text\.csv/);
});

test('verify catches shards with different settings', () => {
  const folder = datasetWith('mixed-shards', (dir) => {
    fs.mkdirSync(path.join(dir, 'manifests'));
    const latents = { sha256: sha256File(path.join(dir, 'latents_image.csv')) };
    const scene = { sha256: 'a', meshes: [], spotlights: true };
    [1, 64].forEach((samplesPerPixel, index) => {
      const manifest = { status: 'complete', latents, scene, render: { samplesPerPixel, bounces: 0, sampleSeed: 0 } };
      fs.writeFileSync(path.join(dir, 'manifests', `shard-${index}-of-2.json`), JSON.stringify(manifest));
    });
  });
  assert.equal(problemsOf(folder, 'manifest'), ['manifests/shard-1-of-2.json: samples per pixel 64 differs from 1 in manifests/shard-0-of-2.json']);
});

test('verify warns about temporary files only', () => {
  const folder = datasetWith('temporary', (dir) => fs.writeFileSync(temporaryPathFor(path.join(dir, 'images', '2.png')), 'partial'));
  const report = verifyDataset(folder);
  assert.equal(report.problems, []);
  assert.is(report.warnings.length, 1);
  assert.match(report.warnings[0], /^images\/\.2\.png\.\d+\.[0-9a-f]{16}\.tmp: temporary file of process \d+/);
});

test('verify CLI prints problems and exits 1', () => {
  const folder = datasetWith('cli', (dir) => {
    fs.rmSync(path.join(dir, 'images', '7.png'));
    fs.truncateSync(path.join(dir, 'images', '8.png'), 100);
  });
  const result = runCli(['verify', folder]);
  assert.is(result.status, 1, result.stderr);
  assert.match(result.stdout, 'problem: images/7.png: missing (sample 7)');
  assert.match(result.stdout, 'problem: images/8.png: truncated');
  assert.match(result.stdout, `${folder}: 10 samples, 9 images checked: 2 problems`);

  const valid = runCli(['verify', path.join(work, 'valid')]);
  assert.is(valid.status, 0, valid.stdout);
  assert.match(valid.stdout, ': 10 samples, 10 images checked: OK');
});

test.after(() => fs.rmSync(work, { recursive: true, force: true }));

test.run();
