import { loadOrBuildBvh } from '../scene/bvh-cache.js';
import { loadObjCached } from '../scene/mesh-cache.js';
import { packScene, type PackedScene } from '../scene/packed-scene.js';
import type { SceneDescription } from '../scene/scene-file.js';
import type { ShapePlacement } from './image-params.js';

/** Meshes and BVHs of every shape of a scene, packed, with each shape's placement data. */
export interface SceneAssets {
  packed: PackedScene;
  placements: ShapePlacement[];
  /** Longest BVH depth over all shapes (the shader's traversal stack must hold it). */
  maxDepth: number;
}

/** Loads every shape's mesh, builds or reads its BVH from the cache, and packs them for upload. */
export function loadSceneAssets(scene: SceneDescription): SceneAssets {
  const meshes = scene.shapes.map((shape) => loadObjCached(shape.mesh, shape.shading));
  const bvhs = meshes.map((mesh) => loadOrBuildBvh(mesh));
  const packed = packScene(meshes, bvhs, scene.shapes.map((shape) => shape.shading));

  const placements = scene.shapes.map((shape, i): ShapePlacement => {
    const { boundsMin, boundsMax, rootNode } = packed.shapes[i];
    const largestSide = Math.max(boundsMax[0] - boundsMin[0], boundsMax[1] - boundsMin[1], boundsMax[2] - boundsMin[2]);
    return {
      rootNode,
      flat: shape.shading === 'flat',
      groundDepth: shape.groundDepth ?? largestSide * shape.scale,
      scale: shape.scale,
      boundsMin,
      boundsMax,
    };
  });
  return { packed, placements, maxDepth: Math.max(...bvhs.map((bvh) => bvh.depth)) };
}
