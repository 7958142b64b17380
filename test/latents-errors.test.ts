import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../src/errors.js';
import { parseImageLatents, parseTextLatents, readImageLatents, readTextLatents } from '../src/latents/read.js';
import { IMAGE_COLUMNS, TEXT_COLUMNS } from '../src/latents/types.js';
import { makeTempDir } from './helpers/dataset.js';

const IMAGE_HEADER = IMAGE_COLUMNS.join(',');
const TEXT_HEADER = TEXT_COLUMNS.join(',');
const IMAGE_ROW = '5,2,0,0.0,0.3854165025399161,0.7553614103176525,0.3265407688058354,0.05808361216819946,0.27599918202254337,0.7901755405312056,0.6659223566174967';
const TEXT_ROW = '5,2,0,0.0,orangered,106,2';

/** Runs `parse` and returns the InputError message it throws. */
function inputErrorOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    assert.instance(error, InputError);
    return (error as Error).message;
  }
  return assert.unreachable('expected an InputError') as never;
}

/** Replaces cell `column` of a text row. */
function textRowWith(column: string, value: string): string {
  const fields = TEXT_ROW.split(',');
  fields[TEXT_COLUMNS.indexOf(column as (typeof TEXT_COLUMNS)[number])] = value;
  return fields.join(',');
}

/** Replaces cell `column` of an image row. */
function imageRowWith(column: string, value: string): string {
  const fields = IMAGE_ROW.split(',');
  fields[IMAGE_COLUMNS.indexOf(column as (typeof IMAGE_COLUMNS)[number])] = value;
  return fields.join(',');
}

test('text reader accepts a valid file', () => {
  const rows = parseTextLatents(`${TEXT_HEADER}\n${TEXT_ROW}\n`, 'latents_text.csv');
  assert.equal(rows, [
    { objectShape: 5, objectXpos: 2, objectYpos: 0, objectZpos: 0, objectColorName: 'orangered', objectColorIndex: 106, textPhrasing: 2 },
  ]);
});

test('text reader accepts CRLF, BOM, blank lines, quotes', () => {
  const text = `\ufeff${TEXT_HEADER}\r\n${TEXT_ROW}\r\n\r\n5,2,0,0.0,"xkcd:cherry red",315,4\r\n`;
  const rows = parseTextLatents(text, 'latents_text.csv');
  assert.is(rows.length, 2);
  assert.is(rows[1].objectColorName, 'xkcd:cherry red');
  assert.is(rows[1].textPhrasing, 4);
});

test('text reader accepts a missing final newline', () => {
  assert.is(parseTextLatents(`${TEXT_HEADER}\n${TEXT_ROW}`, 'f.csv').length, 1);
});

test('text reader accepts integral floats', () => {
  // The original text script reads every cell with float(), so 5.0 works there too.
  assert.is(parseTextLatents(`${TEXT_HEADER}\n${textRowWith('object_shape', '5.0')}\n`, 'f.csv')[0].objectShape, 5);
});

test('header only gives no rows', () => {
  assert.equal(parseTextLatents(`${TEXT_HEADER}\n`, 'f.csv'), []);
});

test('empty file is rejected', () => {
  for (const text of ['', '\n', '\n\n']) {
    const message = inputErrorOf(() => parseTextLatents(text, 'dir/latents_text.csv'));
    assert.match(message, 'dir/latents_text.csv: file is empty');
    assert.match(message, `expected the header line "${TEXT_HEADER}"`);
    assert.match(message, 'm3di latents');
  }
});

test('missing column is named', () => {
  const header = TEXT_COLUMNS.filter((name) => name !== 'text_phrasing').join(',');
  const message = inputErrorOf(() => parseTextLatents(`${header}\n5,2,0,0.0,orangered,106\n`, 'f.csv'));
  assert.match(message, 'f.csv: header: missing column text_phrasing');
  assert.match(message, `expected "${TEXT_HEADER}"`);
});

test('index column is named as unexpected', () => {
  const message = inputErrorOf(() => parseTextLatents(`,${TEXT_HEADER}\n0,${TEXT_ROW}\n`, 'f.csv'));
  assert.match(message, 'f.csv: header: unexpected column ""');
});

test('column order is checked', () => {
  const swapped = ['object_xpos', 'object_shape', ...TEXT_COLUMNS.slice(2)].join(',');
  const message = inputErrorOf(() => parseTextLatents(`${swapped}\n${TEXT_ROW}\n`, 'f.csv'));
  assert.match(message, 'f.csv: header: columns in a different order');
});

test('row with too few fields is named', () => {
  const message = inputErrorOf(() => parseTextLatents(`${TEXT_HEADER}\n${TEXT_ROW}\n5,2,0\n`, 'f.csv'));
  assert.match(message, 'f.csv: row 2: 3 fields, expected 7');
});

test('row with one field is named', () => {
  const message = inputErrorOf(() => parseTextLatents(`${TEXT_HEADER}\n5\n`, 'f.csv'));
  assert.match(message, 'f.csv: row 1: 1 field, expected 7');
});

