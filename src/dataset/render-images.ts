import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { readImageLatents } from '../latents/read.js';
import { IMAGE_LATENTS_FILE, type ImageLatents } from '../latents/types.js';
import { PngWriterPool } from '../io/png-pool.js';
import { isValidPng } from '../io/png.js';
import { Renderer, type RenderRequest } from '../render/renderer.js';
import type { SceneDescription } from '../scene/scene-file.js';
import { imageFileName } from './image-names.js';
import { arraySplitRange } from './shards.js';

/** Name of the image folder inside a dataset folder. */
export const IMAGES_FOLDER = 'images';

/** Options of {@link renderImages}. */
export interface RenderImagesOptions {
  /** Dataset folder holding latents_image.csv; images go to its `images/` folder. */
  folder: string;
  scene: SceneDescription;
  samplesPerPixel?: number;
  bounces?: number;
  sampleSeed?: number;
  adapter?: string;
  /** Shard count K and shard index I: renders numpy.array_split(range(n), K)[I]. */
  nBatches?: number;
  batchIndex?: number;
  /** Images per dispatch; default from the renderer. */
  batchSize?: number;
  /** Re-render images that already exist and are valid. */
  overwrite?: boolean;
  /** Called after each batch is written. */
  onProgress?: (progress: RenderProgress) => void;
  /** Checked between batches; when it returns true the run stops after writing the batch in flight. */
  shouldStop?: () => boolean;
}

/** Progress after a batch: counts over this shard and timing so far. */
export interface RenderProgress {
  rendered: number;
  toRender: number;
  skipped: number;
  elapsedSeconds: number;
  rays: number;
  batchGpuMilliseconds: number;
}

/** Outcome of a run: what was rendered, skipped and whether it stopped early. */
export interface RenderImagesResult {
  total: number;
  shard: [number, number];
  rendered: number;
  skipped: number;
  stopped: boolean;
  rays: number;
  seconds: number;
  adapter: string;
}

/** Reads latents_image.csv of `folder` and checks each row's shape against the scene's shape table. */
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

/**
 * Renders the images of a dataset folder (or of one shard of it) to `images/<index>.png`.
 * Valid existing images are skipped unless `overwrite`; every PNG is written through a temporary name.
 */
export async function renderImages(options: RenderImagesOptions): Promise<RenderImagesResult> {
  const started = performance.now();
  const rows = readDatasetLatents(options.folder, options.scene);
  const n = rows.length;
  const nBatches = options.nBatches ?? 1;
  const batchIndex = options.batchIndex ?? 0;
  if (batchIndex >= nBatches) throw new InputError(`--batch-index ${batchIndex} must be smaller than --n-batches ${nBatches}.`);
  const [start, end] = arraySplitRange(n, nBatches, batchIndex);

  // Resume: keep images that decode at the right size.
  const imageFolder = path.join(options.folder, IMAGES_FOLDER);
  fs.mkdirSync(imageFolder, { recursive: true });
  const { width, height } = options.scene.image;
  const todo: number[] = [];
  for (let index = start; index < end; index++) {
    const file = path.join(imageFolder, imageFileName(index, n));
    if (options.overwrite || !isValidPng(file, width, height)) todo.push(index);
  }
  const skipped = end - start - todo.length;
  const result: RenderImagesResult = { total: n, shard: [start, end], rendered: 0, skipped, stopped: false, rays: 0, seconds: 0, adapter: '' };
  if (todo.length === 0) {
    result.seconds = (performance.now() - started) / 1000;
    return result;
  }

  const renderer = await Renderer.create({
    scene: options.scene,
    samplesPerPixel: options.samplesPerPixel,
    bounces: options.bounces,
    sampleSeed: options.sampleSeed,
    adapter: options.adapter,
    maxBatchImages: options.batchSize,
  });
  result.adapter = renderer.adapter.name;
  const pool = new PngWriterPool();
  const imageBytes = width * height * 4;

  try {
    // Render batch k+1 on the GPU while the pool encodes and writes batch k.
    let writing: Promise<void> = Promise.resolve();
    for (let offset = 0; offset < todo.length; offset += renderer.maxBatchImages) {
      if (options.shouldStop?.()) {
        result.stopped = true;
        break;
      }
      const indices = todo.slice(offset, offset + renderer.maxBatchImages);
      const requests: RenderRequest[] = indices.map((index) => ({ index, latents: rows[index] }));
      const batch = await renderer.renderBatch(requests);
      await writing;

      writing = Promise.all(
        indices.map((index, k) => pool.write(path.join(imageFolder, imageFileName(index, n)), batch.rgba.subarray(k * imageBytes, (k + 1) * imageBytes), width, height)),
      ).then(() => {
        result.rendered += indices.length;
        result.rays += batch.rays;
        options.onProgress?.({
          rendered: result.rendered,
          toRender: todo.length,
          skipped,
          elapsedSeconds: (performance.now() - started) / 1000,
          rays: result.rays,
          batchGpuMilliseconds: batch.gpuMilliseconds,
        });
      });
      // The rejection is awaited before the next batch; this handler only keeps Node from reporting it early.
      writing.catch(() => undefined);
    }
    await writing;
  } finally {
    await pool.close();
    renderer.destroy();
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
