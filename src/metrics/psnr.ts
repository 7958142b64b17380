/** An 8-bit image with `channels` interleaved channels per pixel (4 for RGBA, 3 for RGB). */
export interface Image8 {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

/** Throws unless `a` and `b` have the same size and at least three channels. */
export function checkComparable(a: Image8, b: Image8): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`images differ in size: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  }
  for (const image of [a, b]) {
    if (image.channels < 3) throw new RangeError(`image has ${image.channels} channels; RGB metrics need at least 3`);
    if (image.data.length < image.width * image.height * image.channels) {
      throw new RangeError(`image data is too short: ${image.data.length} bytes for ${image.width}×${image.height}×${image.channels}`);
    }
  }
}

/** Computes the mean squared error over the R, G and B channels (alpha and further channels ignored), in 8-bit units². */
export function meanSquaredErrorRgb(a: Image8, b: Image8): number {
  checkComparable(a, b);
  const pixels = a.width * a.height;
  let sum = 0;
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < 3; c++) {
      const d = a.data[p * a.channels + c] - b.data[p * b.channels + c];
      sum += d * d;
    }
  }
  return sum / (3 * pixels);
}

/** Computes the peak signal-to-noise ratio in dB over the 8-bit R, G and B values, 10·log10(255² / MSE), which is Infinity for identical images. */
export function psnrRgb(a: Image8, b: Image8): number {
  const mse = meanSquaredErrorRgb(a, b);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}
