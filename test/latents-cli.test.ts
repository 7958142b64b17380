import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir, runM3di } from './helpers/dataset.js';

/** Runs a command that must fail and returns its stderr after checking the status and the prefix. */
function failure(args: string[]): string {
  const result = runM3di(args);
  assert.is(result.status, 1, `status of m3di ${args.join(' ')}: ${result.stderr}`);
  assert.match(result.stderr, `m3di ${args[0]}: error: `, result.stderr);
  return result.stderr;
}

/** Lists every file below `folder`, relative to it. */
function listFiles(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
}

test('latents writes both CSV files and the seed', () => {
  const folder = path.join(makeTempDir(), 'new');
  const result = runM3di(['latents', '--output-folder', folder, '--n-points', '3', '--seed', '7']);
  assert.is(result.status, 0, result.stderr);
  assert.equal(listFiles(folder), ['latents_image.csv', 'latents_meta.json', 'latents_text.csv']);

  const meta = JSON.parse(fs.readFileSync(path.join(folder, 'latents_meta.json'), 'utf8'));
  assert.equal(meta, { seed: 7, seedGiven: true, nPoints: 3, positionDependentColor: false });
  assert.is(fs.readFileSync(path.join(folder, 'latents_image.csv'), 'utf8').split('\n').length, 5);
});

test('latents without --seed prints and records one', () => {
  const folder = makeTempDir();
  const first = runM3di(['latents', '--output-folder', folder, '--n-points', '20']);
  assert.is(first.status, 0, first.stderr);
  const printed = /using random seed (\d+)/.exec(first.stdout);
  assert.ok(printed, first.stdout);

  const meta = JSON.parse(fs.readFileSync(path.join(folder, 'latents_meta.json'), 'utf8'));
  assert.is(meta.seed, Number(printed![1]));
  assert.is(meta.seedGiven, false);

  const again = path.join(makeTempDir(), 'again');
  const repeat = runM3di(['latents', '--output-folder', again, '--n-points', '20', '--seed', String(meta.seed)]);
  assert.is(repeat.status, 0, repeat.stderr);
  for (const file of ['latents_image.csv', 'latents_text.csv']) {
    assert.ok(fs.readFileSync(path.join(folder, file)).equals(fs.readFileSync(path.join(again, file))), `${file} repeats`);
  }
});

test('--quiet prints nothing but records the seed', () => {
  const folder = makeTempDir();
  const latents = runM3di(['latents', '--output-folder', folder, '--n-points', '2', '--quiet']);
  assert.is(latents.status, 0, latents.stderr);
  assert.is(latents.stdout, '');
  assert.type(JSON.parse(fs.readFileSync(path.join(folder, 'latents_meta.json'), 'utf8')).seed, 'number');

  const text = runM3di(['text', '--output-folder', folder, '-q']);
  assert.is(text.status, 0, text.stderr);
  assert.is(text.stdout, '');
  assert.ok(fs.existsSync(path.join(folder, 'text', 'text_raw.txt')));
});

test('latents accepts seeds 0 and 4294967295', () => {
  for (const seed of ['0', '4294967295']) {
    const result = runM3di(['latents', '--output-folder', makeTempDir(), '--n-points', '1', '--seed', seed]);
    assert.is(result.status, 0, result.stderr);
    assert.match(result.stdout, `seed ${seed} recorded`);
    assert.not.match(result.stdout, 'random seed');
  }
});

test('latents and text print help', () => {
  for (const command of ['latents', 'text']) {
    const result = runM3di([command, '--help']);
    assert.is(result.status, 0);
    assert.match(result.stdout, `usage: m3di ${command} --output-folder DIR`);
  }
});

test('latents rejects bad --n-points', () => {
  const folder = makeTempDir();
  const cases: [string, string][] = [
    ['abc', 'invalid --n-points "abc": not an integer'],
    ['1.5', 'invalid --n-points "1.5": not an integer'],
    ['1e3', 'invalid --n-points "1e3": not an integer'],
    ['0', 'invalid --n-points "0": out of range'],
    ['-5', 'invalid --n-points "-5": out of range'],
    ['10000001', 'invalid --n-points "10000001": out of range'],
  ];
  for (const [value, expected] of cases) {
    const stderr = failure(['latents', '--output-folder', folder, `--n-points=${value}`, '--seed', '1']);
    assert.match(stderr, expected);
    assert.match(stderr, 'give an integer from 1 to 10000000');
  }
  assert.equal(listFiles(folder), []);
});

