import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildBvh, sahCost, WORDS_PER_NODE } from '../src/scene/bvh.js';
import { traceClosest } from '../src/scene/bvh-traverse.js';
import { intersectTriangle } from '../src/scene/ray-triangle.js';
import type { TriangleMesh } from '../src/scene/mesh.js';
import { seededRandom, triangleSoup, uvSphere } from './helpers/geometry.js';

/** Closest hit by testing every triangle. */
function bruteForce(mesh: TriangleMesh, origin: number[], direction: number[]): { t: number; triangle: number } | null {
  let best: { t: number; triangle: number } | null = null;
  const corner = (triangle: number, k: number) => {
    const v = mesh.indices[3 * triangle + k];
    return mesh.positions.subarray(3 * v, 3 * v + 3);
  };
  for (let triangle = 0; triangle < mesh.indices.length / 3; triangle++) {
    const t = intersectTriangle(origin, direction, corner(triangle, 0), corner(triangle, 1), corner(triangle, 2), 0, best ? best.t : Infinity);
    if (t < (best ? best.t : Infinity)) best = { t, triangle };
  }
  return best;
}

function randomRay(random: () => number): { origin: number[]; direction: number[] } {
  const origin = [random() * 8 - 4, random() * 8 - 4, random() * 8 - 4];
  const target = [random() * 2 - 1, random() * 2 - 1, random() * 2 - 1];
  const direction = target.map((c, k) => c - origin[k]);
  return { origin, direction };
}

function checkAgainstBruteForce(mesh: TriangleMesh, rays: number, seed: number): number {
  const bvh = buildBvh(mesh);
  const random = seededRandom(seed);
  let hits = 0;
  for (let i = 0; i < rays; i++) {
    const { origin, direction } = randomRay(random);
    const expected = bruteForce(mesh, origin, direction);
    const actual = traceClosest(bvh, mesh, origin, direction);
    assert.is(actual === null, expected === null, `ray ${i}: hit/miss differs`);
    if (!expected || !actual) continue;
    hits++;
    assert.is(actual.t, expected.t, `ray ${i}: distance differs`);
    if (actual.triangle !== expected.triangle) {
      // A ray through a shared edge hits two triangles at the same distance; either is correct.
      const v = (k: number) => mesh.positions.subarray(3 * mesh.indices[3 * actual.triangle + k], 3 * mesh.indices[3 * actual.triangle + k] + 3);
      assert.is(intersectTriangle(origin, direction, v(0), v(1), v(2), 0, Infinity), expected.t, `ray ${i}: triangle differs`);
    }
  }
  return hits;
}

test('BVH closest hit equals brute force on a sphere', () => {
  const hits = checkAgainstBruteForce(uvSphere(1.5, 40, 60), 2000, 1);
  assert.ok(hits > 500, `only ${hits} rays hit the sphere`);
});

test('BVH closest hit equals brute force on a triangle soup', () => {
  const hits = checkAgainstBruteForce(triangleSoup(3000, 3, seededRandom(7)), 2000, 2);
  assert.ok(hits > 500, `only ${hits} rays hit the soup`);
});

test('BVH leaves cover every triangle exactly once', () => {
  const mesh = triangleSoup(5000, 3, seededRandom(3));
  const bvh = buildBvh(mesh);
  const seen = new Uint8Array(5000);
  for (let node = 0; node < bvh.nodeCount; node++) {
    const count = bvh.nodeWords[node * WORDS_PER_NODE + 7];
    const first = bvh.nodeWords[node * WORDS_PER_NODE + 3];
    assert.ok(count <= 8 || count === 0, `leaf ${node} holds ${count} triangles`);
    for (let slot = first; count > 0 && slot < first + count; slot++) seen[bvh.triangleOrder[slot]]++;
  }
  assert.ok(seen.every((n) => n === 1));
});

test('SAH cost beats a single leaf', () => {
  const mesh = uvSphere(1.5, 40, 60);
  const cost = sahCost(buildBvh(mesh));
  const triangles = mesh.indices.length / 3;
  assert.ok(cost > 1, `SAH cost ${cost} is below one triangle test`);
  assert.ok(cost < triangles / 20, `SAH cost ${cost} for ${triangles} triangles`);
});

test.run();
