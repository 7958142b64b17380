import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { buildBvh, DEFAULT_BVH_OPTIONS, WORDS_PER_NODE, type Bvh, type BvhBuildOptions } from './bvh.js';
import type { TriangleMesh } from './mesh.js';
import { writeFileAtomic } from '../io/atomic.js';

/** Bumped whenever the builder's output for the same input changes, so old cache files stop matching. */
const BUILDER_VERSION = 1;

/** Folder of cached BVHs: $M3DI_CACHE_DIR, else $XDG_CACHE_HOME/m3di, else ~/.cache/m3di. */
export function bvhCacheFolder(): string {
  if (process.env.M3DI_CACHE_DIR) return process.env.M3DI_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'm3di');
}

/** Returns the cache key of a mesh and build options: SHA-256 of the geometry, the options and the builder version. */
export function bvhCacheKey(mesh: TriangleMesh, options: BvhBuildOptions): string {
  const hash = createHash('sha256');
  hash.update(`bvh-v${BUILDER_VERSION} ${JSON.stringify(options)}\n`);
  hash.update(new Uint8Array(mesh.positions.buffer, mesh.positions.byteOffset, mesh.positions.byteLength));
  hash.update(new Uint8Array(mesh.indices.buffer, mesh.indices.byteOffset, mesh.indices.byteLength));
  return hash.digest('hex');
}

// Cache file: u32 header [nodeCount, triangleCount, depth, 0], then the node words, then the triangle order.
function decode(bytes: Buffer): Bvh {
  const aligned = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const [nodeCount, triangleCount, depth] = aligned;
  if (aligned.length !== 4 + nodeCount * WORDS_PER_NODE + triangleCount) throw new Error('BVH cache file has the wrong size');
  const nodeWords = aligned.slice(4, 4 + nodeCount * WORDS_PER_NODE);
  return {
    nodeWords,
    nodeFloats: new Float32Array(nodeWords.buffer),
    nodeCount,
    depth,
    triangleOrder: aligned.slice(4 + nodeCount * WORDS_PER_NODE),
  };
}

function encode(bvh: Bvh): Uint8Array {
  const words = new Uint32Array(4 + bvh.nodeWords.length + bvh.triangleOrder.length);
  words.set([bvh.nodeCount, bvh.triangleOrder.length, bvh.depth, 0]);
  words.set(bvh.nodeWords, 4);
  words.set(bvh.triangleOrder, 4 + bvh.nodeWords.length);
  return new Uint8Array(words.buffer);
}

/**
 * Returns the BVH of `mesh` from the on-disk cache, building and storing it on a miss.
 * A cache folder that cannot be written only costs the rebuild next time.
 */
export function loadOrBuildBvh(mesh: TriangleMesh, options: BvhBuildOptions = DEFAULT_BVH_OPTIONS): Bvh {
  const folder = bvhCacheFolder();
  const file = path.join(folder, `bvh-${bvhCacheKey(mesh, options)}.bin`);
  try {
    const bvh = decode(fs.readFileSync(file));
    if (bvh.triangleOrder.length === mesh.indices.length / 3) return bvh;
  } catch {
    // Missing or unreadable cache file: build below.
  }

  const bvh = buildBvh(mesh, options);
  try {
    fs.mkdirSync(folder, { recursive: true });
    writeFileAtomic(file, encode(bvh));
  } catch {
    // NOTE: a read-only cache folder is not an error; start-up just rebuilds the BVH each time.
  }
  return bvh;
}
