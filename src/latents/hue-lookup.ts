// Shortlists of palette candidates by hue, so that the nearest-colour search for a hue in [0, 1)
// measures a handful of candidates instead of the whole palette, with the same result.
import type { Palette } from './palettes.js';

/** Cells per sixth of the hue circle; within a sixth, hsv(h, 1, 1) moves along one straight edge of the RGB cube. */
const CELLS_PER_SECTOR = 256;
const CELL_COUNT = 6 * CELLS_PER_SECTOR;

// Covers the rounding error of the distances (about 1e-15) many times over; a larger margin only lengthens the shortlists.
const MARGIN = 1e-9;

/** Candidate indexes of one palette by hue cell: cell k lists candidates[offsets[k]] up to candidates[offsets[k + 1]]. */
export interface HueLookup {
  offsets: Uint32Array;
  candidates: Uint16Array;
}

/** Returns the point of the cube edge that sector `sector` (0..5) follows, at fraction f in [0, 1]. */
function edgePoint(sector: number, f: number): [number, number, number] {
  switch (sector) {
    case 0:
      return [1, f, 0];
    case 1:
      return [1 - f, 1, 0];
    case 2:
      return [0, 1, f];
    case 3:
      return [0, 1 - f, 1];
    case 4:
      return [f, 0, 1];
    default:
      return [1, 0, 1 - f];
  }
}

/** Returns the distance from (x, y, z) to the segment from a to b. */
function distanceToSegment(x: number, y: number, z: number, a: number[], b: number[]): number {
  const abx = b[0] - a[0];
  const aby = b[1] - a[1];
  const abz = b[2] - a[2];
  const acx = x - a[0];
  const acy = y - a[1];
  const acz = z - a[2];
  const s = Math.min(1, Math.max(0, (abx * acx + aby * acy + abz * acz) / (abx * abx + aby * aby + abz * abz)));
  return distance(acx - s * abx, acy - s * aby, acz - s * abz);
}

function distance(dx: number, dy: number, dz: number): number {
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/**
 * Builds the shortlists of `palette`. A cell keeps, in palette order, every candidate whose smallest
 * distance to the cell's edge segment is within MARGIN of the smallest largest distance of any candidate.
 * Any candidate that is nearest (or tied nearest) for some hue in the cell passes that test, so the
 * first strictly nearest candidate of the shortlist is the first strictly nearest of the whole palette.
 */
export function buildHueLookup(palette: Palette): HueLookup {
  const rgb = palette.candidateRgb;
  const candidateCount = rgb.length / 3;
  const offsets = new Uint32Array(CELL_COUNT + 1);
  const lists: number[] = [];
  const nearest = new Float64Array(candidateCount);

  for (let cell = 0; cell < CELL_COUNT; cell++) {
    const sector = Math.floor(cell / CELLS_PER_SECTOR);
    const a = edgePoint(sector, (cell % CELLS_PER_SECTOR) / CELLS_PER_SECTOR);
    const b = edgePoint(sector, ((cell % CELLS_PER_SECTOR) + 1) / CELLS_PER_SECTOR);

    // bound: over all candidates, the smallest of each candidate's largest distance to the segment (at an end).
    let bound = Infinity;
    for (let j = 0; j < candidateCount; j++) {
      const x = rgb[3 * j];
      const y = rgb[3 * j + 1];
      const z = rgb[3 * j + 2];
      nearest[j] = distanceToSegment(x, y, z, a, b);
      const farthest = Math.max(distance(x - a[0], y - a[1], z - a[2]), distance(x - b[0], y - b[1], z - b[2]));
      if (farthest < bound) bound = farthest;
    }

    for (let j = 0; j < candidateCount; j++) if (nearest[j] <= bound + MARGIN) lists.push(j);
    offsets[cell + 1] = lists.length;
  }

  return { offsets, candidates: Uint16Array.from(lists) };
}

/**
 * Returns the cell of `hue` for a lookup, computing sector and fraction exactly as hsv_to_rgb does,
 * or -1 for a hue outside [0, 1), which the lookup does not cover.
 */
export function hueCell(hue: number): number {
  if (!(hue >= 0 && hue < 1)) return -1;

  const scaled = hue * 6.0;
  const sector = Math.trunc(scaled);
  const f = scaled - sector;
  // A hue just below 1 can round to scaled = 6, which hsv_to_rgb treats as sector 0 with f = 0.
  return (sector % 6) * CELLS_PER_SECTOR + Math.floor(f * CELLS_PER_SECTOR);
}
