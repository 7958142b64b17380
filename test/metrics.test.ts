import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { meanSquaredErrorRgb, psnrRgb, type Image8 } from '../src/metrics/psnr.js';
import { ssimRgb, ssimWindow } from '../src/metrics/ssim.js';
import { seededRandom } from './helpers/geometry.js';

const SIZE = 48;

/** Builds an RGBA image with a smooth gradient and a bright square, so SSIM has structure to compare. */
function testImage(): Image8 {
  const data = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const p = 4 * (y * SIZE + x);
      const inSquare = x > 12 && x < 30 && y > 16 && y < 34;
      data[p] = inSquare ? 230 : 40 + 3 * x;
      data[p + 1] = inSquare ? 200 : 60 + 2 * y;
      data[p + 2] = 90 + x + y;
      data[p + 3] = 255;
    }
  }
  return { width: SIZE, height: SIZE, channels: 4, data };
}

/** Returns a copy of `image` with uniform noise of ±`amplitude` added to R, G and B. */
function withNoise(image: Image8, amplitude: number, seed: number): Image8 {
  const random = seededRandom(seed);
  const data = image.data.slice();
  for (let i = 0; i < data.length; i++) {
    if (i % 4 === 3) continue;
    data[i] = Math.min(255, Math.max(0, Math.round(data[i] + (2 * random() - 1) * amplitude)));
  }
  return { ...image, data };
}

test('psnr of identical images is Infinity', () => {
  const image = testImage();
  assert.is(psnrRgb(image, { ...image, data: image.data.slice() }), Infinity);
});

test('psnr ignores alpha', () => {
  const image = testImage();
  const other = { ...image, data: image.data.slice() };
  for (let i = 3; i < other.data.length; i += 4) other.data[i] = 0;
  assert.is(psnrRgb(image, other), Infinity);
});

test('psnr of a one-level offset in one channel', () => {
  const image = testImage();
  const other = { ...image, data: image.data.slice() };
  for (let i = 0; i < other.data.length; i += 4) other.data[i] += 1;
  // One of three channels is off by 1 everywhere: MSE = 1/3.
  assert.ok(Math.abs(meanSquaredErrorRgb(image, other) - 1 / 3) < 1e-12);
  assert.ok(Math.abs(psnrRgb(image, other) - 10 * Math.log10(3 * 255 * 255)) < 1e-9);
});

test('psnr compares RGB and RGBA images', () => {
  const image = testImage();
  const rgb = new Uint8Array(SIZE * SIZE * 3);
  for (let p = 0; p < SIZE * SIZE; p++) rgb.set(image.data.subarray(4 * p, 4 * p + 3), 3 * p);
  assert.is(psnrRgb(image, { width: SIZE, height: SIZE, channels: 3, data: rgb }), Infinity);
});

test('metrics reject images of different sizes', () => {
  const image = testImage();
  const smaller: Image8 = { width: SIZE - 1, height: SIZE, channels: 4, data: new Uint8Array((SIZE - 1) * SIZE * 4) };
  assert.throws(() => psnrRgb(image, smaller), /differ in size/);
  assert.throws(() => ssimRgb(image, smaller), /differ in size/);
});

test('ssim window is normalised and symmetric', () => {
  const window = ssimWindow();
  assert.is(window.length, 11);
  assert.ok(Math.abs(window.reduce((sum, w) => sum + w, 0) - 1) < 1e-12);
  for (let i = 0; i < window.length; i++) assert.ok(Math.abs(window[i] - window[window.length - 1 - i]) < 1e-15);
  assert.ok(window[5] > window[4]);
  assert.ok(window[4] > window[0]);
});

test('ssim of identical images is 1', () => {
  const image = testImage();
  assert.is(ssimRgb(image, { ...image, data: image.data.slice() }), 1);
});

test('ssim drops as noise grows', () => {
  const image = testImage();
  const light = ssimRgb(image, withNoise(image, 4, 1));
  const heavy = ssimRgb(image, withNoise(image, 40, 2));
  assert.ok(light < 1, `light noise gave ${light}`);
  assert.ok(heavy < light, `heavy noise ${heavy} is not below light noise ${light}`);
  assert.ok(heavy > -1, `SSIM ${heavy} is below its range`);
});

test('ssim is symmetric in its arguments', () => {
  const image = testImage();
  const noisy = withNoise(image, 20, 3);
  assert.ok(Math.abs(ssimRgb(image, noisy) - ssimRgb(noisy, image)) < 1e-12);
});

test('ssim rejects images smaller than its window', () => {
  const tiny: Image8 = { width: 8, height: 8, channels: 4, data: new Uint8Array(8 * 8 * 4) };
  assert.throws(() => ssimRgb(tiny, tiny), /at least 11×11/);
});

test.run();
