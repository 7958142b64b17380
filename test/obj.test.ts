import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { InputError } from '../src/errors.js';
import { loadObj } from '../src/scene/obj.js';
import { computeSmoothNormals } from '../src/scene/normals.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'm3di-obj-test-'));

function writeFixture(name: string, text: string): string {
  const file = path.join(directory, name);
  fs.writeFileSync(file, name.endsWith('.gz') ? zlib.gzipSync(text) : text);
  return file;
}

/** Loads `text` from a fresh file and returns the InputError message it raises. */
function loadError(name: string, text: string): { file: string; message: string } {
  const file = writeFixture(name, text);
  try {
    loadObj(file, 'smooth');
  } catch (error) {
    assert.instance(error, InputError);
    return { file, message: (error as Error).message };
  }
  assert.unreachable(`${name} loaded without an error`);
  throw new Error('unreachable');
}

function closeTo(actual: ArrayLike<number>, expected: number[], tolerance = 1e-6): void {
  assert.is(actual.length, expected.length);
  for (let i = 0; i < expected.length; i += 1) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance, `element ${i}: ${actual[i]} is not ${expected[i]}`);
  }
}

const QUAD = ['v 0 0 0', 'v 1 0 0', 'v 1 1 0', 'v 0 1 0', 'f 1 2 3 4', ''].join('\n');

// Unit cube with one normal per side, so every position is used with three different normals.
const CUBE = [
  'v 0 0 0', 'v 1 0 0', 'v 1 1 0', 'v 0 1 0', 'v 0 0 1', 'v 1 0 1', 'v 1 1 1', 'v 0 1 1',
  'vn 0 0 -1', 'vn 0 0 1', 'vn 0 -1 0', 'vn 0 1 0', 'vn -1 0 0', 'vn 1 0 0',
  'f 1//1 4//1 3//1 2//1',
  'f 5//2 6//2 7//2 8//2',
  'f 1//3 2//3 6//3 5//3',
  'f 4//4 8//4 7//4 3//4',
  'f 1//5 5//5 8//5 4//5',
  'f 2//6 3//6 7//6 6//6',
  '',
].join('\n');

test('quad splits into two triangles', () => {
  const mesh = loadObj(writeFixture('quad.obj', QUAD), 'smooth');
  assert.equal(Array.from(mesh.indices), [0, 1, 2, 0, 2, 3]);
  closeTo(mesh.positions, [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0]);
});

