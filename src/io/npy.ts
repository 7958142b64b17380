// NumPy .npy files (format version 1.0) of little-endian float32 arrays, readable with numpy.load.

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
/** numpy pads the header so that the data starts at a multiple of 64 bytes. */
const ALIGNMENT = 64;

/** Encodes `data` as a C-order float32 .npy file of shape `shape`; throws RangeError when the sizes disagree. */
export function encodeNpyFloat32(data: Float32Array, shape: readonly number[]): Buffer {
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  if (size !== data.length) throw new RangeError(`invalid data length ${data.length}: shape (${shape.join(', ')}) needs ${size} values`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dictionary = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = MAGIC.length + 2 + 2 + dictionary.length + 1;
  const headerText = dictionary + ' '.repeat((ALIGNMENT - (unpadded % ALIGNMENT)) % ALIGNMENT) + '\n';

  const header = Buffer.alloc(MAGIC.length + 4);
  MAGIC.copy(header, 0);
  header[6] = 1;
  header[7] = 0;
  header.writeUInt16LE(headerText.length, 8);
  const body = Buffer.alloc(data.length * 4);
  for (let i = 0; i < data.length; i++) body.writeFloatLE(data[i], 4 * i);
  return Buffer.concat([header, Buffer.from(headerText, 'latin1'), body]);
}

/** Decodes a float32 .npy file written by {@link encodeNpyFloat32} (or numpy, version 1.0, '<f4', C order). */
export function decodeNpyFloat32(bytes: Buffer): { shape: number[]; data: Float32Array } {
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC)) throw new Error('not a .npy file: the magic string \\x93NUMPY is missing');
  if (bytes[6] !== 1) throw new Error(`.npy format version ${bytes[6]}.${bytes[7]} is not supported; expected 1.0`);
  const headerLength = bytes.readUInt16LE(8);
  const headerText = bytes.subarray(10, 10 + headerLength).toString('latin1');
  if (!headerText.includes("'descr': '<f4'") || !headerText.includes("'fortran_order': False")) {
    throw new Error(`.npy header ${headerText.trim()} is not a C-order little-endian float32 array`);
  }
  const shapeMatch = /'shape': \(([^)]*)\)/.exec(headerText);
  if (!shapeMatch) throw new Error(`.npy header ${headerText.trim()} has no shape`);
  const shape = shapeMatch[1].split(',').map((part) => part.trim()).filter((part) => part !== '').map(Number);
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  const start = 10 + headerLength;
  if (bytes.length !== start + 4 * size) throw new Error(`.npy data is ${bytes.length - start} bytes; shape (${shape.join(', ')}) needs ${4 * size}`);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = bytes.readFloatLE(start + 4 * i);
  return { shape, data };
}

/** Size in bytes of the .npy file that {@link encodeNpyFloat32} writes for `shape`. */
export function npyFloat32FileSize(shape: readonly number[]): number {
  return encodeNpyFloat32(new Float32Array(shape.reduce((product, dimension) => product * dimension, 1)), shape).length;
}
