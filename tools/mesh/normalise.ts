import zlib from 'node:zlib';
import type { RawMesh } from './formats.js';

/** A 3 × 3 rotation matrix in row-major order. */
export type Rotation = [number, number, number, number, number, number, number, number, number];

/** Largest side of the bounding box after normalisation. */
export const NORMALISED_SIZE = 3.0;

/** Decimal places of the coordinates written to the OBJ files. */
export const COORDINATE_DECIMALS = 6;

/** Axis-aligned bounding box of a mesh's vertices. */
export interface Bounds {
  min: [number, number, number];
  max: [number, number, number];
}

/** Returns the rotation matrix `R` with p' = R p for a rotation by `degrees` about the x, y or z axis. */
export function axisRotation(axis: 'x' | 'y' | 'z', degrees: number): Rotation {
  // Multiples of 90° give exact 0 and ±1 entries, so quarter turns move coordinates without rounding.
  const quarterTurns = degrees / 90;
  const exact = Number.isInteger(quarterTurns);
  const cos = exact ? [1, 0, -1, 0][((quarterTurns % 4) + 4) % 4] : Math.cos((degrees * Math.PI) / 180);
  const sin = exact ? [0, 1, 0, -1][((quarterTurns % 4) + 4) % 4] : Math.sin((degrees * Math.PI) / 180);
  if (axis === 'x') return [1, 0, 0, 0, cos, -sin, 0, sin, cos];
  if (axis === 'y') return [cos, 0, sin, 0, 1, 0, -sin, 0, cos];
  return [cos, -sin, 0, sin, cos, 0, 0, 0, 1];
}

/** Returns the product `first · second`, the rotation that applies `second` and then `first`. */
export function multiplyRotations(first: Rotation, second: Rotation): Rotation {
  const product = new Array<number>(9).fill(0) as Rotation;
  for (let row = 0; row < 3; row += 1) {
    for (let column = 0; column < 3; column += 1) {
      for (let k = 0; k < 3; k += 1) product[3 * row + column] += first[3 * row + k] * second[3 * k + column];
    }
  }
  return product;
}

/** Returns the mesh with every vertex multiplied by the rotation matrix. */
export function rotateMesh(mesh: RawMesh, rotation: Rotation): RawMesh {
  const positions = new Float64Array(mesh.positions.length);
  for (let v = 0; v < positions.length; v += 3) {
    const [x, y, z] = mesh.positions.subarray(v, v + 3);
    positions[v] = rotation[0] * x + rotation[1] * y + rotation[2] * z;
    positions[v + 1] = rotation[3] * x + rotation[4] * y + rotation[5] * z;
    positions[v + 2] = rotation[6] * x + rotation[7] * y + rotation[8] * z;
  }
  return { positions, indices: mesh.indices };
}

/** Returns the bounding box of the mesh's vertices. */
export function meshBounds(positions: ArrayLike<number>): Bounds {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 1) {
    const axis = i % 3;
    min[axis] = Math.min(min[axis], positions[i]);
    max[axis] = Math.max(max[axis], positions[i]);
  }
  return { min, max };
}

/**
 * Moves the bounding-box centre to the origin and scales uniformly so the largest side is
 * NORMALISED_SIZE. Returns the mesh with the translation (applied first) and the scale factor.
 */
export function normaliseMesh(mesh: RawMesh): { mesh: RawMesh; translation: [number, number, number]; scale: number } {
  const { min, max } = meshBounds(mesh.positions);
  const translation: [number, number, number] = [0, 1, 2].map((axis) => -(min[axis] + max[axis]) / 2) as [number, number, number];
  const scale = NORMALISED_SIZE / Math.max(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
  const positions = mesh.positions.map((value, i) => (value + translation[i % 3]) * scale);
  return { mesh: { positions, indices: mesh.indices }, translation, scale };
}

function formatCoordinate(value: number): string {
  const text = value.toFixed(COORDINATE_DECIMALS).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** Writes the mesh as OBJ text: the comment lines, then `v x y z` with fixed decimals, then 1-based `f a b c`. */
export function formatObj(mesh: RawMesh, comments: string[]): string {
  const lines = comments.map((comment) => `# ${comment}`);
  for (let v = 0; v < mesh.positions.length; v += 3) {
    lines.push(`v ${formatCoordinate(mesh.positions[v])} ${formatCoordinate(mesh.positions[v + 1])} ${formatCoordinate(mesh.positions[v + 2])}`);
  }
  for (let t = 0; t < mesh.indices.length; t += 3) {
    lines.push(`f ${mesh.indices[t] + 1} ${mesh.indices[t + 1] + 1} ${mesh.indices[t + 2] + 1}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Compresses with gzip at level 9 and a fixed header (modification time 0, operating system 3 = Unix),
 * so the same text always gives the same bytes under the same zlib build.
 */
export function gzipDeterministic(text: string): Buffer {
  const bytes = zlib.gzipSync(text, { level: 9 });

  // Bytes 4-7 hold the modification time, which Node leaves at 0. Byte 9 names the operating system,
  // which zlib sets from the platform it was built for.
  if (bytes.readUInt32LE(4) !== 0) throw new Error('gzip header carries a modification time');
  bytes[9] = 3;
  return bytes;
}
