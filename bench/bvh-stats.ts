// Prints, per shape of a scene file: triangles, BVH nodes, leaves, depth, SAH cost, OBJ load time and BVH build time.
// Usage: node bin/run-node.js dist/bench/bvh-stats.js [--scene FILE]
import { parseArgs } from 'node:util';
import { buildBvh, sahCost, WORDS_PER_NODE } from '../src/scene/bvh.js';
import { loadObj } from '../src/scene/obj.js';
import { loadScene } from '../src/scene/scene-file.js';

const { values } = parseArgs({ options: { scene: { type: 'string' } } });
const scene = loadScene(values.scene);

console.log('shape      triangles  nodes   leaves  depth  SAH cost  load ms  build ms');
for (const shape of scene.shapes) {
  // Load and build without the cache, so the build time is the real one.
  const loadStart = performance.now();
  const mesh = loadObj(shape.mesh, shape.shading);
  const loadMs = performance.now() - loadStart;
  const buildStart = performance.now();
  const bvh = buildBvh(mesh);
  const buildMs = performance.now() - buildStart;

  let leaves = 0;
  for (let node = 0; node < bvh.nodeCount; node++) if (bvh.nodeWords[node * WORDS_PER_NODE + 7] > 0) leaves++;
  const row = [
    shape.name.padEnd(10),
    String(mesh.indices.length / 3).padStart(9),
    String(bvh.nodeCount).padStart(7),
    String(leaves).padStart(7),
    String(bvh.depth).padStart(6),
    sahCost(bvh).toFixed(1).padStart(9),
    loadMs.toFixed(0).padStart(8),
    buildMs.toFixed(0).padStart(9),
  ];
  console.log(row.join(' '));
}
