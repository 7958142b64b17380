import { compactVertices, countEdgeUses } from './cleanup.js';
import type { RawMesh } from './formats.js';
import { MinHeap } from './heap.js';

// Quadric error metric simplification (Garland and Heckbert, "Surface Simplification Using Quadric
// Error Metrics", SIGGRAPH 1997): each vertex carries the sum of the squared-distance quadrics of the
// planes of its triangles, and the edge whose collapse adds the least error goes first.
// Every step is a fixed sequence of floating-point operations, so equal input gives equal output.

/** Symmetric 4 × 4 quadric stored as its upper triangle: aa ab ac ad bb bc bd cc cd dd. */
type Quadric = Float64Array;

const QUADRIC_SIZE = 10;

/** Smallest cosine between a triangle's normal before and after a collapse; smaller means it folded over. */
const MIN_NORMAL_COSINE = 0.2;

/**
 * Collapses edges by quadric error until at most `targetTriangles` remain. A collapse is skipped if
 * it would touch the open boundary, make the surface non-manifold (link condition), fold a triangle
 * over or leave a triangle with no area. Expects an oriented mesh whose edges join at most two triangles.
 */
export function decimate(mesh: RawMesh, targetTriangles: number): RawMesh {
  const state = new Decimation(mesh);
  state.run(targetTriangles);
  return state.result();
}

class Decimation {
  private positions: Float64Array;
  private triangles: Int32Array;
  private triangleAlive: Uint8Array;
  private aliveTriangles: number;
  private vertexTriangles: number[][];
  private quadrics: Float64Array;
  private versions: Uint32Array;
  private boundary: Uint8Array;
  private heap = new MinHeap();
  private candidates = new CandidateStore();

  constructor(mesh: RawMesh) {
    this.positions = Float64Array.from(mesh.positions);
    this.triangles = Int32Array.from(mesh.indices);
    const vertexCount = mesh.positions.length / 3;
    const triangleCount = mesh.indices.length / 3;
    this.triangleAlive = new Uint8Array(triangleCount).fill(1);
    this.aliveTriangles = triangleCount;
    this.vertexTriangles = Array.from({ length: vertexCount }, () => []);
    this.quadrics = new Float64Array(QUADRIC_SIZE * vertexCount);
    this.versions = new Uint32Array(vertexCount);
    this.boundary = new Uint8Array(vertexCount);

    for (let t = 0; t < triangleCount; t += 1) {
      for (let k = 0; k < 3; k += 1) this.vertexTriangles[this.triangles[3 * t + k]].push(t);
      this.addPlaneQuadric(t);
    }
    this.markBoundary(mesh);

    // Queue every edge once, from its lower-numbered vertex.
    for (let v = 0; v < vertexCount; v += 1) {
      for (const neighbour of this.neighbours(v)) {
        if (neighbour > v) this.queueEdge(v, neighbour);
      }
    }
  }

  run(targetTriangles: number): void {
    while (this.aliveTriangles > targetTriangles && this.heap.size > 0) {
      const { payload } = this.heap.pop();
      const candidate = this.candidates.take(payload);
      if (this.versions[candidate.a] !== candidate.versionA || this.versions[candidate.b] !== candidate.versionB) continue;
      this.collapse(candidate.a, candidate.b, candidate.point);
    }
  }

  result(): RawMesh {
    const indices: number[] = [];
    for (let t = 0; t < this.triangleAlive.length; t += 1) {
      if (this.triangleAlive[t]) indices.push(this.triangles[3 * t], this.triangles[3 * t + 1], this.triangles[3 * t + 2]);
    }
    return compactVertices({ positions: this.positions, indices: Uint32Array.from(indices) });
  }

  private addPlaneQuadric(t: number): void {
    const [a, b, c] = [0, 1, 2].map((k) => this.triangles[3 * t + k]);
    const normal = this.normal(a, b, c, this.point(a));
    const length = Math.sqrt(normal[0] ** 2 + normal[1] ** 2 + normal[2] ** 2);
    if (length === 0) return;

    // The cross product's length is twice the area: dividing by it once gives a unit normal, and the
    // quadric is weighted by the area so that large triangles hold their plane more firmly.
    const area = length / 2;
    const [nx, ny, nz] = [normal[0] / length, normal[1] / length, normal[2] / length];
    const d = -(nx * this.positions[3 * a] + ny * this.positions[3 * a + 1] + nz * this.positions[3 * a + 2]);
    const plane = [nx, ny, nz, d];
    for (const vertex of [a, b, c]) {
      let slot = QUADRIC_SIZE * vertex;
      for (let i = 0; i < 4; i += 1) {
        for (let j = i; j < 4; j += 1) this.quadrics[slot++] += area * plane[i] * plane[j];
      }
    }
  }