test('unclosed quote is named', () => {
  const message = inputErrorOf(() => parseTextLatents(`${TEXT_HEADER}\n5,2,0,0.0,"orangered,106,2\n`, 'f.csv'));
  assert.match(message, 'f.csv: row 1: unclosed double quote');
});

// Each case: column, bad value, problem and fix expected in the message.
const TEXT_CELL_CASES: [string, string, string, string][] = [
  ['object_shape', '7', 'out of range', 'Write an integer from 0 to 6 (0 teapot'],
  ['object_shape', '-1', 'out of range', 'from 0 to 6'],
  ['object_shape', 'teapot', 'not a number', 'from 0 to 6'],
  ['object_shape', '2.5', 'not an integer', 'from 0 to 6'],
  ['object_shape', '', 'missing value (an empty field reads as NaN)', 'from 0 to 6'],
  ['object_xpos', '3', 'out of range', 'Write 0, 1 or 2.'],
  ['object_ypos', '0x1', 'not a number', 'Write 0, 1 or 2.'],
  ['object_zpos', 'nan', 'NaN is not allowed', 'Write a number'],
  ['object_zpos', '1e999', 'not a finite number', 'Write a number'],
  ['object_color_name', '', 'missing colour name', 'tab:blue'],
  ['object_color_index', '1107', 'out of range', 'from 0 to 1106'],
  ['object_color_index', ' 5', 'not a number', 'from 0 to 1106'],
  ['text_phrasing', '5', 'out of range', 'Write an integer from 0 to 4.'],
  ['text_phrasing', '1e', 'not a number', 'from 0 to 4'],
];

test('bad text cells name file, row, column, value, fix', () => {
  for (const [column, value, problem, fix] of TEXT_CELL_CASES) {
    const text = `${TEXT_HEADER}\n${TEXT_ROW}\n${TEXT_ROW}\n${textRowWith(column, value)}\n`;
    const message = inputErrorOf(() => parseTextLatents(text, 'out/latents_text.csv'));
    const label = `${column}=${JSON.stringify(value)}`;
    assert.match(message, `out/latents_text.csv: row 3, column ${column}: ${problem} (value ${JSON.stringify(value)}).`, label);
    assert.match(message, fix, label);
  }
});

const IMAGE_CELL_CASES: [string, string, string, string][] = [
  ['object_shape', '7', 'out of range', 'from 0 to 6'],
  ['object_xpos', '1.5', 'not an integer', 'Write 0, 1 or 2.'],
  ['object_ypos', '-1', 'out of range', 'Write 0, 1 or 2.'],
  ['object_zpos', 'inf', 'not a number', 'Write a number'],
  ['object_alpharot', '1.5', 'out of range', 'Write a number from 0 to 1.'],
  ['object_betarot', '-0.1', 'out of range', 'from 0 to 1'],
  ['object_gammarot', 'NaN', 'NaN is not allowed', 'from 0 to 1'],
  ['object_color', '', 'missing value', 'from 0 to 1'],
  ['spotlight_pos', 'abc', 'not a number', 'from 0 to 1'],
  ['spotlight_color', '0.5.1', 'not a number', 'from 0 to 1'],
  ['background_color', '2e0', 'out of range', 'from 0 to 1'],
];

test('bad image cells name file, row, column, value, fix', () => {
  for (const [column, value, problem, fix] of IMAGE_CELL_CASES) {
    const text = `${IMAGE_HEADER}\n${imageRowWith(column, value)}\n`;
    const message = inputErrorOf(() => parseImageLatents(text, 'latents_image.csv'));
    const label = `${column}=${JSON.stringify(value)}`;
    assert.match(message, `latents_image.csv: row 1, column ${column}: ${problem}`, label);
    assert.match(message, `(value ${JSON.stringify(value)})`, label);
    assert.match(message, fix, label);
  }
});

test('image reader accepts boundary values', () => {
  const rows = parseImageLatents(`${IMAGE_HEADER}\n6,2,2,0.0,0.0,1.0,1,0,2.0027530115096503e-05,1e-05,0.5\n`, 'f.csv');
  assert.is(rows[0].objectShape, 6);
  assert.is(rows[0].objectBetarot, 1);
  assert.is(rows[0].spotlightPos, 2.0027530115096503e-5);
});

test('blank lines do not count as rows', () => {
  const text = `${IMAGE_HEADER}\n${IMAGE_ROW}\n\n${imageRowWith('object_shape', '9')}\n`;
  assert.match(inputErrorOf(() => parseImageLatents(text, 'f.csv')), 'f.csv: row 2, column object_shape');
});

test('missing file is named', () => {
  const file = path.join(makeTempDir(), 'latents_image.csv');
  const message = inputErrorOf(() => readImageLatents(file));
  assert.match(message, `${file}: file not found`);
  assert.match(message, 'm3di latents');
});

test('folder in place of a file is named', () => {
  const folder = makeTempDir();
  const file = path.join(folder, 'latents_text.csv');
  fs.mkdirSync(file);
  assert.match(inputErrorOf(() => readTextLatents(file)), `${file}: is a folder, not a CSV file`);
});

test.run();
