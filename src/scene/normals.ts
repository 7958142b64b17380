/** Normal used for a vertex whose adjacent triangles all have zero area, so no direction is defined. */
export const FALLBACK_NORMAL: readonly [number, number, number] = [0, 0, 1];

/**
 * Computes area-weighted smooth vertex normals: each vertex gets the normalised sum of the
 * unnormalised cross products of its triangles, so a triangle counts in proportion to its area.
 * Triangles must be counter-clockwise seen from outside. Returns unit normals, xyz per vertex.
 */
export function computeSmoothNormals(positions: Float32Array, indices: Uint32Array): Float32Array {
  const sums = new Float64Array(positions.length);

  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t];
    const b = 3 * indices[t + 1];
    const c = 3 * indices[t + 2];
    const abx = positions[b] - positions[a];
    const aby = positions[b + 1] - positions[a + 1];
    const abz = positions[b + 2] - positions[a + 2];
    const acx = positions[c] - positions[a];
    const acy = positions[c + 1] - positions[a + 1];
    const acz = positions[c + 2] - positions[a + 2];

    // The cross product's length is twice the triangle's area, which gives the area weighting.
    const nx = aby * acz - abz * acy;
    const ny = abz * acx - abx * acz;
    const nz = abx * acy - aby * acx;
    for (const v of [a, b, c]) {
      sums[v] += nx;
      sums[v + 1] += ny;
      sums[v + 2] += nz;
    }
  }

  const normals = new Float32Array(positions.length);
  for (let v = 0; v < normals.length; v += 3) {
    const length = Math.hypot(sums[v], sums[v + 1], sums[v + 2]);
    if (length > 0) {
      normals[v] = sums[v] / length;
      normals[v + 1] = sums[v + 1] / length;
      normals[v + 2] = sums[v + 2] / length;
    } else {
      normals.set(FALLBACK_NORMAL, v);
    }
  }
  return normals;
}
