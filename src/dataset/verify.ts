// Checks a dataset folder against what the original PyTorch loader (Multimodal3DIdent, datasets.py) needs.
//
// The loader takes the number of samples n from the sentences of text/text_raw.txt, opens
// images/<i>.png with i zero-padded to ceil(log10(n)) digits, and reads row i of both CSV files.
// It checks none of the counts itself (measured with datasets.py under torch 1.13.1 and nltk 3.8): a
// missing row or image only fails when that sample is read, and extra images are ignored. These
// checks report each such problem up front.
import fs from 'node:fs';
import path from 'node:path';
import { parseTemporaryName } from '../io/atomic.js';
import { findPngFileProblem } from '../io/png-check.js';
import { readImageLatents, readTextLatents } from '../latents/read.js';
import { IMAGE_LATENTS_FILE, TEXT_LATENTS_FILE, type ImageLatents, type TextLatents } from '../latents/types.js';
import { TEXT_FILE, TEXT_FOLDER } from '../text/render.js';
import { imageFileName, imageNameWidth } from './image-names.js';
import { readManifests, sha256File, sharedSettings } from './manifest.js';
import { IMAGES_FOLDER } from './render-images.js';
import { analyseSentenceLines } from './sentences.js';

/** Image size the loader's users expect. */
export const DATASET_IMAGE_SIZE = 224;

/** Kinds of problem, in the order the CLI reports them. */
export type ProblemKind =
  | 'latents'
  | 'text'
  | 'counts'
  | 'rows'
  | 'missing image'
  | 'invalid image'
  | 'name width'
  | 'extra image'
  | 'manifest';

/** One thing wrong with the folder. */
export interface Problem {
  kind: ProblemKind;
  message: string;
}

/** Outcome of {@link verifyDataset}. */
export interface VerifyReport {
  folder: string;
  /** Samples as the loader counts them (sentences), or the CSV row count when there is no text file. */
  samples: number;
  imagesChecked: number;
  problems: Problem[];
  /** Findings that do not break loading, such as temporary files of a run in progress or one that was killed. */
  warnings: string[];
}

/** Options of {@link verifyDataset}. */
export interface VerifyOptions {
  width?: number;
  height?: number;
  /** Called every `progressEvery` images with the count checked so far. */
  onProgress?: (checked: number, total: number) => void;
  progressEvery?: number;
}

/** Reads a CSV with `read`, turning its first error into a problem; returns undefined when the file is missing or invalid. */
function readCsv<Row>(file: string, read: (file: string) => Row[], problems: Problem[]): Row[] | undefined {
  if (!fs.existsSync(file)) {
    problems.push({ kind: 'latents', message: `${file}: missing; the loader reads its rows as labels` });
    return undefined;
  }
  try {
    return read(file);
  } catch (error) {
    problems.push({ kind: 'latents', message: (error as Error).message });
    return undefined;
  }
}

/** Checks text/text_raw.txt; returns its sentence count, or undefined when it is missing. */
function checkText(file: string, problems: Problem[]): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'missing; the loader counts samples by its sentences' : `cannot be read (${code})`;
    problems.push({ kind: 'text', message: `${file}: ${reason}` });
    return undefined;
  }

  const lines = analyseSentenceLines(text);
  if (lines.count === 0) problems.push({ kind: 'text', message: `${file}: no sentences; the loader fails on an empty dataset` });
  for (const line of lines.blankLines) problems.push({ kind: 'text', message: `${file}: line ${line} is blank; the generator writes one sentence per line` });
  for (const line of lines.multiSentenceLines) {
    problems.push({ kind: 'text', message: `${file}: line ${line} contains more than one sentence; the loader's sentence splitter counts each` });
  }
  for (const line of lines.unterminatedLines) {
    problems.push({ kind: 'text', message: `${file}: line ${line} does not end with a full stop; the loader's sentence splitter joins it with the next line` });
  }
  return lines.count;
}

/** Reports rows where latents_image.csv and latents_text.csv disagree on shape or position. */
function checkRowsAgree(imageRows: ImageLatents[], textRows: TextLatents[], problems: Problem[]): void {
  const fields = ['objectShape', 'objectXpos', 'objectYpos', 'objectZpos'] as const;
  const columns = ['object_shape', 'object_xpos', 'object_ypos', 'object_zpos'];
  const rows = Math.min(imageRows.length, textRows.length);
  for (let i = 0; i < rows; i++) {
    const k = fields.findIndex((field) => imageRows[i][field] !== textRows[i][field]);
    if (k < 0) continue;
    problems.push({
      kind: 'rows',
      message: `row ${i + 1}: ${columns[k]} is ${imageRows[i][fields[k]]} in ${IMAGE_LATENTS_FILE} but ${textRows[i][fields[k]]} in ${TEXT_LATENTS_FILE}; the files belong to different runs`,
    });
  }
}

