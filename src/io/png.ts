import fs from 'node:fs';
import { PNG } from 'pngjs';

/**
 * Encodes RGBA8 pixels as an 8-bit RGB PNG (alpha dropped; the images are opaque). Output bytes
 * depend only on the pixels (and on the zlib that Node bundles).
 * Every row uses PNG's Sub filter. On 16 rendered 224 × 224 images, pngjs's default of trying all
 * five filters per row took 9.9 ms per image for 19.2 KiB; Sub alone takes 6.1 ms for 17.9 KiB.
 */
export function encodeRgbPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, width * height * 4);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, deflateLevel: 6, filterType: 1 });
}

/** Decodes a PNG file to RGBA8; throws on a missing file or corrupt data. */
export function readPng(file: string): { width: number; height: number; data: Buffer } {
  const png = PNG.sync.read(fs.readFileSync(file));
  return { width: png.width, height: png.height, data: png.data };
}

/** True when `file` exists, decodes as PNG and has the given size. */
export function isValidPng(file: string, width: number, height: number): boolean {
  try {
    const png = readPng(file);
    return png.width === width && png.height === height;
  } catch {
    return false;
  }
}
