import type { TriangleMesh } from './mesh.js';

/**
 * Flattened BVH over one triangle mesh, ready for upload.
 *
 * Node layout, 32 bytes (8 words) per node:
 *   word 0..2  bounds minimum xyz (f32)
 *   word 3     interior: index of the left child (the right child is the next node);
 *              leaf: index of the first triangle in `triangleOrder` order (u32)
 *   word 4..6  bounds maximum xyz (f32)
 *   word 7     triangle count (u32); 0 marks an interior node
 * The root is node 0. Both children of a node sit next to each other, so the shader fetches them together.
 */
export interface Bvh {
  /** Node records, 8 words each; read floats through `nodeFloats` and indices through `nodeWords`. */
  nodeFloats: Float32Array;
  nodeWords: Uint32Array;
  nodeCount: number;
  /** Original triangle index for each BVH-ordered triangle slot. */
  triangleOrder: Uint32Array;
  /** Maximum depth of the tree (root has depth 1). */
  depth: number;
}

/** Settings of the binned SAH builder. */
export interface BvhBuildOptions {
  /** Number of SAH bins per axis. */
  bins: number;
  /** A node with this many triangles or fewer becomes a leaf when the SAH cost of the best split is no lower. */
  maxLeafSize: number;
  /** Cost of one node traversal relative to one triangle test. */
  traversalCost: number;
}

export const DEFAULT_BVH_OPTIONS: BvhBuildOptions = { bins: 32, maxLeafSize: 8, traversalCost: 1 };

/** Words (4 bytes each) per BVH node. */
export const WORDS_PER_NODE = 8;

/** Surface area of a box given its extents; half of it, because only ratios matter for SAH. */
function halfArea(dx: number, dy: number, dz: number): number {
  return dx * dy + dy * dz + dz * dx;
}

