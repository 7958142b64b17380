// The "Rubber" material: mix(mix(Lambert, Ashikhmin velvet, F(ior + offset)), Beckmann glossy, F(ior)).
// Each lobe returns BSDF · cos(θ_in) in Cycles' convention.

// A surface point as the lights and the BSDF see it. Both normals face the viewer.
struct ShadingPoint {
  position: vec3<f32>,          // already offset off the surface
  normal: vec3<f32>,            // shading normal
  geometric_normal: vec3<f32>,
  wo: vec3<f32>,                // unit vector towards the viewer
  color: vec3<f32>,
  backfacing: bool,             // the viewer sees the back of the triangle
}

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

// Cycles' Fresnel node (intern/cycles/kernel/svm/fresnel.h) takes the shading normal and the view
// direction, and uses 1/IOR where the viewer sees the back of the triangle.
fn rubber_weights(sp: ShadingPoint) -> MixWeights {
  let cos_no = dot(sp.normal, sp.wo);
  let velvet_eta = select(frame.material.y, 1.0 / frame.material.y, sp.backfacing);
  let glossy_eta = select(frame.material.x, 1.0 / frame.material.x, sp.backfacing);
  return MixWeights(fresnel_dielectric(cos_no, velvet_eta), fresnel_dielectric(cos_no, glossy_eta));
}

// BSDF · cos(θ_in) of the rubber material towards the light direction `wi`. A direction below the
// geometric surface counts as transmission, which the material's reflection lobes do not have.
fn rubber_eval(sp: ShadingPoint, wi: vec3<f32>) -> vec3<f32> {
  let n = sp.normal;
  let cos_ni = dot(n, wi);
  if (cos_ni <= 0.0 || dot(sp.geometric_normal, wi) <= 0.0) { return vec3<f32>(0.0); }
  let weights = rubber_weights(sp);
  let inner = (1.0 - weights.velvet) * lambert(cos_ni) + weights.velvet * ashikhmin_velvet(n, sp.wo, wi, frame.material.w);
  let glossy = frame.glossy.x * beckmann_reflection(n, sp.wo, wi, frame.material.z);
  return (1.0 - weights.glossy) * inner * sp.color + weights.glossy * vec3<f32>(glossy);
}
