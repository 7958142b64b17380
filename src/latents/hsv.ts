// HSV to RGB conversion of Python's `colorsys` module (CPython 3.11), reproduced operation by operation
// so that results match Python to the last bit.

/** An RGB triple of doubles, each nominally in [0, 1]. */
export type Rgb = [r: number, g: number, b: number];

/**
 * Converts hue, saturation and value to RGB exactly like Python's `colorsys.hsv_to_rgb(h, s, v)`.
 * Any finite hue is accepted: the sector is `trunc(6h)` taken modulo 6 the Python way (never negative),
 * so negative hues give components outside [0, 1] where Python does too. Throws RangeError for a
 * non-finite hue (with s != 0), where Python raises.
 */
export function hsvToRgb(h: number, s: number, v: number): Rgb {
  if (s === 0) return [v, v, v];

  const scaled = h * 6.0;
  if (!Number.isFinite(scaled)) throw new RangeError(`hsvToRgb: hue must be finite, got ${h}`);

  // Python computes t as 1 - s*(1 - f), not s*f; the two differ in the last bit for some f.
  const sector = Math.trunc(scaled);
  const f = scaled - sector;
  const p = v * (1.0 - s);
  const q = v * (1.0 - s * f);
  const t = v * (1.0 - s * (1.0 - f));

  switch (((sector % 6) + 6) % 6) {
    case 0:
      return [v, t, p];
    case 1:
      return [q, v, p];
    case 2:
      return [p, v, t];
    case 3:
      return [p, q, v];
    case 4:
      return [t, p, v];
    default:
      return [v, p, q];
  }
}
