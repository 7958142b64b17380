import { test } from 'uvu';
import * as assert from 'uvu/assert';
import zlib from 'node:zlib';
import { countEdges, findEdgeDefect } from '../src/scene/topology.js';
import { closeHoles, orientConsistently, removeOversharedEdges, weldIdenticalVertices } from '../tools/mesh/cleanup.js';
import { decimate } from '../tools/mesh/decimate.js';
import { readOff, readPly, type RawMesh } from '../tools/mesh/formats.js';
import { axisRotation, formatObj, gzipDeterministic, meshBounds, normaliseMesh } from '../tools/mesh/normalise.js';
import { loopSubdivide } from '../tools/mesh/subdivide.js';

/** Closed unit sphere from a latitude-longitude grid with a vertex at each pole, counter-clockwise from outside. */
function uvSphere(rings: number, segments: number): RawMesh {
  const positions: number[] = [0, 0, 1];
  for (let ring = 1; ring < rings; ring += 1) {
    const theta = (Math.PI * ring) / rings;
    for (let segment = 0; segment < segments; segment += 1) {
      const phi = (2 * Math.PI * segment) / segments;
      positions.push(Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta));
    }
  }
  positions.push(0, 0, -1);

  const south = positions.length / 3 - 1;
  const vertex = (ring: number, segment: number): number => 1 + (ring - 1) * segments + (segment % segments);
  const indices: number[] = [];
  for (let segment = 0; segment < segments; segment += 1) {
    indices.push(0, vertex(1, segment), vertex(1, segment + 1));
    for (let ring = 1; ring + 1 < rings; ring += 1) {
      indices.push(vertex(ring, segment), vertex(ring + 1, segment), vertex(ring + 1, segment + 1));
      indices.push(vertex(ring, segment), vertex(ring + 1, segment + 1), vertex(ring, segment + 1));
    }
    indices.push(south, vertex(rings - 1, segment + 1), vertex(rings - 1, segment));
  }
  return { positions: Float64Array.from(positions), indices: Uint32Array.from(indices) };
}

/** Unit cube without its top face: five quads, ten triangles, counter-clockwise from outside. */
function openBox(): RawMesh {
  const positions = Float64Array.from([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1]);
  const quads = [[0, 3, 2, 1], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]];
  const indices = quads.flatMap(([a, b, c, d]) => [a, b, c, a, c, d]);
  return { positions, indices: Uint32Array.from(indices) };
}

function signedVolume(mesh: RawMesh): number {
  let volume = 0;
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const [a, b, c] = [0, 1, 2].map((k) => Array.from(mesh.positions.subarray(3 * mesh.indices[t + k], 3 * mesh.indices[t + k] + 3)));
    volume += a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  }
  return volume / 6;
}

test('uv sphere fixture is closed', () => {
  const sphere = uvSphere(40, 64);
  assert.is(findEdgeDefect(sphere.indices, sphere.positions.length / 3), undefined);
  assert.is(countEdges(sphere.indices, sphere.positions.length / 3).boundary, 0);
  assert.ok(signedVolume(sphere) > 4, 'sphere volume is positive');
});

test('decimate reaches target and stays closed', () => {
  const sphere = uvSphere(40, 64);
  const result = decimate(sphere, 1000);
  const vertexCount = result.positions.length / 3;
  assert.ok(result.indices.length / 3 <= 1000, `${result.indices.length / 3} triangles`);
  assert.ok(result.indices.length / 3 >= 990, `${result.indices.length / 3} triangles`);
  assert.is(findEdgeDefect(result.indices, vertexCount), undefined);
  assert.is(countEdges(result.indices, vertexCount).boundary, 0);
  assert.is(countEdges(result.indices, vertexCount).overshared, 0);
  for (let v = 0; v < vertexCount; v += 1) {
    const radius = Math.hypot(result.positions[3 * v], result.positions[3 * v + 1], result.positions[3 * v + 2]);
    assert.ok(Math.abs(radius - 1) < 0.02, `vertex ${v} at radius ${radius}`);
  }
});

test('decimate is deterministic', () => {
  const first = decimate(uvSphere(30, 48), 800);
  const second = decimate(uvSphere(30, 48), 800);
  assert.equal(Array.from(first.indices), Array.from(second.indices));
  assert.equal(Array.from(first.positions), Array.from(second.positions));
});

test('decimate keeps open borders', () => {
  const box = loopSubdivide(loopSubdivide(openBox()));
  const border = countEdges(box.indices, box.positions.length / 3).boundary;
  const result = decimate(box, 60);
  assert.is(countEdges(result.indices, result.positions.length / 3).boundary, border);
});

test('loop subdivision quadruples triangles', () => {
  const sphere = uvSphere(8, 12);
  const result = loopSubdivide(sphere);
  assert.is(result.indices.length, 4 * sphere.indices.length);
  assert.is(findEdgeDefect(result.indices, result.positions.length / 3), undefined);
  assert.ok(signedVolume(result) > 0, 'orientation kept');
});

