import fs from 'node:fs';
import zlib from 'node:zlib';
import OBJFile from 'obj-file-parser';
import { InputError } from '../errors.js';
import type { Shading, TriangleMesh } from './mesh.js';
import { computeSmoothNormals } from './normals.js';
import { objLineError, scanObjText, type ObjScan } from './obj-scan.js';
import { findEdgeDefect, type EdgeDefect } from './topology.js';

/**
 * Loads a Wavefront OBJ file, or a gzip-compressed one named `*.gz`, as an indexed triangle mesh.
 * See {@link parseObj} for triangulation, normals and the errors thrown.
 */
export function loadObj(file: string, shading: Shading): TriangleMesh {
  return parseObj(readObjText(file), file, shading);
}

/** Reads an OBJ file as text, gunzipping names that end in `.gz`. Throws InputError if it is missing, unreadable or empty. */
export function readObjText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: OBJ file not found. Check the mesh path.`);
    throw new InputError(`${file}: failed to read OBJ file (${code ?? String(error)}).`);
  }

  if (file.endsWith('.gz')) {
    try {
      bytes = zlib.gunzipSync(bytes);
    } catch (error) {
      throw new InputError(`${file}: invalid gzip data (${(error as Error).message}). Compress the OBJ file with gzip, or drop the .gz suffix from an uncompressed one.`);
    }
  }

  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new InputError(`${file}: OBJ file is empty. Export the mesh again.`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses OBJ text into an indexed triangle mesh; `file` names the source in error messages.
 * Polygons are split into fans around their first corner. With `smooth` shading, vertex normals
 * from the file are kept (a position used with two normals becomes two vertices), and corners
 * without one get the area-weighted smooth normal of their position. With `flat` shading the
 * file's normals are ignored, positions stay shared, and the smooth normals are returned unused.
 * Unreferenced vertices are dropped.
 *
 * Throws InputError naming the file, line and value for malformed statements (see scanObjText),
 * a file without faces, and an edge shared by more than two triangles. Two faces that run along a
 * shared edge in the same direction are rejected too, because their smooth normals would cancel.
 */
export function parseObj(text: string, file: string, shading: Shading): TriangleMesh {
  const scan = scanObjText(text, file);
  if (scan.faceLines.length === 0) {
    throw new InputError(`${file}: OBJ file contains no faces (${scan.vertexCount} vertices). Add "f" statements that join the vertices into polygons.`);
  }

  const model = new OBJFile(scan.parserText).parse().models[0];
  if (model.vertices.length !== scan.vertexCount || model.faces.length !== scan.faceLines.length) {
    throw new Error(`${file}: obj-file-parser read ${model.vertices.length} vertices and ${model.faces.length} faces, the line scan ${scan.vertexCount} and ${scan.faceLines.length}`);
  }

  // Fan triangulation. Corner indices become 0-based, and -1 marks a corner without a normal.
  let triangleCount = 0;
  for (const face of model.faces) triangleCount += face.vertices.length - 2;
  const cornerPositions = new Uint32Array(3 * triangleCount);
  const cornerNormals = new Int32Array(3 * triangleCount);
  const triangleLines = new Int32Array(triangleCount);
  let triangle = 0;
  model.faces.forEach((face, faceIndex) => {
    const corners = face.vertices;
    for (let k = 1; k + 1 < corners.length; k += 1) {
      const slot = 3 * triangle;
      cornerPositions[slot] = corners[0].vertexIndex - 1;
      cornerPositions[slot + 1] = corners[k].vertexIndex - 1;
      cornerPositions[slot + 2] = corners[k + 1].vertexIndex - 1;
      cornerNormals[slot] = corners[0].vertexNormalIndex - 1;
      cornerNormals[slot + 1] = corners[k].vertexNormalIndex - 1;
      cornerNormals[slot + 2] = corners[k + 1].vertexNormalIndex - 1;
      triangleLines[triangle] = scan.faceLines[faceIndex];
      triangle += 1;
    }
  });

  const defect = findEdgeDefect(cornerPositions, scan.vertexCount);
  if (defect !== undefined) throw edgeDefectError(defect, file, scan, triangleLines);

  const allPositions = new Float32Array(3 * scan.vertexCount);
  model.vertices.forEach((vertex, i) => {
    allPositions[3 * i] = vertex.x;
    allPositions[3 * i + 1] = vertex.y;
    allPositions[3 * i + 2] = vertex.z;
  });
  const smoothNormals = computeSmoothNormals(allPositions, cornerPositions);
  const useFileNormals = shading === 'smooth' && cornerNormals.some((n) => n >= 0);
  return buildVertices(allPositions, smoothNormals, model.vertexNormals, cornerPositions, useFileNormals ? cornerNormals : undefined);
}

/**
 * Creates one output vertex per distinct (position, normal) pair of the corners, in order of first
 * use, so positions shared with one normal stay shared. `cornerNormals` undefined means smooth normals throughout.
 */
function buildVertices(allPositions: Float32Array, smoothNormals: Float32Array, fileNormals: { x: number; y: number; z: number }[],
  cornerPositions: Uint32Array, cornerNormals: Int32Array | undefined): TriangleMesh {
  const normalSlots = fileNormals.length + 1;
  const positionVertex = new Int32Array(allPositions.length / 3).fill(-1);
  const pairVertex = new Map<number, number>();
  const positions: number[] = [];
  const normals: number[] = [];
  const indices = new Uint32Array(cornerPositions.length);

  for (let c = 0; c < cornerPositions.length; c += 1) {
    const p = cornerPositions[c];
    const n = cornerNormals === undefined ? -1 : cornerNormals[c];

    // Corners with a smooth normal are keyed by position alone, in a typed array, which is faster than the map.
    let vertex = n < 0 ? positionVertex[p] : (pairVertex.get(p * normalSlots + n) ?? -1);
    if (vertex < 0) {
      vertex = positions.length / 3;
      if (n < 0) positionVertex[p] = vertex;
      else pairVertex.set(p * normalSlots + n, vertex);
      positions.push(allPositions[3 * p], allPositions[3 * p + 1], allPositions[3 * p + 2]);
      if (n < 0) {
        normals.push(smoothNormals[3 * p], smoothNormals[3 * p + 1], smoothNormals[3 * p + 2]);
      } else {
        const { x, y, z } = fileNormals[n];
        const length = Math.hypot(x, y, z);
        normals.push(x / length, y / length, z / length);
      }
    }
    indices[c] = vertex;
  }

  return { positions: Float32Array.from(positions), normals: Float32Array.from(normals), indices };
}

function edgeDefectError(defect: EdgeDefect, file: string, scan: ObjScan, triangleLines: Int32Array): InputError {
  const lines = [...new Set(defect.triangles.map((t) => triangleLines[t]))];
  const lastLine = lines[lines.length - 1];
  const value = scan.lines[lastLine - 1].trim();
  const edge = `${defect.a + 1}-${defect.b + 1}`;

  if (defect.kind === 'overshared') {
    return objLineError(file, lastLine,
      `edge between vertices ${edge} is shared by ${defect.triangles.length} triangles (faces on lines ${lines.join(', ')}), so the surface is non-manifold`,
      value, 'Each edge may belong to at most two triangles. Split or remove the extra faces.');
  }
  return objLineError(file, lastLine,
    `face runs along edge ${edge} in the same direction as the face on line ${lines[0]}, so the two faces are oriented inconsistently`,
    value, 'List the corners of every face counter-clockwise seen from outside.');
}
