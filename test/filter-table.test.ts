import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blackmanHarris, filterInverseCdf } from '../src/render/filter-table.js';

const WIDTH = 1.5;
const SIZE = 256;

test('blackman-harris window is symmetric and vanishes at its ends', () => {
  assert.ok(Math.abs(blackmanHarris(0)) < 1e-4);
  assert.ok(Math.abs(blackmanHarris(1)) < 1e-4);
  assert.ok(Math.abs(blackmanHarris(0.5) - 1) < 1e-12);
  for (const v of [0.1, 0.2, 0.33, 0.45]) assert.ok(Math.abs(blackmanHarris(v) - blackmanHarris(1 - v)) < 1e-12);
});

test('filter table is symmetric about the pixel centre', () => {
  const table = filterInverseCdf(WIDTH, SIZE);
  for (let k = 0; k < SIZE; k++) {
    assert.ok(Math.abs(table[k] + table[SIZE - 1 - k]) < 1e-4, `entry ${k}: ${table[k]} vs ${table[SIZE - 1 - k]}`);
  }
});

test('filter table spans the width on each side of the centre', () => {
  // A width-w Blackman–Harris filter covers [-w, w] pixels (support 2w).
  const table = filterInverseCdf(WIDTH, SIZE);
  assert.ok(Math.abs(table[0] + WIDTH) < 1e-6, `first entry ${table[0]}`);
  assert.ok(Math.abs(table[SIZE - 1] - WIDTH) < 1e-6, `last entry ${table[SIZE - 1]}`);
  for (let k = 1; k < SIZE; k++) assert.ok(table[k] >= table[k - 1], `table decreases at ${k}`);
  assert.ok(Math.abs(table[Math.floor((SIZE - 1) / 2)]) < 0.05);
});

test('filter table samples the Blackman-Harris density', () => {
  // Offsets drawn by the table fall into 12 equal bins in proportion to the window's integral over each bin.
  const table = filterInverseCdf(WIDTH, SIZE);
  const bins = 12;
  const counts = new Float64Array(bins);
  const draws = 200_000;
  for (let i = 0; i < draws; i++) {
    const u = (i + 0.5) / draws;
    const position = u * (SIZE - 1);
    const index = Math.min(Math.floor(position), SIZE - 2);
    const offset = table[index] + (table[index + 1] - table[index]) * (position - index);
    counts[Math.min(bins - 1, Math.floor(((offset + WIDTH) / (2 * WIDTH)) * bins))]++;
  }
  const expected = new Float64Array(bins);
  const steps = 1000;
  for (let b = 0; b < bins; b++) {
    for (let s = 0; s < steps; s++) expected[b] += blackmanHarris((b + (s + 0.5) / steps) / bins) / steps;
  }
  const total = expected.reduce((sum, value) => sum + value, 0);
  for (let b = 0; b < bins; b++) {
    const share = counts[b] / draws;
    assert.ok(Math.abs(share - expected[b] / total) < 0.004, `bin ${b}: ${share} vs ${expected[b] / total}`);
  }
});

test('zero filter width gives a table of zero offsets', () => {
  assert.ok(filterInverseCdf(0, 16).every((offset) => offset === 0));
});

test.run();
