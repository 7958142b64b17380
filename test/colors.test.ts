import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { COLOR_NAMES, colorIndex, hueToColorName, nearestColorName } from '../src/latents/color-names.js';
import { hsvToRgb } from '../src/latents/hsv.js';
import { MT19937 } from '../src/latents/mt19937.js';
import { CSS4_COLORS, MATPLOTLIB_VERSION, TABLEAU_COLORS, XKCD_COLORS } from '../src/latents/palette-data.js';
import { hexToRgb, PALETTES } from '../src/latents/palettes.js';
import { referenceLatentsDir } from './helpers/dataset.js';

const CSS4 = PALETTES[1];
const CSS4_DUPLICATES: [string, string][] = [
  ['aqua', 'cyan'],
  ['darkgray', 'darkgrey'],
  ['darkslategray', 'darkslategrey'],
  ['dimgray', 'dimgrey'],
  ['fuchsia', 'magenta'],
  ['gray', 'grey'],
  ['lightgray', 'lightgrey'],
  ['lightslategray', 'lightslategrey'],
  ['slategray', 'slategrey'],
];

test('palette data equals the reference copy', () => {
  const file = path.resolve(referenceLatentsDir, '..', 'palettes.json');
  if (!fs.existsSync(file)) {
    console.log(`skipping palette comparison: ${file} not found`);
    return;
  }
  const reference = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.is(MATPLOTLIB_VERSION, reference._matplotlib_version);
  assert.equal(Object.entries(TABLEAU_COLORS), Object.entries(reference.TABLEAU_COLORS));
  assert.equal(Object.entries(CSS4_COLORS), Object.entries(reference.CSS4_COLORS));
  assert.equal(Object.entries(XKCD_COLORS), Object.entries(reference.XKCD_COLORS));
});

test('palettes have the expected sizes', () => {
  assert.equal(
    PALETTES.map((palette) => palette.allNames.length),
    [10, 148, 949],
  );
  assert.equal(
    PALETTES.map((palette) => palette.candidateNames.length),
    [10, 139, 949],
  );
});

test('CSS4 duplicates keep the last name', () => {
  for (const [first, last] of CSS4_DUPLICATES) {
    assert.ok(!CSS4.candidateNames.includes(first), `${first} is never returned`);
    assert.ok(CSS4.candidateNames.includes(last), `${last} is returned`);
    const [r, g, b] = hexToRgb(CSS4_COLORS[first]);
    assert.is(nearestColorName(CSS4, r, g, b), last);
  }
});

test('CSS4 duplicates keep the first position', () => {
  // aqua comes right after antiquewhite, long before cyan, so its colour is candidate 2.
  assert.is(CSS4.candidateNames[2], 'cyan');
  assert.equal([...CSS4.candidateRgb.subarray(6, 9)], [0, 1, 1]);
});

test('hexToRgb divides each byte by 255', () => {
  assert.equal(hexToRgb('#F0F8FF'), [240 / 255, 248 / 255, 1]);
  assert.equal(hexToRgb('#1f77b4'), [31 / 255, 119 / 255, 180 / 255]);
  assert.throws(() => hexToRgb('1f77b4'), /expected #rrggbb/);
});

test('colour index is the sorted position', () => {
  assert.is(COLOR_NAMES.length, 1107);
  const landmarks: [number, string][] = [
    [0, 'aliceblue'],
    [1, 'antiquewhite'],
    [2, 'aqua'],
    [137, 'tab:blue'],
    [146, 'tab:red'],
    [147, 'tan'],
    [1104, 'xkcd:yellowy green'],
    [1105, 'yellow'],
    [1106, 'yellowgreen'],
  ];
  for (const [index, name] of landmarks) {
    assert.is(COLOR_NAMES[index], name);
    assert.is(colorIndex(name), index);
  }
  assert.ok(COLOR_NAMES[156].startsWith('xkcd:'), 'xkcd names start at 156');
  assert.not.ok(COLOR_NAMES[155].startsWith('xkcd:'), 'no xkcd name before 156');
  assert.is(colorIndex('xkcd:cherry red'), 315);
  assert.is(colorIndex('orangered'), 106);
  assert.is(colorIndex('magenta'), 85);
  assert.is(colorIndex('no such colour'), undefined);
});

test('sorting uses code points', () => {
  // ' ' < "'" < '/' < ':' < letters; localeCompare would order these differently.
  const xkcd = COLOR_NAMES.filter((name) => name.startsWith('xkcd:robin'));
  assert.equal(xkcd, ["xkcd:robin egg blue", "xkcd:robin's egg", "xkcd:robin's egg blue"]);
});

test('hue shortlist matches a full search', () => {
  const rng = new MT19937(3);
  const hues = Array.from({ length: 30000 }, () => rng.nextDouble());
  for (let cell = 0; cell <= 1536; cell++) {
    for (const offset of [0, 1e-16, -1e-16, 1e-12, -1e-12]) hues.push(cell / 1536 + offset);
  }
  hues.push(1 - 2 ** -53, 1, 5e-324, -0.1, 1.7);

  for (const hue of hues) {
    const [r, g, b] = hsvToRgb(hue, 1, 1);
    for (let palette = 0; palette < 3; palette++) {
      assert.is(hueToColorName(hue, palette), nearestColorName(PALETTES[palette], r, g, b), `hue ${hue} palette ${palette}`);
    }
  }
});

test('hueToColorName names a reference hue', () => {
  // Sample 0 of seed 42: hue 0.05808361216819946 in CSS4 gives orangered.
  assert.is(hueToColorName(0.05808361216819946, 1), 'orangered');
});

test.run();
