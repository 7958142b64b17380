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

// Second Sobol dimension; the first is the bit-reversed index.
fn sobol_second(index_in: u32) -> u32 {
  var v = 0x80000000u;
  var result = 0u;
  var index = index_in;
  while (index != 0u) {
    if ((index & 1u) != 0u) { result ^= v; }
    index >>= 1u;
    v ^= v >> 1u;
  }
  return result;
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
