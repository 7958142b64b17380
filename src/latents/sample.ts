// Sampling of the latent factors, draw for draw in the order of the original generate_latents.py.
import { colorIndex, hueToColorName } from './color-names.js';
import { MAX_SEED, MT19937 } from './mt19937.js';
import { PALETTES } from './palettes.js';
import { PHRASING_COUNT, POSITION_COUNT, SHAPE_COUNT, type ImageLatents, type TextLatents } from './types.js';

/** Options of {@link sampleLatents}. */
export interface SampleOptions {
  /** Number of rows, a non-negative integer. */
  nPoints: number;
  /** MT19937 seed, an integer from 0 to 2^32 - 1, as given to `np.random.seed`. */
  seed: number;
  /** Store hue (xpos + u) / 3 instead of u, so that the object's hue depends on its x position. */
  positionDependentColor?: boolean;
}

/**
 * Sampled factors stored by column, which for a million rows takes far less memory and garbage-collection
 * time than row objects. `object_zpos` is always 0 and has no column.
 */
export interface LatentColumns {
  count: number;
  objectShape: Uint8Array;
  objectXpos: Uint8Array;
  objectYpos: Uint8Array;
  objectAlpharot: Float64Array;
  objectBetarot: Float64Array;
  objectGammarot: Float64Array;
  objectColor: Float64Array;
  spotlightPos: Float64Array;
  spotlightColor: Float64Array;
  backgroundColor: Float64Array;
  objectColorName: string[];
  objectColorIndex: Uint16Array;
  textPhrasing: Uint8Array;
}

/**
 * Samples `nPoints` rows by column with the same MT19937 stream use as the original generator, so that a
 * seed gives the original's values. The draw order is fixed: xpos, hue, one palette per sample, shape,
 * ypos, the three rotations, spotlight position, spotlight colour, background colour, then text phrasing.
 */
export function sampleLatentColumns(options: SampleOptions): LatentColumns {
  const { nPoints: n, seed, positionDependentColor = false } = options;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`nPoints must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
  }

  const rng = new MT19937(seed);
  const objectXpos = rng.fillInts(new Uint8Array(n), POSITION_COUNT);

  // The hue is stored as float64 (xpos + u) / 3.0 in the position-dependent mode; u is drawn the same either way.
  const objectColor = rng.fillDoubles(new Float64Array(n));
  if (positionDependentColor) {
    for (let i = 0; i < n; i++) objectColor[i] = (objectXpos[i] + objectColor[i]) / 3.0;
  }

  // One palette draw per sample, interleaved with nothing else, before any other factor is drawn.
  const objectColorName = new Array<string>(n);
  const objectColorIndex = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    objectColorName[i] = hueToColorName(objectColor[i], rng.nextInt(PALETTES.length));
    objectColorIndex[i] = colorIndex(objectColorName[i])!;
  }

  // The remaining factors, one whole column after another; this order fixes the values a seed gives.
  const objectShape = rng.fillInts(new Uint8Array(n), SHAPE_COUNT);
  const objectYpos = rng.fillInts(new Uint8Array(n), POSITION_COUNT);
  const objectAlpharot = rng.fillDoubles(new Float64Array(n));
  const objectBetarot = rng.fillDoubles(new Float64Array(n));
  const objectGammarot = rng.fillDoubles(new Float64Array(n));
  const spotlightPos = rng.fillDoubles(new Float64Array(n));
  const spotlightColor = rng.fillDoubles(new Float64Array(n));
  const backgroundColor = rng.fillDoubles(new Float64Array(n));
  const textPhrasing = rng.fillInts(new Uint8Array(n), PHRASING_COUNT);

  return {
    count: n,
    objectShape,
    objectXpos,
    objectYpos,
    objectAlpharot,
    objectBetarot,
    objectGammarot,
    objectColor,
    spotlightPos,
    spotlightColor,
    backgroundColor,
    objectColorName,
    objectColorIndex,
    textPhrasing,
  };
}

/** Returns row `i` of latents_image.csv from `columns`. */
export function imageRow(columns: LatentColumns, i: number): ImageLatents {
  return {
    objectShape: columns.objectShape[i],
    objectXpos: columns.objectXpos[i],
    objectYpos: columns.objectYpos[i],
    objectZpos: 0,
    objectAlpharot: columns.objectAlpharot[i],
    objectBetarot: columns.objectBetarot[i],
    objectGammarot: columns.objectGammarot[i],
    objectColor: columns.objectColor[i],
    spotlightPos: columns.spotlightPos[i],
    spotlightColor: columns.spotlightColor[i],
    backgroundColor: columns.backgroundColor[i],
  };
}

/** Returns row `i` of latents_text.csv from `columns`. */
export function textRow(columns: LatentColumns, i: number): TextLatents {
  return {
    objectShape: columns.objectShape[i],
    objectXpos: columns.objectXpos[i],
    objectYpos: columns.objectYpos[i],
    objectZpos: 0,
    objectColorName: columns.objectColorName[i],
    objectColorIndex: columns.objectColorIndex[i],
    textPhrasing: columns.textPhrasing[i],
  };
}

/**
 * Sampled latents: `columns` as drawn, and the rows of latents_image.csv (`image`) and latents_text.csv
 * (`text`), built from the columns on first access. Row i of both describes sample i.
 */
export class LatentSample {
  private imageRows?: ImageLatents[];
  private textRows?: TextLatents[];

  constructor(readonly columns: LatentColumns) {}

  /** Number of samples. */
  get count(): number {
    return this.columns.count;
  }

  /** Rows of latents_image.csv, built on first access. */
  get image(): ImageLatents[] {
    return (this.imageRows ??= Array.from({ length: this.count }, (_, i) => imageRow(this.columns, i)));
  }

  /** Rows of latents_text.csv, built on first access. */
  get text(): TextLatents[] {
    return (this.textRows ??= Array.from({ length: this.count }, (_, i) => textRow(this.columns, i)));
  }
}

/** Samples `nPoints` rows like {@link sampleLatentColumns}; see there for the draw order. */
export function sampleLatents(options: SampleOptions): LatentSample {
  return new LatentSample(sampleLatentColumns(options));
}
