// Rebuilds meshes/<name>.obj.gz and meshes/README.md from pinned npm and Debian packages.
// Usage: node bin/run-node.js dist/tools/build-meshes.js [--only NAME[,NAME...]] [--out DIR]
// Needs npm, apt-get, dpkg-deb, tar and bzip2 on the PATH; downloads are cached under the system temp folder.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../src/io/atomic.js';
import { parseObj } from '../src/scene/obj.js';
import { findEdgeDefect } from '../src/scene/topology.js';
import { closeHoles, keepLargeComponents, orientConsistently, removeDegenerateTriangles, removeOversharedEdges, weldIdenticalVertices } from './mesh/cleanup.js';
import { decimate } from './mesh/decimate.js';
import { readBase64Module, readLiteralModule, readOff, readPly, type RawMesh } from './mesh/formats.js';
import { formatObj, gzipDeterministic, meshBounds, normaliseMesh, rotateMesh } from './mesh/normalise.js';
import { formatReadme, type BuiltShape } from './mesh/readme.js';
import { CACHE_DIRECTORY, readSourceFile, sha256 } from './mesh/sources.js';
import { MESH_DIRECTORY, SHAPES, type ShapeSpec } from './mesh/shapes.js';
import { loopSubdivide } from './mesh/subdivide.js';

/** Allowed triangle counts of a committed mesh. */
const MIN_TRIANGLES = 5000;
const MAX_TRIANGLES = 150000;

function readSource(shape: ShapeSpec): RawMesh {
  const bytes = readSourceFile(shape.source);
  const name = `${shape.source.package.name} ${shape.source.path}${shape.source.inner === undefined ? '' : `:${shape.source.inner}`}`;
  switch (shape.format) {
    case 'off': return readOff(bytes.toString('latin1'), name);
    case 'ply': return readPly(bytes, name);
    case 'literal-module': return readLiteralModule(bytes.toString('utf8'), name);
    case 'base64-module': return readBase64Module(bytes.toString('utf8'), name);
  }
}

/** Runs the shape's pipeline and returns the OBJ text with the facts that meshes/README.md lists. */
function buildShape(shape: ShapeSpec): BuiltShape {
  const source = readSource(shape);
  const sourceCounts = { vertices: source.positions.length / 3, triangles: source.indices.length / 3 };

  let mesh = removeDegenerateTriangles(weldIdenticalVertices(source));
  if (shape.minComponentFraction !== undefined) mesh = keepLargeComponents(mesh, shape.minComponentFraction);
  if (shape.removeOversharedEdges) mesh = removeOversharedEdges(mesh);
  if (shape.closeHoles) mesh = closeHoles(mesh);

  const oriented = orientConsistently(mesh);
  if (oriented.inconsistentEdges > 0) throw new Error(`${shape.name}: ${oriented.inconsistentEdges} edges cannot be oriented consistently`);
  mesh = rotateMesh(oriented.mesh, shape.rotation);

  // Normalise before subdivision and decimation so that their tolerances see the same scale for every shape,
  // and again afterwards because both move the bounding box slightly.
  const first = normaliseMesh(mesh);
  mesh = first.mesh;
  for (let round = 0; round < (shape.subdivisions ?? 0); round += 1) mesh = loopSubdivide(mesh);
  if (shape.targetTriangles !== undefined) mesh = decimate(mesh, shape.targetTriangles);
  const second = normaliseMesh(mesh);
  mesh = second.mesh;

  const scale = first.scale * second.scale;
  const translation = first.translation.map((t, axis) => second.scale * (first.scale * t + second.translation[axis])) as [number, number, number];
  const triangles = mesh.indices.length / 3;
  if (triangles < MIN_TRIANGLES || triangles > MAX_TRIANGLES) {
    throw new Error(`${shape.name}: ${triangles} triangles, outside ${MIN_TRIANGLES} to ${MAX_TRIANGLES}`);
  }
  const defect = findEdgeDefect(mesh.indices, mesh.positions.length / 3);
  if (defect !== undefined) throw new Error(`${shape.name}: ${defect.kind} edge between vertices ${defect.a} and ${defect.b}`);

  const built: BuiltShape = { shape, sourceCounts, vertices: mesh.positions.length / 3, triangles, scale, translation, text: '' };
  built.text = formatObj(mesh, [
    `m3di shape ${shape.id} (${shape.name}): bounding box centred on the origin, largest side 3.0, Z up`,
    `source: ${shape.source.package.registry} package ${shape.source.package.name} ${shape.source.package.version}, ${shape.source.path}${shape.source.inner === undefined ? '' : ` (${shape.source.inner})`}`,
    'how it was made: meshes/README.md',
  ]);
  return built;
}

function parseArguments(argv: string[]): { only: Set<string> | undefined; out: string } {
  let only: Set<string> | undefined;
  let out = MESH_DIRECTORY;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--only') only = new Set(argv[++i].split(','));
    else if (argv[i] === '--out') out = argv[++i];
    else throw new Error(`unknown argument ${JSON.stringify(argv[i])}; usage: build-meshes [--only NAME[,NAME...]] [--out DIR]`);
  }
  return { only, out };
}

const { only, out } = parseArguments(process.argv.slice(2));
fs.mkdirSync(out, { recursive: true });
console.log(`sources cached in ${CACHE_DIRECTORY}`);

const built: BuiltShape[] = [];
for (const shape of SHAPES) {
  if (only !== undefined && !only.has(shape.name)) continue;
  const started = Date.now();
  const result = buildShape(shape);
  const file = path.join(out, `${shape.name}.obj.gz`);
  const gzip = gzipDeterministic(result.text);
  writeFileAtomic(file, gzip);

  // Load the file back through the renderer's loader, which rejects anything it could not render.
  const loaded = parseObj(result.text, file, 'smooth');
  const bounds = meshBounds(loaded.positions);
  built.push(result);
  console.log(`${String(shape.id).padEnd(2)} ${shape.name.padEnd(10)} ${String(result.triangles).padStart(7)} triangles ${String(result.vertices).padStart(7)} vertices  `
    + `box ${bounds.max.map((max, axis) => (max - bounds.min[axis]).toFixed(3)).join(' x ')}  `
    + `sha256 ${sha256(gzip)} (.obj.gz), ${sha256(result.text)} (.obj)  ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (only === undefined) {
  writeFileAtomic(path.join(out, 'README.md'), formatReadme(built));
  console.log(`wrote ${path.join(out, 'README.md')}`);
}
