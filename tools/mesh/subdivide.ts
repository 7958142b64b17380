import { undirectedEdgeKey } from './cleanup.js';
import type { RawMesh } from './formats.js';

// Loop subdivision (Charles Loop, "Smooth Subdivision Surfaces Based on Triangles", 1987): every
// triangle splits into four, new edge points are 3/8 of each endpoint plus 1/8 of each opposite corner,
// and old vertices move towards their neighbours by weight β. Open borders use the curve rules
// (edge midpoints, and 3/4 of the vertex plus 1/8 of each border neighbour), so borders stay in place
// as cubic B-spline curves.

interface EdgeInfo {
  /** Index of the new vertex on this edge. */
  vertex: number;
  /** Corners opposite the edge in the (one or two) triangles that share it. */
  opposite: number[];
}

/** Returns one round of Loop subdivision: four times the triangles, with the surface smoothed. */
export function loopSubdivide(mesh: RawMesh): RawMesh {
  const vertexCount = mesh.positions.length / 3;
  const edges = new Map<number, EdgeInfo>();
  const edgeKey = (a: number, b: number): number => undirectedEdgeKey(a, b, vertexCount);

  for (let t = 0; t < mesh.indices.length; t += 3) {
    for (let k = 0; k < 3; k += 1) {
      const a = mesh.indices[t + k];
      const b = mesh.indices[t + ((k + 1) % 3)];
      const c = mesh.indices[t + ((k + 2) % 3)];
      const key = edgeKey(a, b);
      const info = edges.get(key);
      if (info === undefined) edges.set(key, { vertex: vertexCount + edges.size, opposite: [c] });
      else info.opposite.push(c);
    }
  }

  const positions = new Float64Array(3 * (vertexCount + edges.size));
  const neighbours: number[][] = Array.from({ length: vertexCount }, () => []);
  const borderNeighbours: number[][] = Array.from({ length: vertexCount }, () => []);

  for (const [key, info] of edges) {
    const a = Math.floor(key / vertexCount);
    const b = key % vertexCount;
    neighbours[a].push(b);
    neighbours[b].push(a);
    if (info.opposite.length !== 2) {
      borderNeighbours[a].push(b);
      borderNeighbours[b].push(a);
    }
    for (let axis = 0; axis < 3; axis += 1) {
      const pa = mesh.positions[3 * a + axis];
      const pb = mesh.positions[3 * b + axis];
      positions[3 * info.vertex + axis] = info.opposite.length === 2
        ? 0.375 * (pa + pb) + 0.125 * (mesh.positions[3 * info.opposite[0] + axis] + mesh.positions[3 * info.opposite[1] + axis])
        : 0.5 * (pa + pb);
    }
  }

  for (let v = 0; v < vertexCount; v += 1) {
    const border = borderNeighbours[v];
    for (let axis = 0; axis < 3; axis += 1) {
      const own = mesh.positions[3 * v + axis];
      if (border.length === 0) {
        const n = neighbours[v].length;
        const beta = n > 3 ? 3 / (8 * n) : 3 / 16;
        let sum = 0;
        for (const neighbour of neighbours[v]) sum += mesh.positions[3 * neighbour + axis];
        positions[3 * v + axis] = (1 - n * beta) * own + beta * sum;
      } else if (border.length === 2) {
        positions[3 * v + axis] = 0.75 * own + 0.125 * (mesh.positions[3 * border[0] + axis] + mesh.positions[3 * border[1] + axis]);
      } else {
        // A corner where several borders meet keeps its position.
        positions[3 * v + axis] = own;
      }
    }
  }

  const indices = new Uint32Array(4 * mesh.indices.length);
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const [a, b, c] = mesh.indices.subarray(t, t + 3);
    const ab = (edges.get(edgeKey(a, b)) as EdgeInfo).vertex;
    const bc = (edges.get(edgeKey(b, c)) as EdgeInfo).vertex;
    const ca = (edges.get(edgeKey(c, a)) as EdgeInfo).vertex;
    indices.set([a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca], 4 * t);
  }
  return { positions, indices };
}
