import { WORDS_PER_NODE, type Bvh } from './bvh.js';
import type { TriangleMesh } from './mesh.js';
import { intersectTriangle } from './ray-triangle.js';

/** Closest hit of a ray: distance along the ray direction and the mesh's own triangle index. */
export interface RayHit {
  t: number;
  triangle: number;
}

/** Slab test of a ray against node `node`'s box; returns the entry distance or Infinity for a miss. */
function intersectNode(bvh: Bvh, node: number, origin: ArrayLike<number>, inverseDirection: number[], tMax: number): number {
  const o = node * WORDS_PER_NODE;
  const f = bvh.nodeFloats;
  let near = 0;
  let far = tMax;
  for (let axis = 0; axis < 3; axis++) {
    const t0 = (f[o + axis] - origin[axis]) * inverseDirection[axis];
    const t1 = (f[o + 4 + axis] - origin[axis]) * inverseDirection[axis];
    near = Math.max(near, Math.min(t0, t1));
    far = Math.min(far, Math.max(t0, t1));
  }
  return near <= far ? near : Infinity;
}

/** Finds the closest hit of a ray through the BVH on the CPU (reference for the GPU kernel and for tests). */
export function traceClosest(bvh: Bvh, mesh: TriangleMesh, origin: ArrayLike<number>, direction: ArrayLike<number>): RayHit | null {
  const inverseDirection = [1 / direction[0], 1 / direction[1], 1 / direction[2]];
  const { positions, indices } = mesh;
  const v0 = [0, 0, 0], v1 = [0, 0, 0], v2 = [0, 0, 0];
  let best: RayHit | null = null;
  let tMax = Infinity;

  // Depth-first walk that visits the nearer child first.
  const stack: number[] = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (intersectNode(bvh, node, origin, inverseDirection, tMax) === Infinity) continue;
    const count = bvh.nodeWords[node * WORDS_PER_NODE + 7];
    const start = bvh.nodeWords[node * WORDS_PER_NODE + 3];
    if (count === 0) {
      const nearLeft = intersectNode(bvh, start, origin, inverseDirection, tMax);
      const nearRight = intersectNode(bvh, start + 1, origin, inverseDirection, tMax);
      if (nearLeft <= nearRight) stack.push(start + 1, start);
      else stack.push(start, start + 1);
      continue;
    }
    for (let slot = start; slot < start + count; slot++) {
      const triangle = bvh.triangleOrder[slot];
      for (let k = 0; k < 3; k++) {
        v0[k] = positions[3 * indices[3 * triangle] + k];
        v1[k] = positions[3 * indices[3 * triangle + 1] + k];
        v2[k] = positions[3 * indices[3 * triangle + 2] + k];
      }
      const t = intersectTriangle(origin, direction, v0, v1, v2, 0, tMax);
      if (t < tMax) {
        tMax = t;
        best = { t, triangle };
      }
    }
  }
  return best;
}
