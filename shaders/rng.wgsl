// Per-sample random numbers as a pure function of (image, pixel, sample, dimension, seed):
// 2D Sobol points with hash-based Owen scrambling and a scrambled sample order per dimension
// pair (Burley 2020, "Practical Hash-based Owen Scrambling").

fn hash_u32(x_in: u32) -> u32 {
  // Integer finaliser from the "lowbias32" family (Wellons), bijective on u32.
  var x = x_in;
  x ^= x >> 16u;
  x *= 0x7feb352du;
  x ^= x >> 15u;
  x *= 0x846ca68bu;
  x ^= x >> 16u;
  return x;
}

fn hash_combine(seed: u32, value: u32) -> u32 {
  return hash_u32(seed ^ (value + 0x9e3779b9u + (seed << 6u) + (seed >> 2u)));
}

// Laine–Karras style permutation applied to bit-reversed values gives a nested uniform (Owen) scramble.
fn owen_scramble(value: u32, seed: u32) -> u32 {
  var x = reverseBits(value);
  x += seed;
  x ^= x * 0x6c50b47cu;
  x ^= x * 0xb82f1e52u;
  x ^= x * 0xc7afe638u;
  x ^= x * 0x8d22f6e6u;
  return reverseBits(x);
}

// Second Sobol dimension; the first is the bit-reversed index. Its generator matrix is Pascal's
// triangle mod 2, whose entry (i, j) is 1 exactly when the bits of j are a subset of those of i
// (Lucas's theorem), so the product is a superset-sum transform over bit positions: five
// shift-mask-xor steps instead of a loop over the index bits.
fn sobol_second(index: u32) -> u32 {
  var y = index;
  y ^= (y >> 1u) & 0x55555555u;
  y ^= (y >> 2u) & 0x33333333u;
  y ^= (y >> 4u) & 0x0f0f0f0fu;
  y ^= (y >> 8u) & 0x00ff00ffu;
  y ^= (y >> 16u) & 0x0000ffffu;
  return reverseBits(y);
}

fn to_unit_float(x: u32) -> f32 {
  // 24 high bits, so the result is < 1 exactly.
  return f32(x >> 8u) * (1.0 / 16777216.0);
}

// Two stratified numbers in [0,1)² for sample `sample_index` of the pixel whose seed is `pixel_seed`,
// for dimension pair `pair`.
fn sample_2d(pixel_seed: u32, sample_index: u32, pair: u32) -> vec2<f32> {
  let pair_seed = hash_combine(pixel_seed, pair);
  let index = owen_scramble(sample_index, pair_seed);
  let x = owen_scramble(reverseBits(index), hash_combine(pair_seed, 1u));
  let y = owen_scramble(sobol_second(index), hash_combine(pair_seed, 2u));
  return vec2<f32>(to_unit_float(x), to_unit_float(y));
}
