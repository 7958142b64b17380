import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../src/errors.js';
import { encodeRgbPng } from '../src/io/png.js';
import { Multimodal3DIdent, splitSentences, Vocabulary, wordTokens } from '../src/reader/index.js';
import { makeTempDir, referenceLatentsDir, repoRoot, runM3di } from './helpers/dataset.js';

// Vocabulary sizes and maximum sequence lengths measured with the original PyTorch loader
// (datasets.py with nltk 3.8) on the generator's output for these options.
const LOADER_FIGURES = [
  { name: 'seed42_n10', args: ['--seed', '42', '--n-points', '10'], vocabularySize: 50, maxSequenceLength: 25 },
  { name: 'seed0_n1000', args: ['--seed', '0', '--n-points', '1000'], vocabularySize: 107, maxSequenceLength: 26 },
  {
    name: 'seed0_n1000_position_dependent_color',
    args: ['--seed', '0', '--n-points', '1000', '--position-dependent-color'],
    vocabularySize: 107,
    maxSequenceLength: 26,
  },
];

/** Writes latents and text for `args` into a new temporary folder and returns it. */
function generateFolder(args: string[]): string {
  const folder = makeTempDir('m3di-reader-');
  for (const command of [['latents', ...args], ['text']]) {
    const result = runM3di([command[0], '--output-folder', folder, ...command.slice(1)]);
    assert.is(result.status, 0, result.stderr);
  }
  return folder;
}

test('wordTokens matches nltk word_tokenize', () => {
  const fixture = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'nltk-word-tokens.json'), 'utf8')) as { cases: [string, string[]][] };
  assert.ok(fixture.cases.length > 100);
  for (const [sentence, tokens] of fixture.cases) assert.equal(wordTokens(sentence), tokens, sentence);
});

test('wordTokens splits quotes, colons and clitics', () => {
  assert.equal(wordTokens('A "xkcd:robin\'s egg" cow is at the top-left of the image.'), [
    'A', '``', 'xkcd', ':', 'robin', "'s", 'egg', "''", 'cow', 'is', 'at', 'the', 'top-left', 'of', 'the', 'image', '.',
  ]);
  assert.equal(wordTokens('A "tab:blue" head.'), ['A', '``', 'tab', ':', 'blue', "''", 'head', '.']);
  assert.equal(wordTokens('A "xkcd:green/yellow" hare.'), ['A', '``', 'xkcd', ':', 'green/yellow', "''", 'hare', '.']);
});

test('splitSentences ignores line ends and trailing space', () => {
  assert.equal(splitSentences('A b.\nC d.'), ['A b.', 'C d.']);
  assert.equal(splitSentences('A b.\r\nC d.\r\n'), ['A b.', 'C d.']);
  assert.equal(splitSentences('A b.\n\n  C d.\n\n'), ['A b.', 'C d.']);
  assert.equal(splitSentences('A b. C d.'), ['A b.', 'C d.']);
  assert.equal(splitSentences('tab:blue and 0.5 stay. Next'), ['tab:blue and 0.5 stay.', 'Next']);
  assert.equal(splitSentences(''), []);
  assert.equal(splitSentences(' \n '), []);
});

test('Vocabulary puts special tokens first', () => {
  const vocabulary = Vocabulary.fromSentences([['a', 'b', 'a'], ['c', 'b']]);
  assert.equal(vocabulary.words, ['{pad}', '{eos}', '{unk}', 'a', 'b', 'c']);
  assert.is(vocabulary.size, 6);
  assert.is(vocabulary.indexOf('c'), 5);
  assert.is(vocabulary.indexOf('never seen'), 2);
});

test('Vocabulary encodes words, eos and padding', () => {
  const vocabulary = Vocabulary.fromSentences([['a', 'b']]);
  assert.equal(Array.from(vocabulary.encode(['b', 'a', 'zzz'], 6)), [4, 3, 2, 1, 0, 0]);
  assert.throws(() => vocabulary.encode(['a', 'b'], 2), RangeError);

  const matrix = vocabulary.oneHot(['b'], 3);
  assert.is(matrix.length, 3 * 5);
  assert.equal(Array.from(matrix), [0, 0, 0, 0, 1, /* eos */ 0, 1, 0, 0, 0, /* pad */ 1, 0, 0, 0, 0]);
});

