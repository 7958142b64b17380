import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { encodeRgbPng, readPng } from '../src/io/png.js';
import { readImageLatents } from '../src/latents/read.js';
import { buildContactSheet } from '../src/preview/contact-sheet.js';
import { escapeHtml } from '../src/preview/gallery.js';
import { SHAPE_NAMES } from '../src/text/phrasings.js';
import { dumpDom, findChromium } from './helpers/browser.js';
import { makeTempDir, runM3di } from './helpers/dataset.js';

const SIZE = 224;

/** Writes a solid 224 × 224 PNG of colour `rgb` to `file`. */
function writeSolidPng(file: string, rgb: [number, number, number]): void {
  const rgba = new Uint8Array(SIZE * SIZE * 4);
  for (let p = 0; p < SIZE * SIZE; p++) rgba.set([...rgb, 255], 4 * p);
  fs.writeFileSync(file, encodeRgbPng(rgba, SIZE, SIZE));
}

/** Returns the colour of test image `index`, distinct per index so that tiles can be identified. */
function tileColor(index: number): [number, number, number] {
  return [10 * index, 255 - 10 * index, 128];
}

/** Creates a dataset folder with latents, text and solid-colour images for every sample except `skip`. */
function makeDataset(nPoints: number, skip: number[] = []): string {
  const folder = makeTempDir('m3di-preview-');
  for (const args of [['latents', '--seed', '5', '--n-points', String(nPoints)], ['text']]) {
    const result = runM3di([args[0], '--output-folder', folder, ...args.slice(1)]);
    assert.is(result.status, 0, result.stderr);
  }
  fs.mkdirSync(path.join(folder, 'images'));
  const width = String(nPoints - 1).length;
  for (let i = 0; i < nPoints; i++) {
    if (!skip.includes(i)) writeSolidPng(path.join(folder, 'images', `${String(i).padStart(width, '0')}.png`), tileColor(i));
  }
  return folder;
}

function pixel(png: { width: number; data: Uint8Array }, x: number, y: number): number[] {
  const offset = 4 * (y * png.width + x);
  return Array.from(png.data.subarray(offset, offset + 3));
}

test('contact sheet lays out tiles in rows', () => {
  const folder = makeTempDir('m3di-sheet-');
  const tiles = [0, 1, 2, 3, 4].map((index) => ({ index, file: path.join(folder, `${index}.png`) }));
  for (const tile of tiles.slice(0, 4)) writeSolidPng(tile.file, tileColor(tile.index));

  const sheet = buildContactSheet(tiles, { columns: 3, gap: 4 });
  assert.is(sheet.width, 4 + 3 * (SIZE + 4));
  assert.is(sheet.height, 4 + 2 * (SIZE + 4));
  assert.equal(sheet.missing.map((tile) => tile.index), [4]);

  const png = PNG.sync.read(sheet.png);
  const center = (position: number) => pixel(png, 4 + (position % 3) * 228 + 112, 4 + Math.floor(position / 3) * 228 + 112);
  assert.equal(center(0), tileColor(0));
  assert.equal(center(3), tileColor(3));
  assert.equal(center(4), [96, 96, 96]);
  // The index label is white on black in each tile's top-left corner.
  assert.equal(pixel(png, 4 + 228 + 1, 4 + 1), [0, 0, 0]);
  fs.rmSync(folder, { recursive: true });
});

test('contact sheet resamples other sizes', () => {
  const folder = makeTempDir('m3di-sheet-');
  const file = path.join(folder, 'a.png');
  writeSolidPng(file, [200, 100, 50]);
  const sheet = buildContactSheet([{ index: 7, file }], { tileSize: 100, gap: 0 });
  assert.is(sheet.width, 100);
  assert.equal(pixel(PNG.sync.read(sheet.png), 60, 60), [200, 100, 50]);
  fs.rmSync(folder, { recursive: true });
});

test('escapeHtml escapes markup and quotes', () => {
  assert.is(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
});

test('preview writes sheet and gallery', () => {
  const folder = makeDataset(20, [5]);
  fs.mkdirSync(path.join(folder, 'masks'));
  writeSolidPng(path.join(folder, 'masks', '03.png'), [255, 255, 255]);
  const result = runM3di(['preview', folder, '--n', '12']);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stderr, '1 of 12 images are missing or unreadable (samples 5)');
  assert.match(result.stdout, 'file://');

  const sheet = readPng(path.join(folder, 'contact-sheet.png'));
  assert.is(sheet.width, 4 + 4 * (SIZE + 4));
  assert.is(sheet.height, 4 + 3 * (SIZE + 4));

  const html = fs.readFileSync(path.join(folder, 'index.html'), 'utf8');
  assert.is(html.match(/<article class="sample"/g)?.length, 12);
  assert.ok(html.includes('src="images/11.png"'));
  assert.not.ok(html.includes('images/12.png'));
  const sentence = fs.readFileSync(path.join(folder, 'text', 'text_raw.txt'), 'utf8').split('\n')[0];
  assert.ok(html.includes(escapeHtml(sentence)));
  assert.is(html.match(/<figure class="extra">/g)?.length, 1);
  assert.ok(html.includes('<img src="masks/03.png" alt="mask 3"'));
  fs.rmSync(folder, { recursive: true });
});

test('preview rejects a missing folder', () => {
  const result = runM3di(['preview', '/nonexistent/m3di-dataset']);
  assert.is(result.status, 1);
  assert.match(result.stderr, 'folder not found');
});

test('gallery loads images and filters in Chromium', () => {
  const chromium = findChromium();
  if (!chromium) {
    console.log('  skipped: Chromium not found (install it with `apt-get install chromium`, or set M3DI_CHROMIUM)');
    return;
  }
  const folder = makeDataset(20);
  const out = path.join(folder, 'gallery');
  const result = runM3di(['preview', folder, '--n', '16', '--html', path.join(out, 'index.html'), '--out', path.join(out, 'sheet.png')]);
  assert.is(result.status, 0, result.stderr);

  // Filter to the shape of sample 0 through the URL fragment.
  const shapes = readImageLatents(path.join(folder, 'latents_image.csv')).map((row) => SHAPE_NAMES[row.objectShape]);
  const url = `${pathToFileURL(path.join(out, 'index.html')).href}#shape=${shapes[0]}`;
  const dom = dumpDom(chromium, url);

  assert.match(dom, /<span id="load-status" data-done="true">16 of 16 images loaded<\/span>/);
  const loadedWidths = [...dom.matchAll(/<img class="render"[^>]*data-natural-width="(\d+)"/g)].map((match) => Number(match[1]));
  assert.equal(loadedWidths, new Array(16).fill(SIZE));

  const cards = [...dom.matchAll(/<article class="sample" id="sample-(\d+)" data-shape="([a-z]+)"[^>]*?( hidden="")?>/g)];
  assert.is(cards.length, 16);
  for (const [, index, shape, hidden] of cards) {
    assert.is(shape, shapes[Number(index)], `sample ${index} shape`);
    assert.is(hidden !== undefined, shape !== shapes[0], `sample ${index} (${shape}) hidden`);
  }
  const expectedShown = shapes.slice(0, 16).filter((shape) => shape === shapes[0]).length;
  assert.match(dom, `${expectedShown} of 16 samples shown`);
  fs.rmSync(folder, { recursive: true });
});

test.run();
