// Checks of a dataset folder's inputs that run before any image is rendered.
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { readImageLatents } from '../latents/read.js';
import { IMAGE_LATENTS_FILE, TEXT_LATENTS_FILE, type ImageLatents } from '../latents/types.js';
import type { SceneDescription } from '../scene/scene-file.js';
import { TEXT_FILE, TEXT_FOLDER } from '../text/render.js';
import { analyseSentenceLines } from './sentences.js';

/** Reads latents_image.csv of `folder`, checking every cell and each row's shape against the scene's shape table. */
export function readDatasetLatents(folder: string, scene: SceneDescription): ImageLatents[] {
  const file = path.join(folder, IMAGE_LATENTS_FILE);
  const rows = readImageLatents(file);
  rows.forEach((row, i) => {
    if (row.objectShape >= scene.shapes.length) {
      throw new InputError(
        `${file}: row ${i + 1}, column object_shape: shape ${row.objectShape} is not in the scene file ${scene.file} (it has ${scene.shapes.length} shapes). Use a scene file that lists it.`,
      );
    }
  });
  if (rows.length === 0) throw new InputError(`${file}: no data rows; regenerate it with \`m3di latents\`.`);
  return rows;
}

/** Reads `file` as UTF-8, or returns undefined when it does not exist. */
function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`${file}: cannot be read (${(error as Error).message}).`);
  }
}

/** Counts the data rows of a CSV file: non-blank lines after the header. Cells are not parsed. */
function countCsvRows(text: string): number {
  let rows = -1;
  for (const line of text.split('\n')) if (line.trim() !== '') rows++;
  return Math.max(rows, 0);
}

/**
 * Checks that latents_text.csv and text/text_raw.txt, where present, have one row or sentence line
 * per row of latents_image.csv. Throws InputError naming both files and both counts otherwise.
 */
export function checkCountsAgree(folder: string, imageRows: number): void {
  const imageFile = path.join(folder, IMAGE_LATENTS_FILE);
  const fix = 'Regenerate the folder with `m3di latents` (same --seed and --n-points) and `m3di text`.';

  const textCsv = path.join(folder, TEXT_LATENTS_FILE);
  const textCsvContents = readIfPresent(textCsv);
  if (textCsvContents !== undefined) {
    const textRows = countCsvRows(textCsvContents);
    if (textRows !== imageRows) {
      throw new InputError(`${imageFile} has ${imageRows} rows but ${textCsv} has ${textRows}; they must match row for row. ${fix}`);
    }
  }

  const textFile = path.join(folder, TEXT_FOLDER, TEXT_FILE);
  const text = readIfPresent(textFile);
  if (text !== undefined) {
    const lines = analyseSentenceLines(text).count;
    if (lines !== imageRows) {
      throw new InputError(`${imageFile} has ${imageRows} rows but ${textFile} has ${lines} sentence lines; they must match one to one. ${fix}`);
    }
  }
}
