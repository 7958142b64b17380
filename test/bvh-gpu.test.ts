// The uploaded BVH layouts, walked by JavaScript ports of the two WGSL traversals in shaders/bvh.wgsl.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildBvh } from '../src/scene/bvh.js';
import { THREAD_END } from '../src/scene/bvh-gpu.js';
import { traceClosest } from '../src/scene/bvh-traverse.js';
import { packScene, type PackedScene } from '../src/scene/packed-scene.js';
import { intersectTriangle } from '../src/scene/ray-triangle.js';
import type { TriangleMesh } from '../src/scene/mesh.js';
import { seededRandom, triangleSoup, uvSphere } from './helpers/geometry.js';

const INDEX_BITS = 27;
const INDEX_MASK = 2 ** INDEX_BITS - 1;

/** Slab test on the box at float offset `low` (minimum) and `low + 4` (maximum), as box_entry in WGSL. */
function boxEntry(floats: Float32Array, low: number, origin: number[], inverse: number[], tMax: number): number {
  let near = 0;
  let far = tMax;
  for (let axis = 0; axis < 3; axis++) {
    const t0 = (floats[low + axis] - origin[axis]) * inverse[axis];
    const t1 = (floats[low + 4 + axis] - origin[axis]) * inverse[axis];
    near = Math.max(near, Math.min(t0, t1));
    far = Math.min(far, Math.max(t0, t1));
  }
  return near <= far ? near : Infinity;
}

function slotHit(packed: PackedScene, slot: number, origin: number[], direction: number[], tMax: number): number {
  const corner = (k: number) => packed.triangles.subarray(slot * 12 + 4 * k, slot * 12 + 4 * k + 3);
  return intersectTriangle(origin, direction, corner(0), corner(1), corner(2), 0, tMax);
}

/** Port of closest_hit: node records, nearer child first. Returns the hit distance and slot. */
function closestHit(packed: PackedScene, root: number, origin: number[], direction: number[]): { t: number; slot: number } | null {
  const words = packed.nodes;
  const floats = new Float32Array(words.buffer);
  const inverse = direction.map((d) => 1 / d);
  let best: { t: number; slot: number } | null = null;
  let tMax = Infinity;
  if (boxEntry(floats, root * 16, origin, inverse, tMax) === Infinity) return null;

  const stack: number[] = [];
  let child: number | undefined = words[root * 16 + 3];
  while (child !== undefined) {
    const count = child >>> INDEX_BITS;
    const index = child & INDEX_MASK;
    if (count > 0) {
      for (let slot = index; slot < index + count; slot++) {
        const t = slotHit(packed, slot, origin, direction, tMax);
        if (t < tMax) [tMax, best] = [t, { t, slot }];
      }
      child = stack.pop();
      continue;
    }
    const base = index * 16;
    let [nearChild, farChild] = [words[base + 3], words[base + 11]];
    let [nearT, farT] = [boxEntry(floats, base, origin, inverse, tMax), boxEntry(floats, base + 8, origin, inverse, tMax)];
    if (farT < nearT) [nearChild, farChild, nearT, farT] = [farChild, nearChild, farT, nearT];
    if (nearT === Infinity) {
      child = stack.pop();
      continue;
    }
    child = nearChild;
    if (farT !== Infinity) stack.push(farChild);
  }
  return best;
}

/** Port of any_hit: threaded nodes, no stack. Also returns how many nodes the walk visited. */
function anyHit(packed: PackedScene, root: number, origin: number[], direction: number[], tMax: number): { hit: boolean; visits: number } {
  const words = packed.nodes;
  const floats = new Float32Array(words.buffer);
  const inverse = direction.map((d) => 1 / d);
  let visits = 0;
  let node = words[root * 16 + 11];
  while (node !== THREAD_END) {
    visits++;
    const miss = words[node * 8 + 3];
    if (boxEntry(floats, node * 8, origin, inverse, tMax) === Infinity) {
      node = miss;
      continue;
    }
    const leaf = words[node * 8 + 7];
    if (leaf === 0) {
      node++;
      continue;
    }
    const first = leaf & INDEX_MASK;
    for (let slot = first; slot < first + (leaf >>> INDEX_BITS); slot++) {
      if (slotHit(packed, slot, origin, direction, tMax) < tMax) return { hit: true, visits };
    }
    node = miss;
  }
  return { hit: false, visits };
}

