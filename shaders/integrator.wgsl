// Radiance along one camera ray: direct light from the three lights at every vertex, and
// `bounces` further vertices by BSDF sampling (0 = direct light only).

const PAIRS_PER_VERTEX: u32 = 4u;

// Samples a direction from the rubber BSDF: Beckmann half vector with probability F, else cosine.
// Returns the direction and its solid-angle pdf in w (0 when the sample is invalid).
fn sample_rubber(sp: ShadingPoint, u: vec2<f32>, lobe: f32) -> vec4<f32> {
  let n = sp.normal;
  let wo = sp.wo;
  let alpha = frame.material.z;
  let glossy_share = rubber_weights(sp).glossy;
  let axes = basis(n);
  var wi: vec3<f32>;
  if (lobe < glossy_share) {
    let tan2 = -alpha * alpha * log(1.0 - u.x);
    let cos_m = 1.0 / sqrt(1.0 + tan2);
    let sin_m = sqrt(max(0.0, 1.0 - cos_m * cos_m));
    let phi = 2.0 * PI * u.y;
    let m = sin_m * cos(phi) * axes[0] + sin_m * sin(phi) * axes[1] + cos_m * axes[2];
    wi = reflect(-wo, m);
  } else {
    let d = concentric_disk(u);
    let z = sqrt(max(0.0, 1.0 - dot(d, d)));
    wi = d.x * axes[0] + d.y * axes[1] + z * axes[2];
  }

  // Mixture pdf of both strategies.
  let cos_ni = dot(n, wi);
  if (cos_ni <= 0.0) { return vec4<f32>(wi, 0.0); }
  let h = normalize(wi + wo);
  let cos_m = dot(n, h);
  let cos_m2 = cos_m * cos_m;
  let alpha2 = alpha * alpha;
  let d_m = exp(-(1.0 - cos_m2) / (cos_m2 * alpha2)) / (PI * alpha2 * cos_m2 * cos_m2);
  let glossy_pdf = d_m * cos_m / (4.0 * abs(dot(wo, h)));
  let pdf = glossy_share * glossy_pdf + (1.0 - glossy_share) * cos_ni / PI;
  return vec4<f32>(wi, pdf);
}

fn radiance(image: Image, camera: Ray, pixel_seed: u32, sample_index: u32, rays: ptr<function, u32>) -> vec3<f32> {
  var result = vec3<f32>(0.0);
  var throughput = vec3<f32>(1.0);
  var ray = camera;

  for (var vertex = 0u; vertex <= frame.size.w; vertex++) {
    // Find the surface; the world is black.
    *rays += 1u;
    let hit = intersect_scene(image, ray);
    if (hit.t == INF) { break; }

    // Direct light from each light source.
    let pair = 1u + vertex * PAIRS_PER_VERTEX;
    let sp = ShadingPoint(hit.position + SHADOW_EPSILON * hit.geometric_normal, hit.shading_normal, hit.geometric_normal, -ray.direction, hit.color, hit.backfacing);
    var direct = spot_light(image, sp, sample_2d(pixel_seed, sample_index, pair), rays);
    direct += area_light(image, sp, sample_2d(pixel_seed, sample_index, pair + 1u), rays);
    direct += sun_light(image, sp, sample_2d(pixel_seed, sample_index, pair + 2u), rays);
    result += throughput * direct;

    // Continue the path by sampling the BSDF.
    if (vertex == frame.size.w) { break; }
    let lobe = to_unit_float(hash_combine(hash_combine(pixel_seed, sample_index), vertex + 0x51ed27u));
    let sampled = sample_rubber(sp, sample_2d(pixel_seed, sample_index, pair + 3u), lobe);
    if (sampled.w <= 0.0) { break; }
    throughput *= rubber_eval(sp, sampled.xyz) / sampled.w;
    ray = Ray(sp.position, sampled.xyz);
  }
  return result;
}
