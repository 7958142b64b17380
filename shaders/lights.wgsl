// Next-event estimation for the three lights: each returns the radiance reflected towards `wo`
// by one sample of the light, with its shadow ray already traced.

// Orthonormal basis around unit vector n (Duff et al. 2017).
fn basis(n: vec3<f32>) -> mat3x3<f32> {
  let s = select(-1.0, 1.0, n.z >= 0.0);
  let a = -1.0 / (s + n.z);
  let b = n.x * n.y * a;
  return mat3x3<f32>(vec3<f32>(1.0 + s * n.x * n.x * a, s * b, -s * n.x), vec3<f32>(b, s + n.y * n.y * a, -n.y), n);
}

fn concentric_disk(u: vec2<f32>) -> vec2<f32> {
  let offset = 2.0 * u - 1.0;
  if (offset.x == 0.0 && offset.y == 0.0) { return vec2<f32>(0.0); }
  if (abs(offset.x) > abs(offset.y)) {
    let angle = (PI / 4.0) * (offset.y / offset.x);
    return offset.x * vec2<f32>(cos(angle), sin(angle));
  }
  let angle = PI / 2.0 - (PI / 4.0) * (offset.x / offset.y);
  return offset.y * vec2<f32>(cos(angle), sin(angle));
}

// Spot light: a disk of the light's radius facing the shading point, masked by the cone.
fn spot_light(image: Image, sp: ShadingPoint, u: vec2<f32>, rays: ptr<function, u32>) -> vec3<f32> {
  let to_point = sp.position - image.spot_position.xyz;
  let frame_axes = basis(normalize(to_point));
  let disk = frame.spot.x * concentric_disk(u);
  let light_point = image.spot_position.xyz + disk.x * frame_axes[0] + disk.y * frame_axes[1];

  let offset = light_point - sp.position;
  let distance2 = dot(offset, offset);
  let distance = sqrt(distance2);
  let wi = offset / distance;

  // Cone mask: cosine to the axis, faded by smoothstep over the blend range (Cycles' spot attenuation).
  let cos_axis = dot(-wi, image.spot_direction.xyz);
  if (cos_axis <= frame.spot.y) { return vec3<f32>(0.0); }
  var attenuation = cos_axis;
  let t = cos_axis - frame.spot.y;
  if (t < frame.spot.z && frame.spot.z > 0.0) { attenuation *= smoothstep(0.0, frame.spot.z, t); }

  let cos_light = max(dot(frame_axes[2], -wi), 0.0);
  let f = rubber_eval(sp, wi);
  if (all(f == vec3<f32>(0.0)) || cos_light == 0.0) { return vec3<f32>(0.0); }
  *rays += 1u;
  if (occluded(image, sp.position, wi, distance)) { return vec3<f32>(0.0); }
  return image.spot_color.xyz * f * (frame.spot.w * attenuation * cos_light / distance2);
}

// Square area light facing straight down, sampled uniformly over its area.
fn area_light(image: Image, sp: ShadingPoint, u: vec2<f32>, rays: ptr<function, u32>) -> vec3<f32> {
  let side = frame.area_center.w;
  let light_point = frame.area_center.xyz + vec3<f32>((u.x - 0.5) * side, (u.y - 0.5) * side, 0.0);
  let offset = light_point - sp.position;
  let distance2 = dot(offset, offset);
  let distance = sqrt(distance2);
  let wi = offset / distance;

  // One-sided emitter with normal -Z.
  let cos_light = wi.z;
  if (cos_light <= 0.0) { return vec3<f32>(0.0); }
  let f = rubber_eval(sp, wi);
  if (all(f == vec3<f32>(0.0))) { return vec3<f32>(0.0); }
  *rays += 1u;
  if (occluded(image, sp.position, wi, distance)) { return vec3<f32>(0.0); }
  return f * (frame.area_radiance.w * cos_light * side * side / distance2);
}

// Sun as Cycles samples a distant light (intern/cycles/kernel/light/light.h): a point on a disk of
// radius tan(angular diameter / 2) one unit away, every sample weighted by the irradiance E.
fn sun_light(image: Image, sp: ShadingPoint, u: vec2<f32>, rays: ptr<function, u32>) -> vec3<f32> {
  let cos_half = frame.sun_direction.w;
  let radius = sqrt(max(0.0, 1.0 - cos_half * cos_half)) / cos_half;
  let axes = basis(frame.sun_direction.xyz);
  let disk = radius * concentric_disk(u);
  let wi = normalize(axes[2] + disk.x * axes[0] + disk.y * axes[1]);

  let f = rubber_eval(sp, wi);
  if (all(f == vec3<f32>(0.0))) { return vec3<f32>(0.0); }
  *rays += 1u;
  if (occluded(image, sp.position, wi, INF)) { return vec3<f32>(0.0); }
  return f * frame.sun_irradiance.x;
}
