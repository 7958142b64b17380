/** An indexed triangle mesh in double precision, as read from a source file and edited by the mesh tools. */
export interface RawMesh {
  /** Vertex positions, xyz per vertex. */
  positions: Float64Array;
  /** Vertex indices, three per triangle. */
  indices: Uint32Array;
}

/** Splits polygons given as index lists into triangle fans around their first corner. */
export function triangulateFans(polygons: ArrayLike<number>[]): Uint32Array {
  const indices: number[] = [];
  for (const polygon of polygons) {
    for (let k = 1; k + 1 < polygon.length; k += 1) indices.push(polygon[0], polygon[k], polygon[k + 1]);
  }
  return Uint32Array.from(indices);
}

/** Parses an ASCII OFF file: `OFF`, vertex and face counts, one vertex a line, then one `n i1 ... in [colour]` face a line. */
export function readOff(text: string, name: string): RawMesh {
  const lines = text.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter((line) => line !== '');
  const header = lines[0].split(/\s+/);
  if (header[0] !== 'OFF') throw new Error(`${name}: expected an OFF header, found ${JSON.stringify(header[0])}`);

  // The counts may follow the keyword on the header line or stand on the next line.
  const countLine = header.length > 1 ? 0 : 1;
  const counts = lines[countLine].split(/\s+/).slice(countLine === 0 ? 1 : 0).map(Number);
  const [vertexCount, faceCount] = counts;
  const vertexLines = lines.slice(countLine + 1, countLine + 1 + vertexCount);
  const faceLines = lines.slice(countLine + 1 + vertexCount, countLine + 1 + vertexCount + faceCount);
  if (vertexLines.length !== vertexCount || faceLines.length !== faceCount) throw new Error(`${name}: OFF file ends early`);

  const positions = new Float64Array(3 * vertexCount);
  vertexLines.forEach((line, i) => positions.set(line.split(/\s+/).slice(0, 3).map(Number), 3 * i));
  const polygons = faceLines.map((line) => {
    const words = line.split(/\s+/).map(Number);
    return words.slice(1, 1 + words[0]);
  });
  return checkMesh({ positions, indices: triangulateFans(polygons) }, name);
}

const PLY_TYPES: Record<string, { size: number; read: (view: DataView, offset: number, little: boolean) => number }> = {
  char: { size: 1, read: (view, offset) => view.getInt8(offset) },
  uchar: { size: 1, read: (view, offset) => view.getUint8(offset) },
  short: { size: 2, read: (view, offset, little) => view.getInt16(offset, little) },
  ushort: { size: 2, read: (view, offset, little) => view.getUint16(offset, little) },
  int: { size: 4, read: (view, offset, little) => view.getInt32(offset, little) },
  uint: { size: 4, read: (view, offset, little) => view.getUint32(offset, little) },
  float: { size: 4, read: (view, offset, little) => view.getFloat32(offset, little) },
  double: { size: 8, read: (view, offset, little) => view.getFloat64(offset, little) },
};
const PLY_ALIASES: Record<string, string> = {
  int8: 'char', uint8: 'uchar', int16: 'short', uint16: 'ushort', int32: 'int', uint32: 'uint', float32: 'float', float64: 'double',
};

interface PlyProperty {
  name: string;
  type: string;
  /** Type of the length prefix for a list property, undefined for a scalar. */
  countType?: string;
}

interface PlyElement {
  name: string;
  count: number;
  properties: PlyProperty[];
}

/**
 * Parses a PLY file in ASCII or binary form (either byte order). Returns the x, y, z of its `vertex`
 * element and the vertex_indices (or vertex_index) lists of its `face` element, and skips the rest.
 */
export function readPly(bytes: Uint8Array, name: string): RawMesh {
  const headerEnd = findHeaderEnd(bytes, name);
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, headerEnd)).split(/\r?\n/);
  let format = '';
  const elements: PlyElement[] = [];
  for (const line of header) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'format') format = words[1];
    else if (words[0] === 'element') elements.push({ name: words[1], count: Number(words[2]), properties: [] });
    else if (words[0] === 'property' && words[1] === 'list') {
      elements[elements.length - 1].properties.push({ name: words[4], type: plyType(words[3], name), countType: plyType(words[2], name) });
    } else if (words[0] === 'property') {
      elements[elements.length - 1].properties.push({ name: words[2], type: plyType(words[1], name) });
    }
  }

  const values = format === 'ascii'
    ? asciiValueReader(new TextDecoder('latin1').decode(bytes.subarray(headerEnd)))
    : binaryValueReader(bytes.subarray(headerEnd), format === 'binary_little_endian', name);
  let positions: Float64Array = new Float64Array(0);
  let indices: Uint32Array = new Uint32Array(0);

  for (const element of elements) {
    if (element.name === 'vertex') positions = new Float64Array(3 * element.count);
    const polygons: number[][] = [];
    const axis: Record<string, number> = { x: 0, y: 1, z: 2 };
    for (let i = 0; i < element.count; i += 1) {
      for (const property of element.properties) {
        if (property.countType !== undefined) {
          const length = values(property.countType);
          const list: number[] = [];
          for (let k = 0; k < length; k += 1) list.push(values(property.type));
          if (element.name === 'face' && (property.name === 'vertex_indices' || property.name === 'vertex_index')) polygons.push(list);
        } else {
          const value = values(property.type);
          if (element.name === 'vertex' && property.name in axis) positions[3 * i + axis[property.name]] = value;
        }
      }
    }
    if (element.name === 'face') indices = triangulateFans(polygons);
  }
  return checkMesh({ positions, indices }, name);
}

