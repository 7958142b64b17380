import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MT19937 } from '../src/latents/mt19937.js';

function words(seed: number, count: number): number[] {
  const rng = new MT19937(seed);
  return Array.from({ length: count }, () => rng.nextUint32());
}

test('first words match genrand_int32', () => {
  assert.equal(words(0, 4), [2357136044, 2546248239, 3071714933, 3626093760]);
  assert.equal(words(42, 4), [1608637542, 3421126067, 4083286876, 787846414]);
  assert.equal(words(4294967295, 4), [419326371, 479346978, 3918654476, 2416749639]);
});

test('10000th word of seed 5489', () => {
  // The C++ standard requires std::mt19937 (seed 5489) to give 3499211612 first and 4123659995 as its 10000th word.
  const rng = new MT19937(5489);
  const first = rng.nextUint32();
  for (let i = 1; i < 9999; i++) rng.nextUint32();
  assert.is(first, 3499211612);
  assert.is(rng.nextUint32(), 4123659995);
});

test('nextDouble matches np.random.rand', () => {
  const rng = new MT19937(0);
  assert.is(rng.nextDouble(), 0.5488135039273248);
  assert.is(rng.nextDouble(), 0.7151893663724195);
});

test('fillInts matches np.random.randint(0, 3, 6)', () => {
  assert.equal([...new MT19937(0).fillInts(new Uint8Array(6), 3)], [0, 1, 0, 1, 1, 2]);
  assert.equal([...new MT19937(42).fillInts(new Uint8Array(6), 3)], [2, 0, 2, 2, 0, 0]);
});

test('nextInt uses low bits with rejection', () => {
  // Seed 0 words: 2357136044 & 3 = 0 (kept), 2546248239 & 3 = 3 (rejected), 3071714933 & 3 = 1 (kept).
  const rng = new MT19937(0);
  assert.is(rng.nextInt(3), 0);
  assert.is(rng.nextInt(3), 1);
  assert.is(rng.nextUint32(), 3626093760);
});

test('nextInt of one value draws nothing', () => {
  const rng = new MT19937(0);
  assert.is(rng.nextInt(1), 0);
  assert.is(rng.nextUint32(), 2357136044);
});

test('seed range is 0 to 2^32 - 1', () => {
  assert.not.throws(() => new MT19937(0));
  assert.not.throws(() => new MT19937(4294967295));
  assert.throws(() => new MT19937(-1), /seed must be an integer from 0 to 4294967295/);
  assert.throws(() => new MT19937(4294967296), /seed must be an integer/);
  assert.throws(() => new MT19937(1.5), /seed must be an integer/);
});

test.run();
