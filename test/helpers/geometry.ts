import type { TriangleMesh } from '../../src/scene/mesh.js';

/** Small deterministic generator (mulberry32) so test geometry and rays repeat exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** UV sphere of radius `radius` with `rings` × `segments` quads split into triangles. */
export function uvSphere(radius: number, rings: number, segments: number): TriangleMesh {
  const positions: number[] = [];
  const normals: number[] = [];
  const indices: number[] = [];
  for (let r = 0; r <= rings; r++) {
    const theta = (Math.PI * r) / rings;
    for (let s = 0; s <= segments; s++) {
      const phi = (2 * Math.PI * s) / segments;
      const n = [Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)];
      positions.push(radius * n[0], radius * n[1], radius * n[2]);
      normals.push(n[0], n[1], n[2]);
    }
  }
  for (let r = 0; r < rings; r++) {
    for (let s = 0; s < segments; s++) {
      const a = r * (segments + 1) + s;
      const b = a + segments + 1;
      indices.push(a, b, a + 1, a + 1, b, b + 1);
    }
  }
  return { positions: new Float32Array(positions), normals: new Float32Array(normals), indices: new Uint32Array(indices) };
}

/** Random triangle soup inside a cube of side `size` centred at the origin. */
export function triangleSoup(count: number, size: number, random: () => number): TriangleMesh {
  const positions = new Float32Array(count * 9);
  for (let t = 0; t < count; t++) {
    const center = [random() - 0.5, random() - 0.5, random() - 0.5].map((c) => c * size);
    for (let k = 0; k < 9; k++) positions[9 * t + k] = center[k % 3] + (random() - 0.5) * 0.1 * size;
  }
  const indices = Uint32Array.from({ length: count * 3 }, (_, i) => i);
  const normals = new Float32Array(count * 9).fill(0);
  for (let i = 2; i < normals.length; i += 3) normals[i] = 1;
  return { positions, normals, indices };
}
