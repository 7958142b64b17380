import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Image8 } from '../src/metrics/psnr.js';

const GAP = 4;
const BACKGROUND = 96;

/** Copies the RGB of `image` into `sheet` at (left, top), passing each 8-bit value and the matching one of `other` through `transform`. */
function paste(sheet: PNG, left: number, top: number, image: Image8, other: Image8 | undefined, transform: (a: number, b: number) => number): void {
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const source = (y * image.width + x) * image.channels;
      const otherSource = other ? (y * other.width + x) * other.channels : 0;
      const target = 4 * ((top + y) * sheet.width + left + x);
      for (let c = 0; c < 3; c++) sheet.data[target + c] = transform(image.data[source + c], other ? other.data[otherSource + c] : 0);
      sheet.data[target + 3] = 255;
    }
  }
}

/**
 * Writes a PNG of image triplets, `columns` triplets per row: m3di, Cycles, and |m3di − Cycles|
 * per channel multiplied by `gain` (clamped to 255), so black means equal.
 */
export function writeParitySheet(file: string, ours: Image8[], references: Image8[], gain: number, columns: number): void {
  const { width, height } = ours[0];
  const tripletWidth = 3 * width + 2 * GAP;
  const rowsOfTriplets = Math.ceil(ours.length / columns);
  const perRow = Math.min(columns, ours.length);
  const sheet = new PNG({ width: GAP + perRow * (tripletWidth + 3 * GAP), height: GAP + rowsOfTriplets * (height + GAP) });
  sheet.data.fill(BACKGROUND);

  ours.forEach((image, k) => {
    const left = GAP + (k % columns) * (tripletWidth + 3 * GAP);
    const top = GAP + Math.floor(k / columns) * (height + GAP);
    paste(sheet, left, top, image, undefined, (a) => a);
    paste(sheet, left + width + GAP, top, references[k], undefined, (a) => a);
    paste(sheet, left + 2 * (width + GAP), top, image, references[k], (a, b) => Math.min(255, Math.abs(a - b) * gain));
  });

  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, PNG.sync.write(sheet, { colorType: 2 }));
}
