import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadObjCached } from '../src/scene/mesh-cache.js';
import { loadObj } from '../src/scene/obj.js';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'm3di-mesh-cache-'));
const cacheFolder = path.join(folder, 'cache');
const objFile = path.join(folder, 'quad.obj');
const previousCacheDir = process.env.M3DI_CACHE_DIR;

test.before(() => {
  process.env.M3DI_CACHE_DIR = cacheFolder;
  fs.writeFileSync(objFile, 'v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nf 1 2 3 4\n');
});

test.after(() => {
  if (previousCacheDir === undefined) delete process.env.M3DI_CACHE_DIR;
  else process.env.M3DI_CACHE_DIR = previousCacheDir;
  fs.rmSync(folder, { recursive: true, force: true });
});

const meshFiles = (): string[] => (fs.existsSync(cacheFolder) ? fs.readdirSync(cacheFolder).filter((name) => name.startsWith('mesh-')) : []);

test('mesh cache returns the parsed mesh', () => {
  const parsed = loadObj(objFile, 'smooth');
  const first = loadObjCached(objFile, 'smooth');
  assert.is(meshFiles().length, 1);
  const second = loadObjCached(objFile, 'smooth');
  for (const mesh of [first, second]) {
    assert.equal(Array.from(mesh.positions), Array.from(parsed.positions));
    assert.equal(Array.from(mesh.normals), Array.from(parsed.normals));
    assert.equal(Array.from(mesh.indices), Array.from(parsed.indices));
  }
});

test('mesh cache keys on shading and file bytes', () => {
  loadObjCached(objFile, 'flat');
  fs.appendFileSync(objFile, 'v 2 2 2\n');
  loadObjCached(objFile, 'smooth');
  assert.is(meshFiles().length, 3);
});

test('damaged mesh cache file is parsed again', () => {
  for (const name of meshFiles()) fs.writeFileSync(path.join(cacheFolder, name), 'not a mesh');
  const mesh = loadObjCached(objFile, 'smooth');
  assert.is(mesh.indices.length, 6);
});

test('missing mesh file reports the loader error', () => {
  assert.throws(() => loadObjCached(path.join(folder, 'missing.obj'), 'smooth'), /OBJ file not found/);
});

test.run();