function findHeaderEnd(bytes: Uint8Array, name: string): number {
  const marker = new TextEncoder().encode('end_header');
  for (let i = 0; i + marker.length < bytes.length; i += 1) {
    if (marker.every((byte, k) => bytes[i + k] === byte)) {
      let end = i + marker.length;
      if (bytes[end] === 0x0d) end += 1;
      return end + 1;
    }
  }
  throw new Error(`${name}: PLY header has no end_header line`);
}

function plyType(type: string, name: string): string {
  const canonical = PLY_ALIASES[type] ?? type;
  if (!(canonical in PLY_TYPES)) throw new Error(`${name}: unknown PLY property type ${JSON.stringify(type)}`);
  return canonical;
}

function asciiValueReader(body: string): (type: string) => number {
  const tokens = body.trim().split(/\s+/);
  let next = 0;
  return () => Number(tokens[next++]);
}

function binaryValueReader(body: Uint8Array, little: boolean, name: string): (type: string) => number {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let offset = 0;
  return (type) => {
    const { size, read } = PLY_TYPES[type];
    if (offset + size > body.byteLength) throw new Error(`${name}: PLY body ends early`);
    const value = read(view, offset, little);
    offset += size;
    return value;
  };
}

/**
 * Reads the mesh that an npm package stores in a CommonJS module as JSON-like literals:
 * `exports.positions=[[x,y,z],...]` and `exports.cells=[[a,b,c],...]`. The module is parsed, never run.
 */
export function readLiteralModule(text: string, name: string): RawMesh {
  const positions = JSON.parse(extractLiteral(text, 'positions', name)) as number[][];
  const cells = JSON.parse(extractLiteral(text, 'cells', name)) as number[][];
  return checkMesh({ positions: Float64Array.from(positions.flat()), indices: triangulateFans(cells) }, name);
}

function extractLiteral(text: string, field: string, name: string): string {
  const match = new RegExp(`exports\\.${field}\\s*=\\s*(\\[\\[[^;]*\\]\\])`).exec(text);
  if (match === null) throw new Error(`${name}: no exports.${field} array literal`);
  return match[1];
}

/**
 * Reads the mesh that an npm package stores in a CommonJS module as base64 typed arrays:
 * `exports.positions = require("./load")(Float32Array, "...")` and the same for `cells` with
 * Uint32Array, both little-endian. The module is parsed, never run.
 */
export function readBase64Module(text: string, name: string): RawMesh {
  const positionBytes = extractBase64(text, 'positions', 'Float32Array', name);
  const cellBytes = extractBase64(text, 'cells', 'Uint32Array', name);
  const positionView = new DataView(positionBytes.buffer, positionBytes.byteOffset, positionBytes.byteLength);
  const cellView = new DataView(cellBytes.buffer, cellBytes.byteOffset, cellBytes.byteLength);
  const positions = new Float64Array(positionBytes.byteLength / 4);
  for (let i = 0; i < positions.length; i += 1) positions[i] = positionView.getFloat32(4 * i, true);
  const indices = new Uint32Array(cellBytes.byteLength / 4);
  for (let i = 0; i < indices.length; i += 1) indices[i] = cellView.getUint32(4 * i, true);
  return checkMesh({ positions, indices }, name);
}

function extractBase64(text: string, field: string, arrayType: string, name: string): Buffer {
  const match = new RegExp(`exports\\.${field}\\s*=\\s*require\\("\\./load"\\)\\(${arrayType},\\s*"([A-Za-z0-9+/=]*)"\\)`).exec(text);
  if (match === null) throw new Error(`${name}: no base64 ${arrayType} for exports.${field}`);
  return Buffer.from(match[1], 'base64');
}

/** Throws unless every coordinate is finite and every index points to a vertex. */
export function checkMesh(mesh: RawMesh, name: string): RawMesh {
  const vertexCount = mesh.positions.length / 3;
  if (!Number.isInteger(vertexCount) || mesh.indices.length % 3 !== 0) throw new Error(`${name}: array lengths are not multiples of 3`);
  if (!mesh.positions.every(Number.isFinite)) throw new Error(`${name}: non-finite vertex coordinate`);
  if (!mesh.indices.every((index) => index < vertexCount)) throw new Error(`${name}: vertex index out of range`);
  return mesh;
}