test('Vocabulary round-trips through vocab.json', () => {
  const vocabulary = Vocabulary.fromSentences([['x', 'y'], ["'s", '``']]);
  const json = JSON.parse(JSON.stringify(vocabulary.toJson()));
  assert.is(json.i2w['3'], 'x');
  assert.is(json.w2i['``'], 6);
  assert.equal(Vocabulary.fromJson(json).words, vocabulary.words);
  assert.throws(() => Vocabulary.fromJson({ w2i: { '{pad}': 0, '{eos}': 1, x: 3 }, i2w: {} }), /no word has index 2/);
});

for (const figures of LOADER_FIGURES) {
  test(`reader on generated ${figures.name} matches the loader`, () => {
    const folder = generateFolder(figures.args);
    const dataset = Multimodal3DIdent.load(folder);
    assert.is(dataset.vocabulary.size, figures.vocabularySize);
    assert.is(dataset.maxSequenceLength, figures.maxSequenceLength);
    assert.is(dataset.imageLatents.length, dataset.length);
    assert.is(dataset.textLatents.length, dataset.length);
    fs.rmSync(folder, { recursive: true });
  });
}

test('reader on reference folders matches the loader', () => {
  if (!fs.existsSync(referenceLatentsDir)) {
    console.log(`  skipped: reference folders not found at ${referenceLatentsDir}`);
    return;
  }
  for (const figures of LOADER_FIGURES) {
    const dataset = Multimodal3DIdent.load(path.join(referenceLatentsDir, figures.name));
    assert.is(dataset.vocabulary.size, figures.vocabularySize, figures.name);
    assert.is(dataset.maxSequenceLength, figures.maxSequenceLength, figures.name);
  }
});

test('reader gives the loader text tensor', () => {
  const folder = generateFolder(['--seed', '42', '--n-points', '10']);
  const dataset = Multimodal3DIdent.load(folder);
  assert.is(dataset.length, 10);
  assert.is(dataset.sentences[2], 'A "tab:blue" head is at the bottom-right of the image.');
  assert.equal(dataset.words[2].slice(0, 7), ['A', '``', 'tab', ':', 'blue', "''", 'head']);

  // Shape (25, 50): one 1 per row; the words, then {eos} (1), then {pad} (0).
  const text = dataset.text(2);
  const { size } = dataset.vocabulary;
  assert.is(text.length, 25 * size);
  const rows = Array.from({ length: 25 }, (_, t) => text.subarray(t * size, (t + 1) * size));
  for (const row of rows) assert.is(row.reduce((sum, value) => sum + value, 0), 1);
  const indices = rows.map((row) => row.indexOf(1));
  const wordCount = dataset.words[2].length;
  assert.equal(indices.slice(0, wordCount), dataset.words[2].map((word) => dataset.vocabulary.indexOf(word)));
  assert.is(indices[wordCount], 1);
  assert.ok(indices.slice(wordCount + 1).every((index) => index === 0));
  assert.equal(Array.from(dataset.textIndices(2)), indices);

  assert.is(path.basename(dataset.imagePaths[9]), '9.png');
  assert.is(dataset.imageLatents[2].objectShape, 6);
  assert.is(dataset.textLatents[2].objectColorName, 'tab:blue');
  fs.rmSync(folder, { recursive: true });
});

test('reader decodes images only when asked', () => {
  const folder = generateFolder(['--seed', '1', '--n-points', '3']);
  const dataset = Multimodal3DIdent.load(folder);
  assert.throws(() => dataset.image(0), (error: Error) => error instanceof InputError && error.message.includes('0.png'));

  const rgba = new Uint8Array(4 * 4 * 4);
  for (let p = 0; p < 16; p++) rgba.set([p, 100, 200, 255], 4 * p);
  fs.mkdirSync(path.join(folder, 'images'));
  fs.writeFileSync(path.join(folder, 'images', '1.png'), encodeRgbPng(rgba, 4, 4));
  const image = dataset.item(1).image;
  assert.is(image.width, 4);
  assert.is(image.data.length, 4 * 4 * 3);
  assert.equal(Array.from(image.data.subarray(15 * 3)), [15, 100, 200]);
  assert.throws(() => dataset.image(3), RangeError);
  fs.rmSync(folder, { recursive: true });
});

test('reader rejects a CSV shorter than the text', () => {
  const folder = generateFolder(['--seed', '1', '--n-points', '3']);
  const csv = path.join(folder, 'latents_image.csv');
  fs.writeFileSync(csv, fs.readFileSync(csv, 'utf8').split('\n').slice(0, 3).join('\n') + '\n');
  assert.throws(() => Multimodal3DIdent.load(folder), /2 rows, but .* has 3 sentences/);
  fs.rmSync(folder, { recursive: true });
});

test.run();