function randomRay(random: () => number): { origin: number[]; direction: number[] } {
  const origin = [random() * 8 - 4, random() * 8 - 4, random() * 8 - 4];
  const target = [random() * 2 - 1, random() * 2 - 1, random() * 2 - 1];
  return { origin, direction: target.map((c, k) => c - origin[k]) };
}

/** Two shapes packed together, so the second one's indices are offset by the first one's. */
function packedPair(): { meshes: TriangleMesh[]; packed: PackedScene; bvhs: ReturnType<typeof buildBvh>[] } {
  const meshes = [triangleSoup(800, 3, seededRandom(11)), uvSphere(1.5, 30, 40)];
  const bvhs = meshes.map((mesh) => buildBvh(mesh));
  return { meshes, bvhs, packed: packScene(meshes, bvhs, ['smooth', 'smooth']) };
}

test('node records give the CPU closest hit', () => {
  const { meshes, bvhs, packed } = packedPair();
  const random = seededRandom(5);
  meshes.forEach((mesh, shape) => {
    const slotOffset = packed.shapes.slice(0, shape).reduce((sum, s) => sum + s.triangleCount, 0);
    let hits = 0;
    for (let i = 0; i < 1500; i++) {
      const { origin, direction } = randomRay(random);
      const expected = traceClosest(bvhs[shape], mesh, origin, direction);
      const actual = closestHit(packed, packed.shapes[shape].rootNode, origin, direction);
      assert.is(actual === null, expected === null, `shape ${shape}, ray ${i}: hit or miss differs`);
      if (!expected || !actual) continue;
      hits++;
      assert.is(actual.t, expected.t, `shape ${shape}, ray ${i}: distance differs`);
      assert.is(bvhs[shape].triangleOrder[actual.slot - slotOffset], expected.triangle, `shape ${shape}, ray ${i}: triangle differs`);
    }
    assert.ok(hits > 300, `shape ${shape}: only ${hits} rays hit`);
  });
});

test('threaded nodes give the any-hit answer', () => {
  const { meshes, bvhs, packed } = packedPair();
  const random = seededRandom(6);
  meshes.forEach((mesh, shape) => {
    let blocked = 0;
    let open = 0;
    for (let i = 0; i < 1500; i++) {
      const { origin, direction } = randomRay(random);
      const closest = traceClosest(bvhs[shape], mesh, origin, direction);
      // Segments that end before, at about, and after the closest hit.
      const tMax = closest ? closest.t * [0.5, 1.0001, 3][i % 3] : 10;
      const expected = closest !== null && closest.t < tMax;
      const actual = anyHit(packed, packed.shapes[shape].rootNode, origin, direction, tMax);
      assert.is(actual.hit, expected, `shape ${shape}, ray ${i}: occlusion differs`);
      if (expected) blocked++;
      else open++;
    }
    assert.ok(blocked > 300, `shape ${shape}: only ${blocked} blocked segments`);
    assert.ok(open > 300, `shape ${shape}: only ${open} open segments`);
  });
});

test('threaded walk visits each node at most once', () => {
  const { bvhs, packed } = packedPair();
  const random = seededRandom(7);
  for (let i = 0; i < 200; i++) {
    const { origin, direction } = randomRay(random);
    const { visits } = anyHit(packed, packed.shapes[1].rootNode, origin, direction, Infinity);
    assert.ok(visits <= bvhs[1].nodeCount, `ray ${i}: ${visits} visits for ${bvhs[1].nodeCount} nodes`);
  }
});

test('shape whose root is a leaf packs and traverses', () => {
  const mesh = triangleSoup(2, 1, seededRandom(9));
  const bvh = buildBvh(mesh);
  assert.is(bvh.nodeCount, 1);
  const packed = packScene([mesh], [bvh], ['flat']);
  const origin = [0, 0, 5];
  const centre = [0, 1, 2].map((axis) => (mesh.positions[axis] + mesh.positions[3 + axis] + mesh.positions[6 + axis]) / 3);
  const direction = centre.map((c, k) => c - origin[k]);
  const hit = closestHit(packed, 0, origin, direction);
  assert.ok(hit !== null, 'ray through the first triangle misses');
  assert.is(anyHit(packed, 0, origin, direction, Infinity).hit, true);
  assert.is(anyHit(packed, 0, origin, direction, hit!.t * 0.5).hit, false);
});

test.run();
