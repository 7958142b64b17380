// Camera rays with pixel-filter importance sampling: offsets are drawn from the filter's inverse
// CDF table, so every sample has weight 1 and the pixel value is a plain mean.

struct Ray {
  origin: vec3<f32>,
  direction: vec3<f32>,
}

fn filter_offset(u: f32) -> f32 {
  // Linear interpolation in the inverse CDF table; result in pixels around the pixel centre.
  let size = frame.batch.y;
  let position = u * f32(size - 1u);
  let index = min(u32(position), size - 2u);
  let fraction = position - f32(index);
  return mix(filter_table[index], filter_table[index + 1u], fraction);
}

fn camera_ray(pixel: vec2<u32>, u: vec2<f32>) -> Ray {
  let width = f32(frame.size.x);
  let height = f32(frame.size.y);
  let film = vec2<f32>(f32(pixel.x) + 0.5 + filter_offset(u.x), f32(pixel.y) + 0.5 + filter_offset(u.y));

  // Horizontal sensor fit: x spans [-tan, tan]; y keeps square pixels, image top is +up.
  let tan_half = frame.camera_position.w;
  let x = (2.0 * film.x / width - 1.0) * tan_half;
  let y = (1.0 - 2.0 * film.y / height) * tan_half * height / width;
  let direction = normalize(frame.camera_forward.xyz + x * frame.camera_right.xyz + y * frame.camera_up.xyz);
  return Ray(frame.camera_position.xyz, direction);
}
