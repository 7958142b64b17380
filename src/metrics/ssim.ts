import { checkComparable, type Image8 } from './psnr.js';

// Structural similarity (Wang, Bovik, Sheikh and Simoncelli, "Image quality assessment: from error
// visibility to structural similarity", IEEE TIP 13(4), 2004) with the paper's parameters. The
// window is an 11 × 11 Gaussian of σ = 1.5 normalised to sum 1, K1 = 0.01, K2 = 0.03 and the
// dynamic range is L = 255. As in the authors' reference implementation, the SSIM map covers only the positions where
// the whole window lies inside the image (no padding) and the index is the mean of that map. Colour
// images get the index of each of R, G and B separately and the mean of the three.

const WINDOW_RADIUS = 5;
const WINDOW_SIGMA = 1.5;
const K1 = 0.01;
const K2 = 0.03;
const DYNAMIC_RANGE = 255;

/** Returns the normalised 1D Gaussian weights of the SSIM window. The 2D window is their outer product. */
export function ssimWindow(radius = WINDOW_RADIUS, sigma = WINDOW_SIGMA): Float64Array {
  const weights = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    weights[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
    sum += weights[i + radius];
  }
  return weights.map((w) => w / sum);
}

/** Filters a width × height plane by `weights` along both axes and keeps only the 'valid' positions, where the window lies inside the plane. */
function filterValid(plane: Float64Array, width: number, height: number, weights: Float64Array): Float64Array {
  const size = weights.length;
  const outWidth = width - size + 1;
  const outHeight = height - size + 1;

  // Rows first: width shrinks, height stays.
  const rows = new Float64Array(outWidth * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (let k = 0; k < size; k++) sum += weights[k] * plane[y * width + x + k];
      rows[y * outWidth + x] = sum;
    }
  }

  // Then columns.
  const result = new Float64Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (let k = 0; k < size; k++) sum += weights[k] * rows[(y + k) * outWidth + x];
      result[y * outWidth + x] = sum;
    }
  }
  return result;
}

/** Extracts channel `channel` of an interleaved image as a float plane. */
function channelPlane(image: Image8, channel: number): Float64Array {
  const pixels = image.width * image.height;
  const plane = new Float64Array(pixels);
  for (let p = 0; p < pixels; p++) plane[p] = image.data[p * image.channels + channel];
  return plane;
}

/** Computes the mean SSIM of two single-channel planes of the same size. */
export function ssimPlane(a: Float64Array, b: Float64Array, width: number, height: number): number {
  const weights = ssimWindow();
  if (width < weights.length || height < weights.length) {
    throw new RangeError(`SSIM needs images of at least ${weights.length}×${weights.length} pixels; got ${width}×${height}`);
  }
  const c1 = (K1 * DYNAMIC_RANGE) ** 2;
  const c2 = (K2 * DYNAMIC_RANGE) ** 2;

  const product = (x: Float64Array, y: Float64Array) => x.map((value, i) => value * y[i]);
  const meanA = filterValid(a, width, height, weights);
  const meanB = filterValid(b, width, height, weights);
  const meanAA = filterValid(product(a, a), width, height, weights);
  const meanBB = filterValid(product(b, b), width, height, weights);
  const meanAB = filterValid(product(a, b), width, height, weights);

  let sum = 0;
  for (let i = 0; i < meanA.length; i++) {
    const muA = meanA[i];
    const muB = meanB[i];
    const varianceA = meanAA[i] - muA * muA;
    const varianceB = meanBB[i] - muB * muB;
    const covariance = meanAB[i] - muA * muB;
    sum += ((2 * muA * muB + c1) * (2 * covariance + c2)) / ((muA * muA + muB * muB + c1) * (varianceA + varianceB + c2));
  }
  return sum / meanA.length;
}

/** Computes the SSIM of two 8-bit colour images as the mean of the per-channel indices of R, G and B (alpha ignored). */
export function ssimRgb(a: Image8, b: Image8): number {
  checkComparable(a, b);
  let sum = 0;
  for (let channel = 0; channel < 3; channel++) {
    sum += ssimPlane(channelPlane(a, channel), channelPlane(b, channel), a.width, a.height);
  }
  return sum / 3;
}
