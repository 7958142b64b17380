import type { RawMesh } from './formats.js';

/** Packs an undirected edge into one number, exact while vertexCount² < 2^53. */
export function undirectedEdgeKey(a: number, b: number, vertexCount: number): number {
  return a < b ? a * vertexCount + b : b * vertexCount + a;
}

/** Counts how many triangles use each undirected edge, keyed by undirectedEdgeKey. */
export function countEdgeUses(mesh: RawMesh): Map<number, number> {
  const vertexCount = mesh.positions.length / 3;
  const uses = new Map<number, number>();
  for (let t = 0; t < mesh.indices.length; t += 3) {
    for (let k = 0; k < 3; k += 1) {
      const key = undirectedEdgeKey(mesh.indices[t + k], mesh.indices[t + ((k + 1) % 3)], vertexCount);
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
  }
  return uses;
}

/** Merges vertices whose coordinates are bitwise equal, such as the copies along the seams of separately tessellated patches. */
export function weldIdenticalVertices(mesh: RawMesh): RawMesh {
  const first = new Map<string, number>();
  const remap = new Uint32Array(mesh.positions.length / 3);
  for (let v = 0; v < remap.length; v += 1) {
    const key = `${mesh.positions[3 * v]},${mesh.positions[3 * v + 1]},${mesh.positions[3 * v + 2]}`;
    const existing = first.get(key);
    if (existing === undefined) first.set(key, v);
    remap[v] = existing ?? v;
  }
  return compactVertices({ positions: mesh.positions, indices: mesh.indices.map((index) => remap[index]) });
}

/** Drops triangles that repeat a vertex, and every later copy of a triangle over the same three vertices in either orientation. */
export function removeDegenerateTriangles(mesh: RawMesh): RawMesh {
  const seen = new Set<string>();
  const keptIndices: number[] = [];
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const [a, b, c] = mesh.indices.subarray(t, t + 3);
    if (a === b || b === c || c === a) continue;

    const key = [a, b, c].sort((x, y) => x - y).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    keptIndices.push(a, b, c);
  }
  return { positions: mesh.positions, indices: Uint32Array.from(keptIndices) };
}

/** Removes vertices that no triangle uses and renumbers the rest in order of first use. */
export function compactVertices(mesh: RawMesh): RawMesh {
  const remap = new Int32Array(mesh.positions.length / 3).fill(-1);
  const positions: number[] = [];
  const indices = new Uint32Array(mesh.indices.length);
  mesh.indices.forEach((index, i) => {
    if (remap[index] < 0) {
      remap[index] = positions.length / 3;
      positions.push(mesh.positions[3 * index], mesh.positions[3 * index + 1], mesh.positions[3 * index + 2]);
    }
    indices[i] = remap[index];
  });
  return { positions: Float64Array.from(positions), indices };
}

/** Drops every triangle on an edge that more than two triangles share, which leaves small holes in place of the non-manifold spots. */
export function removeOversharedEdges(mesh: RawMesh): RawMesh {
  const vertexCount = mesh.positions.length / 3;
  const edgeKey = (a: number, b: number): number => undirectedEdgeKey(a, b, vertexCount);
  const uses = countEdgeUses(mesh);

  const keptIndices: number[] = [];
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const [a, b, c] = mesh.indices.subarray(t, t + 3);
    const onOvershared = [edgeKey(a, b), edgeKey(b, c), edgeKey(c, a)].some((key) => (uses.get(key) as number) > 2);
    if (!onOvershared) keptIndices.push(a, b, c);
  }
  return compactVertices({ positions: mesh.positions, indices: Uint32Array.from(keptIndices) });
}

