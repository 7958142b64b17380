import { InputError } from '../errors.js';
import { parseOutputKinds, type OutputKind } from '../dataset/output-kinds.js';
import type { RenderImagesOptions } from '../dataset/render-images.js';
import { loadScene, type SceneDescription } from '../scene/scene-file.js';
import { parseIntegerFlag } from './args.js';
import { parseProgressMode, type ProgressMode } from './progress.js';

/** Flags shared by `m3di images` and `m3di generate`. */
export const RENDER_FLAG_OPTIONS = {
  'n-batches': { type: 'string' },
  'batch-index': { type: 'string' },
  spp: { type: 'string' },
  bounces: { type: 'string' },
  scene: { type: 'string' },
  'no-spotlights': { type: 'boolean' },
  'use-gpu': { type: 'boolean' },
  adapter: { type: 'string' },
  'batch-size': { type: 'string' },
  'sample-seed': { type: 'string' },
  overwrite: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  progress: { type: 'string' },
  outputs: { type: 'string' },
} as const;

/** Help text of the shared render flags. */
export const RENDER_FLAG_USAGE = `render options:
  --n-batches K --batch-index I  render part I of K (numpy.array_split of the row indices), I from 0
  --spp N                samples per pixel (default from the scene file)
  --bounces B            indirect bounces; 0 = direct light only, as the original (default from the scene file)
  --scene FILE           scene file (meshes, camera, lights, material); default scenes/multimodal3dident.json
  --no-spotlights        turn the spotlight off
  --use-gpu              accepted for compatibility with the original script; m3di always uses WebGPU
  --adapter NAME         use the first GPU adapter whose name contains NAME
  --batch-size N         images per GPU dispatch (default sized from the device limits)
  --sample-seed S        seed of the per-pixel random numbers (default 0)
  --overwrite            re-render images that already exist and are valid
  --outputs LIST         comma-separated outputs (default rgb): rgb = images/, mask = masks/
                         (8-bit PNG, 255 = object), depth = depth/ (float32 .npy, metres along the
                         viewing axis), normal = normals/ (world-space normal as RGB n * 0.5 + 0.5)
  -q, --quiet            print nothing but errors
  --progress MODE        progress on stderr: auto (a bar on a terminal, else a line every 10 s),
                         bar, lines, json (one object per batch) or none; default auto, none with --quiet`;

type RenderFlagValues = { [K in keyof typeof RENDER_FLAG_OPTIONS]?: (typeof RENDER_FLAG_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** Turns parsed render flags into renderImages options (without the folder) and the scene. */
export function parseRenderFlags(
  values: RenderFlagValues,
): Omit<RenderImagesOptions, 'folder'> & { scene: SceneDescription; quiet: boolean; progressMode: ProgressMode; outputs: Set<OutputKind> } {
  const scene = loadScene(values.scene);
  if (values['no-spotlights']) scene.spotlight.power = 0;

  const nBatches = values['n-batches'] === undefined ? 1 : parseIntegerFlag('--n-batches', values['n-batches'], 1, 1_000_000);
  const batchIndex = values['batch-index'] === undefined ? 0 : parseIntegerFlag('--batch-index', values['batch-index'], 0, 999_999);
  if (batchIndex >= nBatches) {
    throw new InputError(`invalid --batch-index ${batchIndex}: must be below --n-batches ${nBatches}; give an index from 0 to ${nBatches - 1}`);
  }

  return {
    scene,
    nBatches,
    batchIndex,
    samplesPerPixel: values.spp === undefined ? undefined : parseIntegerFlag('--spp', values.spp, 1, 1 << 16),
    bounces: values.bounces === undefined ? undefined : parseIntegerFlag('--bounces', values.bounces, 0, 64),
    adapter: values.adapter,
    batchSize: values['batch-size'] === undefined ? undefined : parseIntegerFlag('--batch-size', values['batch-size'], 1, 65535),
    sampleSeed: values['sample-seed'] === undefined ? undefined : parseIntegerFlag('--sample-seed', values['sample-seed'], 0, 0xffffffff),
    overwrite: values.overwrite ?? false,
    quiet: values.quiet ?? false,
    progressMode: parseProgressMode(values.progress, values.quiet ?? false),
    outputs: values.outputs === undefined ? new Set(['rgb']) : parseOutputKinds(values.outputs),
  };
}
