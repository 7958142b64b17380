/**
 * Möller–Trumbore ray–triangle test on the CPU, with the same arithmetic order as the WGSL kernel.
 * Returns the hit distance along `direction` (in units of its length), or Infinity for a miss
 * or a hit outside (tMin, tMax).
 */
export function intersectTriangle(
  origin: ArrayLike<number>,
  direction: ArrayLike<number>,
  v0: ArrayLike<number>,
  v1: ArrayLike<number>,
  v2: ArrayLike<number>,
  tMin: number,
  tMax: number,
): number {
  const e1x = v1[0] - v0[0], e1y = v1[1] - v0[1], e1z = v1[2] - v0[2];
  const e2x = v2[0] - v0[0], e2y = v2[1] - v0[1], e2z = v2[2] - v0[2];

  // p = d × e2; det = e1 · p
  const px = direction[1] * e2z - direction[2] * e2y;
  const py = direction[2] * e2x - direction[0] * e2z;
  const pz = direction[0] * e2y - direction[1] * e2x;
  const det = e1x * px + e1y * py + e1z * pz;
  if (det === 0) return Infinity;
  const inverse = 1 / det;

  // Barycentric u from s = o - v0.
  const sx = origin[0] - v0[0], sy = origin[1] - v0[1], sz = origin[2] - v0[2];
  const u = (sx * px + sy * py + sz * pz) * inverse;
  if (u < 0 || u > 1) return Infinity;

  // Barycentric v and distance t from q = s × e1.
  const qx = sy * e1z - sz * e1y;
  const qy = sz * e1x - sx * e1z;
  const qz = sx * e1y - sy * e1x;
  const v = (direction[0] * qx + direction[1] * qy + direction[2] * qz) * inverse;
  if (v < 0 || u + v > 1) return Infinity;
  const t = (e2x * qx + e2y * qy + e2z * qz) * inverse;
  return t > tMin && t < tMax ? t : Infinity;
}
