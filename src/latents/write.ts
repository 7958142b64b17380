// Writing latents_image.csv, latents_text.csv and latents_meta.json into a dataset folder.
import path from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { encodeLines } from '../io/lines.js';
import { formatCsvFloat, formatCsvString } from './csv-format.js';
import type { LatentSample } from './sample.js';
import {
  IMAGE_COLUMNS,
  IMAGE_LATENTS_FILE,
  LATENTS_META_FILE,
  TEXT_COLUMNS,
  TEXT_LATENTS_FILE,
} from './types.js';

/** Settings of a latents run, stored beside the CSV files so that the run can be repeated. */
export interface LatentsMeta {
  /** MT19937 seed that produced the rows. */
  seed: number;
  /** True when the seed came from --seed, false when it was drawn at random. */
  seedGiven: boolean;
  nPoints: number;
  positionDependentColor: boolean;
}

/** Returns the CSV bytes: the header line, then `count` lines from `lineAt`, every line ending in LF. */
function formatCsv(columnNames: readonly string[], count: number, lineAt: (index: number) => string): Buffer {
  const header = columnNames.join(',');
  return encodeLines(count + 1, (i) => (i === 0 ? header : lineAt(i - 1)), true);
}

/** Formats the bytes of latents_image.csv exactly as pandas 1.5.3 writes the original generator's DataFrame. */
export function formatImageCsv(sample: LatentSample): Buffer {
  const { objectShape, objectXpos, objectYpos, objectAlpharot, objectBetarot, objectGammarot, objectColor } = sample.columns;
  const { spotlightPos, spotlightColor, backgroundColor } = sample.columns;
  const float = formatCsvFloat;
  const zpos = float(0);

  return formatCsv(
    IMAGE_COLUMNS,
    sample.count,
    (i) =>
      `${objectShape[i]},${objectXpos[i]},${objectYpos[i]},${zpos},` +
      `${float(objectAlpharot[i])},${float(objectBetarot[i])},${float(objectGammarot[i])},${float(objectColor[i])},` +
      `${float(spotlightPos[i])},${float(spotlightColor[i])},${float(backgroundColor[i])}`,
  );
}

/** Formats the bytes of latents_text.csv exactly as pandas 1.5.3 writes the original generator's DataFrame. */
export function formatTextCsv(sample: LatentSample): Buffer {
  const { objectShape, objectXpos, objectYpos, objectColorName, objectColorIndex, textPhrasing } = sample.columns;
  const zpos = formatCsvFloat(0);

  return formatCsv(
    TEXT_COLUMNS,
    sample.count,
    (i) =>
      `${objectShape[i]},${objectXpos[i]},${objectYpos[i]},${zpos},` +
      `${formatCsvString(objectColorName[i])},${objectColorIndex[i]},${textPhrasing[i]}`,
  );
}

/** Writes latents_image.csv and latents_text.csv into an existing `folder`, each atomically; returns their paths. */
export function writeLatents(folder: string, sample: LatentSample): { imageFile: string; textFile: string } {
  const imageFile = path.join(folder, IMAGE_LATENTS_FILE);
  const textFile = path.join(folder, TEXT_LATENTS_FILE);
  writeFileAtomic(imageFile, formatImageCsv(sample));
  writeFileAtomic(textFile, formatTextCsv(sample));
  return { imageFile, textFile };
}

/** Writes latents_meta.json into an existing `folder`, atomically; returns its path. */
export function writeLatentsMeta(folder: string, meta: LatentsMeta): string {
  const file = path.join(folder, LATENTS_META_FILE);
  writeFileAtomic(file, JSON.stringify(meta, null, 2) + '\n');
  return file;
}
