/**
 * Digits in image file names for a dataset of `n` samples: ceil(log10(n)), as the original
 * generator and its loader compute it. This equals the digit count of n − 1 for every n ≥ 2; n = 1 gives 0.
 */
export function imageNameWidth(n: number): number {
  return n <= 1 ? 0 : String(n - 1).length;
}

/** File name of image `index` in a dataset of `n` samples: the index zero-padded to {@link imageNameWidth}, then `.png`. */
export function imageFileName(index: number, n: number): string {
  return `${String(index).padStart(imageNameWidth(n), '0')}.png`;
}