/** Returns, per triangle, the index of its edge-connected component, numbered in order of first triangle. */
export function triangleComponents(mesh: RawMesh): Int32Array {
  const neighbours = triangleNeighbours(mesh);
  const component = new Int32Array(mesh.indices.length / 3).fill(-1);
  let count = 0;
  for (let start = 0; start < component.length; start += 1) {
    if (component[start] >= 0) continue;
    component[start] = count;
    const stack = [start];
    while (stack.length > 0) {
      const triangle = stack.pop() as number;
      for (const neighbour of neighbours[triangle]) {
        if (component[neighbour] < 0) {
          component[neighbour] = count;
          stack.push(neighbour);
        }
      }
    }
    count += 1;
  }
  return component;
}

/** Keeps the triangles of the largest edge-connected components whose size is at least `fraction` of the largest. */
export function keepLargeComponents(mesh: RawMesh, fraction: number): RawMesh {
  const component = triangleComponents(mesh);
  const sizes = new Map<number, number>();
  for (const id of component) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  const largest = Math.max(...sizes.values());

  const keptIndices: number[] = [];
  for (let t = 0; t < component.length; t += 1) {
    if ((sizes.get(component[t]) as number) >= fraction * largest) keptIndices.push(...mesh.indices.subarray(3 * t, 3 * t + 3));
  }
  return compactVertices({ positions: mesh.positions, indices: Uint32Array.from(keptIndices) });
}

/**
 * Flips triangles so that neighbours across every two-triangle edge wind it in opposite directions,
 * then flips each component whose signed volume is negative, so normals face outwards.
 * Returns the oriented mesh and how many edges stayed inconsistent (non-zero for a non-orientable surface).
 */
export function orientConsistently(mesh: RawMesh): { mesh: RawMesh; inconsistentEdges: number } {
  const indices = Uint32Array.from(mesh.indices);
  const triangleCount = indices.length / 3;
  const neighbours = triangleNeighbours(mesh);
  const visited = new Uint8Array(triangleCount);
  const component = new Int32Array(triangleCount);
  let components = 0;

  // Breadth-first search: each newly reached neighbour is flipped to agree with the triangle it was reached from.
  for (let start = 0; start < triangleCount; start += 1) {
    if (visited[start]) continue;
    visited[start] = 1;
    component[start] = components;
    const queue = [start];
    for (let head = 0; head < queue.length; head += 1) {
      const triangle = queue[head];
      for (const neighbour of neighbours[triangle]) {
        if (visited[neighbour]) continue;
        if (!windsOpposite(indices, triangle, neighbour)) flipTriangle(indices, neighbour);
        visited[neighbour] = 1;
        component[neighbour] = components;
        queue.push(neighbour);
      }
    }
    components += 1;
  }

  const volumes = componentVolumes(mesh.positions, indices, component, components);
  for (let t = 0; t < triangleCount; t += 1) {
    if (volumes[component[t]] < 0) flipTriangle(indices, t);
  }

  let inconsistentEdges = 0;
  for (let t = 0; t < triangleCount; t += 1) {
    for (const neighbour of neighbours[t]) {
      if (neighbour > t && !windsOpposite(indices, t, neighbour)) inconsistentEdges += 1;
    }
  }
  return { mesh: { positions: mesh.positions, indices }, inconsistentEdges };
}

/** Returns each triangle's neighbours across edges that exactly two triangles share. */
function triangleNeighbours(mesh: RawMesh): number[][] {
  const vertexCount = mesh.positions.length / 3;
  const edgeTriangles = new Map<number, number[]>();
  for (let t = 0; t < mesh.indices.length / 3; t += 1) {
    for (let k = 0; k < 3; k += 1) {
      const a = mesh.indices[3 * t + k];
      const b = mesh.indices[3 * t + ((k + 1) % 3)];
      const key = undirectedEdgeKey(a, b, vertexCount);
      const list = edgeTriangles.get(key);
      if (list === undefined) edgeTriangles.set(key, [t]);
      else list.push(t);
    }
  }

  const neighbours: number[][] = Array.from({ length: mesh.indices.length / 3 }, () => []);
  for (const list of edgeTriangles.values()) {
    if (list.length !== 2) continue;
    neighbours[list[0]].push(list[1]);
    neighbours[list[1]].push(list[0]);
  }
  return neighbours;
}

