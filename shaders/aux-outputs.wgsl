// Ground truth from the primary ray through each pixel centre: object mask, linear depth and the
// world-space normal. Compiled after bindings.wgsl, camera.wgsl, bvh.wgsl and scene.wgsl (see
// src/render/aux-renderer.ts), so it sees the same scene as the render kernel.
//
// One vec4<u32> per pixel: x = linear depth as f32 bits (metres along the camera's viewing axis,
// 0 where the ray hits nothing), y = normal packed as 8-bit unorm n * 0.5 + 0.5 (0 where nothing
// is hit), z = 1 where the object is the nearest surface, else 0.

@group(0) @binding(8) var<storage, read_write> aux_pixels: array<vec4<u32>>;

// The camera ray through the centre of `pixel`, with the render kernel's horizontal sensor fit.
fn pixel_centre_ray(pixel: vec2<u32>) -> Ray {
  let width = f32(frame.size.x);
  let height = f32(frame.size.y);
  let film = vec2<f32>(f32(pixel.x) + 0.5, f32(pixel.y) + 0.5);
  let tan_half = frame.camera_position.w;
  let x = (2.0 * film.x / width - 1.0) * tan_half;
  let y = (1.0 - 2.0 * film.y / height) * tan_half * height / width;
  let direction = normalize(frame.camera_forward.xyz + x * frame.camera_right.xyz + y * frame.camera_up.xyz);
  return Ray(frame.camera_position.xyz, direction);
}

@compute @workgroup_size(8, 8, 1)
fn aux_outputs(@builtin(global_invocation_id) id: vec3<u32>) {
  let width = frame.size.x;
  let height = frame.size.y;
  if (id.x >= width || id.y >= height || id.z >= frame.batch.x) { return; }
  let image = images[id.z];

  let ray = pixel_centre_ray(id.xy);
  let hit = intersect_scene(image, ray);
  var result = vec4<u32>(0u);
  if (hit.t != INF) {
    let depth = hit.t * dot(ray.direction, frame.camera_forward.xyz);
    result = vec4<u32>(bitcast<u32>(depth), pack4x8unorm(vec4<f32>(hit.shading_normal * 0.5 + 0.5, 1.0)), select(0u, 1u, hit.is_object), 0u);
  }
  aux_pixels[(id.z * height + id.y) * width + id.x] = result;
}
