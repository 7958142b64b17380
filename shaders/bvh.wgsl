// BVH traversal in object space. Nodes are two vec4 each: (min.xyz, left child or first
// triangle) and (max.xyz, triangle count, 0 for interior nodes). Children sit side by side.

const STACK_SIZE: u32 = 64u;

struct Hit {
  t: f32,
  slot: u32,   // triangle slot in BVH order
  u: f32,
  v: f32,
}

fn safe_inverse(d: vec3<f32>) -> vec3<f32> {
  // Avoid division by zero: a tiny component becomes ±1e-12 before inversion.
  let tiny = vec3<f32>(1e-12);
  let magnitude = max(abs(d), tiny);
  return select(vec3<f32>(1.0), vec3<f32>(-1.0), d < vec3<f32>(0.0)) / magnitude;
}

// Entry distance into a node's box, or INF if the ray misses it before t_max.
fn box_entry(node: u32, origin: vec3<f32>, inverse_direction: vec3<f32>, t_max: f32) -> f32 {
  let t0 = (bvh_nodes[2u * node].xyz - origin) * inverse_direction;
  let t1 = (bvh_nodes[2u * node + 1u].xyz - origin) * inverse_direction;
  let near = max(max(min(t0.x, t1.x), min(t0.y, t1.y)), max(min(t0.z, t1.z), 0.0));
  let far = min(min(max(t0.x, t1.x), max(t0.y, t1.y)), min(max(t0.z, t1.z), t_max));
  return select(INF, near, near <= far);
}

// Möller–Trumbore; returns (t, u, v) with t = INF on a miss.
fn intersect_triangle(slot: u32, origin: vec3<f32>, direction: vec3<f32>, t_max: f32) -> vec3<f32> {
  let v0 = triangles[3u * slot].xyz;
  let e1 = triangles[3u * slot + 1u].xyz - v0;
  let e2 = triangles[3u * slot + 2u].xyz - v0;
  let p = cross(direction, e2);
  let det = dot(e1, p);
  if (det == 0.0) { return vec3<f32>(INF, 0.0, 0.0); }
  let inverse_det = 1.0 / det;
  let s = origin - v0;
  let u = dot(s, p) * inverse_det;
  let q = cross(s, e1);
  let v = dot(direction, q) * inverse_det;
  let t = dot(e2, q) * inverse_det;
  let inside = u >= 0.0 && v >= 0.0 && u + v <= 1.0 && t > 0.0 && t < t_max;
  return select(vec3<f32>(INF, 0.0, 0.0), vec3<f32>(t, u, v), inside);
}

// Walks the tree from `root`; with `any_hit` it stops at the first hit (shadow rays).
fn traverse(root: u32, origin: vec3<f32>, direction: vec3<f32>, t_max_in: f32, any_hit: bool) -> Hit {
  var hit = Hit(t_max_in, 0xffffffffu, 0.0, 0.0);
  let inverse_direction = safe_inverse(direction);
  if (box_entry(root, origin, inverse_direction, hit.t) == INF) { return hit; }

  var stack: array<u32, STACK_SIZE>;
  var depth = 0u;
  var node = root;
  loop {
    let upper = bvh_nodes[2u * node + 1u];
    let count = bitcast<u32>(upper.w);
    let start = bitcast<u32>(bvh_nodes[2u * node].w);

    if (count > 0u) {
      // Leaf: test its triangles.
      for (var slot = start; slot < start + count; slot++) {
        let candidate = intersect_triangle(slot, origin, direction, hit.t);
        if (candidate.x < hit.t) {
          hit = Hit(candidate.x, slot, candidate.y, candidate.z);
          if (any_hit) { return hit; }
        }
      }
      if (depth == 0u) { break; }
      depth--;
      node = stack[depth];
      continue;
    }

    // Interior: descend into the nearer child, push the farther one.
    var near_child = start;
    var far_child = start + 1u;
    var near_t = box_entry(near_child, origin, inverse_direction, hit.t);
    var far_t = box_entry(far_child, origin, inverse_direction, hit.t);
    if (far_t < near_t) {
      let swap_child = near_child; near_child = far_child; far_child = swap_child;
      let swap_t = near_t; near_t = far_t; far_t = swap_t;
    }
    if (near_t == INF) {
      if (depth == 0u) { break; }
      depth--;
      node = stack[depth];
      continue;
    }
    node = near_child;
    if (far_t != INF && depth < STACK_SIZE) {
      stack[depth] = far_child;
      depth++;
    }
  }
  return hit;
}