/** Checks images/ for the n expected names, their contents, and names the loader would never open. */
function checkImages(folder: string, n: number, options: VerifyOptions, problems: Problem[], warnings: string[]): number {
  const imageFolder = path.join(folder, IMAGES_FOLDER);
  let names: string[];
  try {
    names = fs.readdirSync(imageFolder);
  } catch {
    problems.push({ kind: 'missing image', message: `${imageFolder}: folder missing; expected ${n} images` });
    return 0;
  }

  const width = options.width ?? DATASET_IMAGE_SIZE;
  const height = options.height ?? DATASET_IMAGE_SIZE;
  const present = new Set(names);
  const every = options.progressEvery ?? 1000;
  let checked = 0;
  for (let i = 0; i < n; i++) {
    const name = imageFileName(i, n);
    if (!present.has(name)) {
      problems.push({ kind: 'missing image', message: `${IMAGES_FOLDER}/${name}: missing (sample ${i})` });
      continue;
    }
    const problem = findPngFileProblem(path.join(imageFolder, name), width, height, true);
    if (problem !== undefined) problems.push({ kind: 'invalid image', message: `${IMAGES_FOLDER}/${name}: ${problem}` });
    checked++;
    if (checked % every === 0) options.onProgress?.(checked, n);
  }

  const expectedWidth = imageNameWidth(n);
  for (const name of [...names].sort()) {
    const temporary = parseTemporaryName(name);
    if (temporary) {
      warnings.push(`${IMAGES_FOLDER}/${name}: temporary file of process ${temporary.pid}, from a run in progress or one that was killed; the next m3di images run removes it once that process is gone`);
      continue;
    }
    const match = /^(\d+)\.png$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    if (index >= n) {
      problems.push({ kind: 'extra image', message: `${IMAGES_FOLDER}/${name}: no sample ${index} (the dataset has ${n}); the loader ignores it` });
    } else if (name !== imageFileName(index, n)) {
      problems.push({
        kind: 'name width',
        message: `${IMAGES_FOLDER}/${name}: ${match[1].length}-digit name, but with ${n} samples the loader opens ${imageFileName(index, n)} (names of ${expectedWidth} ${expectedWidth === 1 ? 'digit' : 'digits'})`,
      });
    }
  }
  return checked;
}

/** Checks that the shard manifests, if any, describe complete runs with the same settings and the current latents. */
function checkManifests(folder: string, latentsSha256: string | undefined, problems: Problem[]): void {
  const entries = readManifests(folder);
  let reference: { name: string; settings: Record<string, string> } | undefined;
  for (const entry of entries) {
    const where = `manifests/${entry.name}`;
    if (!entry.manifest) {
      problems.push({ kind: 'manifest', message: `${where}: not valid JSON (${entry.error})` });
      continue;
    }
    const manifest = entry.manifest;
    if (manifest.status !== 'complete') {
      const states: Record<string, string> = { running: 'is still running or was killed', stopped: 'stopped', failed: 'failed' };
      const reason = manifest.reason ? ` (${manifest.reason})` : '';
      problems.push({ kind: 'manifest', message: `${where}: the last run ${states[manifest.status] ?? `has status ${manifest.status}`}${reason}; rerun that shard to finish it` });
    }
    if (latentsSha256 !== undefined && manifest.latents?.sha256 !== latentsSha256) {
      problems.push({ kind: 'manifest', message: `${where}: rendered from a different ${IMAGE_LATENTS_FILE} (SHA-256 differs); rerun that shard with --overwrite` });
    }

    const settings = sharedSettings(manifest);
    if (!reference) {
      reference = { name: entry.name, settings };
      continue;
    }
    for (const [name, value] of Object.entries(settings)) {
      if (name === 'latents sha256' || value === reference.settings[name]) continue;
      problems.push({ kind: 'manifest', message: `${where}: ${name} ${value} differs from ${reference.settings[name]} in manifests/${reference.name}` });
    }
  }
}

/**
 * Checks dataset folder `folder` for what the loader needs: both CSV files valid with one row per
 * sentence of text/text_raw.txt, each sentence on its own line, and images/<i>.png for every sample
 * with the name width the loader computes, decoding at 224 × 224. Also reports images the loader never
 * opens and shard manifests that are incomplete or disagree.
 */
export function verifyDataset(folder: string, options: VerifyOptions = {}): VerifyReport {
  const problems: Problem[] = [];
  const warnings: string[] = [];

  const imageRows = readCsv(path.join(folder, IMAGE_LATENTS_FILE), readImageLatents, problems);
  const textRows = readCsv(path.join(folder, TEXT_LATENTS_FILE), readTextLatents, problems);
  const sentences = checkText(path.join(folder, TEXT_FOLDER, TEXT_FILE), problems);

  const counts: string[] = [];
  if (imageRows) counts.push(`${IMAGE_LATENTS_FILE} has ${imageRows.length} rows`);
  if (textRows) counts.push(`${TEXT_LATENTS_FILE} has ${textRows.length} rows`);
  if (sentences !== undefined) counts.push(`${TEXT_FOLDER}/${TEXT_FILE} has ${sentences} sentences`);
  const values = [imageRows?.length, textRows?.length, sentences].filter((value): value is number => value !== undefined);
  if (values.some((value) => value !== values[0])) problems.push({ kind: 'counts', message: `counts differ: ${counts.join(', ')}` });
  if (imageRows && textRows) checkRowsAgree(imageRows, textRows, problems);

  const samples = sentences ?? imageRows?.length ?? textRows?.length ?? 0;
  const imagesChecked = samples > 0 ? checkImages(folder, samples, options, problems, warnings) : 0;

  const latentsSha256 = imageRows ? sha256File(path.join(folder, IMAGE_LATENTS_FILE)) : undefined;
  checkManifests(folder, latentsSha256, problems);

  return { folder, samples, imagesChecked, problems, warnings };
}