test('missing normals computed smooth', () => {
  const mesh = loadObj(writeFixture('quad-normals.obj', QUAD), 'smooth');
  closeTo(mesh.normals, [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
});

test('smooth normals weighted by area', () => {
  // Vertex 0 joins a +z triangle of area 2 and a +y triangle of area 0.5, so its normal is (0, 1, 4) normalised.
  const positions = new Float32Array([0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0]);
  const normals = computeSmoothNormals(positions, new Uint32Array([0, 1, 2, 0, 3, 4]));
  const length = Math.hypot(1, 4);
  closeTo(normals.subarray(0, 3), [0, 1 / length, 4 / length]);
  closeTo(normals.subarray(3, 6), [0, 0, 1]);
  closeTo(normals.subarray(9, 12), [0, 1, 0]);
});

test('file normals kept and split vertices', () => {
  const mesh = loadObj(writeFixture('cube.obj', CUBE), 'smooth');
  assert.is(mesh.indices.length, 36);
  assert.is(mesh.positions.length, 24 * 3);
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const n = 3 * mesh.indices[t];
    const first = Array.from(mesh.normals.subarray(n, n + 3));
    for (const corner of [mesh.indices[t + 1], mesh.indices[t + 2]]) {
      closeTo(mesh.normals.subarray(3 * corner, 3 * corner + 3), first);
    }
  }
  closeTo(mesh.normals.subarray(0, 3), [0, 0, -1]);
});

test('file normals normalised', () => {
  const text = ['v 0 0 0', 'v 1 0 0', 'v 0 1 0', 'vn 0 0 2', 'f 1//1 2//1 3//1', ''].join('\n');
  const mesh = loadObj(writeFixture('long-normal.obj', text), 'smooth');
  closeTo(mesh.normals, [0, 0, 1, 0, 0, 1, 0, 0, 1]);
});

test('flat shading keeps positions shared', () => {
  const mesh = loadObj(writeFixture('cube-flat.obj', CUBE), 'flat');
  assert.is(mesh.positions.length, 8 * 3);
  assert.is(mesh.indices.length, 36);
  const diagonal = 1 / Math.sqrt(3);
  closeTo(mesh.normals.subarray(0, 3), [-diagonal, -diagonal, -diagonal]);
});

test('gzip file loads', () => {
  const mesh = loadObj(writeFixture('quad.obj.gz', QUAD), 'smooth');
  assert.is(mesh.indices.length, 6);
});

test('negative indices across objects', () => {
  // obj-file-parser alone resolves -1 within the current object; OBJ counts from all earlier vertices.
  const text = ['o first', 'v 0 0 0', 'v 1 0 0', 'v 0 1 0', 'f -3 -2 -1',
    'o second', 'v 0 0 1', 'v 1 0 1', 'v 0 1 1', 'f -3 -2 -1', ''].join('\n');
  const mesh = loadObj(writeFixture('objects.obj', text), 'smooth');
  assert.equal(Array.from(mesh.indices), [0, 1, 2, 3, 4, 5]);
  closeTo(mesh.positions.subarray(9, 12), [0, 0, 1]);
});

test('comments, groups and unused vertices ignored', () => {
  const text = ['# exported', 'mtllib a.mtl', 'g part one', 's off', 'v 9 9 9', 'v 0 0 0 1 0 0',
    'v 1 0 0', 'v 0 1 0', 'vt 0 0', 'usemtl red', 'f 2/1 3/1 4/1 # one triangle', ''].join('\r\n');
  const mesh = loadObj(writeFixture('extras.obj', text), 'smooth');
  assert.is(mesh.positions.length, 9);
  closeTo(mesh.positions, [0, 0, 0, 1, 0, 0, 0, 1, 0]);
});

test('missing file named', () => {
  const file = path.join(directory, 'absent.obj');
  assert.throws(() => loadObj(file, 'smooth'), (error: Error) => error instanceof InputError
    && error.message === `${file}: OBJ file not found. Check the mesh path.`);
});

test('empty file rejected', () => {
  const { file, message } = loadError('empty.obj', '\n  \n');
  assert.is(message, `${file}: OBJ file is empty. Export the mesh again.`);
});

test('file without faces rejected', () => {
  const { file, message } = loadError('no-faces.obj', 'v 0 0 0\nv 1 0 0\nv 0 1 0\n');
  assert.match(message, `${file}: OBJ file contains no faces (3 vertices)`);
});

test('invalid gzip rejected', () => {
  const file = path.join(directory, 'plain.obj.gz');
  fs.writeFileSync(file, QUAD);
  assert.throws(() => loadObj(file, 'smooth'), (error: Error) => error instanceof InputError
    && error.message.startsWith(`${file}: invalid gzip data`));
});

const BAD_LINES: { name: string; text: string; line: number; problem: string; value: string }[] = [
  { name: 'nan-coordinate', text: 'v 0 0 0\nv 1 nan 0\nv 0 1 0\nf 1 2 3\n', line: 2,
    problem: 'vertex coordinate is not a finite decimal number', value: '"nan"' },
  { name: 'trailing-garbage', text: 'v 0 0 0\nv 1 0 0\nv 0 1.5abc 0\nf 1 2 3\n', line: 3,
    problem: 'vertex coordinate is not a finite decimal number', value: '"1.5abc"' },
  { name: 'hexadecimal', text: 'v 0 0 0\nv 1 0 0\nv 0 0x10 0\nf 1 2 3\n', line: 3,
    problem: 'vertex coordinate is not a finite decimal number', value: '"0x10"' },
  { name: 'overflow', text: 'v 0 0 0\nv 1e999 0 0\nv 0 1 0\nf 1 2 3\n', line: 2,
    problem: 'vertex coordinate is not a finite decimal number', value: '"1e999"' },
  { name: 'short-vertex', text: 'v 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n', line: 1,
    problem: 'vertex has 2 coordinates, fewer than 3', value: '"v 0 0"' },
  { name: 'index-too-large', text: 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1 3 7\n', line: 5,
    problem: 'face refers to vertex 7, but the file defines only 3 vertices', value: '"7"' },
  { name: 'index-zero', text: 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n', line: 4,
    problem: 'vertex index 0 is invalid', value: '"0"' },
  { name: 'index-word', text: 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 x\n', line: 4,
    problem: 'vertex index is not an integer', value: '"x"' },
  { name: 'relative-too-far', text: 'v 0 0 0\nv 1 0 0\nf -1 -2 -3\nv 0 1 0\n', line: 3,
    problem: 'relative vertex index points before the first one (2 defined before this line)', value: '"-3"' },
  { name: 'normal-too-large', text: 'v 0 0 0\nv 1 0 0\nv 0 1 0\nvn 0 0 1\nf 1//1 2//1 3//2\n', line: 5,
    problem: 'face refers to vertex normal 2, but the file defines only 1 vertex normals', value: '"2"' },
  { name: 'zero-normal', text: 'v 0 0 0\nv 1 0 0\nv 0 1 0\nvn 0 0 0\nf 1//1 2//1 3//1\n', line: 4,
    problem: 'vertex normal has zero length', value: '"vn 0 0 0"' },
  { name: 'two-corners', text: 'v 0 0 0\nv 1 0 0\nf 1 2\n', line: 3,
    problem: 'face has 2 corners, fewer than 3', value: '"f 1 2"' },
  { name: 'repeated-corner', text: 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 2\n', line: 4,
    problem: 'face uses vertex 2 more than once', value: '"f 1 2 2"' },
  { name: 'four-slashes', text: 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1/1/1/1 2 3\n', line: 4,
    problem: 'face corner has more than three "/"-separated indices', value: '"1/1/1/1"' },
  { name: 'non-manifold', text: 'v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 -1 0\nv 0 0 1\nf 1 2 3\nf 2 1 4\nf 1 2 5\n', line: 8,
    problem: 'edge between vertices 1-2 is shared by 3 triangles (faces on lines 6, 7, 8), so the surface is non-manifold',
    value: '"f 1 2 5"' },
  { name: 'inconsistent-winding', text: 'v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 -1 0\nf 1 2 3\nf 1 2 4\n', line: 6,
    problem: 'face runs along edge 1-2 in the same direction as the face on line 5, so the two faces are oriented inconsistently',
    value: '"f 1 2 4"' },
];

for (const { name, text, line, problem, value } of BAD_LINES) {
  test(`${name} rejected with line and value`, () => {
    const { file, message } = loadError(`${name}.obj`, text);
    assert.match(message, `${file}: line ${line}: ${problem} (value ${value}). `);
  });
}

test.after(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

test.run();
