// BVH traversal in object space. Two layouts share `bvh_nodes` (src/scene/bvh-gpu.ts):
// - node records, four vec4 each, for closest hits: the boxes and references of both children of
//   one interior node. A reference is `count << 27 | index`: an interior child's record when
//   count is 0, else a leaf of `count` triangles from slot `index`. A shape's first record holds
//   the root's box and reference, and in word 11 the index of its first threaded node;
// - threaded nodes, two vec4 each, for shadow rays: (box minimum, miss link) and (box maximum,
//   leaf reference or 0), in depth-first order, so they need no stack.

const STACK_SIZE: u32 = 64u;
const INDEX_BITS: u32 = 27u;
const INDEX_MASK: u32 = 0x07ffffffu;
const THREAD_END: u32 = 0xffffffffu;  // miss link after a shape's last subtree

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

// Entry distance into the box [low, high], or INF if the ray misses it before t_max.
fn box_entry(low: vec3<f32>, high: vec3<f32>, origin: vec3<f32>, inverse_direction: vec3<f32>, t_max: f32) -> f32 {
  let t0 = (low - origin) * inverse_direction;
  let t1 = (high - origin) * inverse_direction;
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

// True when a triangle of the shape with root record `root` lies on the segment (0, t_max) of
// the ray. Walks the threaded nodes, which need no stack: a hit box leads to the next node
// (its first child), a missed box or a finished leaf to the node's miss link.
fn any_hit(root: u32, origin: vec3<f32>, direction: vec3<f32>, t_max: f32) -> bool {
  let inverse_direction = safe_inverse(direction);
  var node = bitcast<u32>(bvh_nodes[4u * root + 2u].w);
  while (node != THREAD_END) {
    let low = bvh_nodes[2u * node];
    let high = bvh_nodes[2u * node + 1u];
    let miss = bitcast<u32>(low.w);
    if (box_entry(low.xyz, high.xyz, origin, inverse_direction, t_max) == INF) {
      node = miss;
      continue;
    }
    let leaf = bitcast<u32>(high.w);
    if (leaf == 0u) {
      node++;
      continue;
    }
    let first = leaf & INDEX_MASK;
    for (var slot = first; slot < first + (leaf >> INDEX_BITS); slot++) {
      if (intersect_triangle(slot, origin, direction, t_max).x < t_max) { return true; }
    }
    node = miss;
  }
  return false;
}

// Closest hit on (0, t_max_in) of the shape with root record `root`: walks the node records,
// nearer child first, with the farther one on a stack.
fn closest_hit(root: u32, origin: vec3<f32>, direction: vec3<f32>, t_max_in: f32) -> Hit {
  var hit = Hit(t_max_in, 0xffffffffu, 0.0, 0.0);
  let inverse_direction = safe_inverse(direction);
  let root_low = bvh_nodes[4u * root];
  if (box_entry(root_low.xyz, bvh_nodes[4u * root + 1u].xyz, origin, inverse_direction, hit.t) == INF) { return hit; }

  var stack: array<u32, STACK_SIZE>;
  var depth = 0u;
  var child = bitcast<u32>(root_low.w);
  loop {
    let count = child >> INDEX_BITS;
    let index = child & INDEX_MASK;

    if (count > 0u) {
      // Leaf: test its triangles.
      for (var slot = index; slot < index + count; slot++) {
        let candidate = intersect_triangle(slot, origin, direction, hit.t);
        if (candidate.x < hit.t) { hit = Hit(candidate.x, slot, candidate.y, candidate.z); }
      }
      if (depth == 0u) { break; }
      depth--;
      child = stack[depth];
      continue;
    }

    // Interior: descend into the nearer child, push the farther one.
    let base = 4u * index;
    let left_low = bvh_nodes[base];
    let right_low = bvh_nodes[base + 2u];
    var near_child = bitcast<u32>(left_low.w);
    var far_child = bitcast<u32>(right_low.w);
    var near_t = box_entry(left_low.xyz, bvh_nodes[base + 1u].xyz, origin, inverse_direction, hit.t);
    var far_t = box_entry(right_low.xyz, bvh_nodes[base + 3u].xyz, origin, inverse_direction, hit.t);
    if (far_t < near_t) {
      let swap_child = near_child; near_child = far_child; far_child = swap_child;
      let swap_t = near_t; near_t = far_t; far_t = swap_t;
    }
    if (near_t == INF) {
      if (depth == 0u) { break; }
      depth--;
      child = stack[depth];
      continue;
    }
    child = near_child;
    if (far_t != INF && depth < STACK_SIZE) {
      stack[depth] = far_child;
      depth++;
    }
  }
  return hit;
}
