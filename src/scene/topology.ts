/**
 * A defect in how triangles meet along an edge. `overshared`: more than two triangles share the
 * edge (a non-manifold edge). `winding`: two triangles traverse the edge in the same direction,
 * so their orientations disagree. Vertices `a` and `b` are 0-based, triangles are triangle indices.
 */
export interface EdgeDefect {
  kind: 'overshared' | 'winding';
  a: number;
  b: number;
  triangles: number[];
}

/** Counts of edges by how many triangles share them. */
export interface EdgeCounts {
  /** Edges used by one triangle: the mesh's open border. */
  boundary: number;
  /** Edges used by exactly two triangles. */
  interior: number;
  /** Edges used by three or more triangles. */
  overshared: number;
}

// Keys pack an undirected edge into one number, exact while vertexCount² < 2^53 (about 94 million vertices).
function edgeKey(a: number, b: number, vertexCount: number): number {
  return a < b ? a * vertexCount + b : b * vertexCount + a;
}

/** Counts each undirected edge of an indexed triangle list by how many triangles use it. */
export function countEdges(indices: Uint32Array, vertexCount: number): EdgeCounts {
  const counts: EdgeCounts = { boundary: 0, interior: 0, overshared: 0 };
  forEachRun(sortedEdgeKeys(indices, vertexCount, false), (_key, count) => {
    if (count === 1) counts.boundary += 1;
    else if (count === 2) counts.interior += 1;
    else counts.overshared += 1;
  });
  return counts;
}

/**
 * Returns the first edge defect, or undefined for an oriented surface whose edges each belong to
 * one or two triangles. Edges shared by three or more triangles are looked for first (the one with
 * the lowest vertex indices), because such an edge also looks like a winding defect. A winding
 * defect is reported at the first triangle, in triangle order, that repeats a directed edge.
 */
export function findEdgeDefect(indices: Uint32Array, vertexCount: number): EdgeDefect | undefined {
  // Sorted keys find both defects in O(n log n) with typed arrays, which beats a Map on large meshes.
  let oversharedKey = -1;
  forEachRun(sortedEdgeKeys(indices, vertexCount, false), (key, count) => {
    if (count > 2 && oversharedKey < 0) oversharedKey = key;
  });
  if (oversharedKey >= 0) {
    const a = Math.floor(oversharedKey / vertexCount);
    const b = oversharedKey % vertexCount;
    const triangles: number[] = [];
    forEachEdge(indices, (triangle, from, to) => {
      if (edgeKey(from, to, vertexCount) === oversharedKey) triangles.push(triangle);
    });
    return { kind: 'overshared', a, b, triangles };
  }

  let repeated = false;
  forEachRun(sortedEdgeKeys(indices, vertexCount, true), (_key, count) => {
    if (count > 1) repeated = true;
  });
  if (!repeated) return undefined;

  // Each directed edge may occur once. A second occurrence means two triangles wind it the same way.
  const firstUse = new Map<number, number>();
  let defect: EdgeDefect | undefined;
  forEachEdge(indices, (triangle, from, to) => {
    if (defect !== undefined) return;
    const directed = from * vertexCount + to;
    const earlier = firstUse.get(directed);
    if (earlier === undefined) firstUse.set(directed, triangle);
    else defect = { kind: 'winding', a: from, b: to, triangles: [earlier, triangle] };
  });
  return defect;
}

/** Returns one key per triangle edge, sorted: undirected (lower vertex first) or directed (from, to). */
function sortedEdgeKeys(indices: Uint32Array, vertexCount: number, directed: boolean): Float64Array {
  const keys = new Float64Array(indices.length);
  for (let t = 0; t < indices.length; t += 3) {
    for (let k = 0; k < 3; k += 1) {
      const from = indices[t + k];
      const to = indices[t + (k === 2 ? 0 : k + 1)];
      keys[t + k] = directed ? from * vertexCount + to : edgeKey(from, to, vertexCount);
    }
  }
  return keys.sort();
}

/** Calls `visit` with each distinct key of a sorted array and how often it occurs. */
function forEachRun(sorted: Float64Array, visit: (key: number, count: number) => void): void {
  let start = 0;
  for (let i = 1; i <= sorted.length; i += 1) {
    if (i < sorted.length && sorted[i] === sorted[start]) continue;
    visit(sorted[start], i - start);
    start = i;
  }
}

function forEachEdge(indices: Uint32Array, visit: (triangle: number, from: number, to: number) => void): void {
  for (let t = 0; t < indices.length; t += 3) {
    const triangle = t / 3;
    visit(triangle, indices[t], indices[t + 1]);
    visit(triangle, indices[t + 1], indices[t + 2]);
    visit(triangle, indices[t + 2], indices[t]);
  }
}