/** Tells whether two triangles that share an edge traverse it in opposite directions. */
function windsOpposite(indices: Uint32Array, first: number, second: number): boolean {
  for (let i = 0; i < 3; i += 1) {
    const a = indices[3 * first + i];
    const b = indices[3 * first + ((i + 1) % 3)];
    for (let k = 0; k < 3; k += 1) {
      const c = indices[3 * second + k];
      const d = indices[3 * second + ((k + 1) % 3)];
      if (a === c && b === d) return false;
    }
  }
  return true;
}

function flipTriangle(indices: Uint32Array, triangle: number): void {
  const swap = indices[3 * triangle + 1];
  indices[3 * triangle + 1] = indices[3 * triangle + 2];
  indices[3 * triangle + 2] = swap;
}

/** Signed volume of each component, measured from the component's mean vertex so that open surfaces get a stable sign. */
function componentVolumes(positions: Float64Array, indices: Uint32Array, component: Int32Array, components: number): Float64Array {
  const centres = new Float64Array(3 * components);
  const counts = new Float64Array(components);
  for (let t = 0; t < component.length; t += 1) {
    for (let k = 0; k < 3; k += 1) {
      const v = indices[3 * t + k];
      for (let axis = 0; axis < 3; axis += 1) centres[3 * component[t] + axis] += positions[3 * v + axis];
    }
    counts[component[t]] += 3;
  }
  for (let c = 0; c < components; c += 1) {
    for (let axis = 0; axis < 3; axis += 1) centres[3 * c + axis] /= counts[c];
  }

  const volumes = new Float64Array(components);
  for (let t = 0; t < component.length; t += 1) {
    const centre = 3 * component[t];
    const [a, b, c] = [0, 1, 2].map((k) => {
      const v = indices[3 * t + k];
      return [0, 1, 2].map((axis) => positions[3 * v + axis] - centres[centre + axis]);
    });
    volumes[component[t]] += a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  }
  return volumes;
}

/**
 * Closes every open boundary loop with a fan of triangles around a new vertex at the loop's
 * centroid, wound to match the triangles along the loop. Suits holes that are roughly planar and convex.
 */
export function closeHoles(mesh: RawMesh): RawMesh {
  const vertexCount = mesh.positions.length / 3;
  const uses = countEdgeUses(mesh);

  // A border edge a→b of a triangle continues at the border edge that starts at b.
  const next = new Map<number, number>();
  for (let t = 0; t < mesh.indices.length; t += 3) {
    for (let k = 0; k < 3; k += 1) {
      const a = mesh.indices[t + k];
      const b = mesh.indices[t + ((k + 1) % 3)];
      if (uses.get(undirectedEdgeKey(a, b, vertexCount)) !== 1) continue;
      if (next.has(a)) throw new Error(`vertex ${a} starts two border edges, so the hole loops through it are ambiguous; fill the holes by hand`);
      next.set(a, b);
    }
  }

  const positions = Array.from(mesh.positions);
  const indices = Array.from(mesh.indices);
  const starts = [...next.keys()].sort((x, y) => x - y);
  const visited = new Set<number>();
  for (const start of starts) {
    if (visited.has(start)) continue;
    const loop: number[] = [];
    for (let v = start; !visited.has(v); v = next.get(v) as number) {
      visited.add(v);
      loop.push(v);
    }

    const centre = positions.length / 3;
    for (let axis = 0; axis < 3; axis += 1) {
      positions.push(loop.reduce((sum, v) => sum + mesh.positions[3 * v + axis], 0) / loop.length);
    }
    loop.forEach((a, i) => indices.push(loop[(i + 1) % loop.length], a, centre));
  }
  return { positions: Float64Array.from(positions), indices: Uint32Array.from(indices) };
}
