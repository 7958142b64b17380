// The three matplotlib colour palettes that colour names are drawn from, as search candidates.
import { CSS4_COLORS, TABLEAU_COLORS, XKCD_COLORS } from './palette-data.js';

/** One palette prepared for the nearest-colour search. */
export interface Palette {
  /** matplotlib's name of the table, e.g. `CSS4_COLORS`. */
  label: string;
  /** Every name of the table, in matplotlib's order. */
  allNames: readonly string[];
  /** Name returned for each distinct RGB value: the last name that has it. */
  candidateNames: readonly string[];
  /** RGB of each candidate, three doubles per candidate, in first-seen order. */
  candidateRgb: Float64Array;
  /** Candidate indexes 0, 1, 2, ... in search order. */
  candidateOrder: Uint16Array;
}

/** Converts `#rrggbb` (either case) to RGB doubles like matplotlib's `to_rgb`: each byte divided by 255. */
export function hexToRgb(hex: string): [number, number, number] {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) throw new RangeError(`hexToRgb: expected #rrggbb, got ${JSON.stringify(hex)}`);

  return [
    parseInt(hex.slice(1, 3), 16) / 255,
    parseInt(hex.slice(3, 5), 16) / 255,
    parseInt(hex.slice(5, 7), 16) / 255,
  ];
}

/**
 * Builds the candidate list of one palette the way `{to_rgb(hex): name for name, hex in table.items()}`
 * does in Python: a repeated RGB value keeps the position where it first appears but the name that
 * comes last (CSS4 `aqua`/`cyan` gives `cyan`).
 */
export function buildPalette(label: string, table: Readonly<Record<string, string>>): Palette {
  const nameByKey = new Map<string, string>();
  const rgbByKey = new Map<string, [number, number, number]>();
  for (const [name, hex] of Object.entries(table)) {
    const key = hex.toLowerCase();
    if (!rgbByKey.has(key)) rgbByKey.set(key, hexToRgb(hex));
    nameByKey.set(key, name);
  }

  const candidateRgb = new Float64Array(rgbByKey.size * 3);
  let offset = 0;
  for (const rgb of rgbByKey.values()) {
    candidateRgb.set(rgb, offset);
    offset += 3;
  }

  return {
    label,
    allNames: Object.keys(table),
    candidateNames: [...nameByKey.values()],
    candidateRgb,
    candidateOrder: Uint16Array.from(rgbByKey.keys(), (_, index) => index),
  };
}

/** The palettes in the order that the palette draw indexes them: 0 Tableau, 1 CSS4, 2 XKCD. */
export const PALETTES: readonly Palette[] = [
  buildPalette('TABLEAU_COLORS', TABLEAU_COLORS),
  buildPalette('CSS4_COLORS', CSS4_COLORS),
  buildPalette('XKCD_COLORS', XKCD_COLORS),
];
