import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hsvToRgb } from '../src/latents/hsv.js';

// Expected values are Python 3.11 colorsys.hsv_to_rgb output.
const CASES: [number, number, number, [number, number, number]][] = [
  [0, 1, 1, [1, 0, 0]],
  [0.05808361216819946, 1, 1, [1, 0.34850167300919677, 0]],
  [0.5, 1, 1, [0, 1, 1]],
  [0.9999999999999999, 1, 1, [1, 0, 8.881784197001252e-16]],
  [1, 1, 1, [1, 0, 0]],
  [-0.177, 0.6, 1, [1, 0.4, 1.0372]],
  [-0.25, 0.8, 1, [1, 0.19999999999999996, 1.4]],
  [-1.5, 0.8, 1, [0.19999999999999996, 1, 1]],
  [0.3, 0, 0.7, [0.7, 0.7, 0.7]],
  [2.25, 0.6, 1, [0.7, 1, 0.4]],
  [-0, 1, 1, [1, 0, 0]],
  [-1e-20, 0.8, 1, [1, 0.19999999999999996, 0.19999999999999996]],
];

test('hsvToRgb matches colorsys', () => {
  for (const [h, s, v, expected] of CASES) assert.equal(hsvToRgb(h, s, v), expected, `hsv_to_rgb(${h}, ${s}, ${v})`);
});

test('hsvToRgb keeps t as 1 - (1 - f)', () => {
  // For f = 0.1, 1 - (1 - f) is 0.09999999999999998, not 0.1.
  assert.is(hsvToRgb(0.1 / 6, 1, 1)[1], 0.09999999999999998);
});

test('hsvToRgb rejects a non-finite hue', () => {
  assert.throws(() => hsvToRgb(Infinity, 1, 1), /hue must be finite/);
  assert.throws(() => hsvToRgb(NaN, 0.5, 1), /hue must be finite/);
  assert.equal(hsvToRgb(NaN, 0, 0.25), [0.25, 0.25, 0.25]);
});

test.run();
