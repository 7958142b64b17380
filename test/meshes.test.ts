import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { loadObj } from '../src/scene/obj.js';
import { MESH_DIRECTORY, SHAPES, meshPath } from '../tools/mesh/shapes.js';

const MAX_DIRECTORY_BYTES = 25 * 1024 * 1024;

test('shape table lists ids 0 to 6', () => {
  assert.equal(SHAPES.map((shape) => shape.id), [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(SHAPES.map((shape) => shape.name), ['teapot', 'hare', 'dragon', 'cow', 'armadillo', 'horse', 'head']);
});

test('meshes folder holds only the seven shapes', () => {
  const meshes = fs.readdirSync(MESH_DIRECTORY).filter((name) => name.endsWith('.obj.gz')).sort();
  assert.equal(meshes, SHAPES.map((shape) => path.basename(meshPath(shape))).sort());
});

test('meshes folder under 25 MB', () => {
  const bytes = fs.readdirSync(MESH_DIRECTORY).reduce((sum, name) => sum + fs.statSync(path.join(MESH_DIRECTORY, name)).size, 0);
  assert.ok(bytes < MAX_DIRECTORY_BYTES, `meshes/ holds ${bytes} bytes`);
});

for (const shape of SHAPES) {
  test(`${shape.name} mesh is normalised`, () => {
    const mesh = loadObj(meshPath(shape), 'smooth');
    const triangles = mesh.indices.length / 3;
    assert.ok(triangles >= 5000, `${triangles} triangles, fewer than 5000`);
    assert.ok(triangles <= 150000, `${triangles} triangles, more than 150000`);

    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < mesh.positions.length; i += 1) {
      min[i % 3] = Math.min(min[i % 3], mesh.positions[i]);
      max[i % 3] = Math.max(max[i % 3], mesh.positions[i]);
    }
    for (let axis = 0; axis < 3; axis += 1) {
      const centre = (min[axis] + max[axis]) / 2;
      assert.ok(Math.abs(centre) <= 1e-5, `bounding-box centre on axis ${axis} is ${centre}`);
    }
    const largestSide = Math.max(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
    assert.ok(Math.abs(largestSide - 3) <= 1e-5, `largest side is ${largestSide}`);
  });
}

test('meshes README names every shape', () => {
  const readme = fs.readFileSync(path.join(MESH_DIRECTORY, 'README.md'), 'utf8');
  for (const shape of SHAPES) {
    assert.match(readme, `## ${shape.id} ${shape.name}`);
    assert.match(readme, `${shape.source.package.name}\` ${shape.source.package.version}`);
  }
});

test.run();
