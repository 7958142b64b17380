// Writing the optional ground truth of a dataset folder: masks/, depth/ and normals/ beside images/.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { writeFileAtomic } from '../io/atomic.js';
import { decodeNpyFloat32, encodeNpyFloat32 } from '../io/npy.js';
import { findPngFileProblem } from '../io/png-check.js';
import { AuxRenderer, type AuxBatch } from '../render/aux-renderer.js';
import type { SceneDescription } from '../scene/scene-file.js';
import { readDatasetLatents } from './inputs.js';
import { OUTPUT_FOLDERS, outputFileName, type OutputKind } from './output-kinds.js';
import type { RenderProgress } from './render-images.js';
import { arraySplitRange } from './shards.js';

/** The outputs this pass writes; `rgb` is the path tracer's. */
export type AuxKind = Exclude<OutputKind, 'rgb'>;

/** Options of {@link renderAuxOutputs}. */
export interface AuxOutputsOptions {
  folder: string;
  scene: SceneDescription;
  kinds: ReadonlySet<AuxKind>;
  adapter?: string;
  /** Shard count K and shard index I, as for the images. */
  nBatches?: number;
  batchIndex?: number;
  /** Rewrite outputs that already exist and are valid. */
  overwrite?: boolean;
  onProgress?: (progress: RenderProgress) => void;
  /** Checked between batches; a returned reason stops the pass after the batch in flight. */
  shouldStop?: () => string | undefined;
}

/** Outcome of {@link renderAuxOutputs}. */
export interface AuxOutputsResult {
  shard: [number, number];
  /** Samples whose outputs were written in this run. */
  rendered: number;
  /** Samples whose requested outputs all existed and were valid. */
  skipped: number;
  stopped: string | undefined;
  seconds: number;
}

/** Encodes one-byte-a-pixel data as an 8-bit greyscale PNG. */
export function encodeGrayPng(gray: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(gray.buffer, gray.byteOffset, width * height);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/** Encodes three-bytes-a-pixel data as an 8-bit RGB PNG. */
export function encodeRgb24Png(rgb: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, width * height * 3);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}

/** Returns true when the output file of `kind` exists and contains a whole image of the scene's size. */
function isValidOutput(kind: AuxKind, file: string, width: number, height: number): boolean {
  if (kind !== 'depth') return fs.existsSync(file) && findPngFileProblem(file, width, height) === undefined;
  try {
    const { shape } = decodeNpyFloat32(fs.readFileSync(file));
    return shape.length === 2 && shape[0] === height && shape[1] === width;
  } catch {
    return false;
  }
}

/** Encodes image `k` of `batch` as the file contents of output `kind`. */
function encodeOutput(kind: AuxKind, batch: AuxBatch, k: number, width: number, height: number): Buffer {
  const pixels = width * height;
  switch (kind) {
    case 'mask':
      return encodeGrayPng(batch.mask.subarray(k * pixels, (k + 1) * pixels), width, height);
    case 'depth':
      return encodeNpyFloat32(batch.depth.subarray(k * pixels, (k + 1) * pixels), [height, width]);
    case 'normal':
      return encodeRgb24Png(batch.normal.subarray(3 * k * pixels, 3 * (k + 1) * pixels), width, height);
  }
}

/**
 * Writes the requested ground truth of every sample in the shard: DIR/masks/<name>.png,
 * DIR/depth/<name>.npy and DIR/normals/<name>.png, named like the images. Samples whose requested
 * outputs all exist and are valid are skipped unless `overwrite`, so a rerun resumes.
 */
export async function renderAuxOutputs(options: AuxOutputsOptions): Promise<AuxOutputsResult> {
  const started = performance.now();
  const rows = readDatasetLatents(options.folder, options.scene);
  const n = rows.length;
  const [start, end] = arraySplitRange(n, options.nBatches ?? 1, options.batchIndex ?? 0);
  const { width, height } = options.scene.image;
  const kinds = [...options.kinds];
  const fileOf = (kind: AuxKind, index: number) => path.join(options.folder, OUTPUT_FOLDERS[kind], outputFileName(kind, index, n));
  for (const kind of kinds) fs.mkdirSync(path.join(options.folder, OUTPUT_FOLDERS[kind]), { recursive: true });

  const todo: number[] = [];
  for (let index = start; index < end; index++) {
    if (options.overwrite || kinds.some((kind) => !isValidOutput(kind, fileOf(kind, index), width, height))) todo.push(index);
  }
  const result: AuxOutputsResult = { shard: [start, end], rendered: 0, skipped: end - start - todo.length, stopped: undefined, seconds: 0 };
  if (todo.length > 0) {
    const elapsedSeconds = (performance.now() - started) / 1000;
    options.onProgress?.({ rendered: 0, toRender: todo.length, skipped: result.skipped, elapsedSeconds, rays: 0, batchGpuMilliseconds: 0 });
    const renderer = await AuxRenderer.create({ scene: options.scene, adapter: options.adapter });
    try {
      for (let offset = 0; offset < todo.length; offset += renderer.maxBatchImages) {
        result.stopped = options.shouldStop?.();
        if (result.stopped) break;
        const indices = todo.slice(offset, offset + renderer.maxBatchImages);
        const batchStarted = performance.now();
        const batch = await renderer.renderBatch(indices.map((index) => ({ index, latents: rows[index] })));
        indices.forEach((index, k) => {
          for (const kind of kinds) writeFileAtomic(fileOf(kind, index), encodeOutput(kind, batch, k, width, height));
        });
        result.rendered += indices.length;
        options.onProgress?.({
          rendered: result.rendered,
          toRender: todo.length,
          skipped: result.skipped,
          elapsedSeconds: (performance.now() - started) / 1000,
          rays: result.rendered * width * height,
          batchGpuMilliseconds: performance.now() - batchStarted,
        });
      }
    } finally {
      renderer.destroy();
    }
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
