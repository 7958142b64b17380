import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { removeStaleTemporaryFiles } from '../io/atomic.js';
import { PngWriterPool } from '../io/png-pool.js';
import { findPngFileProblem } from '../io/png-check.js';
import type { ImageLatents } from '../latents/types.js';
import type { AdapterDescription } from '../render/gpu-device.js';
import type { RenderRequest } from '../render/renderer.js';
import type { SceneDescription } from '../scene/scene-file.js';
import { TEXT_FOLDER } from '../text/render.js';
import { imageFileName } from './image-names.js';
import { checkCountsAgree, readDatasetLatents } from './inputs.js';
import { MANIFESTS_FOLDER, startManifest, writeManifest, type RunManifest } from './manifest.js';
import { asOutputFolderError } from './output-errors.js';
import { RecoveringRenderer, type RendererFactory, type RetryEvent } from './recovering-renderer.js';
import { arraySplitRange } from './shards.js';

export { readDatasetLatents } from './inputs.js';

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
  /** Called once with `rendered` 0 before the renderer starts (when there is anything to render), then after each batch is written. */
  onProgress?: (progress: RenderProgress) => void;
  /** Checked between batches; when it returns a reason (such as "SIGTERM") the run stops after writing the batch in flight. */
  shouldStop?: () => string | undefined;
  /** Called before a failed batch is retried on a newly created renderer. */
  onRetry?: (event: RetryEvent) => void;
  /** Retries of one batch before the run fails; default 3. */
  maxRetries?: number;
  /** Command-line arguments recorded in the run manifest. */
  command?: string[];
  /** Creates each renderer; default Renderer.create. */
  createRenderer?: RendererFactory;
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
  /** Reason the run stopped early (from `shouldStop`), or undefined when it rendered its whole shard. */
  stopped: string | undefined;
  rays: number;
  seconds: number;
  adapter: string;
  /** Batches retried on a new renderer. */
  retries: number;
  /** Temporary files of killed runs that were removed before rendering. */
  removedTemporaryFiles: string[];
  manifestFile: string;
}

/** Returns the image indices of one shard that need rendering: all with `overwrite`, else those without a valid PNG. */
function planShard(imageFolder: string, start: number, end: number, n: number, scene: SceneDescription, overwrite: boolean): number[] {
  const { width, height } = scene.image;
  const todo: number[] = [];
  for (let index = start; index < end; index++) {
    if (overwrite || findPngFileProblem(path.join(imageFolder, imageFileName(index, n)), width, height) !== undefined) todo.push(index);
  }
  return todo;
}

/**
 * Creates `folder` inside an existing parent unless it exists. Unlike a recursive mkdir, which Node
 * reports as ENOENT on a read-only file system, this surfaces the real cause (EROFS, EACCES).
 */
