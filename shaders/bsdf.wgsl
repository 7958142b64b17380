// The "Rubber" material: mix(mix(Lambert, Ashikhmin velvet, F(ior + offset)), Beckmann glossy, F(ior)).
// Each lobe returns BSDF · cos(θ_in) in Cycles' convention.

fn fresnel_dielectric(cos_incident: f32, eta: f32) -> f32 {
  let c = abs(cos_incident);
  var g = eta * eta - 1.0 + c * c;
  if (g <= 0.0) { return 1.0; }
  g = sqrt(g);
  let a = (g - c) / (g + c);
  let b = (c * (g + c) - 1.0) / (c * (g - c) + 1.0);
  return 0.5 * a * a * (1.0 + b * b);
}

fn lambert(cos_in: f32) -> f32 {
  return cos_in / PI;
}

fn ashikhmin_velvet(n: vec3<f32>, wo: vec3<f32>, wi: vec3<f32>, inverse_sigma2: f32) -> f32 {
  let cos_no = dot(n, wo);
  let cos_ni = dot(n, wi);
  if (cos_no <= 0.0 || cos_ni <= 0.0) { return 0.0; }
  let h = normalize(wi + wo);
  let cos_nh = dot(n, h);
  let cos_ho = abs(dot(wo, h));
  if (abs(cos_nh) >= 0.99999 || cos_ho <= 1e-5) { return 0.0; }
  let ratio = max(cos_nh / cos_ho, 1e-5);
  let masking = min(1.0, min(2.0 * abs(ratio * cos_no), 2.0 * abs(ratio * cos_ni)));
  let sin2 = 1.0 - cos_nh * cos_nh;
  let cot2 = cos_nh * cos_nh / sin2;
  let distribution = exp(-cot2 * inverse_sigma2) * inverse_sigma2 / (PI * sin2 * sin2);
  return 0.25 * distribution * masking / cos_no;
}

fn beckmann_g1(cos_theta: f32, alpha: f32) -> f32 {
  // Smith masking with Walter et al.'s rational approximation.
  let c2 = cos_theta * cos_theta;
  let tan_theta = sqrt(max(1.0 - c2, 0.0)) / cos_theta;
  let a = 1.0 / (alpha * tan_theta);
  if (a >= 1.6) { return 1.0; }
  return (3.535 * a + 2.181 * a * a) / (1.0 + 2.276 * a + 2.577 * a * a);
}

fn beckmann_reflection(n: vec3<f32>, wo: vec3<f32>, wi: vec3<f32>, alpha: f32) -> f32 {
  let cos_no = dot(n, wo);
  let cos_ni = dot(n, wi);
  if (cos_no <= 0.0 || cos_ni <= 0.0) { return 0.0; }
  let h = normalize(wi + wo);
  let cos_m = dot(n, h);
  let cos_m2 = cos_m * cos_m;
  let tan_m2 = (1.0 - cos_m2) / cos_m2;
  let alpha2 = alpha * alpha;
  let distribution = exp(-tan_m2 / alpha2) / (PI * alpha2 * cos_m2 * cos_m2);
  let masking = beckmann_g1(cos_no, alpha) * beckmann_g1(cos_ni, alpha);
  return distribution * masking / (4.0 * cos_no);
}

struct MixWeights {
  velvet: f32,  // F at the velvet IOR: share of velvet inside the inner mix
  glossy: f32,  // F at the material IOR: share of glossy in the outer mix
}

fn rubber_weights(n: vec3<f32>, wo: vec3<f32>) -> MixWeights {
  let cos_no = dot(n, wo);
  return MixWeights(fresnel_dielectric(cos_no, frame.material.y), fresnel_dielectric(cos_no, frame.material.x));
}

// BSDF · cos(θ_in) of the rubber material with base colour `color`.
fn rubber_eval(n: vec3<f32>, wo: vec3<f32>, wi: vec3<f32>, color: vec3<f32>) -> vec3<f32> {
  let cos_ni = dot(n, wi);
  if (cos_ni <= 0.0) { return vec3<f32>(0.0); }
  let weights = rubber_weights(n, wo);
  let inner = (1.0 - weights.velvet) * lambert(cos_ni) + weights.velvet * ashikhmin_velvet(n, wo, wi, frame.material.w);
  let glossy = frame.glossy.x * beckmann_reflection(n, wo, wi, frame.material.z);
  return (1.0 - weights.glossy) * inner * color + weights.glossy * vec3<f32>(glossy);
}