  private markBoundary(mesh: RawMesh): void {
    const vertexCount = this.boundary.length;
    for (const [key, uses] of countEdgeUses(mesh)) {
      if (uses !== 1) continue;
      this.boundary[Math.floor(key / vertexCount)] = 1;
      this.boundary[key % vertexCount] = 1;
    }
  }

  private point(v: number): [number, number, number] {
    return [this.positions[3 * v], this.positions[3 * v + 1], this.positions[3 * v + 2]];
  }

  /** Unnormalised normal of triangle (a, b, c) with vertex a moved to `pointA`. */
  private normal(a: number, b: number, c: number, pointA: [number, number, number]): [number, number, number] {
    const ab = [this.positions[3 * b] - pointA[0], this.positions[3 * b + 1] - pointA[1], this.positions[3 * b + 2] - pointA[2]];
    const ac = [this.positions[3 * c] - pointA[0], this.positions[3 * c + 1] - pointA[1], this.positions[3 * c + 2] - pointA[2]];
    return [ab[1] * ac[2] - ab[2] * ac[1], ab[2] * ac[0] - ab[0] * ac[2], ab[0] * ac[1] - ab[1] * ac[0]];
  }

  private neighbours(v: number): number[] {
    const result = new Set<number>();
    for (const t of this.vertexTriangles[v]) {
      for (let k = 0; k < 3; k += 1) {
        const other = this.triangles[3 * t + k];
        if (other !== v) result.add(other);
      }
    }
    return [...result].sort((x, y) => x - y);
  }

  private queueEdge(a: number, b: number): void {
    if (this.boundary[a] || this.boundary[b]) return;
    const quadric = new Float64Array(QUADRIC_SIZE);
    for (let i = 0; i < QUADRIC_SIZE; i += 1) quadric[i] = this.quadrics[QUADRIC_SIZE * a + i] + this.quadrics[QUADRIC_SIZE * b + i];

    const [x, y, z] = this.bestPoint(quadric, a, b);
    const cost = Math.max(0, quadricError(quadric, x, y, z));
    this.heap.push(cost, this.candidates.add(a, b, this.versions[a], this.versions[b], [x, y, z]));
  }

  /** Minimiser of the quadric, or the best of the two endpoints and the midpoint where the system is near singular. */
  private bestPoint(q: Quadric, a: number, b: number): [number, number, number] {
    // Solve [aa ab ac; ab bb bc; ac bc cc] p = -[ad bd cd] by Cramer's rule.
    const [aa, ab, ac, ad, bb, bc, bd, cc, cd] = q;
    const det = aa * (bb * cc - bc * bc) - ab * (ab * cc - bc * ac) + ac * (ab * bc - bb * ac);
    const trace = aa + bb + cc;
    const pointA = this.point(a);
    const pointB = this.point(b);
    if (Math.abs(det) > 1e-9 * trace * trace * trace) {
      const x = (-ad * (bb * cc - bc * bc) + ab * (bd * cc - bc * cd) - ac * (bd * bc - bb * cd)) / det;
      const y = (-aa * (bd * cc - cd * bc) + ad * (ab * cc - bc * ac) - ac * (ab * cd - bd * ac)) / det;
      const z = (-aa * (bb * cd - bc * bd) + ab * (ab * cd - bd * ac) - ad * (ab * bc - bb * ac)) / det;

      // Accept the minimiser only near the edge, where it cannot pull the surface far away.
      const edgeLength = Math.sqrt((pointA[0] - pointB[0]) ** 2 + (pointA[1] - pointB[1]) ** 2 + (pointA[2] - pointB[2]) ** 2);
      const middle = [(pointA[0] + pointB[0]) / 2, (pointA[1] + pointB[1]) / 2, (pointA[2] + pointB[2]) / 2];
      const distance = Math.sqrt((x - middle[0]) ** 2 + (y - middle[1]) ** 2 + (z - middle[2]) ** 2);
      if (distance <= edgeLength) return [x, y, z];
    }

    const choices: [number, number, number][] = [pointA, pointB, [(pointA[0] + pointB[0]) / 2, (pointA[1] + pointB[1]) / 2, (pointA[2] + pointB[2]) / 2]];
    let best = choices[0];
    let bestError = Infinity;
    for (const choice of choices) {
      const error = quadricError(q, choice[0], choice[1], choice[2]);
      if (error < bestError) {
        best = choice;
        bestError = error;
      }
    }
    return best;
  }

