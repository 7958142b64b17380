// The outputs that --outputs selects, run in turn for `m3di images` and `m3di generate`: the path
// traced images, then the ground truth from primary rays (masks, depth, normals).
import { renderAuxOutputs, type AuxKind } from '../dataset/aux-outputs.js';
import { OUTPUT_FOLDERS, type OutputKind } from '../dataset/output-kinds.js';
import type { RenderImagesOptions } from '../dataset/render-images.js';
import { webgpu } from '../render/gpu-device.js';
import { createProgressReporter, type ProgressMode } from './progress.js';
import { runRenderStage } from './render-run.js';
import type { StopSignals } from './stop-signals.js';

/** Render options plus what the CLI adds: quiet mode, progress mode and the requested outputs. */
export type OutputStageOptions = RenderImagesOptions & { quiet: boolean; progressMode: ProgressMode; outputs: ReadonlySet<OutputKind> };

/**
 * Renders the images when `rgb` is requested, then writes the requested masks, depth and normals
 * for the same shard. Returns the exit status: that of the image stage when it did not complete,
 * 130 or 143 when a signal stopped the ground-truth stage, else 0.
 */
export async function runOutputStages(command: string, argv: string[], options: OutputStageOptions, stop: StopSignals): Promise<number> {
  // Dawn writes its adapter warnings straight to stderr when the first adapter is requested (on
  // lavapipe, two "artificially reduced" limits). Requesting one now puts them before the progress
  // output instead of in the middle of the bar's line.
  await webgpu().requestAdapter();

  if (options.outputs.has('rgb')) {
    const progress = createProgressReporter(options.progressMode);
    let status: number;
    try {
      status = await runRenderStage(command, argv, { ...options, onProgress: (update) => progress.update(update) }, stop);
    } finally {
      progress.finish();
    }
    if (status !== 0) return status;
  }

  const kinds = [...options.outputs].filter((kind): kind is AuxKind => kind !== 'rgb');
  if (kinds.length === 0) return 0;
  const folders = kinds.map((kind) => `${OUTPUT_FOLDERS[kind]}/`).join(', ');
  const progress = createProgressReporter(options.progressMode, { label: kinds.join('+') });
  let result: Awaited<ReturnType<typeof renderAuxOutputs>>;
  try {
    result = await renderAuxOutputs({
      folder: options.folder,
      scene: options.scene,
      kinds: new Set(kinds),
      adapter: options.adapter,
      nBatches: options.nBatches,
      batchIndex: options.batchIndex,
      overwrite: options.overwrite,
      onProgress: (update) => progress.update(update),
      shouldStop: stop.reason,
    });
  } finally {
    progress.finish();
  }

  const [start, end] = result.shard;
  if (!options.quiet) {
    console.log(`${folders} of samples ${start}..${end - 1}: wrote ${result.rendered}, skipped ${result.skipped} valid existing, ${result.seconds.toFixed(1)} s`);
  }
  if (result.stopped === undefined) return 0;
  console.error(`m3di ${command}: stopped by ${result.stopped} while writing ${folders}; rerun the same command to resume`);
  return stop.exitStatus();
}