function makeFolder(folder: string): void {
  try {
    fs.mkdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Removes temporary files that killed runs left in the dataset folder and its subfolders; returns their paths. */
function removeLeftovers(folder: string): string[] {
  const folders = [folder, path.join(folder, IMAGES_FOLDER), path.join(folder, TEXT_FOLDER), path.join(folder, MANIFESTS_FOLDER)];
  return folders.flatMap((dir) => removeStaleTemporaryFiles(dir).map((name) => path.join(dir, name)));
}

/**
 * Renders the images of a dataset folder (or of one shard of it) to `images/<index>.png`.
 * Valid existing images are skipped unless `overwrite`; every PNG is written through a temporary name,
 * so a killed run leaves only whole images. Writes DIR/manifests/shard-I-of-K.json at the start and end.
 * Throws InputError for bad inputs and for an output folder that is full or not writable.
 */
export async function renderImages(options: RenderImagesOptions): Promise<RenderImagesResult> {
  const started = performance.now();
  const { folder, scene } = options;
  const rows = readDatasetLatents(folder, scene);
  const n = rows.length;
  checkCountsAgree(folder, n);

  const nBatches = options.nBatches ?? 1;
  const batchIndex = options.batchIndex ?? 0;
  if (batchIndex >= nBatches) throw new InputError(`--batch-index ${batchIndex} must be smaller than --n-batches ${nBatches}.`);
  const [start, end] = arraySplitRange(n, nBatches, batchIndex);

  const imageFolder = path.join(folder, IMAGES_FOLDER);
  let removedTemporaryFiles: string[];
  let todo: number[];
  let manifest: RunManifest;
  let manifestFile: string;
  try {
    makeFolder(imageFolder);
    fs.accessSync(imageFolder, fs.constants.W_OK);
    removedTemporaryFiles = removeLeftovers(folder);
    todo = planShard(imageFolder, start, end, n, scene, options.overwrite ?? false);
    manifest = startManifest({
      folder,
      command: options.command ?? [],
      rows: n,
      scene,
      render: {
        samplesPerPixel: options.samplesPerPixel ?? scene.render.samplesPerPixel,
        bounces: options.bounces ?? scene.render.bounces,
        sampleSeed: options.sampleSeed ?? 0,
        batchSize: options.batchSize ?? null,
        overwrite: options.overwrite ?? false,
      },
      shard: { nBatches, batchIndex, start, end },
      counts: { toRender: 0, rendered: 0, skipped: 0, retries: 0 },
    });
    manifest.counts.toRender = todo.length;
    manifest.counts.skipped = end - start - todo.length;
    manifestFile = writeManifest(folder, manifest);
  } catch (error) {
    throw asOutputFolderError(error, folder) ?? error;
  }

  const result: RenderImagesResult = {
    total: n,
    shard: [start, end],
    rendered: 0,
    skipped: end - start - todo.length,
    stopped: undefined,
    rays: 0,
    seconds: 0,
    adapter: '',
    retries: 0,
    removedTemporaryFiles,
    manifestFile,
  };

  // Report before the renderer compiles its kernel, which can take minutes on a CPU driver, so progress shows at once.
  if (todo.length > 0) {
    const elapsedSeconds = (performance.now() - started) / 1000;
    options.onProgress?.({ rendered: 0, toRender: todo.length, skipped: result.skipped, elapsedSeconds, rays: 0, batchGpuMilliseconds: 0 });
  }

  let failure: unknown;
  try {
    if (todo.length > 0) manifest.adapter = await renderTodo(options, rows, todo, imageFolder, result, started);
  } catch (error) {
    failure = asOutputFolderError(error, imageFolder) ?? error;
  }

  result.seconds = (performance.now() - started) / 1000;
  finishManifest(folder, manifest, result, failure);
  if (failure !== undefined) throw failure;
  return result;
}

/**
 * Renders `todo` in batches, writing each batch's PNGs while the next batch renders, and updates
 * `result` as batches land. Returns the adapter that rendered.
 */
async function renderTodo(
  options: RenderImagesOptions,
  rows: ImageLatents[],
  todo: number[],
  imageFolder: string,
  result: RenderImagesResult,
  started: number,
): Promise<AdapterDescription> {
  const { scene } = options;
  const n = rows.length;
  const renderer = await RecoveringRenderer.create(
    {
      scene,
      samplesPerPixel: options.samplesPerPixel,
      bounces: options.bounces,
      sampleSeed: options.sampleSeed,
      adapter: options.adapter,
      maxBatchImages: options.batchSize,
    },
    options.createRenderer,
    options.maxRetries,
    options.onRetry,
  );
  result.adapter = renderer.adapter.name;
  const pool = new PngWriterPool();
  const { width, height } = scene.image;
  const imageBytes = width * height * 4;

  try {
    // Render batch k+1 on the GPU while the pool encodes and writes batch k.
    let writing: Promise<void> = Promise.resolve();
    for (let offset = 0; offset < todo.length; offset += renderer.maxBatchImages) {
      const stopReason = options.shouldStop?.();
      if (stopReason !== undefined) {
        result.stopped = stopReason;
        break;
      }
      const indices = todo.slice(offset, offset + renderer.maxBatchImages);
      const requests: RenderRequest[] = indices.map((index) => ({ index, latents: rows[index] }));
      const batch = await renderer.renderBatch(requests);
      result.retries = renderer.retries;
      await writing;

      // Every write of the batch settles before a failure is reported, so no write is cut off half way.
      const writes = indices.map((index, k) =>
        pool.write(path.join(imageFolder, imageFileName(index, n)), batch.rgba.subarray(k * imageBytes, (k + 1) * imageBytes), width, height),
      );
      writing = Promise.allSettled(writes).then((outcomes) => {
        result.rendered += outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
        const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        if (failed) throw failed.reason;
        result.rays += batch.rays;
        options.onProgress?.({
          rendered: result.rendered,
          toRender: todo.length,
          skipped: result.skipped,
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
  return renderer.adapter;
}

/** Records the outcome in the manifest. A failure to write it is ignored when the run already failed (a full disk fails both). */
function finishManifest(folder: string, manifest: RunManifest, result: RenderImagesResult, failure: unknown): void {
  if (failure !== undefined) {
    manifest.status = 'failed';
    manifest.reason = failure instanceof Error ? failure.message : String(failure);
  } else if (result.stopped !== undefined) {
    manifest.status = 'stopped';
    manifest.reason = result.stopped;
  } else {
    manifest.status = 'complete';
  }
  manifest.finished = new Date().toISOString();
  manifest.seconds = Math.round(result.seconds * 1000) / 1000;
  manifest.counts.rendered = result.rendered;
  manifest.counts.retries = result.retries;
  try {
    writeManifest(folder, manifest);
  } catch (error) {
    if (failure === undefined) throw asOutputFolderError(error, folder) ?? error;
  }
}
