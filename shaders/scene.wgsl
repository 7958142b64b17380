// Scene queries in world space: the placed object (through its BVH) and the ground plane.

struct SurfaceHit {
  t: f32,
  position: vec3<f32>,
  shading_normal: vec3<f32>,
  geometric_normal: vec3<f32>,
  color: vec3<f32>,
  is_object: bool,
  backfacing: bool,  // the ray hit the back of the triangle; the normals are flipped to face it
}

const SHADOW_EPSILON: f32 = 1e-4;

fn to_object_point(image: Image, p: vec3<f32>) -> vec3<f32> {
  let q = vec4<f32>(p, 1.0);
  return vec3<f32>(dot(image.world_to_object[0], q), dot(image.world_to_object[1], q), dot(image.world_to_object[2], q));
}

fn to_object_vector(image: Image, d: vec3<f32>) -> vec3<f32> {
  let q = vec4<f32>(d, 0.0);
  return vec3<f32>(dot(image.world_to_object[0], q), dot(image.world_to_object[1], q), dot(image.world_to_object[2], q));
}

fn normal_to_world(image: Image, n: vec3<f32>) -> vec3<f32> {
  let q = vec4<f32>(n, 0.0);
  return normalize(vec3<f32>(dot(image.normal_to_world[0], q), dot(image.normal_to_world[1], q), dot(image.normal_to_world[2], q)));
}

// False when the segment (0, t_max) of the ray misses the object's bounding sphere, so the BVH
// cannot be hit either. Much cheaper than the root box test, which needs the object-space ray
// and memory loads, and most rays are far from the object.
fn may_hit_object(image: Image, origin: vec3<f32>, direction: vec3<f32>, t_max: f32) -> bool {
  let to_centre = image.bounding_sphere.xyz - origin;
  let along = clamp(dot(to_centre, direction) / dot(direction, direction), 0.0, t_max);
  let offset = to_centre - along * direction;
  return dot(offset, offset) <= image.bounding_sphere.w * image.bounding_sphere.w;
}

// Closest surface along a world ray; t = INF when nothing is hit.
fn intersect_scene(image: Image, ray: Ray) -> SurfaceHit {
  var result = SurfaceHit(INF, vec3<f32>(0.0), vec3<f32>(0.0, 0.0, 1.0), vec3<f32>(0.0, 0.0, 1.0), vec3<f32>(0.0), false, false);

  // Ground plane z = -D facing +Z, seen from above only.
  let ground_z = image.ground_color.w;
  if (ray.direction.z < 0.0 && ray.origin.z > ground_z) {
    result.t = (ground_z - ray.origin.z) / ray.direction.z;
    result.position = ray.origin + result.t * ray.direction;
    result.color = image.ground_color.xyz;
  }

  // The object: the ray in object space keeps its parameter t because the direction is not renormalised.
  var hit = Hit(result.t, 0xffffffffu, 0.0, 0.0);
  if (may_hit_object(image, ray.origin, ray.direction, result.t)) {
    hit = closest_hit(image.info.x, to_object_point(image, ray.origin), to_object_vector(image, ray.direction), result.t);
  }
  if (hit.slot != 0xffffffffu) {
    let base = 3u * hit.slot;
    let v0 = triangles[base].xyz;
    let geometric = normal_to_world(image, cross(triangles[base + 1u].xyz - v0, triangles[base + 2u].xyz - v0));
    var shading = geometric;
    if (image.info.y == 0u) {
      let w = 1.0 - hit.u - hit.v;
      let interpolated = w * vertex_normals[base].xyz + hit.u * vertex_normals[base + 1u].xyz + hit.v * vertex_normals[base + 2u].xyz;
      shading = normal_to_world(image, interpolated);
    }
    result = SurfaceHit(hit.t, ray.origin + hit.t * ray.direction, shading, geometric, image.object_color.xyz, true, false);
  }

  // Face the normals towards the viewer, as for a two-sided surface.
  if (dot(result.geometric_normal, ray.direction) > 0.0) {
    result.geometric_normal = -result.geometric_normal;
    result.shading_normal = -result.shading_normal;
    result.backfacing = true;
  }
  return result;
}

// True when the object blocks the segment from `origin` along `direction` before `distance`.
// The ground cannot block light: every light is above it and it is the lowest surface.
fn occluded(image: Image, origin: vec3<f32>, direction: vec3<f32>, distance: f32) -> bool {
  if (!may_hit_object(image, origin, direction, distance)) { return false; }
  return any_hit(image.info.x, to_object_point(image, origin), to_object_vector(image, direction), distance);
}