/** Builds a binned-SAH BVH over `mesh`'s triangles. */
export function buildBvh(mesh: TriangleMesh, options: BvhBuildOptions = DEFAULT_BVH_OPTIONS): Bvh {
  const triangleCount = mesh.indices.length / 3;
  if (triangleCount === 0) throw new Error('cannot build a BVH over a mesh without triangles');

  // Per-triangle bounds and centroids.
  const boxMin = new Float32Array(triangleCount * 3);
  const boxMax = new Float32Array(triangleCount * 3);
  const centroid = new Float32Array(triangleCount * 3);
  const { positions, indices } = mesh;
  for (let t = 0; t < triangleCount; t++) {
    const a = indices[3 * t] * 3;
    const b = indices[3 * t + 1] * 3;
    const c = indices[3 * t + 2] * 3;
    for (let axis = 0; axis < 3; axis++) {
      const lo = Math.min(positions[a + axis], positions[b + axis], positions[c + axis]);
      const hi = Math.max(positions[a + axis], positions[b + axis], positions[c + axis]);
      boxMin[3 * t + axis] = lo;
      boxMax[3 * t + axis] = hi;
      centroid[3 * t + axis] = 0.5 * (lo + hi);
    }
  }

  const order = new Uint32Array(triangleCount);
  for (let t = 0; t < triangleCount; t++) order[t] = t;

  // A binary tree over n leaves has at most 2n - 1 nodes.
  const capacity = 2 * triangleCount;
  const buffer = new ArrayBuffer(capacity * WORDS_PER_NODE * 4);
  const nodeFloats = new Float32Array(buffer);
  const nodeWords = new Uint32Array(buffer);
  let nodeCount = 1;
  let depth = 1;

  const bins = options.bins;
  const binCount = new Uint32Array(bins);
  const binBounds = new Float64Array(bins * 6);
  const rightArea = new Float64Array(bins);
  const rightCount = new Uint32Array(bins);

  // Work list: node index, first triangle, triangle count, depth.
  const stack: number[] = [0, 0, triangleCount, 1];
  while (stack.length > 0) {
    const nodeDepth = stack.pop()!;
    const count = stack.pop()!;
    const first = stack.pop()!;
    const node = stack.pop()!;
    depth = Math.max(depth, nodeDepth);

    // Bounds of the triangles and of their centroids.
    let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
    let cMinX = Infinity, cMinY = Infinity, cMinZ = Infinity, cMaxX = -Infinity, cMaxY = -Infinity, cMaxZ = -Infinity;
    for (let i = first; i < first + count; i++) {
      const t = 3 * order[i];
      minX = Math.min(minX, boxMin[t]); minY = Math.min(minY, boxMin[t + 1]); minZ = Math.min(minZ, boxMin[t + 2]);
      maxX = Math.max(maxX, boxMax[t]); maxY = Math.max(maxY, boxMax[t + 1]); maxZ = Math.max(maxZ, boxMax[t + 2]);
      cMinX = Math.min(cMinX, centroid[t]); cMinY = Math.min(cMinY, centroid[t + 1]); cMinZ = Math.min(cMinZ, centroid[t + 2]);
      cMaxX = Math.max(cMaxX, centroid[t]); cMaxY = Math.max(cMaxY, centroid[t + 1]); cMaxZ = Math.max(cMaxZ, centroid[t + 2]);
    }
    const base = node * WORDS_PER_NODE;
    nodeFloats[base] = minX; nodeFloats[base + 1] = minY; nodeFloats[base + 2] = minZ;
    nodeFloats[base + 4] = maxX; nodeFloats[base + 5] = maxY; nodeFloats[base + 6] = maxZ;

    const makeLeaf = (): void => {
      nodeWords[base + 3] = first;
      nodeWords[base + 7] = count;
    };
    if (count <= 2) {
      makeLeaf();
      continue;
    }

    // Binned SAH: try `bins - 1` planes on each axis and keep the cheapest.
    const centroidMin = [cMinX, cMinY, cMinZ];
    const centroidExtent = [cMaxX - cMinX, cMaxY - cMinY, cMaxZ - cMinZ];
    let bestCost = Infinity;
    let bestAxis = -1;
    let bestPlane = 0;
    for (let axis = 0; axis < 3; axis++) {
      const extent = centroidExtent[axis];
      if (!(extent > 0)) continue;
      const scale = bins / extent;
      binCount.fill(0);
      for (let b = 0; b < bins; b++) {
        binBounds.set([Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity], 6 * b);
      }
      for (let i = first; i < first + count; i++) {
        const t = 3 * order[i];
        const b = Math.min(bins - 1, Math.floor((centroid[t + axis] - centroidMin[axis]) * scale));
        binCount[b]++;
        const o = 6 * b;
        binBounds[o] = Math.min(binBounds[o], boxMin[t]);
        binBounds[o + 1] = Math.min(binBounds[o + 1], boxMin[t + 1]);
        binBounds[o + 2] = Math.min(binBounds[o + 2], boxMin[t + 2]);
        binBounds[o + 3] = Math.max(binBounds[o + 3], boxMax[t]);
        binBounds[o + 4] = Math.max(binBounds[o + 4], boxMax[t + 1]);
        binBounds[o + 5] = Math.max(binBounds[o + 5], boxMax[t + 2]);
      }

      // Sweep from the right to get the area and count right of each plane.
      let rx0 = Infinity, ry0 = Infinity, rz0 = Infinity, rx1 = -Infinity, ry1 = -Infinity, rz1 = -Infinity, rn = 0;
      for (let b = bins - 1; b > 0; b--) {
        const o = 6 * b;
        rn += binCount[b];
        rx0 = Math.min(rx0, binBounds[o]); ry0 = Math.min(ry0, binBounds[o + 1]); rz0 = Math.min(rz0, binBounds[o + 2]);
        rx1 = Math.max(rx1, binBounds[o + 3]); ry1 = Math.max(ry1, binBounds[o + 4]); rz1 = Math.max(rz1, binBounds[o + 5]);
        rightCount[b] = rn;
        rightArea[b] = rn > 0 ? halfArea(rx1 - rx0, ry1 - ry0, rz1 - rz0) : 0;
      }

      // Sweep from the left and evaluate each plane between bin b-1 and bin b.
      let lx0 = Infinity, ly0 = Infinity, lz0 = Infinity, lx1 = -Infinity, ly1 = -Infinity, lz1 = -Infinity, ln = 0;
      for (let b = 1; b < bins; b++) {
        const o = 6 * (b - 1);
        ln += binCount[b - 1];
        lx0 = Math.min(lx0, binBounds[o]); ly0 = Math.min(ly0, binBounds[o + 1]); lz0 = Math.min(lz0, binBounds[o + 2]);
        lx1 = Math.max(lx1, binBounds[o + 3]); ly1 = Math.max(ly1, binBounds[o + 4]); lz1 = Math.max(lz1, binBounds[o + 5]);
        if (ln === 0 || rightCount[b] === 0) continue;
        const cost = ln * halfArea(lx1 - lx0, ly1 - ly0, lz1 - lz0) + rightCount[b] * rightArea[b];
        if (cost < bestCost) {
          bestCost = cost;
          bestAxis = axis;
          bestPlane = b;
        }
      }
    }

    // Compare against making a leaf, in units of one triangle test per unit parent area.
    const parentArea = halfArea(maxX - minX, maxY - minY, maxZ - minZ);
    const splitCost = options.traversalCost + bestCost / parentArea;
    if (count <= options.maxLeafSize && (bestAxis < 0 || splitCost >= count)) {
      makeLeaf();
      continue;
    }

    // Partition around the chosen plane, or at the median of the range when all centroids coincide.
    let middle: number;
    if (bestAxis < 0) {
      middle = first + (count >> 1);
    } else {
      const scale = bins / centroidExtent[bestAxis];
      const offset = centroidMin[bestAxis];
      let i = first;
      let j = first + count - 1;
      while (i <= j) {
        const b = Math.min(bins - 1, Math.floor((centroid[3 * order[i] + bestAxis] - offset) * scale));
        if (b < bestPlane) {
          i++;
        } else {
          const swap = order[i];
          order[i] = order[j];
          order[j] = swap;
          j--;
        }
      }
      middle = i;
      if (middle === first || middle === first + count) middle = first + (count >> 1);
    }

    const left = nodeCount;
    nodeCount += 2;
    nodeWords[base + 3] = left;
    nodeWords[base + 7] = 0;
    stack.push(left + 1, middle, first + count - middle, nodeDepth + 1);
    stack.push(left, first, middle - first, nodeDepth + 1);
  }

  const trimmed = nodeFloats.slice(0, nodeCount * WORDS_PER_NODE);
  return {
    nodeFloats: trimmed,
    nodeWords: new Uint32Array(trimmed.buffer),
    nodeCount,
    triangleOrder: order,
    depth,
  };
}

/**
 * Returns the SAH cost of a built tree: expected node visits plus triangle tests for a random ray
 * that hits the root box, with `traversalCost` per node and 1 per triangle.
 */
export function sahCost(bvh: Bvh, traversalCost = DEFAULT_BVH_OPTIONS.traversalCost): number {
  const area = (node: number): number => {
    const o = node * WORDS_PER_NODE;
    const f = bvh.nodeFloats;
    return halfArea(f[o + 4] - f[o], f[o + 5] - f[o + 1], f[o + 6] - f[o + 2]);
  };
  const rootArea = area(0);
  let cost = 0;
  for (let node = 0; node < bvh.nodeCount; node++) {
    const count = bvh.nodeWords[node * WORDS_PER_NODE + 7];
    const relative = area(node) / rootArea;
    cost += count === 0 ? traversalCost * relative : count * relative;
  }
  return cost;
}