test('latents rejects bad --seed', () => {
  const folder = makeTempDir();
  const cases: [string, string][] = [
    ['-1', 'invalid --seed "-1": out of range'],
    ['4294967296', 'invalid --seed "4294967296": out of range'],
    ['1.5', 'invalid --seed "1.5": not an integer'],
    ['seven', 'invalid --seed "seven": not an integer'],
  ];
  for (const [value, expected] of cases) {
    const stderr = failure(['latents', '--output-folder', folder, '--n-points', '5', `--seed=${value}`]);
    assert.match(stderr, expected);
    assert.match(stderr, 'give an integer from 0 to 4294967295');
  }
  assert.equal(listFiles(folder), []);
});

test('latents rejects missing flags', () => {
  assert.match(failure(['latents', '--n-points', '5']), 'missing --output-folder DIR');
  assert.match(failure(['latents', '--output-folder', makeTempDir()]), 'missing value for --n-points');
  assert.match(failure(['latents', '--output-folder', makeTempDir(), '--n-points', '5', '--colour']), "Unknown option '--colour'");
  assert.match(failure(['latents', '--output-folder', makeTempDir(), '--n-points', '5', 'extra']), 'unexpected argument "extra"');
});

test('latents rejects a missing output parent', () => {
  const parent = path.join(makeTempDir(), 'missing');
  const stderr = failure(['latents', '--output-folder', path.join(parent, 'out'), '--n-points', '5']);
  assert.match(stderr, `parent folder ${parent} does not exist`);
  assert.match(stderr, `mkdir -p ${parent}`);
  assert.not.ok(fs.existsSync(parent));
});

test('latents rejects a file as output folder', () => {
  const file = path.join(makeTempDir(), 'taken');
  fs.writeFileSync(file, 'x');
  assert.match(failure(['latents', '--output-folder', file, '--n-points', '5']), `--output-folder ${file}: exists and is not a folder`);
});

test('text rejects a missing folder', () => {
  const folder = path.join(makeTempDir(), 'none');
  const stderr = failure(['text', '--output-folder', folder]);
  assert.match(stderr, `--output-folder ${folder}: folder not found`);
  assert.match(stderr, 'run `m3di latents --output-folder DIR --n-points N` first');
});

test('text rejects a missing CSV', () => {
  const folder = makeTempDir();
  assert.match(failure(['text', '--output-folder', folder]), `${path.join(folder, 'latents_text.csv')}: file not found`);
  assert.equal(listFiles(folder), []);
});

test('text rejects a malformed CSV and writes nothing', () => {
  const folder = makeTempDir();
  const csv = path.join(folder, 'latents_text.csv');
  fs.writeFileSync(csv, 'object_shape,object_xpos,object_ypos,object_zpos,object_color_name,object_color_index,text_phrasing\n9,0,0,0.0,red,1,0\n');
  const stderr = failure(['text', '--output-folder', folder]);
  assert.match(stderr, `${csv}: row 1, column object_shape: out of range (value "9")`);
  assert.equal(listFiles(folder), ['latents_text.csv']);
});

test('text rejects an empty CSV', () => {
  const folder = makeTempDir();
  const csv = path.join(folder, 'latents_text.csv');
  fs.writeFileSync(csv, '');
  assert.match(failure(['text', '--output-folder', folder]), `${csv}: file is empty`);
});

test('text rejects a CSV without rows', () => {
  const folder = makeTempDir();
  const csv = path.join(folder, 'latents_text.csv');
  fs.writeFileSync(csv, 'object_shape,object_xpos,object_ypos,object_zpos,object_color_name,object_color_index,text_phrasing\n');
  assert.match(failure(['text', '--output-folder', folder]), `${csv}: no data rows after the header`);
  assert.equal(listFiles(folder), ['latents_text.csv']);
});

test('text replaces an older text file', () => {
  const folder = makeTempDir();
  assert.is(runM3di(['latents', '--output-folder', folder, '--n-points', '4', '--seed', '3']).status, 0);
  fs.mkdirSync(path.join(folder, 'text'));
  fs.writeFileSync(path.join(folder, 'text', 'text_raw.txt'), 'old');

  const result = runM3di(['text', '--output-folder', folder]);
  assert.is(result.status, 0, result.stderr);
  const lines = fs.readFileSync(path.join(folder, 'text', 'text_raw.txt'), 'utf8').split('\n');
  assert.is(lines.length, 4);
  assert.ok(lines[3].endsWith('.'));
  assert.equal(listFiles(path.join(folder, 'text')), ['text_raw.txt']);
});

test.run();
