// Fast PNG integrity checks for resuming runs and verifying dataset folders.
//
// Decoding a 224 × 224 PNG with pngjs takes about 8 ms on one core, which is 17 minutes for the
// 125,000 images of a full dataset. These checks read the chunk structure instead: every chunk's
// CRC-32, the IHDR size and the closing IEND. That proves the file contains exactly the bytes its
// encoder wrote, with no truncation or corruption, in about 0.15 ms. With `decode` they also inflate
// the image data and check its length and row filter bytes, which is all that can make decoding fail
// for 8-bit RGB and RGBA files; other formats go through a full pngjs decode.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { PNG } from 'pngjs';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let crcTable: Uint32Array | undefined;

/** CRC-32 as PNG defines it; zlib.crc32 where Node has it (20.15 and later), else a table-driven loop. */
function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (native) return native(data);
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Header fields of a PNG that the checks need. */
interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

/**
 * Checks PNG file contents and returns what is wrong with them, or undefined when they form a whole
 * PNG of `width` × `height`. With `decode`, the image data is also decoded (see the file comment).
 */
export function findPngProblem(bytes: Uint8Array, width: number, height: number, decode = false): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < SIGNATURE.length || !buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) return 'not a PNG file (wrong signature)';

  let header: PngHeader | undefined;
  const imageData: Buffer[] = [];
  let offset = SIGNATURE.length;
  for (;;) {
    if (offset + 12 > buffer.length) return `truncated: the file ends after ${buffer.length} bytes without an IEND chunk`;
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > buffer.length) return `truncated: chunk ${type} needs ${length} bytes but the file ends after ${buffer.length}`;
    if (crc32(buffer.subarray(offset + 4, offset + 8 + length)) !== buffer.readUInt32BE(offset + 8 + length)) {
      return `corrupt: CRC mismatch in chunk ${type} at byte ${offset}`;
    }

    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (header === undefined) {
      if (type !== 'IHDR' || length !== 13) return 'corrupt: the first chunk is not IHDR';
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8], colorType: data[9], interlace: data[12] };
    } else if (type === 'IDAT') {
      imageData.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset = end;
  }

  if (header.width !== width || header.height !== height) return `size ${header.width} × ${header.height}, expected ${width} × ${height}`;
  if (imageData.length === 0) return 'corrupt: no IDAT chunk';
  return decode ? findDecodeProblem(buffer, header, imageData) : undefined;
}

/** Inflates the image data of an 8-bit RGB or RGBA file and checks its size and filter bytes; decodes other formats fully. */
function findDecodeProblem(buffer: Buffer, header: PngHeader, imageData: Buffer[]): string | undefined {
  const channelsByColorType: Record<number, number> = { 2: 3, 6: 4 };
  const channels = channelsByColorType[header.colorType];
  if (channels === undefined || header.bitDepth !== 8 || header.interlace !== 0) {
    try {
      PNG.sync.read(buffer);
      return undefined;
    } catch (error) {
      return `does not decode: ${(error as Error).message}`;
    }
  }

  let raw: Buffer;
  try {
    raw = zlib.inflateSync(Buffer.concat(imageData));
  } catch (error) {
    return `does not decode: ${(error as Error).message}`;
  }
  const stride = 1 + header.width * channels;
  if (raw.length !== stride * header.height) return `does not decode: ${raw.length} bytes of image data, expected ${stride * header.height}`;
  for (let row = 0; row < header.height; row++) {
    if (raw[row * stride] > 4) return `does not decode: invalid filter type ${raw[row * stride]} in row ${row}`;
  }
  return undefined;
}

/** Reads `file` and returns what is wrong with it as a PNG of `width` × `height` ("missing" when it does not exist), or undefined. */
export function findPngFileProblem(file: string, width: number, height: number, decode = false): string | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'missing' : `cannot be read (${code ?? (error as Error).message})`;
  }
  return findPngProblem(bytes, width, height, decode);
}
