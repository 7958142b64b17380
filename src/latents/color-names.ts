// Colour names for hues: the nearest named colour of a palette, and the integer index of each name.
import { hsvToRgb } from './hsv.js';
import { buildHueLookup, hueCell, type HueLookup } from './hue-lookup.js';
import { PALETTES, type Palette } from './palettes.js';

/**
 * Every name of the three palettes (1107 in matplotlib 3.6.3) sorted by UTF-16 code unit, which for
 * these ASCII names equals Python's `sorted()`. A name's position here is its `object_color_index`.
 */
export const COLOR_NAMES: readonly string[] = PALETTES.flatMap((palette) => palette.allNames).sort();

const INDEX_BY_NAME = new Map(COLOR_NAMES.map((name, index) => [name, index]));

// Built on first use, because building takes tens of milliseconds that commands without latents should not pay.
const hueLookups: (HueLookup | undefined)[] = [];

/** Returns the `object_color_index` of a colour name (0..1106), or undefined for a name outside the palettes. */
export function colorIndex(name: string): number | undefined {
  return INDEX_BY_NAME.get(name);
}

/**
 * Returns the index of the candidate nearest to (r, g, b) among `order[start]` to `order[end - 1]`, by
 * Euclidean distance. Candidates are visited in that order and a later one wins only with a strictly
 * smaller distance, as the original loop does.
 */
function nearestCandidate(palette: Palette, r: number, g: number, b: number, order: ArrayLike<number>, start: number, end: number): number {
  const rgb = palette.candidateRgb;
  let best = order[start];
  let bestDistance = Infinity;

  for (let k = start; k < end; k++) {
    const offset = 3 * order[k];
    const dr = rgb[offset] - r;
    const dg = rgb[offset + 1] - g;
    const db = rgb[offset + 2] - b;
    // Compare rounded roots as numpy's norm does: two different squares can round to one root, and then the earlier candidate wins.
    const distance = Math.sqrt(dr * dr + dg * dg + db * db);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = order[k];
    }
  }

  return best;
}

/** Returns the name of the palette candidate nearest to (r, g, b), searching every candidate in palette order. */
export function nearestColorName(palette: Palette, r: number, g: number, b: number): string {
  const order = palette.candidateOrder;
  return palette.candidateNames[nearestCandidate(palette, r, g, b, order, 0, order.length)];
}

/**
 * Returns the colour name of `hue` in palette 0 (Tableau), 1 (CSS4) or 2 (XKCD): the name nearest to
 * hsv(hue, 1, 1). Hues in [0, 1) search a shortlist of candidates with the same result as a full search.
 */
export function hueToColorName(hue: number, paletteIndex: number): string {
  const palette = PALETTES[paletteIndex];
  const [r, g, b] = hsvToRgb(hue, 1.0, 1.0);
  const cell = hueCell(hue);
  if (cell < 0) return nearestColorName(palette, r, g, b);

  const lookup = (hueLookups[paletteIndex] ??= buildHueLookup(palette));
  const start = lookup.offsets[cell];
  return palette.candidateNames[nearestCandidate(palette, r, g, b, lookup.candidates, start, lookup.offsets[cell + 1])];
}