  /** Merges vertex b into vertex a, placed at `target`, when the collapse keeps the surface valid. */
  private collapse(a: number, b: number, target: [number, number, number]): void {
    const shared = this.vertexTriangles[a].filter((t) => this.vertexTriangles[b].includes(t));
    if (shared.length !== 2) return;

    // Link condition: a and b may have no common neighbour besides the far corners of their two shared triangles.
    const opposite = shared.map((t) => [0, 1, 2].map((k) => this.triangles[3 * t + k]).find((v) => v !== a && v !== b));
    const neighboursA = this.neighbours(a);
    const neighboursB = new Set(this.neighbours(b));
    const common = neighboursA.filter((v) => neighboursB.has(v));
    if (common.length !== 2 || !common.every((v) => opposite.includes(v))) return;

    // The merged vertex needs at least three neighbours, or the collapse would close the surface onto itself.
    if (neighboursA.length + neighboursB.size - 4 < 3) return;

    for (const vertex of [a, b]) {
      for (const t of this.vertexTriangles[vertex]) {
        if (shared.includes(t)) continue;
        if (!this.keepsOrientation(t, vertex, target)) return;
      }
    }

    for (const t of shared) {
      this.triangleAlive[t] = 0;
      this.aliveTriangles -= 1;
      for (let k = 0; k < 3; k += 1) {
        const corner = this.triangles[3 * t + k];
        this.vertexTriangles[corner] = this.vertexTriangles[corner].filter((other) => other !== t);
      }
    }
    for (const t of this.vertexTriangles[b]) {
      for (let k = 0; k < 3; k += 1) {
        if (this.triangles[3 * t + k] === b) this.triangles[3 * t + k] = a;
      }
      this.vertexTriangles[a].push(t);
    }
    this.vertexTriangles[b] = [];

    this.positions.set(target, 3 * a);
    for (let i = 0; i < QUADRIC_SIZE; i += 1) this.quadrics[QUADRIC_SIZE * a + i] += this.quadrics[QUADRIC_SIZE * b + i];

    // Queue entries of a and b are stale now. The edges around a are queued again with the new quadric.
    this.versions[a] += 1;
    this.versions[b] += 1;
    for (const neighbour of this.neighbours(a)) {
      if (a < neighbour) this.queueEdge(a, neighbour);
      else this.queueEdge(neighbour, a);
    }
  }

  /** Tells whether triangle t, with `vertex` moved to `target`, keeps a non-zero area and roughly its normal. */
  private keepsOrientation(t: number, vertex: number, target: [number, number, number]): boolean {
    const corners = [0, 1, 2].map((k) => this.triangles[3 * t + k]);
    const turn = corners.indexOf(vertex);
    const [p, q, r] = [corners[turn], corners[(turn + 1) % 3], corners[(turn + 2) % 3]];
    const before = this.normal(p, q, r, this.point(p));
    const after = this.normal(p, q, r, target);
    const lengthBefore = Math.sqrt(before[0] ** 2 + before[1] ** 2 + before[2] ** 2);
    const lengthAfter = Math.sqrt(after[0] ** 2 + after[1] ** 2 + after[2] ** 2);
    if (lengthAfter === 0 || lengthBefore === 0) return false;
    const cosine = (before[0] * after[0] + before[1] * after[1] + before[2] * after[2]) / (lengthBefore * lengthAfter);
    return cosine >= MIN_NORMAL_COSINE;
  }
}

/** Queued edge collapses in growable typed arrays. Slots of popped entries are reused. */
class CandidateStore {
  private vertices = new Int32Array(2 * 1024);
  private versions = new Uint32Array(2 * 1024);
  private points = new Float64Array(3 * 1024);
  private free: number[] = [];
  private used = 0;

  /** Stores a candidate and returns its slot. */
  add(a: number, b: number, versionA: number, versionB: number, point: [number, number, number]): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.used;
      this.used += 1;
      if (2 * this.used > this.vertices.length) this.grow();
    }
    this.vertices[2 * slot] = a;
    this.vertices[2 * slot + 1] = b;
    this.versions[2 * slot] = versionA;
    this.versions[2 * slot + 1] = versionB;
    this.points.set(point, 3 * slot);
    return slot;
  }

  /** Returns the candidate in a slot and frees the slot. */
  take(slot: number): { a: number; b: number; versionA: number; versionB: number; point: [number, number, number] } {
    this.free.push(slot);
    return {
      a: this.vertices[2 * slot],
      b: this.vertices[2 * slot + 1],
      versionA: this.versions[2 * slot],
      versionB: this.versions[2 * slot + 1],
      point: [this.points[3 * slot], this.points[3 * slot + 1], this.points[3 * slot + 2]],
    };
  }

  private grow(): void {
    const vertices = new Int32Array(2 * this.vertices.length);
    vertices.set(this.vertices);
    this.vertices = vertices;
    const versions = new Uint32Array(2 * this.versions.length);
    versions.set(this.versions);
    this.versions = versions;
    const points = new Float64Array(2 * this.points.length);
    points.set(this.points);
    this.points = points;
  }
}

/** Returns pᵀ Q p for p = (x, y, z, 1). */
function quadricError(q: Quadric, x: number, y: number, z: number): number {
  return q[0] * x * x + 2 * q[1] * x * y + 2 * q[2] * x * z + 2 * q[3] * x
    + q[4] * y * y + 2 * q[5] * y * z + 2 * q[6] * y
    + q[7] * z * z + 2 * q[8] * z + q[9];
}