test('loop subdivision keeps border corners', () => {
  const result = loopSubdivide(openBox());
  // Corner 4 of the open top has border neighbours 5 and 7, so it moves to 3/4 p4 + 1/8 (p5 + p7).
  assert.equal(Array.from(result.positions.subarray(12, 15)), [0.125, 0.125, 1]);
  assert.is(countEdges(result.indices, result.positions.length / 3).boundary, 8);
});

test('closeHoles closes an open box', () => {
  const result = closeHoles(openBox());
  const vertexCount = result.positions.length / 3;
  assert.is(vertexCount, 9);
  assert.equal(Array.from(result.positions.subarray(24, 27)), [0.5, 0.5, 1]);
  assert.is(countEdges(result.indices, vertexCount).boundary, 0);
  assert.is(findEdgeDefect(result.indices, vertexCount), undefined);
});

test('orientConsistently fixes flipped triangles', () => {
  const sphere = uvSphere(10, 16);
  const indices = Uint32Array.from(sphere.indices);
  for (const t of [0, 5, 17, 40]) [indices[3 * t + 1], indices[3 * t + 2]] = [indices[3 * t + 2], indices[3 * t + 1]];
  const inverted = { positions: sphere.positions, indices: indices.map((_, i) => indices[i - (i % 3) + [0, 2, 1][i % 3]]) };

  for (const mesh of [{ positions: sphere.positions, indices }, inverted]) {
    const { mesh: oriented, inconsistentEdges } = orientConsistently(mesh);
    assert.is(inconsistentEdges, 0);
    assert.is(findEdgeDefect(oriented.indices, oriented.positions.length / 3), undefined);
    assert.ok(signedVolume(oriented) > 0, 'normals point outwards');
  }
});

test('weld and overshared-edge removal', () => {
  // Two triangles that share an edge through duplicated vertices, plus two fins on the same edge.
  const positions = Float64Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, -1]);
  const welded = weldIdenticalVertices({ positions, indices: Uint32Array.from([0, 1, 2, 3, 4, 5, 0, 1, 6, 1, 0, 7]) });
  assert.is(welded.positions.length / 3, 6);
  assert.is(countEdges(welded.indices, 6).overshared, 1);
  const cleaned = removeOversharedEdges(welded);
  assert.is(cleaned.indices.length, 0);
});

test('readOff fans polygons', () => {
  const mesh = readOff('OFF\n# a square\n4 1 0\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n4 0 1 2 3 255 0 0\n', 'square.off');
  assert.equal(Array.from(mesh.indices), [0, 1, 2, 0, 2, 3]);
  assert.equal(Array.from(mesh.positions.subarray(6, 9)), [1, 1, 0]);
});

test('readPly reads ascii and big-endian binary', () => {
  const header = (format: string): string => `ply\nformat ${format} 1.0\nelement vertex 3\nproperty float x\nproperty float y\n`
    + 'property float z\nproperty uchar red\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n';
  const ascii = readPly(new TextEncoder().encode(`${header('ascii')}0 0 0 9\n1 0 0 9\n0 2 0 9\n3 0 1 2\n`), 'ascii.ply');

  const body = Buffer.alloc(3 * 13 + 1 + 12);
  [[0, 0, 0], [1, 0, 0], [0, 2, 0]].forEach((point, v) => {
    point.forEach((value, axis) => body.writeFloatBE(value, 13 * v + 4 * axis));
    body.writeUInt8(9, 13 * v + 12);
  });
  body.writeUInt8(3, 39);
  [0, 1, 2].forEach((index, k) => body.writeInt32BE(index, 40 + 4 * k));
  const binary = readPly(Buffer.concat([Buffer.from(header('binary_big_endian')), body]), 'binary.ply');

  for (const mesh of [ascii, binary]) {
    assert.equal(Array.from(mesh.positions), [0, 0, 0, 1, 0, 0, 0, 2, 0]);
    assert.equal(Array.from(mesh.indices), [0, 1, 2]);
  }
});

test('normaliseMesh centres and scales', () => {
  const { mesh, scale } = normaliseMesh({ positions: Float64Array.from([1, 2, 3, 5, 4, 4]), indices: new Uint32Array(0) });
  assert.is(scale, 0.75);
  const bounds = meshBounds(mesh.positions);
  assert.equal(bounds.min, [-1.5, -0.75, -0.375]);
  assert.equal(bounds.max, [1.5, 0.75, 0.375]);
});

test('axisRotation quarter turns are exact', () => {
  assert.equal(axisRotation('x', 90), [1, 0, 0, 0, 0, -1, 0, 1, 0]);
  assert.equal(axisRotation('z', -90), [0, 1, 0, -1, 0, 0, 0, 0, 1]);
});

test('OBJ text and gzip are reproducible', () => {
  const text = formatObj({ positions: Float64Array.from([0.1234567, -0, 1.5, 1, 0, 0, 0, 1, 0]), indices: Uint32Array.from([0, 1, 2]) }, ['test']);
  assert.is(text, '# test\nv 0.123457 0 1.5\nv 1 0 0\nv 0 1 0\nf 1 2 3\n');
  const first = gzipDeterministic(text);
  assert.equal(first, gzipDeterministic(text));
  assert.is(first.readUInt32LE(4), 0);
  assert.is(first[9], 3);
  assert.is(zlib.gunzipSync(first).toString('utf8'), text);
});

test.run();
