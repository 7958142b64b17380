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
  const uses = edgeUses(indices, vertexCount);
  const counts: EdgeCounts = { boundary: 0, interior: 0, overshared: 0 };
  for (const count of uses.values()) {
    if (count === 1) counts.boundary += 1;
    else if (count === 2) counts.interior += 1;
    else counts.overshared += 1;
  }
  return counts;
}

/**
 * Returns the first edge defect in triangle order, or undefined for an oriented surface whose
 * edges each belong to one or two triangles. Edges shared by three or more triangles are looked
 * for before winding, because such an edge also looks like a winding defect.
 */
export function findEdgeDefect(indices: Uint32Array, vertexCount: number): EdgeDefect | undefined {
  const uses = edgeUses(indices, vertexCount);

  let oversharedKey = -1;
  for (const [key, count] of uses) {
    if (count > 2 && (oversharedKey < 0 || key < oversharedKey)) oversharedKey = key;
  }
  if (oversharedKey >= 0) {
    const a = Math.floor(oversharedKey / vertexCount);
    const b = oversharedKey % vertexCount;
    const triangles: number[] = [];
    forEachEdge(indices, (triangle, from, to) => {
      if (edgeKey(from, to, vertexCount) === oversharedKey) triangles.push(triangle);
    });
    return { kind: 'overshared', a, b, triangles };
  }

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

function edgeUses(indices: Uint32Array, vertexCount: number): Map<number, number> {
  const uses = new Map<number, number>();
  forEachEdge(indices, (_triangle, from, to) => {
    const key = edgeKey(from, to, vertexCount);
    uses.set(key, (uses.get(key) ?? 0) + 1);
  });
  return uses;
}

function forEachEdge(indices: Uint32Array, visit: (triangle: number, from: number, to: number) => void): void {
  for (let t = 0; t < indices.length; t += 3) {
    const triangle = t / 3;
    visit(triangle, indices[t], indices[t + 1]);
    visit(triangle, indices[t + 1], indices[t + 2]);
    visit(triangle, indices[t + 2], indices[t]);
  }
}
