// Full 224 × 224 renders through Dawn checked against properties that only a correct render has.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Renderer } from '../src/render/renderer.js';
import { clampedHsv } from '../src/render/image-params.js';
import { loadScene } from '../src/scene/scene-file.js';
import type { ImageLatents } from '../src/latents/types.js';
import { hueOf, latentRow, pixelAt, projectedBounds, srgbToLinear } from './helpers/render.js';

const SAMPLES = 4;
const scene = loadScene();
const { width, height } = scene.image;
let renderer: Renderer;

test.before(async () => {
  renderer = await Renderer.create({ scene, samplesPerPixel: SAMPLES });
});

test.after(() => renderer.destroy());

/** Renders `rows` in one batch, all as dataset index 0, so they share their per-pixel random numbers. */
async function render(rows: ImageLatents[]): Promise<Uint8Array> {
  const batch = await renderer.renderBatch(rows.map((latents) => ({ index: 0, latents })));
  return batch.rgba;
}

/** Pixels whose colour differs between image a and image b of `rgba` by more than `threshold` in any channel. */
function differingPixels(rgba: Uint8Array, a: number, b: number, threshold: number): [number, number][] {
  const pixels: [number, number][] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = pixelAt(rgba, a, width, height, x, y);
      const q = pixelAt(rgba, b, width, height, x, y);
      if (Math.max(Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]), Math.abs(p[2] - q[2])) > threshold) pixels.push([x, y]);
    }
  }
  return pixels;
}

test('object pixels lie inside the projected bounding box for every shape', async () => {
  for (let shape = 0; shape < scene.shapes.length; shape++) {
    // Two renders that differ only in object hue: the pixels that change are the object's.
    const row = latentRow({ objectShape: shape, objectAlpharot: 0.3, objectBetarot: 0.6, objectGammarot: 0.8 });
    const rgba = await render([{ ...row, objectColor: 0 }, { ...row, objectColor: 1 / 3 }]);
    const objectPixels = differingPixels(rgba, 0, 1, 8);
    const [x0, y0, x1, y1] = projectedBounds(scene, renderer.assets, row);
    const name = scene.shapes[shape].name;

    assert.ok(objectPixels.length > 500, `${name}: only ${objectPixels.length} object pixels`);
    const outside = objectPixels.filter(([x, y]) => x < x0 - 2 || x > x1 + 2 || y < y0 - 2 || y > y1 + 2);
    assert.is(outside.length, 0, `${name}: ${outside.length} object pixels outside [${x0.toFixed(1)}, ${y0.toFixed(1)}, ${x1.toFixed(1)}, ${y1.toFixed(1)}]`);

    // The silhouette spans a good part of the box in both directions.
    const xs = objectPixels.map(([x]) => x);
    const ys = objectPixels.map(([, y]) => y);
    assert.ok(Math.max(...xs) - Math.min(...xs) > 0.4 * (x1 - x0), `${name}: silhouette too narrow`);
    assert.ok(Math.max(...ys) - Math.min(...ys) > 0.4 * (y1 - y0), `${name}: silhouette too short`);
  }
});

test('shadow on the ground is darker than the lit ground', async () => {
  const row = latentRow({ objectShape: 0 });
  const withObject = await render([row, { ...row, objectColor: 1 / 3 }]);
  const objectPixels = new Set(differingPixels(withObject, 0, 1, 8).map(([x, y]) => y * width + x));

  // The same scene with the object shrunk to nothing and the ground kept at the same depth.
  const placementEntry = renderer.assets.placements[0];
  const scale = placementEntry.scale;
  placementEntry.scale = 1e-6;
  const withoutObject = await render([row]);
  placementEntry.scale = scale;

  let shadowed = 0;
  let brighter = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (objectPixels.has(y * width + x)) continue;
      const lit = pixelAt(withoutObject, 0, width, height, x, y);
      const actual = pixelAt(withObject, 0, width, height, x, y);
      const litSum = lit[0] + lit[1] + lit[2];
      const actualSum = actual[0] + actual[1] + actual[2];
      if (actualSum < 0.9 * litSum) shadowed++;
      if (actualSum > litSum + 3) brighter++;
    }
  }
  assert.ok(shadowed > 300, `only ${shadowed} shadowed ground pixels`);
  assert.is(brighter, 0, 'the object made ground pixels brighter without indirect light');
});

test('spotlight colour tints the ground under the cone', async () => {
  const red = latentRow({ spotlightColor: 0.5 });
  const yellowGreen = latentRow({ spotlightColor: 1.0 });
  const lit = await render([red, yellowGreen]);
  const power = scene.spotlight.power;
  scene.spotlight.power = 0;
  const dark = await render([red]);
  scene.spotlight.power = power;

  // Linear-light contribution of the spotlight per channel, summed over the pixels it lights.
  const contribution = [
    [0, 0, 0],
    [0, 0, 0],
  ];
  let conePixels = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const base = pixelAt(dark, 0, width, height, x, y).map(srgbToLinear);
      const withRed = pixelAt(lit, 0, width, height, x, y).map(srgbToLinear);
      if (withRed[0] + withRed[1] + withRed[2] < base[0] + base[1] + base[2] + 0.05) continue;
      conePixels++;
      const withYellowGreen = pixelAt(lit, 1, width, height, x, y).map(srgbToLinear);
      for (let c = 0; c < 3; c++) {
        contribution[0][c] += withRed[c] - base[c];
        contribution[1][c] += withYellowGreen[c] - base[c];
      }
    }
  }
  assert.ok(conePixels > 1000, `only ${conePixels} pixels lit by the spotlight`);
  // The ground's own colour multiplies both, so compare the green-to-red ratio of the two spotlights.
  const greenToRed = contribution.map(([r, g]) => g / r);
  assert.ok(greenToRed[0] < 0.5, `red spotlight: green/red ratio ${greenToRed[0].toFixed(2)}`);
  assert.ok(greenToRed[1] > 2 * greenToRed[0], `yellow-green spotlight: green/red ratio ${greenToRed[1].toFixed(2)} vs ${greenToRed[0].toFixed(2)} for red`);
});

test('ground colour has the hue of the background latent', async () => {
  const power = scene.spotlight.power;
  scene.spotlight.power = 0;
  for (const backgroundColor of [0.1, 0.7, 0.95]) {
    const rgba = await render([latentRow({ backgroundColor })]);

    // Far ground at the top of the image, lit by the white area light and sun only.
    const mean = [0, 0, 0];
    for (let y = 2; y < 20; y++) {
      for (let x = 20; x < width - 20; x++) {
        pixelAt(rgba, 0, width, height, x, y).forEach((v, c) => (mean[c] += srgbToLinear(v)));
      }
    }
    const expected = hueOf(clampedHsv((backgroundColor - 0.5) / 2, scene.ground.saturation));
    const actual = hueOf(mean);
    const distance = Math.min(Math.abs(actual - expected), 1 - Math.abs(actual - expected));
    assert.ok(distance < 0.02, `background ${backgroundColor}: hue ${actual.toFixed(3)}, expected ${expected.toFixed(3)}`);
  }
  scene.spotlight.power = power;
});

test.run();
