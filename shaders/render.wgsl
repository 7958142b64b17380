// Entry point: one invocation per pixel of one image of the batch. It averages the samples,
// applies the sRGB ("Standard") transfer curve and stores 8-bit RGBA.

fn srgb_encode(linear: f32) -> f32 {
  let c = clamp(linear, 0.0, 1.0);
  if (c <= 0.0031308) { return 12.92 * c; }
  return 1.055 * pow(c, 1.0 / 2.4) - 0.055;
}

fn quantise(linear: f32) -> u32 {
  return u32(srgb_encode(linear) * 255.0 + 0.5);
}

// Workgroup size, set per adapter by the host when it creates the pipeline.
override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y, 1)
fn render(@builtin(global_invocation_id) id: vec3<u32>) {
  let width = frame.size.x;
  let height = frame.size.y;
  if (id.x >= width || id.y >= height || id.z >= frame.batch.x) { return; }
  let image = images[id.z];

  // Random numbers depend on the dataset index, the pixel and the seed only, never on the batch.
  let pixel_seed = hash_combine(hash_combine(hash_u32(image.info.z ^ frame.batch.z), id.y), id.x);

  var sum = vec3<f32>(0.0);
  var rays = 0u;
  let samples = frame.size.z;
  for (var s = 0u; s < samples; s++) {
    let ray = camera_ray(id.xy, sample_2d(pixel_seed, s, 0u));
    sum += radiance(image, ray, pixel_seed, s, &rays);
  }
  let color = sum / f32(samples);

  let packed = quantise(color.x) | (quantise(color.y) << 8u) | (quantise(color.z) << 16u) | (255u << 24u);
  pixels[(id.z * height + id.y) * width + id.x] = packed;

  // 64-bit ray counter: carry into the high word when the low word wraps.
  let previous = atomicAdd(&ray_count[0], rays);
  if (previous + rays < previous) { atomicAdd(&ray_count[1], 1u); }
}
