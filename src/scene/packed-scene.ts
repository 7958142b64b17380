import type { Bvh } from './bvh.js';
import { recordCount, WORDS_PER_RECORD, WORDS_PER_THREADED_NODE, writeRecords, writeThreaded } from './bvh-gpu.js';
import type { Shading, TriangleMesh } from './mesh.js';

/** Floats per triangle slot in the packed triangle and normal arrays: three vec4 (xyz used). */
export const FLOATS_PER_TRIANGLE = 12;

/** One shape's place in the packed buffers and its object-space bounds. */
export interface PackedShape {
  /** Index of the shape's root record in `PackedScene.nodes`. */
  rootNode: number;
  triangleCount: number;
  boundsMin: [number, number, number];
  boundsMax: [number, number, number];
  shading: Shading;
}

/**
 * All shapes' BVHs and triangles in shared arrays, laid out for storage buffers.
 * Record and triangle indices are global, so a shape is addressed by its root record alone.
 */
export interface PackedScene {
  /** Node records of every shape, then threaded nodes of every shape (layouts in bvh-gpu.ts), with global indices. */
  nodes: Uint32Array;
  /** Per BVH-ordered triangle slot: v0, v1, v2 as vec4 (w = 0). */
  triangles: Float32Array;
  /** Per slot: vertex normals n0, n1, n2 as vec4 (w = 0). */
  normals: Float32Array;
  shapes: PackedShape[];
}

/** Packs meshes and their BVHs into shared arrays; `shading[i]` belongs to `meshes[i]`. */
export function packScene(meshes: TriangleMesh[], bvhs: Bvh[], shading: Shading[]): PackedScene {
  const recordCounts = bvhs.map(recordCount);
  const totalRecords = recordCounts.reduce((sum, count) => sum + count, 0);
  const totalNodes = bvhs.reduce((sum, bvh) => sum + bvh.nodeCount, 0);
  const totalTriangles = meshes.reduce((sum, mesh) => sum + mesh.indices.length / 3, 0);
  const nodes = new Uint32Array(totalRecords * WORDS_PER_RECORD + totalNodes * WORDS_PER_THREADED_NODE);
  const triangles = new Float32Array(totalTriangles * FLOATS_PER_TRIANGLE);
  const normals = new Float32Array(totalTriangles * FLOATS_PER_TRIANGLE);
  const shapes: PackedShape[] = [];

  // Threaded node k starts at vec4 2k, and a record takes four vec4, so threaded indices start at 2 · records.
  let recordOffset = 0;
  let threadedOffset = (totalRecords * WORDS_PER_RECORD) / WORDS_PER_THREADED_NODE;
  let slotOffset = 0;
  meshes.forEach((mesh, shapeIndex) => {
    const bvh = bvhs[shapeIndex];
    writeRecords(bvh, nodes, recordOffset, slotOffset, threadedOffset);
    writeThreaded(bvh, nodes, threadedOffset, slotOffset);

    // Copy triangles in BVH order.
    const { positions, indices } = mesh;
    for (let slot = 0; slot < bvh.triangleOrder.length; slot++) {
      const triangle = bvh.triangleOrder[slot];
      const base = (slotOffset + slot) * FLOATS_PER_TRIANGLE;
      for (let corner = 0; corner < 3; corner++) {
        const vertex = indices[3 * triangle + corner];
        for (let axis = 0; axis < 3; axis++) {
          triangles[base + 4 * corner + axis] = positions[3 * vertex + axis];
          normals[base + 4 * corner + axis] = mesh.normals[3 * vertex + axis];
        }
      }
    }

    const f = bvh.nodeFloats;
    shapes.push({
      rootNode: recordOffset,
      triangleCount: bvh.triangleOrder.length,
      boundsMin: [f[0], f[1], f[2]],
      boundsMax: [f[4], f[5], f[6]],
      shading: shading[shapeIndex],
    });
    recordOffset += recordCounts[shapeIndex];
    threadedOffset += bvh.nodeCount;
    slotOffset += bvh.triangleOrder.length;
  });

  return { nodes, triangles, normals, shapes };
}
