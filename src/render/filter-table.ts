/** Blackman–Harris window on [0, 1] (four-term, −92 dB; coefficients from Harris 1978). */
export function blackmanHarris(v: number): number {
  const x = 2 * Math.PI * v;
  return 0.35875 - 0.48829 * Math.cos(x) + 0.14128 * Math.cos(2 * x) - 0.01168 * Math.cos(3 * x);
}

/**
 * Builds the inverse CDF of the 1D Blackman–Harris pixel filter as `size` offsets in pixels, for
 * importance sampling of filter offsets. Cycles doubles the width of a Blackman–Harris filter
 * before it builds its table (intern/cycles/scene/film.cpp), so a width-w filter spans 2w pixels
 * and the offsets here lie in [−width, width].
 */
export function filterInverseCdf(width: number, size = 256): Float32Array {
  const table = new Float32Array(size);
  if (width <= 0) return table;
  const support = 2 * width;

  // Cumulative integral of the filter over [-support/2, support/2] with the trapezoid rule.
  const steps = 4096;
  const cdf = new Float64Array(steps + 1);
  for (let i = 1; i <= steps; i++) {
    cdf[i] = cdf[i - 1] + 0.5 * (blackmanHarris((i - 1) / steps) + blackmanHarris(i / steps));
  }
  const total = cdf[steps];

  // Invert: for each quantile, find the position where the CDF reaches it.
  let step = 0;
  for (let k = 0; k < size; k++) {
    const target = (k / (size - 1)) * total;
    while (step < steps && cdf[step + 1] < target) step++;
    const span = cdf[Math.min(step + 1, steps)] - cdf[step];
    const fraction = span > 0 ? (target - cdf[step]) / span : 0;
    table[k] = ((step + Math.min(Math.max(fraction, 0), 1)) / steps - 0.5) * support;
  }
  return table;
}
