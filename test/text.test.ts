import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import type { TextLatents } from '../src/latents/types.js';
import { renderSentence } from '../src/text/phrasings.js';
import { renderText, writeText } from '../src/text/render.js';
import { makeTempDir } from './helpers/dataset.js';

function row(fields: Partial<TextLatents>): TextLatents {
  return {
    objectShape: 0,
    objectXpos: 0,
    objectYpos: 0,
    objectZpos: 0,
    objectColorName: 'tab:blue',
    objectColorIndex: 137,
    textPhrasing: 0,
    ...fields,
  };
}

test('renderSentence fills all five phrasings', () => {
  const base = { objectShape: 2, objectXpos: 1, objectYpos: 2, objectColorName: 'xkcd:bright teal' };
  const expected = [
    'A dragon of "xkcd:bright teal" color is visible, positioned at the bottom-center of the image.',
    'A "xkcd:bright teal" dragon is at the bottom-center of the image.',
    'The bottom-center of the image shows a "xkcd:bright teal" colored dragon.',
    'At the bottom-center of the picture is a dragon in "xkcd:bright teal" color.',
    'At the bottom-center of the image, there is a "xkcd:bright teal" object in the form of a dragon.',
  ];
  for (let phrasing = 0; phrasing < 5; phrasing++) {
    assert.is(renderSentence(row({ ...base, textPhrasing: phrasing })), expected[phrasing]);
  }
});

test('renderSentence names every shape and position', () => {
  const shapes = ['teapot', 'hare', 'dragon', 'cow', 'armadillo', 'horse', 'head'];
  shapes.forEach((shape, objectShape) => {
    assert.is(renderSentence(row({ objectShape, textPhrasing: 1 })), `A "tab:blue" ${shape} is at the top-left of the image.`);
  });
  assert.is(renderSentence(row({ objectXpos: 2, objectYpos: 1, textPhrasing: 1 })), 'A "tab:blue" teapot is at the mid-right of the image.');
});

test('renderSentence keeps the colour name verbatim', () => {
  assert.is(renderSentence(row({ objectColorName: "xkcd:robin's egg", textPhrasing: 1 })), 'A "xkcd:robin\'s egg" teapot is at the top-left of the image.');
  assert.is(renderSentence(row({ objectColorName: 'lawngreen', textPhrasing: 1 })), 'A "lawngreen" teapot is at the top-left of the image.');
});

test('renderSentence rejects factors out of range', () => {
  assert.throws(() => renderSentence(row({ textPhrasing: 5 })), /text_phrasing must be an integer from 0 to 4, got 5/);
  assert.throws(() => renderSentence(row({ objectShape: 7 })), /object_shape must be an integer from 0 to 6, got 7/);
  assert.throws(() => renderSentence(row({ objectXpos: 1.5 })), /object_xpos must be an integer from 0 to 2, got 1.5/);
});

test('renderText has no newline after the last line', () => {
  assert.is(renderText([]), '');
  assert.is(renderText([row({ textPhrasing: 1 })]), 'A "tab:blue" teapot is at the top-left of the image.');
  const two = renderText([row({ textPhrasing: 1 }), row({ textPhrasing: 1, objectShape: 3 })]);
  assert.is(two, 'A "tab:blue" teapot is at the top-left of the image.\nA "tab:blue" cow is at the top-left of the image.');
});

test('writeText writes text/text_raw.txt', () => {
  const folder = makeTempDir();
  const rows = Array.from({ length: 5000 }, (_, i) => row({ objectShape: i % 7, textPhrasing: i % 5 }));

  const file = writeText(folder, rows);
  assert.is(file, path.join(folder, 'text', 'text_raw.txt'));
  assert.is(fs.readFileSync(file, 'utf8'), renderText(rows));
  assert.equal(fs.readdirSync(path.join(folder, 'text')), ['text_raw.txt']);
});

test.run();
