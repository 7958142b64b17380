import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../io/atomic.js';
import { bvhCacheFolder } from './bvh-cache.js';
import type { Shading, TriangleMesh } from './mesh.js';
import { loadObj } from './obj.js';

/**
 * Hash of the compiled mesh-loading code: every module of this folder. A loader change then
 * misses the cache instead of returning meshes parsed the old way; changes elsewhere in the
 * folder only cost one re-parse.
 */
let loaderHash: string | undefined;
function meshLoaderHash(): string {
  if (loaderHash === undefined) {
    const folder = path.dirname(fileURLToPath(import.meta.url));
    const hash = createHash('sha256');
    for (const name of fs.readdirSync(folder).filter((entry) => entry.endsWith('.js')).sort()) {
      hash.update(`${name}\n`);
      hash.update(fs.readFileSync(path.join(folder, name)));
    }
    loaderHash = hash.digest('hex');
  }
  return loaderHash;
}

/** Returns the cache key of a mesh file: SHA-256 of its bytes, the shading mode and the loader code. */
export function meshCacheKey(bytes: Uint8Array, shading: Shading): string {
  return createHash('sha256').update(`mesh ${shading} ${meshLoaderHash()}\n`).update(bytes).digest('hex');
}

// Cache file: u32 header [vertexCount, indexCount], then positions and normals (f32, xyz per
// vertex), then indices (u32).
function encode(mesh: TriangleMesh): Uint8Array {
  const vertexFloats = mesh.positions.length;
  const words = new Uint32Array(2 + 2 * vertexFloats + mesh.indices.length);
  const floats = new Float32Array(words.buffer);
  words[0] = vertexFloats / 3;
  words[1] = mesh.indices.length;
  floats.set(mesh.positions, 2);
  floats.set(mesh.normals, 2 + vertexFloats);
  words.set(mesh.indices, 2 + 2 * vertexFloats);
  return new Uint8Array(words.buffer);
}

function decode(bytes: Buffer): TriangleMesh {
  const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const vertexFloats = 3 * words[0];
  if (words.length !== 2 + 2 * vertexFloats + words[1]) throw new Error('mesh cache file has the wrong size');
  const floats = new Float32Array(words.buffer);
  return {
    positions: floats.slice(2, 2 + vertexFloats),
    normals: floats.slice(2 + vertexFloats, 2 + 2 * vertexFloats),
    indices: words.slice(2 + 2 * vertexFloats),
  };
}

/**
 * Loads a mesh like {@link loadObj}, but returns it from the on-disk cache (next to the BVH cache)
 * when the same file bytes were parsed before with the same shading and loader code. Parsing the
 * project's meshes takes seconds; reading the cache, milliseconds. A cache folder that cannot be
 * written only costs the parse next time.
 */
export function loadObjCached(file: string, shading: Shading): TriangleMesh {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    // Let the loader report the missing or unreadable file in its own words.
    return loadObj(file, shading);
  }
  const cacheFile = path.join(bvhCacheFolder(), `mesh-${meshCacheKey(bytes, shading)}.bin`);
  try {
    return decode(fs.readFileSync(cacheFile));
  } catch {
    // Missing or damaged cache file: parse below.
  }

  const mesh = loadObj(file, shading);
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileAtomic(cacheFile, encode(mesh));
  } catch {
    // NOTE: a read-only cache folder is not an error; start-up just parses the mesh each time.
  }
  return mesh;
}
