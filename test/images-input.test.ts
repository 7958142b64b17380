// m3di images rejects malformed inputs before it renders anything, naming file, row, column and value.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCENE_FILE } from '../src/scene/scene-file.js';
import { makeTempDir } from './helpers/dataset.js';
import { makeLatents, runCli } from './helpers/runs.js';

const N = 5;
const work = makeTempDir('m3di-images-input-');
const valid = path.join(work, 'valid');
makeLatents(valid, N, 3);
const imageCsv = fs.readFileSync(path.join(valid, 'latents_image.csv'), 'utf8');
const [header, ...rows] = imageCsv.trimEnd().split('\n');

/** Returns the image CSV with cell `column` of data row `row` (1-based) replaced by `value`. */
function withCell(row: number, column: string, value: string): string {
  const index = header.split(',').indexOf(column);
  const lines = [header, ...rows];
  const fields = lines[row].split(',');
  fields[index] = value;
  lines[row] = fields.join(',');
  return lines.join('\n') + '\n';
}

/** Returns the image CSV with its header and each row passed through `map` as a list of fields. */
function withColumns(map: (fields: string[]) => string[]): string {
  return [header, ...rows].map((line) => map(line.split(',')).join(',')).join('\n') + '\n';
}

/** Copies the valid dataset to a new folder, applies `change` to it and runs m3di images there. */
function imagesAfter(name: string, change: (folder: string) => void): { status: number | null; stderr: string; folder: string } {
  const folder = path.join(work, name);
  fs.cpSync(valid, folder, { recursive: true });
  change(folder);
  const result = runCli(['images', '--output-folder', folder]);
  return { status: result.status, stderr: result.stderr, folder };
}

const writeImageCsv = (text: string) => (folder: string) => fs.writeFileSync(path.join(folder, 'latents_image.csv'), text);

const CSV_CASES: [string, string, string[]][] = [
  ['missing column', withColumns((fields) => fields.filter((_, i) => i !== 9)), ['header: missing column spotlight_color']],
  ['swapped columns', withColumns((fields) => [fields[0], fields[2], fields[1], ...fields.slice(3)]), ['header: columns in a different order']],
  ['extra column', withColumns((fields) => [...fields, fields[0] === 'object_shape' ? 'index' : '0']), ['unexpected column "index"']],
  ['NaN cell', withCell(2, 'object_color', 'nan'), ['row 2, column object_color: NaN is not allowed (value "nan")']],
  ['empty cell', withCell(3, 'spotlight_pos', ''), ['row 3, column spotlight_pos: missing value']],
  ['factor above 1', withCell(1, 'object_alpharot', '1.5'), ['row 1, column object_alpharot: out of range (value "1.5")', 'from 0 to 1']],
  ['negative factor', withCell(4, 'background_color', '-0.25'), ['row 4, column background_color: out of range (value "-0.25")']],
  ['text in a number cell', withCell(2, 'object_betarot', 'abc'), ['row 2, column object_betarot: not a number (value "abc")']],
  ['infinite number', withCell(2, 'object_zpos', '1e999'), ['row 2, column object_zpos: not a finite number (value "1e999")']],
  ['fractional shape', withCell(5, 'object_shape', '2.5'), ['row 5, column object_shape: not an integer (value "2.5")']],
  ['shape out of range', withCell(1, 'object_shape', '9'), ['row 1, column object_shape: out of range (value "9")']],
  ['position out of range', withCell(1, 'object_xpos', '3'), ['row 1, column object_xpos: out of range (value "3")', 'Write 0, 1 or 2']],
  ['short row', [header, ...rows.map((row, i) => (i === 1 ? row.split(',').slice(0, 10).join(',') : row))].join('\n'), ['row 2: 10 fields, expected 11']],
  ['unclosed quote', withCell(2, 'object_color', '"0.5'), ['row 2: unclosed double quote']],
  ['empty file', '', ['file is empty']],
  ['header only', `${header}\n`, ['no data rows']],
];

for (const [name, csv, expected] of CSV_CASES) {
  test(`images rejects ${name}`, () => {
    const result = imagesAfter(name.replaceAll(' ', '-'), writeImageCsv(csv));
    assert.is(result.status, 1, result.stderr);
    assert.match(result.stderr, `m3di images: error: ${path.join(result.folder, 'latents_image.csv')}`);
    for (const fragment of expected) assert.match(result.stderr, fragment);
    assert.not.ok(fs.existsSync(path.join(result.folder, 'images')), 'images/ was created before the inputs were checked');
  });
}

test('images rejects a missing latents file', () => {
  const result = imagesAfter('no-latents', (folder) => fs.rmSync(path.join(folder, 'latents_image.csv')));
  assert.is(result.status, 1, result.stderr);
  assert.match(result.stderr, 'latents_image.csv: file not found');
});

test('images rejects an extra text line', () => {
  const result = imagesAfter('extra-line', (folder) => fs.appendFileSync(path.join(folder, 'text', 'text_raw.txt'), '\nA teapot of "red" color is visible.'));
  assert.is(result.status, 1, result.stderr);
  assert.match(result.stderr, `latents_image.csv has ${N} rows but ${path.join(result.folder, 'text', 'text_raw.txt')} has ${N + 1} sentence lines`);
});

test('images rejects a short latents_text.csv', () => {
  const result = imagesAfter('short-text-csv', (folder) => {
    const file = path.join(folder, 'latents_text.csv');
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    fs.writeFileSync(file, lines.slice(0, -1).join('\n') + '\n');
  });
  assert.is(result.status, 1, result.stderr);
  assert.match(result.stderr, `latents_image.csv has ${N} rows but ${path.join(result.folder, 'latents_text.csv')} has ${N - 1}`);
});

test('images accepts a trailing newline in the text', () => {
  // A scene whose meshes do not exist: the run fails right after the inputs pass, without rendering.
  const scene = JSON.parse(fs.readFileSync(DEFAULT_SCENE_FILE, 'utf8'));
  for (const shape of scene.shapes) shape.mesh = path.join(work, 'no-such-mesh.obj');
  const sceneFile = path.join(work, 'missing-meshes.json');
  fs.writeFileSync(sceneFile, JSON.stringify(scene));

  const folder = path.join(work, 'trailing-newline');
  fs.cpSync(valid, folder, { recursive: true });
  fs.appendFileSync(path.join(folder, 'text', 'text_raw.txt'), '\n');
  const result = runCli(['images', '--output-folder', folder, '--scene', sceneFile]);
  assert.is(result.status, 1, result.stderr);
  assert.not.match(result.stderr, 'sentence lines');
  assert.match(result.stderr, 'no-such-mesh.obj');
});

test.after(() => fs.rmSync(work, { recursive: true, force: true }));

test.run();
